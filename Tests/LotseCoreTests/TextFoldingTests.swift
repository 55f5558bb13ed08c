// Tests of TextFolding and SearchTerms.
import Testing
@testable import LotseCore

@Suite struct TextFoldingTests {
    @Test(arguments: [
        ("Straße", "strasse"), ("STRASSE", "strasse"), ("Übergang", "uebergang"), ("Pflege", "pflege"),
        ("Café Öztürk", "cafe oeztuerk"), ("Kultur- und Nachbarschaftszentrum", "kultur und nachbarschaftszentrum"),
        ("§ 7a SGB XI", "7a sgb xi"), ("  a,,b  ", "a b"), ("Łódź", "lodz"), ("ẞ", "ss"), ("Senior:innen", "senior innen"),
    ])
    func folds(_ input: String, _ expected: String) {
        #expect(TextFolding.fold(input) == expected)
    }

    @Test func addsTheBareVowelSpellingOfUmlautWords() {
        #expect(TextFolding.foldWithVariants("Übergang Pflege") == "uebergang pflege ubergang")
        #expect(TextFolding.foldWithVariants("Pflege") == "pflege")
    }

    /// The byte-level fold agrees with its definition written scalar by scalar (the mapping
    /// table, canonical decomposition without marks, lowercase, anything else a separator), on
    /// random texts from an alphabet full of special cases.
    @Test func foldAgreesWithItsDefinitionOnRandomTexts() {
        let alphabet = Array("aZ09 äÖüßẞéÇñØłđæŒ-§,.:\t\nİﬁΣ𝔄😀\u{301}\u{308}Ⅻ½")
        func reference(_ text: String, vowels: Bool) -> String {
            var words: [String] = [], word = ""
            func flush() { if !word.isEmpty { words.append(word); word = "" } }
            for scalar in text.unicodeScalars {
                let table: [Unicode.Scalar: String] = ["ä": vowels ? "a" : "ae", "Ä": vowels ? "a" : "ae", "ö": vowels ? "o" : "oe",
                    "Ö": vowels ? "o" : "oe", "ü": vowels ? "u" : "ue", "Ü": vowels ? "u" : "ue", "ß": "ss", "ẞ": "ss",
                    "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d"]
                if let mapped = table[scalar] { word += mapped; continue }
                let properties = scalar.properties
                if properties.isAlphabetic || properties.numericType != nil {
                    for part in String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
                    where !part.properties.isDiacritic && part.properties.generalCategory != .nonspacingMark {
                        word += part.properties.lowercaseMapping
                    }
                } else if properties.generalCategory != .nonspacingMark {
                    flush()
                }
            }
            flush()
            return words.joined(separator: " ")
        }
        var random = SeededRandom(seed: 7)
        for _ in 0..<2_000 {
            let text = String((0..<random.int(0...24)).map { _ in random.pick(alphabet) })
            #expect(TextFolding.fold(text) == reference(text, vowels: false), "\(text.unicodeScalars.map { $0.escaped(asASCII: true) })")
            #expect(TextFolding.foldVowels(text) == reference(text, vowels: true))
        }
    }

    @Test func termsDropFunctionWordsUnlessNothingElseIsLeft() {
        #expect(SearchTerms.parse("Beratung für Senioren in Gruna").map(\.text) == ["beratung", "senioren", "gruna"])
        #expect(SearchTerms.parse("für").map(\.text) == ["fuer"])
        #expect(SearchTerms.parse("Ü sc Pflege pflege").map { "\($0.text)\($0.isPrefix ? "^" : "")" } == ["ue^", "sc^", "pflege"])
    }

    @Test func termCountIsCapped() {
        #expect(SearchTerms.parse("a1 b2 c3 d4 e5 f6 g7 h8 i9 j10").count == SearchTerms.maximumTerms)
    }
}
