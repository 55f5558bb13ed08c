// TextFolding: the one normalisation that search documents and queries share: case, umlauts,
// ß and other diacritics folded, everything that is not a letter or digit turned into a space.

import Foundation

/// Folds German text for search. `Straße` → `strasse`, `Übergang` → `uebergang`,
/// `Café` → `cafe`. The result is lowercase words separated by single spaces.
public enum TextFolding {
    /// Folds `text` to lowercase words separated by single spaces.
    public static func fold(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        appendFolded(text, to: &output, umlautsAsVowel: false)
        return String(output)
    }

    /// The folded words of `text`, each with its alternative spelling where an umlaut was
    /// folded (`übergang` gives `uebergang` and `ubergang`), so that users who type the bare
    /// vowel find it too.
    public static func foldWithVariants(_ text: String) -> String {
        let primary = fold(text)
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
        var output = String.UnicodeScalarView()
        appendFolded(text, to: &output, umlautsAsVowel: true)
        return String(output)
    }

    /// The words of a folded string.
    public static func words(_ folded: String) -> [Substring] {
        folded.split(separator: " ")
    }

    private static func appendFolded(_ text: String, to output: inout String.UnicodeScalarView, umlautsAsVowel: Bool) {
        var pendingSpace = false
        func emit(_ scalar: Unicode.Scalar) {
            if pendingSpace && !output.isEmpty { output.append(" ") }
            pendingSpace = false
            output.append(scalar)
        }
        func emit(_ string: String) { for scalar in string.unicodeScalars { emit(scalar) } }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            // Fast path: ASCII.
            if value < 0x80 {
                switch value {
                case 0x30...0x39, 0x61...0x7A: emit(scalar)
                case 0x41...0x5A: emit(Unicode.Scalar(value + 0x20)!)
                default: pendingSpace = true
                }
                continue
            }
            switch scalar {
            case "ä", "Ä": emit(umlautsAsVowel ? "a" : "ae")
            case "ö", "Ö": emit(umlautsAsVowel ? "o" : "oe")
            case "ü", "Ü": emit(umlautsAsVowel ? "u" : "ue")
            case "ß", "ẞ": emit("ss")
            case "æ", "Æ": emit("ae")
            case "œ", "Œ": emit("oe")
            case "ø", "Ø": emit("o")
            case "ł", "Ł": emit("l")
            case "đ", "Đ": emit("d")
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
    }
}
