// ExportCommand: `lotse export FORMAT [--out PATH] [filters]` writes the directory (or a search
// result, or one organization) as vCard 3.0/4.0, xCard, directory XML, HSDS JSON, HSDS JSON lines
// or the HSDS CSV data package — for the public unless --audience says otherwise.
import Foundation
import LotseCommandLine
import LotseCore

/// `lotse export`.
enum ExportCommand {
    /// The usage line.
    static let usage = "lotse export \(ExportFormat.allCases.map(\.rawValue).joined(separator: "|")) [TEXT] [--out PFAD] [Filter] [--audience public|network|coordinator]"

    /// The command's entry in the table.
    static let spec = CommandSpec(
        name: "export", abstract: "Verzeichnis exportieren (vCard, xCard, XML, HSDS JSON/CSV)",
        usage: usage,
        options: [
            OptionSpec(name: "out", value: "PFAD", help: "Zieldatei (Standard: Standardausgabe); für hsds-csv ein Ordner"),
            OptionSpec(name: "audience", value: "WER", help: "für wen: public (Standard), network oder coordinator"),
        ] + SearchCommand.filterOptions,
        discussion: """
            Formate: vcard (vCard 3.0, eine Karte je Organisation und je sichtbarer benannter
            Ansprechperson), vcard4 (vCard 4.0, KIND:org), xcard (RFC 6351), xml (Lotse-Verzeichnis-XML,
            Schema unter /static/schema/lotse-verzeichnis-1.xsd), hsds-json (eine HSDS-Seite mit allen
            Angeboten), hsds-ndjson (ein vollständiges Angebot je Zeile), hsds-csv (HSDS-CSV-Datenpaket
            in den Ordner --out). Ohne Filter wird das ganze Verzeichnis exportiert; mit Suchtext oder
            Filtern die Treffer und ihre Organisationen; --organization allein exportiert eine
            Organisation. Exporte enthalten nur Verzeichnisdaten, keine Vermittlungen; vertrauliche
            Standorte, Kontakte und Telefonnummern nur für die berechtigte Zielgruppe.
            """,
        run: { arguments, console in
            guard let name = arguments.positional.first else { throw UsageError(message: "Format fehlt. Aufruf: \(usage)") }
            guard let format = ExportFormat(rawValue: name) else {
                throw UsageError(message: "Unbekanntes Format »\(name)« (\(ExportFormat.allCases.map(\.rawValue).joined(separator: ", "))).")
            }
            let scope = ExportScope(try selection(arguments), audience: try audience(arguments))
            let out = arguments.value("out")
            if format == .hsdsCSV && out == nil { throw UsageError(message: "hsds-csv braucht --out ORDNER.") }
            let store = try Store.open(path: console.databasePath(arguments), create: false)
            let bar = ProgressBar(enabled: console.stderrIsTerminal)
            try store.pool.read { db in
                var exporter = DirectoryExporter(db: db, scope: scope)
                exporter.progress = { done, total in bar.update("Export \(format.rawValue)", done: done, total: total) }
                if format == .hsdsCSV {
                    try DataPackageExporter.export(exporter, to: out!)
                    return
                }
                guard let out else {
                    try exporter.export(format, to: ExportSink.file(FileHandle.standardOutput))
                    return
                }
                if !isRegularFileOrMissing(out) {
                    // A device or pipe (`--out /dev/null`, a FIFO): write straight into it;
                    // renaming a temporary file over it would replace the device node.
                    guard let handle = FileHandle(forWritingAtPath: out) else {
                        throw LotseError(.unusableData, "\(out) kann nicht geschrieben werden.")
                    }
                    defer { try? handle.close() }
                    try exporter.export(format, to: ExportSink.file(handle))
                    return
                }
                let temporary = out + ".tmp-\(getpid())"
                guard FileManager.default.createFile(atPath: temporary, contents: nil), let handle = FileHandle(forWritingAtPath: temporary) else {
                    throw LotseError(.unusableData, "\(out) kann nicht geschrieben werden.")
                }
                do {
                    try exporter.export(format, to: ExportSink.file(handle))
                    try handle.close()
                    guard rename(temporary, out) == 0 else { throw LotseError(.unusableData, "\(out) kann nicht geschrieben werden.") }
                } catch {
                    try? handle.close()
                    try? FileManager.default.removeItem(atPath: temporary)
                    throw error
                }
            }
            bar.finish()
            PeakMemoryReport.writeIfAsked(console)
            return .success
        })

    /// True when `path` names a regular file or nothing yet: only then is the export written
    /// to a temporary file and renamed over it, so a failed export leaves the old file intact.
    static func isRegularFileOrMissing(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return errno == ENOENT }
        return (info.st_mode & S_IFMT) == S_IFREG
    }

    /// The selection of the filter options: everything, one organization, or a search.
    static func selection(_ arguments: Arguments) throws -> ExportScope.Selection {
        var query = try SearchCommand.makeQuery(arguments)
        query.text = arguments.positional.dropFirst().joined(separator: " ")
        var withoutOrganization = query
        withoutOrganization.organizationID = nil
        if withoutOrganization == SearchQuery() {
            return query.organizationID.map(ExportScope.Selection.organization) ?? .all
        }
        return .search(query)
    }

    /// The audience of `--audience`.
    static func audience(_ arguments: Arguments) throws -> Audience {
        switch arguments.value("audience") ?? "public" {
        case "public": return .public
        case "network": return .network
        case "coordinator": return .coordinator
        case let other: throw UsageError(message: "--audience erwartet public, network oder coordinator, nicht »\(other)«.")
        }
    }
}
