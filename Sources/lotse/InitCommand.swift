// InitCommand: `lotse init` creates a database, migrates it and loads the sample network —
// built in a temporary file and renamed into place, so a failure never leaves a half-written
// database and --force replaces the old one only once the new one is complete.
import Foundation
import LotseCommandLine
import LotseCore

/// `lotse init`.
enum InitCommand {
    static let spec = CommandSpec(
        name: "init", abstract: "Datenbank anlegen und Beispielnetzwerk laden",
        usage: "lotse init [--db PFAD] [--force] [--seeds ORDNER | --empty]",
        options: [
            OptionSpec(name: "force", value: nil, help: "eine vorhandene Datenbank ersetzen"),
            OptionSpec(name: "seeds", value: "ORDNER", help: "anderes Datenpaket statt Seeds/ laden"),
            OptionSpec(name: "empty", value: nil, help: "nur das Schema anlegen, keine Daten laden"),
        ],
        discussion: """
            Legt die Datenbank an (Schema und Migrationen) und lädt das Beispielnetzwerk aus Seeds/
            (fiktive Beispieldaten). Eine vorhandene Datenbank wird nur mit --force ersetzt; die neue
            Datenbank entsteht in einer temporären Datei und ersetzt die alte erst, wenn sie fertig ist.
            """,
        run: { arguments, console in
            try arguments.expectPositional(0...0)
            let path = console.databasePath(arguments)
            let seeds = arguments.flag("empty") ? nil : try arguments.value("seeds").map(FileTree.init(folder:)) ?? Resources.seeds()
            let summary = try create(at: path, seeds: seeds, force: arguments.flag("force"))
            console.out(summary)
            return .success
        })

    /// Creates the database at `path` (loading `seeds` unless nil) and returns a German summary.
    static func create(at path: String, seeds: FileTree?, force: Bool) throws -> String {
        let files = FileManager.default
        if let attributes = try? files.attributesOfItem(atPath: path), ((attributes[.size] as? NSNumber)?.intValue ?? 0) > 0, !force {
            throw LotseError(.conflict, "Datenbank \(path) gibt es schon. Mit --force ersetzen (die alte Datenbank geht verloren).")
        }
        let temporary = path + ".init-\(getpid())"
        func removeTemporary() {
            for suffix in ["", "-wal", "-shm"] { try? files.removeItem(atPath: temporary + suffix) }
        }
        removeTemporary()
        var statistics: DirectoryStatistics?
        do {
            let store = try Store.open(path: temporary, create: true)
            if let seeds { try SeedLoader.load(seeds, into: store) }
            statistics = try store.pool.read { try DirectoryStatistics.compute($0, today: BerlinTime(Date()).dateString) }
            try store.close()
            for suffix in ["-wal", "-shm"] { try? files.removeItem(atPath: path + suffix) }
            guard rename(temporary, path) == 0 else {
                throw LotseError(.unusableData, "\(path) kann nicht geschrieben werden: \(String(cString: strerror(errno)))")
            }
            removeTemporary()
            try StateMarker(databasePath: path).record()
        } catch {
            removeTemporary()
            throw error
        }
        let counts = Dictionary(uniqueKeysWithValues: statistics!.tableCounts.map { ($0.table, $0.count) })
        var text = "Datenbank \(path) angelegt"
        if seeds != nil {
            text += ": \(counts["organization"] ?? 0) Organisationen, \(counts["service"] ?? 0) Angebote, \(counts["location"] ?? 0) Standorte"
            if statistics!.isSampleData { text += " (fiktive Beispieldaten)" }
        }
        return text + "."
    }
}
