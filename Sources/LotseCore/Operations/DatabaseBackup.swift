// DatabaseBackup: `lotse backup` — a consistent copy of a (possibly running) Lotse database
// through SQLite's online backup API, written to a temporary file with mode 0600 and renamed
// into place only when complete.
import Foundation
import SQLite

/// Copies a Lotse database while servers go on reading and writing it.
public enum DatabaseBackup {
    /// What a backup produced.
    public struct Report: Sendable, Equatable {
        /// The backup file.
        public let path: String
        /// Its size in bytes.
        public let bytes: Int
        /// Database pages copied.
        public let pages: Int
        /// Wall-clock seconds the copy took.
        public let seconds: Double
    }

    /// Copies the database at `databasePath` to `destination`. Refuses an existing destination
    /// unless `overwrite`. `progress(done, total)` counts pages.
    public static func run(databasePath: String, to destination: String, overwrite: Bool = false,
                           progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }) throws -> Report {
        guard FileManager.default.fileExists(atPath: databasePath) else {
            throw LotseError(.notFound, "Datenbank \(databasePath) gibt es nicht.")
        }
        try Store.inspect(path: databasePath)
        let destination = (destination as NSString).standardizingPath
        if (databasePath as NSString).standardizingPath == destination {
            throw LotseError(.invalidInput, "Die Sicherung kann nicht die Datenbank selbst sein (\(destination)).")
        }
        if FileManager.default.fileExists(atPath: destination) && !overwrite {
            throw LotseError(.conflict, "\(destination) gibt es schon. Einen anderen Namen wählen oder mit --force überschreiben.")
        }
        let directory = FileOps.directory(of: destination)
        guard FileOps.isDirectory(directory) else {
            throw LotseError(.invalidInput, "Verzeichnis \(directory) für die Sicherung gibt es nicht.")
        }
        let started = Date()
        let temporary = FileOps.sibling(of: destination, suffix: "backup-\(getpid())")
        try FileOps.createPrivateFile(temporary)
        var pages = 0
        do {
            let source = try Database(path: databasePath, mode: .readWrite)
            defer { source.close() }
            try source.execute("PRAGMA query_only = ON")
            try source.backup(to: temporary) { done, total in
                pages = total
                progress(done, total)
            }
            try FileOps.syncFile(temporary)
            try FileOps.rename(temporary, to: destination)
            FileOps.syncDirectory(directory)
        } catch {
            FileOps.removeDatabaseFiles(temporary)
            if let error = error as? LotseError { throw error }
            throw LotseError(.unusableData, "Sicherung von \(databasePath) nach \(destination) fehlgeschlagen: \(error)")
        }
        return Report(path: destination, bytes: FileOps.size(destination), pages: pages,
                      seconds: Date().timeIntervalSince(started))
    }
}
