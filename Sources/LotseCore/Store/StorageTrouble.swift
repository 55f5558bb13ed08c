// StorageTrouble: the database cannot take a write right now — busy with a long write of
// another process, the disk full, or the file gone or replaced under the running server. Each
// has a German text; the web answers 503 (with Retry-After), the command line a clear line.
// Nothing was written in any of these cases: the transaction was refused or rolled back.
import SQLite

/// A write the database could not take; nothing of it was stored.
public struct StorageTrouble: Error, Sendable, Equatable, CustomStringConvertible {
    /// What stood in the way.
    public enum Kind: Sendable, Equatable {
        /// Another connection held the write lock past the busy timeout.
        case busy
        /// The disk (or the database's page limit) is full.
        case full
        /// The database file was deleted or replaced while this process had it open.
        case fileReplaced
    }

    /// The kind of trouble.
    public let kind: Kind
    /// German text for the user.
    public let message: String

    /// Creates a trouble report.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The trouble behind `error`, or nil when `error` is something else.
    public init?(_ error: any Error) {
        if let trouble = error as? StorageTrouble {
            self = trouble
        } else if let sqlite = error as? SQLiteError, sqlite.isBusy {
            self = .busy
        } else if let sqlite = error as? SQLiteError, sqlite.isStorageFull {
            self = .full
        } else {
            return nil
        }
    }

    /// The database is busy with a long write of another process.
    public static let busy = StorageTrouble(.busy, "Die Datenbank ist gerade mit einer längeren Arbeit beschäftigt (zum Beispiel einem Import). Nichts wurde gespeichert. Bitte in einigen Sekunden noch einmal versuchen.")

    /// The disk is full.
    public static let full = StorageTrouble(.full, "Speicher voll: Auf dem Datenträger der Datenbank ist kein Platz mehr. Nichts wurde gespeichert. Bitte die Betreuung dieser Lotse-Installation informieren.")

    /// Seconds after which trying again makes sense (the HTTP `Retry-After`).
    public var retryAfterSeconds: Int {
        switch kind {
        case .busy: 5
        case .full, .fileReplaced: 300
        }
    }

    public var description: String { message }
}
