// Retirement: "Ausmustern" / "Wieder anbieten" for vocabulary rows (need and target-group
// terms, Sozialräume): sets or clears `retired_at` through DirectoryWriter, so the change has
// its history and references stay intact.
import Foundation
import SQLite

/// The one write behind retiring and re-offering terms and areas.
enum Retirement {
    /// The tables whose rows can be retired.
    static let tables: Set<String> = ["taxonomy_term", "sozialraum"]

    /// Retires row `id` of `table` (or offers it again when `retired` is false), as `actor`.
    static func set(_ retired: Bool, table: String, id: String, db: Database, actor: String, now: Date) throws {
        precondition(tables.contains(table), "no retirement for \(table)")
        let writer = try DirectoryWriter(db: db, actor: actor, now: now)
        try writer.write(table: table, id: id, values: ["retired_at": retired ? Timestamp.string(now) : nil])
        try writer.finish()
    }
}
