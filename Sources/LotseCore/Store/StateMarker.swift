// StateMarker: a small file beside the database (`<db>.lotse-state`) that remembers that a
// Lotse database lived at this path. `lotse serve` creates and seeds a database on a new
// machine only; when the marker says one existed, a missing or empty file is a lost database
// (deleted, or a volume not mounted), and starting with fresh sample data would hide that.
import Foundation

/// The record that a database existed at a path.
public struct StateMarker: Sendable {
    /// The database file the marker belongs to.
    public let databasePath: String

    /// The marker for the database at `databasePath`.
    public init(databasePath: String) {
        self.databasePath = databasePath
    }

    /// The marker file: the database path plus ".lotse-state".
    public var path: String { databasePath + ".lotse-state" }

    /// True when a database was recorded at this path.
    public var databaseExisted: Bool { FileManager.default.fileExists(atPath: path) }

    /// Records that the database exists (first time only; the text says when it was first seen).
    public func record(now: Date = Date()) throws {
        guard !databaseExisted else { return }
        let text = """
            Lotse-Datenbank \(databasePath), zuerst gesehen am \(Timestamp.string(now)).
            Solange diese Datei besteht, legt `lotse serve` an diesem Pfad keine neue Datenbank an;
            `lotse init` legt sie bewusst neu an.

            """
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw LotseError(.unusableData, "\(path) kann nicht geschrieben werden: \(error.localizedDescription)")
        }
    }

    /// Throws when the marker says a database existed here: a start must not silently create
    /// a new one (with sample data) in its place.
    public func refuseToRecreate() throws {
        guard databaseExisted else { return }
        throw LotseError(.conflict, """
            Die Datenbank \(databasePath) fehlt oder ist leer, obwohl hier schon eine Lotse-Datenbank lag (\(path)). \
            Lotse legt keine neue an, damit nichts unbemerkt verloren geht: die Datenbank aus der Sicherung zurückspielen \
            (oder das Laufwerk einhängen) oder mit `lotse init` bewusst neu anlegen.
            """)
    }
}
