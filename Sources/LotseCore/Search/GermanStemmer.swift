// GermanStemmer: the Snowball German stemming algorithm on folded words (lowercase ASCII,
// umlauts already written as ae/oe/ue, ß as ss), so that plural, case and verb forms of a
// word meet at one stem: "wohnungen" → "wohnung", "kindern" → "kind", "beraten" → "berat".
// Plurals that umlaut the stem vowel ("Umzüge", "Gärten") meet their singular through
// `withoutUmlauts`, Snowball's final step (ä, ö, ü → a, o, u) on the folded spelling.

/// Stems folded German words.
public enum GermanStemmer {
    /// The stem of a folded word. Words with anything but a–z are returned unchanged.
    public static func stem(_ word: String) -> String {
        var letters = Array(word.utf8)
        guard letters.count > 3, letters.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return word }
        // u and y between vowels act as consonants (marked upper case while stemming).
        for index in 1..<(letters.count - 1) where isVowel(letters[index - 1]) && isVowel(letters[index + 1]) {
            if letters[index] == u8("u") { letters[index] = u8("U") } else if letters[index] == u8("y") { letters[index] = u8("Y") }
        }
        let (r1, r2) = regions(letters)
        step1(&letters, r1: r1)
        step2(&letters, r1: r1)
        step3(&letters, r1: r1, r2: r2)
        for index in letters.indices {
            if letters[index] == u8("U") { letters[index] = u8("u") } else if letters[index] == u8("Y") { letters[index] = u8("y") }
        }
        return String(decoding: letters, as: UTF8.self)
    }

    /// The stem with its umlauts (folded to ae, oe, ue) written as the bare vowel, as Snowball
    /// does at its end: "umzueg" (Umzügen) → "umzug", "gaert" (Gärten) → "gart"; nil when the
    /// stem has none. "ue" after a, e or q is no umlaut ("steuer", "bauer", "quelle").
    /// An alternative to `stem`, not a replacement: a folded "ue" may be written out
    /// ("aktuell"), and documents keep the umlaut spelling of inflected forms ("antraegen").
    public static func withoutUmlauts(_ stem: String) -> String? {
        let letters = Array(stem.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(letters.count)
        var index = 0
        while index < letters.count {
            let letter = letters[index]
            if index + 1 < letters.count, letters[index + 1] == u8("e"),
               letter == u8("a") || letter == u8("o")
                || (letter == u8("u") && (index == 0 || ![u8("a"), u8("e"), u8("q")].contains(letters[index - 1]))) {
                result.append(letter)
                index += 2
                continue
            }
            result.append(letter)
            index += 1
        }
        return result.count == letters.count ? nil : String(decoding: result, as: UTF8.self)
    }

    private static func u8(_ character: Unicode.Scalar) -> UInt8 { UInt8(character.value) }

    private static func isVowel(_ letter: UInt8) -> Bool {
        switch letter {
        case u8("a"), u8("e"), u8("i"), u8("o"), u8("u"), u8("y"): true
        default: false
        }
    }

    /// R1 starts after the first non-vowel that follows a vowel (at least at index 3); R2 is
    /// the same region taken again inside R1.
    private static func regions(_ letters: [UInt8]) -> (Int, Int) {
        func after(_ start: Int) -> Int {
            var index = start
            while index + 1 < letters.count {
                if isVowel(letters[index]) && !isVowel(letters[index + 1]) { return index + 2 }
                index += 1
            }
            return letters.count
        }
        let r1 = max(3, after(0))
        return (r1, after(r1))
    }

    private static func ends(_ letters: [UInt8], _ suffix: String) -> Bool {
        let bytes = Array(suffix.utf8)
        return letters.count >= bytes.count && Array(letters.suffix(bytes.count)) == bytes
    }

    /// The longest of `suffixes` that `letters` ends with.
    private static func longest(_ letters: [UInt8], _ suffixes: [String]) -> String? {
        suffixes.filter { ends(letters, $0) }.max { $0.utf8.count < $1.utf8.count }
    }

    private static func isSEnding(_ letter: UInt8) -> Bool { Array("bdfghklmnrt".utf8).contains(letter) }
    private static func isSTEnding(_ letter: UInt8) -> Bool { Array("bdfghklmnt".utf8).contains(letter) }

    private static func step1(_ letters: inout [UInt8], r1: Int) {
        guard let suffix = longest(letters, ["em", "ern", "er", "e", "en", "es", "s"]) else { return }
        let start = letters.count - suffix.utf8.count
        guard start >= r1 else { return }
        switch suffix {
        case "em", "ern", "er":
            letters.removeLast(suffix.utf8.count)
        case "e", "en", "es":
            letters.removeLast(suffix.utf8.count)
            if ends(letters, "niss") { letters.removeLast() }
        default: // "s"
            if start > 0 && isSEnding(letters[start - 1]) { letters.removeLast() }
        }
    }

    private static func step2(_ letters: inout [UInt8], r1: Int) {
        guard let suffix = longest(letters, ["en", "er", "est", "st"]) else { return }
        let start = letters.count - suffix.utf8.count
        guard start >= r1 else { return }
        if suffix == "st" {
            // st only after a valid ending that itself has at least three letters before it.
            if start >= 4 && isSTEnding(letters[start - 1]) { letters.removeLast(2) }
        } else {
            letters.removeLast(suffix.utf8.count)
        }
    }

    private static func step3(_ letters: inout [UInt8], r1: Int, r2: Int) {
        guard let suffix = longest(letters, ["end", "ung", "ig", "ik", "isch", "lich", "heit", "keit"]) else { return }
        let start = letters.count - suffix.utf8.count
        guard start >= r2 else { return }
        func precededBy(_ text: String, at position: Int) -> Bool {
            let bytes = Array(text.utf8)
            return position >= bytes.count && Array(letters[(position - bytes.count)..<position]) == bytes
        }
        switch suffix {
        case "end", "ung":
            letters.removeLast(suffix.utf8.count)
            if precededBy("ig", at: letters.count) && letters.count - 2 >= r2 && !precededBy("e", at: letters.count - 2) {
                letters.removeLast(2)
            }
        case "ig", "ik", "isch":
            if !precededBy("e", at: start) { letters.removeLast(suffix.utf8.count) }
        case "lich", "heit":
            letters.removeLast(suffix.utf8.count)
            if (precededBy("er", at: letters.count) || precededBy("en", at: letters.count)) && letters.count - 2 >= r1 {
                letters.removeLast(2)
            }
        default: // "keit"
            letters.removeLast(suffix.utf8.count)
            if precededBy("lich", at: letters.count) && letters.count - 4 >= r2 {
                letters.removeLast(4)
            } else if precededBy("ig", at: letters.count) && letters.count - 2 >= r2 {
                letters.removeLast(2)
            }
        }
    }
}
