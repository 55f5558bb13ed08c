// ReviewDecisions: the coordinators' decisions on pending provider changes, each in its own
// transaction — approve (a change that no longer applies is a conflict: return it with a
// comment instead) or give it back with a comment (required).
import Foundation
import SQLite

/// Approving and returning pending changes on a store.
public struct ReviewDecisions: Sendable {
    /// The database.
    public let store: Store
    /// The instant decisions are stamped with.
    public let now: Date

    /// The decisions on `store` at `now`.
    public init(store: Store, now: Date = Date()) {
        self.store = store
        self.now = now
    }

    /// The changes waiting for a decision, oldest first.
    public func pending() throws -> [ChangeRequest] {
        try store.pool.read { try ReviewQueue(db: $0, now: now).pending() }
    }

    /// Approves pending change `id` (written through DirectoryWriter, with history). A change
    /// the directory refuses now is a conflict naming the problems.
    public func approve(_ id: String, by coordinator: Account) throws {
        do {
            try store.pool.write { try ReviewQueue(db: $0, now: now).approve(id, by: coordinator) }
        } catch let rejected as DirectoryWriter.Rejected {
            throw LotseError(.conflict, "Diese Änderung lässt sich so nicht mehr übernehmen (\(rejected.problems.map(\.message).joined(separator: " "))). Bitte mit Kommentar zurückgeben.")
        }
    }

    /// Returns pending change `id` to the provider with `comment`; an empty comment throws
    /// `DirectoryWriter.Rejected` with the field `comment`.
    public func giveBack(_ id: String, comment: String, by coordinator: Account) throws {
        do {
            try store.pool.write { try ReviewQueue(db: $0, now: now).giveBack(id, comment: comment, by: coordinator) }
        } catch is DirectoryWriter.Rejected {
            throw DirectoryWriter.Rejected(problems: [.init(field: "comment", message: "Bitte schreiben Sie dem Träger, was fehlt oder falsch ist.")])
        }
    }
}
