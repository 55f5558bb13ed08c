// TextFolding: the one normalisation that search documents and queries share: case, umlauts,
// ß and other diacritics folded, everything that is not a letter or digit turned into a space.

import Foundation

/// Folds German text for search. `Straße` → `strasse`, `Übergang` → `uebergang`,
/// `Café` → `cafe`. The result is lowercase words separated by single spaces.
public enum TextFolding {
    /// Folds `text` to lowercase words separated by single spaces.
    public static func fold(_ text: String) -> String {
        folded(text, umlautsAsVowel: false)
    }

    /// The folded words of `text`, each with its alternative spelling where an umlaut was
    /// folded (`übergang` gives `uebergang` and `ubergang`), so that users who type the bare
    /// vowel find it too.
    public static func foldWithVariants(_ text: String) -> String {
        let primary = fold(text)
        // Only ä, ö and ü fold differently (all of them start with the UTF-8 byte 0xC3).
        guard text.utf8.contains(0xC3) else { return primary }
        let variant = foldVowels(text)
        guard primary != variant else { return primary }
        let primaryWords = primary.split(separator: " ")
        let variantWords = variant.split(separator: " ")
        guard primaryWords.count == variantWords.count else { return primary + " " + variant }
        var result = primary
        for (first, second) in zip(primaryWords, variantWords) where first != second {
            result += " "
            result += second
        }
        return result
    }

    /// Folds with umlauts mapped to their bare vowel (ä → a).
    static func foldVowels(_ text: String) -> String {
        folded(text, umlautsAsVowel: true)
    }

    /// The words of a folded string.
    public static func words(_ folded: String) -> [Substring] {
        folded.split(separator: " ")
    }

    /// Folds into UTF-8 bytes: ASCII (almost all of a German text) is handled byte by byte,
    /// everything else scalar by scalar.
    private static func folded(_ text: String, umlautsAsVowel: Bool) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + 8)
        var pendingSpace = false
        func emit(_ byte: UInt8) {
            if pendingSpace && !output.isEmpty { output.append(0x20) }
            pendingSpace = false
            output.append(byte)
        }
        func emit(_ scalar: Unicode.Scalar) {
            if scalar.isASCII { emit(UInt8(scalar.value)); return }
            if pendingSpace && !output.isEmpty { output.append(0x20) }
            pendingSpace = false
            output.append(contentsOf: UTF8.encode(scalar)!)
        }
        func emit(ascii: StaticString) {
            ascii.withUTF8Buffer { for byte in $0 { emit(byte) } }
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                switch value {
                case 0x30...0x39, 0x61...0x7A: emit(UInt8(value))
                case 0x41...0x5A: emit(UInt8(value + 0x20))
                default: pendingSpace = true
                }
                continue
            }
            switch scalar {
            case "ä", "Ä": emit(ascii: umlautsAsVowel ? "a" : "ae")
            case "ö", "Ö": emit(ascii: umlautsAsVowel ? "o" : "oe")
            case "ü", "Ü": emit(ascii: umlautsAsVowel ? "u" : "ue")
            case "ß", "ẞ": emit(ascii: "ss")
            case "æ", "Æ": emit(ascii: "ae")
            case "œ", "Œ": emit(ascii: "oe")
            case "ø", "Ø": emit(ascii: "o")
            case "ł", "Ł": emit(ascii: "l")
            case "đ", "Đ": emit(ascii: "d")
            default:
                let properties = scalar.properties
                if properties.isAlphabetic || properties.numericType != nil {
                    // Strip combining marks after canonical decomposition (é → e, ç → c).
                    let decomposed = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
                    for part in decomposed where !part.properties.isDiacritic
                        && part.properties.generalCategory != .nonspacingMark {
                        for lower in part.properties.lowercaseMapping.unicodeScalars { emit(lower) }
                    }
                } else if properties.generalCategory == .nonspacingMark {
                    continue
                } else {
                    pendingSpace = true
                }
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
