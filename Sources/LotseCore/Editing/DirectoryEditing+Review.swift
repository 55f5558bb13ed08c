// DirectoryEditing+Review: where a record stands in the review queue for its form — the
// pending change (laid over the stored values, shown as a diff) or the comment of the last
// returned one — and the lookups that make change requests readable.
import Foundation
import SQLite

extension DirectoryEditing {
    /// A record's place in the review queue.
    public struct ReviewState: Sendable {
        /// Its pending change, if any.
        public let pending: ChangeRequest?
        /// When none is pending: the coordinator's comment on the last change, if it was returned.
        public let returnedComment: String?
        /// What the pending change's diff needs.
        public let lookup: RecordLookup

        /// The rows of the pending change (none when nothing is pending).
        public var pendingRows: [RowChange] { pending?.rows ?? [] }
    }

    /// The review state of record `entityID` of `organization`.
    public func reviewState(entityID: String, organization: String) throws -> ReviewState {
        try store.pool.read { db in
            let queue = ReviewQueue(db: db)
            if let pending = try queue.pendingRequest(entityID: entityID) {
                return ReviewState(pending: pending, returnedComment: nil, lookup: try RecordLookup.read(rows: pending.rows, db: db))
            }
            let last = try queue.history(organization: organization).first { $0.entityID == entityID }
            return ReviewState(pending: nil, returnedComment: last?.status == .returned ? last?.comment : nil, lookup: RecordLookup())
        }
    }

    /// What the diffs of `requests` need: the current records and the names behind their ids.
    public func lookup(for requests: [ChangeRequest]) throws -> RecordLookup {
        try store.pool.read { try RecordLookup.read(rows: requests.flatMap(\.rows), db: $0) }
    }
}
