// Store+Engagement: neighbourhood help's transactions, so that web handlers and the CLI never
// hold a connection — a desk in one write transaction (helper reads are audited, so they
// write), and the coordinators' figures in a read transaction.
import Foundation
import SQLite

extension Store {
    /// Runs `body` with an engagement desk stamped `now`, in one write transaction.
    public func engagement<T>(now: Date, _ body: (EngagementDesk) throws -> T) throws -> T {
        try pool.write { db in try body(try EngagementDesk(db: db, now: now)) }
    }

    /// The coordinators' figures (counts under `threshold` hidden).
    public func neighbourhoodHelpFigures(threshold: Int = 5) throws -> NeighbourhoodHelpFigures {
        try pool.read { db in try NeighbourhoodHelpFigures.compute(db, threshold: threshold) }
    }
}
