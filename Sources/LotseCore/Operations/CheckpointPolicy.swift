// CheckpointPolicy: who checkpoints the WAL of a running `lotse serve` — Lotse itself (the
// default: SQLite's automatic checkpoints, a bounded WAL file, and a TRUNCATE checkpoint on a
// clean stop so that no WAL is left behind) or Litestream (LOTSE_LITESTREAM=1: automatic
// checkpoints off, as Litestream's documentation asks for busy servers, and no checkpoint at
// the stop, so Litestream sees every WAL frame before it is folded into the database).
import Foundation

/// Who checkpoints the write-ahead log while `lotse serve` runs.
public enum CheckpointPolicy: Sendable, Equatable {
    /// Lotse: SQLite's automatic (passive) checkpoints; TRUNCATE at a clean stop.
    case lotse
    /// Litestream replicates the WAL and does the checkpoints; Lotse never does.
    case litestream

    /// The size the WAL file is cut back to after a checkpoint resets it, so that a burst of
    /// writes during a long export does not leave a large file behind for good.
    public static let walSizeLimit = 64 * 1024 * 1024

    /// Reads `LOTSE_LITESTREAM` ("1", "true", "ja", "on" mean Litestream is in charge).
    public init(environment: [String: String]) throws {
        let value = (environment["LOTSE_LITESTREAM"] ?? "").lowercased()
        switch value {
        case "", "0", "false", "nein", "off": self = .lotse
        case "1", "true", "ja", "on": self = .litestream
        default:
            throw LotseError(.invalidInput, "LOTSE_LITESTREAM erwartet 1 (Litestream übernimmt die Checkpoints) oder 0, nicht »\(value)«.")
        }
    }

    /// Applies the policy to the writer connection of an open store.
    public func apply(to store: Store) throws {
        try store.pool.writeWithoutTransaction { db in
            switch self {
            case .lotse:
                _ = try db.scalarInt("PRAGMA journal_size_limit = \(Self.walSizeLimit)")
            case .litestream:
                _ = try db.scalarInt("PRAGMA wal_autocheckpoint = 0")
            }
        }
    }

    /// Ends the store at a clean stop: under `.lotse` a TRUNCATE checkpoint and closing every
    /// connection (which removes the WAL file); under `.litestream` nothing — the WAL stays for
    /// Litestream to ship and checkpoint.
    public func shutDown(_ store: Store) throws {
        guard self == .lotse else { return }
        try store.close()
    }
}
