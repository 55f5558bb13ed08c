// Slug: stable, readable codes for new vocabulary terms and Sozialräume ("Wohnen im Alter" →
// "wohnen-im-alter"), as the seeds spell them.

/// Makes codes from German names.
public enum Slug {
    /// Lower-case ASCII letters, digits and single hyphens; umlauts and ß spelled out.
    public static func make(_ name: String) -> String {
        var result = ""
        for character in name.lowercased() {
            switch character {
            case "ä": result += "ae"
            case "ö": result += "oe"
            case "ü": result += "ue"
            case "ß": result += "ss"
            case "a"..."z", "0"..."9": result.append(character)
            default: if !result.hasSuffix("-") && !result.isEmpty { result += "-" }
            }
        }
        while result.hasSuffix("-") { result.removeLast() }
        return String(result.prefix(60))
    }
}
