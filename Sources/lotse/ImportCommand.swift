// ImportCommand: `lotse import xml|hsds-json|hsds-ndjson|hsds-csv PATH` reads a file (or a
// data package folder) into the directory — all or nothing unless --skip-invalid; while a
// server runs, prepared on a copy and swapped in with one short transaction (StagedImport) —
// with a progress bar on a terminal and the report of created, updated, unchanged and
// rejected rows. Exit 0 when committed, 65 when rejected rows rolled it back.
import Foundation
import LotseCommandLine
import LotseCore

/// `lotse import`.
enum ImportCommand {
    /// The importable formats.
    static let formats = ["xml", "hsds-json", "hsds-ndjson", "hsds-csv"]

    /// The command's entry in the table.
    static let spec = CommandSpec(
        name: "import", abstract: "Verzeichnisdaten importieren (XML, HSDS JSON, HSDS CSV)",
        usage: "lotse import \(formats.joined(separator: "|")) PFAD [--dry-run] [--skip-invalid] [--organization ID]",
        options: [
            OptionSpec(name: "dry-run", value: nil, help: "nur prüfen und zählen, nichts speichern"),
            OptionSpec(name: "skip-invalid", value: nil, help: "gültige Zeilen speichern, auch wenn andere abgelehnt werden"),
            OptionSpec(name: "organization", value: "ID", help: "nur Einträge dieser Organisation annehmen (Upload eines Trägers)"),
        ],
        discussion: """
            Neue Einträge werden angelegt, vorhandene (gleiche id) aktualisiert, gleiche gezählt.
            Alles oder nichts: eine abgelehnte Zeile bricht den ganzen Import ab (Exit-Status \(ExitCode.dataError.rawValue)), außer mit
            --skip-invalid. Verweise auf unbekannte ids in optionalen Feldern werden mit Hinweis entfernt.
            XML wird vor dem Import vollständig gegen das XSD geprüft; DOCTYPE/Entitäten sind verboten.
            Läuft ein Webdienst (lotse serve), arbeitet der Import auf einer Kopie neben der Datenbank und wird
            in einem kurzen Schritt übernommen, so dass der Webdienst weiter speichern kann. Ohne Webdienst
            schreibt er direkt in die Datenbank; bis er fertig ist, startet kein Webdienst.
            --dry-run sperrt die Datenbank gar nicht.
            hsds-json liest eine HSDS-Seite, eine Liste oder ein Angebot; Dateien auf .ndjson/.jsonl
            (oder hsds-ndjson) werden zeilenweise mit konstantem Speicher gelesen.
            """,
        run: { arguments, console in
            try arguments.expectPositional(2...2)
            let format = arguments.positional[0], path = arguments.positional[1]
            guard formats.contains(format) else {
                throw UsageError(message: "Unbekanntes Format »\(format)« (\(formats.joined(separator: ", "))).")
            }
            var options = ImportOptions(dryRun: arguments.flag("dry-run"), skipInvalid: arguments.flag("skip-invalid"))
            let bar = ProgressBar(enabled: console.stderrIsTerminal)
            options.progress = { source, done, total in bar.update(source, done: done, total: total) }
            let organization = arguments.value("organization")
            if organization != nil && format != "xml" {
                throw UsageError(message: "--organization gibt es nur für den XML-Import.")
            }
            guard FileManager.default.fileExists(atPath: path) else { throw LotseError(.notFound, "\(path) gibt es nicht.") }
            let store = try Store.open(path: console.databasePath(arguments), create: false)
            let source = (path as NSString).lastPathComponent
            let report: ImportReport
            do {
                // With a server running: prepared on a copy, swapped in with one short
                // transaction, so the server keeps taking writes; without: in place. A dry run
                // never locks the database at all. A 64 MB page cache bounds the memory.
                var staged = StagedImport(store: store)
                report = try staged.run(options: options, cacheKilobytes: 65_536) { importer in
                    switch format {
                    case "xml":
                        try DirectoryXMLImporter(into: importer, organization: organization).importFile(path: path, source: source)
                    case "hsds-csv":
                        try DataPackageImporter.importPackage(at: path, into: importer)
                    default:
                        let lines = format == "hsds-ndjson" || path.hasSuffix(".ndjson") || path.hasSuffix(".jsonl")
                        let json = HSDSJSONImporter(into: importer)
                        if lines { try json.importLines(path: path, source: source) } else { try json.importDocument(path: path, source: source) }
                    }
                }
            } catch let rolledBack as ImportRolledBack {
                bar.finish()
                throw rolledBack
            }
            bar.finish()
            console.out(report.summary)
            PeakMemoryReport.writeIfAsked(console)
            return .success
        })
}
