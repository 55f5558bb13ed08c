// AuditWitness: checkpoints of the audit chain's head outside the database — a line
// "SEQ MAC TIME" appended to a file in the state directory (0600) and sent to the system log —
// so that `AuditLog.verify` finds deleted newest rows and a wiped table, which the chain alone
// cannot show. `lotse audit checkpoint` writes one; `lotse serve` does daily.
import Foundation
import SQLite

/// The checkpoint file of a database.
public enum AuditWitness {
    /// One checkpoint.
    public struct Checkpoint: Sendable, Equatable {
        /// The head's sequence number.
        public let seq: Int
        /// The head's MAC.
        public let hash: String
        /// When (ISO timestamp).
        public let at: String
    }

    /// The checkpoint file of the database at `databasePath` in the state `directory`.
    public static func path(directory: String, databasePath: String) -> String {
        directory + "/" + (databasePath as NSString).lastPathComponent + ".audit-checkpoints"
    }

    static func path(db: Database) throws -> String? {
        guard let ring = db.userInfo[KeyRing.connectionKey] as? KeyRing else { return nil }
        return path(directory: ring.directory, databasePath: db.path)
    }

    /// The checkpoints recorded for the database of `db` (none when there is no file).
    static func checkpoints(db: Database) throws -> [Checkpoint] {
        guard let path = try path(db: db), FileManager.default.fileExists(atPath: path) else { return [] }
        try FileModes.requirePrivate(path, what: "Kontrollpunktdatei")
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LotseError(.unusableData, "Kontrollpunktdatei \(path) kann nicht gelesen werden (Rechte?).")
        }
        return try String(decoding: data, as: UTF8.self).split(separator: "\n").enumerated().map { number, line in
            let fields = line.split(separator: " ").map(String.init)
            guard fields.count == 3, let seq = Int(fields[0]), fields[1].count == 64 else {
                throw LotseError(.unusableData, "Kontrollpunktdatei \(path) ist beschädigt (Zeile \(number + 1)).")
            }
            return Checkpoint(seq: seq, hash: fields[1], at: fields[2])
        }
    }

    /// Records the current head of `store`'s audit log (nothing while the log is empty) in the
    /// checkpoint file and, with `systemLog`, in the system log. Returns the checkpoint.
    @discardableResult
    public static func checkpoint(store: Store, now: Date = Date(), systemLog: Bool = true) throws -> Checkpoint? {
        let head = try store.pool.read { try AuditLog(db: $0).head() }
        guard head.seq > 0 else { return nil }
        let checkpoint = Checkpoint(seq: head.seq, hash: head.hash, at: Timestamp.string(now))
        let file = path(directory: store.keys.directory, databasePath: store.path)
        try FileModes.requirePrivate(file, what: "Kontrollpunktdatei")
        try FileModes.appendPrivate("\(checkpoint.seq) \(checkpoint.hash) \(checkpoint.at)\n", to: file)
        if systemLog {
            let message = "lotse audit checkpoint db=\(store.path) seq=\(checkpoint.seq) head=\(checkpoint.hash) at=\(checkpoint.at)"
            message.withCString { text in withVaList([text]) { vsyslog(LOG_NOTICE, "%s", $0) } }
        }
        return checkpoint
    }
}

extension Scheduler {
    /// The daily checkpoint of the audit log's head (`AuditWitness`), the first at start.
    public static func auditCheckpointJob(store: Store) -> Job {
        Job(name: "audit-checkpoint", interval: 86_400) { now in
            guard let checkpoint = try AuditWitness.checkpoint(store: store, now: now) else { return "" }
            return "Kontrollpunkt Laufnummer \(checkpoint.seq)"
        }
    }
}
