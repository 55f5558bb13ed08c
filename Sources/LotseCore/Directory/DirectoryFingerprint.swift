// DirectoryFingerprint: a SHA-256 over the content of every exchanged table, ordered by id —
// equal fingerprints mean equal directories (used for determinism and round-trip checks). Not
// to be confused with the weekly e-mail digest (Sources/LotseCore/Digest).
import SQLite

/// Content fingerprints of the directory.
public enum DirectoryFingerprint {
    /// Hex SHA-256 over every exchanged table's rows (all columns, ordered by id). Columns in
    /// `ignoring` (e.g. timestamps set at import) are left out.
    public static func compute(_ db: Database, ignoring: Set<String> = []) throws -> String {
        var text = ""
        for (table, _) in TableSpecs.order {
            let columns = try db.query("SELECT name FROM pragma_table_info(?) ORDER BY cid", table) { $0.string(0) }
                .filter { !ignoring.contains($0) }
            text += "\u{1E}\(table)"
            try db.prepare("SELECT \(columns.joined(separator: ", ")) FROM \(table) ORDER BY id").forEach { row in
                text += "\u{1D}"
                for index in 0..<row.count {
                    text += "\u{1F}"
                    switch row.value(index) {
                    case .null: text += "∅"
                    case .integer(let value): text += "i\(value)"
                    case .real(let value): text += "r\(value)"
                    case .text(let value): text += "t" + value
                    case .blob(let value): text += "b" + Crypto.hex(value)
                    }
                }
            }
        }
        return Crypto.sha256Hex(text)
    }
}
