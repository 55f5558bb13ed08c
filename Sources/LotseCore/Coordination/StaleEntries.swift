// StaleEntries: services and organizations past their review date (Verification.staleEntries)
// for the coordination; entries overdue by more than three months may be hidden from the
// public directory and shown again, through DirectoryWriter with history.
import Foundation
import SQLite

/// The stale entries and their visibility on a store.
public struct StaleEntries: Sendable {
    /// Entries overdue by more than this many months may be hidden.
    public static let hideAfterMonths = 3

    /// The kinds of entries that can be hidden.
    public enum Table: String, Sendable {
        /// A service (Angebot).
        case service
        /// An organization.
        case organization
    }

    /// The database.
    public let store: Store
    /// The instant changes are stamped with; today (Europe/Berlin) is taken from it.
    public let now: Date

    /// The stale entries on `store` at `now`.
    public init(store: Store, now: Date = Date()) {
        self.store = store
        self.now = now
    }

    /// Every entry past its review date as of today.
    public func list() throws -> [Verification.StaleEntry] {
        let today = BerlinTime(now).dateString
        return try store.pool.read { try Verification.staleEntries($0, today: today) }
    }

    /// Whether `entry` may be hidden or shown again: it is hidden, or its review was due more
    /// than `hideAfterMonths` ago.
    public func mayToggle(_ entry: Verification.StaleEntry) -> Bool {
        let today = BerlinTime(now).dateString
        let limit = Timestamp.addingMonths(-Self.hideAfterMonths, to: today) ?? today
        return entry.hidden || entry.due < limit
    }

    /// Hides entry `id` of `table` from the public directory (`hidden` true) or shows it
    /// again; not-found when there is none.
    public func setHidden(_ table: Table, id: String, _ hidden: Bool, by account: Account) throws {
        try store.pool.write { db in
            guard try db.scalarInt("SELECT count(*) FROM \(table.rawValue) WHERE id = ?", id) == 1 else { throw LotseError(.notFound, "Diesen Eintrag gibt es nicht.") }
            let writer = try DirectoryWriter(db: db, actor: account.displayName, now: now)
            try writer.write(table: table.rawValue, id: id, values: ["hidden": hidden ? "1" : "0"])
            try writer.finish()
        }
    }
}
