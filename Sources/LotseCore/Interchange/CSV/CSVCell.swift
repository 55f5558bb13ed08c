// CSVCell: the one rule against spreadsheet formula injection in every CSV Lotse writes (the
// HSDS CSV package, single-table downloads, the report CSV), and its exact inverse for the
// HSDS CSV importer, so that export → import → export stays identical for every string.

/// Protects CSV cells from being run as spreadsheet formulas, reversibly.
///
/// The rule: a text cell that begins with `=`, `+`, `-`, `@`, tab or CR — or with an apostrophe
/// — is written with one more apostrophe in front (`=HYPERLINK(…)` → `'=HYPERLINK(…)`,
/// `'x` → `''x`). Exempt are numbers: numeric columns (integer and real values, such as
/// coordinates `-0.5`) are never touched, and a text cell made only of a sign, digits, spaces
/// and `.,()/-+` (a negative number, a phone number such as `+49 421 1234-5`) stays as it is —
/// without letters, `@`, `!`, `|` or quotes it can name no function, reference or DDE link.
/// The importer removes the apostrophe only where the rule put one: a cell whose first
/// character is an apostrophe and whose second is one of the characters above (`=+-@`, tab,
/// CR, apostrophe) loses exactly the first apostrophe; everything else is read as written.
/// So `unprotect(protect(s)) == s` for every string `s`.
public enum CSVCell {
    /// First characters that make a spreadsheet read a cell as a formula (OWASP CSV injection).
    static let formulaStarts: Set<UInt8> = [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D]   // = + - @ tab CR
    /// The escape character.
    static let apostrophe: UInt8 = 0x27

    /// `text` as written into a CSV cell: with a leading apostrophe when it begins with a
    /// formula character or an apostrophe and is not a plain number (see the type's rule).
    public static func protect(_ text: String) -> String {
        guard let first = text.utf8.first, first == apostrophe || formulaStarts.contains(first) else { return text }
        if first == 0x2B || first == 0x2D, isNumberLike(text) { return text }
        return "'" + text
    }

    /// A cell read from a CSV file with the apostrophe of `protect` removed again.
    public static func unprotect(_ cell: String) -> String {
        var bytes = cell.utf8.makeIterator()
        guard bytes.next() == apostrophe, let second = bytes.next(),
              second == apostrophe || formulaStarts.contains(second) else { return cell }
        return String(decoding: cell.utf8.dropFirst(), as: UTF8.self)
    }

    /// True for a sign followed only by digits, spaces and `.,()/-+`, with at least one digit.
    static func isNumberLike(_ text: String) -> Bool {
        var digits = 0
        for byte in text.utf8.dropFirst() {
            switch byte {
            case 0x30...0x39: digits += 1
            case 0x20, 0x2E, 0x2C, 0x28, 0x29, 0x2F, 0x2D, 0x2B: continue
            default: return false
            }
        }
        return digits > 0
    }
}
