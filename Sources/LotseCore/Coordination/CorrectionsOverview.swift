// CorrectionsOverview: the coordinators' view of correction suggestions from the public —
// every open one, and the twenty most recently handled among the last sixty — in one read.
import Foundation
import SQLite

/// The correction suggestions for coordinators on a store.
public struct CorrectionsOverview: Sendable {
    /// How many handled suggestions are shown, and among how many recent ones.
    public static let handledShown = 20, recentScanned = 60

    /// The database.
    public let store: Store

    /// The overview on `store`.
    public init(store: Store) {
        self.store = store
    }

    /// The open suggestions and the recently handled ones.
    public func suggestions() throws -> (open: [Corrections.Suggestion], handled: [Corrections.Suggestion]) {
        try store.pool.read { db in
            let corrections = Corrections(db: db)
            return (try corrections.list(status: .open),
                    Array(try corrections.list(limit: Self.recentScanned).filter { $0.status != .open }.prefix(Self.handledShown)))
        }
    }
}
