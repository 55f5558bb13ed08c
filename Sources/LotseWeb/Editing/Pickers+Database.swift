// Pickers+Database: the former database-taking entry points of Pickers and ChangeDiff, kept so
// that pages of other groups (Coordination, Referrals) build unchanged until they move to the
// context-taking ones (Pickers.sozialraumOptions(context), Pickers.languages(context),
// ChangeDiff.lines(_:lookup:) with DirectoryEditing.lookup(for:)). Delete with the last caller.
import LotseCore
import SQLite

extension Pickers {
    /// Sozialraum options read on `db` (see `sozialraumOptions(_:including:excludingBelow:)`).
    static func sozialraumOptions(db: Database, including current: String? = nil, excludingBelow root: String? = nil) throws -> [FormField.Option] {
        options(try DirectoryEditing.areaChoices(db: db, including: current, excludingBelow: root))
    }

    /// The language choices read on `db`.
    static func languages(db: Database) throws -> [(code: String, name: String)] {
        try DirectoryEditing.languages(db: db)
    }
}

extension ChangeDiff {
    /// The lines of `request`, read against the directory on `db`.
    static func lines(_ request: ChangeRequest, db: Database) -> [Line] {
        lines(request, lookup: (try? RecordLookup.read(rows: request.rows, db: db)) ?? RecordLookup())
    }
}
