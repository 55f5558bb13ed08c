// CoordinationOverview: the figures of the coordinator's start page — changes waiting for
// review, stale entries, members and applicants, open correction suggestions — read in one
// transaction.
import Foundation
import SQLite

/// The coordination's figures on a store.
public struct CoordinationOverview: Sendable {
    /// The counts shown on the start page.
    public struct Counts: Sendable, Equatable {
        /// Pending provider changes in the review queue.
        public var pendingReviews: Int
        /// Services and organizations past their review date.
        public var staleEntries: Int
        /// Members and applicants.
        public var members: Int, applicants: Int
        /// Open correction suggestions from the public.
        public var openCorrections: Int
    }

    /// The database.
    public let store: Store
    /// Today is taken from this instant (Europe/Berlin).
    public let now: Date

    /// The overview on `store` at `now`.
    public init(store: Store, now: Date = Date()) {
        self.store = store
        self.now = now
    }

    /// The counts as of `now`.
    public func counts() throws -> Counts {
        let today = BerlinTime(now).dateString
        return try store.pool.read { db in
            Counts(pendingReviews: try ReviewQueue(db: db).pending().count,
                   staleEntries: try Verification.staleEntries(db, today: today).count,
                   members: try db.scalarInt("SELECT count(*) FROM organization WHERE membership_status = 'member'") ?? 0,
                   applicants: try db.scalarInt("SELECT count(*) FROM organization WHERE membership_status = 'applicant'") ?? 0,
                   openCorrections: try Corrections(db: db).openCount())
        }
    }
}
