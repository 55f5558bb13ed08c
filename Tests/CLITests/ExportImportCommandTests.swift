// lotse export and lotse import through the binary: formats to stdout and files, the CSV
// package folder, round trips into an empty database, exit 65 with the report for rejected
// rows, dry runs, and usage errors.
import Foundation
import Testing

@Suite struct ExportImportCommandTests {
    func seeded() throws -> String {
        let db = LotseProcess.temporaryDatabase()
        #expect(try LotseProcess.run(["init", "--db", db]).status == 0)
        return db
    }

    func remove(_ paths: String...) {
        for path in paths { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
    }

    @Test func exportsEveryFormatAndRoundTripsThroughAnEmptyDatabase() throws {
        let db = try seeded(), empty = LotseProcess.temporaryDatabase()
        let folder = NSTemporaryDirectory() + "lotse-cli-export-\(UUID().uuidString)"
        defer { remove(db, empty); try? FileManager.default.removeItem(atPath: folder) }
        let vcard = try LotseProcess.run(["export", "vcard", "--db", db])
        #expect(vcard.status == 0 && vcard.stdout.hasPrefix("BEGIN:VCARD\r\nVERSION:3.0\r\n"))
        let one = try LotseProcess.run(["export", "vcard4", "--db", db, "--organization", "7ef6f31b-4815-50d1-a58f-56eddcf3a873"])
        #expect(one.stdout.components(separatedBy: "BEGIN:VCARD").count == 3)
        let search = try LotseProcess.run(["export", "hsds-ndjson", "schuldnerberatung", "--area", "bremen", "--db", db])
        #expect(search.status == 0 && !search.stdout.isEmpty && search.stdout.split(separator: "\n").count < 10)
        #expect(try LotseProcess.run(["export", "hsds-csv", "--db", db, "--out", folder]).status == 0)
        #expect(FileManager.default.fileExists(atPath: folder + "/datapackage.json") && FileManager.default.fileExists(atPath: folder + "/sozialraeume.csv"))

        let xml = folder + "/v.xml"
        #expect(try LotseProcess.run(["export", "xml", "--db", db, "--out", xml]).status == 0)
        #expect(try LotseProcess.run(["init", "--empty", "--db", empty]).status == 0)
        let imported = try LotseProcess.run(["import", "xml", xml, "--db", empty])
        #expect(imported.status == 0)
        #expect(imported.stdout.hasPrefix("Import gespeichert.") && imported.stdout.contains("0 abgelehnt"))
        let again = try LotseProcess.run(["export", "xml", "--db", empty]).stdout
        let original = try String(contentsOfFile: xml, encoding: .utf8)
        func withoutDate(_ text: String) -> String { text.replacingOccurrences(of: #" created="[^"]*""#, with: "", options: .regularExpression) }
        #expect(withoutDate(again) == withoutDate(original))
        #expect(try LotseProcess.run(["import", "hsds-csv", folder, "--db", empty]).stdout.contains(" 0 neu, 0 geändert"))
    }

    @Test func csvPackageWritesFormulasAsTextAndRoundTripsThem() throws {
        let db = try seeded(), empty = LotseProcess.temporaryDatabase()
        let base = NSTemporaryDirectory() + "lotse-cli-formula-\(UUID().uuidString)"
        defer { remove(db, empty); try? FileManager.default.removeItem(atPath: base) }
        #expect(try LotseProcess.run(["export", "hsds-csv", "--db", db, "--out", base + "/a"]).status == 0)
        // Capacity notes as a foreign file carries them: a formula, an apostrophe (escaped by
        // the rule) and a plain apostrophe before a letter.
        var services = try String(contentsOfFile: base + "/a/services.csv", encoding: .utf8)
        for (note, cell) in [("Herbstkurs ausgebucht; Warteliste für den Kurs im Februar", "\"=HYPERLINK(\"\"http://x\"\")\""),
                             ("Neuaufnahmen ab Mitte Januar; Warteliste ca. 4 Wochen", "''Neuaufnahmen"),
                             ("Zwei Plätze montags und freitags frei", "'Zwei Plätze")] {
            #expect(services.components(separatedBy: note).count == 2, "\(note)")
            services = services.replacingOccurrences(of: note, with: cell)
        }
        try services.write(toFile: base + "/a/services.csv", atomically: true, encoding: .utf8)
        #expect(try LotseProcess.run(["import", "hsds-csv", base + "/a", "--db", db]).status == 0)
        #expect(try LotseProcess.run(["export", "hsds-csv", "--db", db, "--out", base + "/b"]).status == 0)
        let written = try String(contentsOfFile: base + "/b/services.csv", encoding: .utf8)
        #expect(written.contains(",\"'=HYPERLINK(\"\"http://x\"\")\",") && !written.contains(",\"=HYPERLINK"))
        #expect(written.contains(",''Neuaufnahmen,") && written.contains(",''Zwei Plätze,"))
        // Export → import into an empty database → export: identical.
        #expect(try LotseProcess.run(["init", "--empty", "--db", empty]).status == 0)
        #expect(try LotseProcess.run(["import", "hsds-csv", base + "/b", "--db", empty]).status == 0)
        #expect(try LotseProcess.run(["export", "hsds-csv", "--db", empty, "--out", base + "/c"]).status == 0)
        for file in try FileManager.default.contentsOfDirectory(atPath: base + "/b") where file.hasSuffix(".csv") {
            #expect(FileManager.default.contents(atPath: base + "/b/" + file) == FileManager.default.contents(atPath: base + "/c/" + file), "\(file)")
        }
    }

    @Test func exportIntoAPipeKeepsThePipe() throws {
        // `--out /dev/null` once replaced the device node with a regular file; a FIFO stands in.
        let db = try seeded(), fifo = NSTemporaryDirectory() + "lotse-cli-fifo-\(UUID().uuidString)"
        defer { remove(db); try? FileManager.default.removeItem(atPath: fifo) }
        #expect(mkfifo(fifo, 0o600) == 0)
        // Our own write end keeps the reader from seeing end-of-file before the export opens the
        // pipe; closing it afterwards ends the read whether or not the export wrote anything.
        let readEnd = open(fifo, O_RDONLY | O_NONBLOCK), writeEnd = open(fifo, O_WRONLY)
        #expect(readEnd >= 0 && writeEnd >= 0)
        _ = fcntl(readEnd, F_SETFL, fcntl(readEnd, F_GETFL) & ~O_NONBLOCK)
        let received = LockedData()
        let reader = Thread { received.set(FileHandle(fileDescriptor: readEnd, closeOnDealloc: true).readDataToEndOfFile()) }
        reader.start()
        let run = try LotseProcess.run(["export", "vcard", "--db", db, "--out", fifo])
        close(writeEnd)
        while !received.isSet { usleep(10_000) }
        #expect(run.status == 0)
        var info = stat()
        #expect(stat(fifo, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO)
        #expect(String(decoding: received.value, as: UTF8.self).hasPrefix("BEGIN:VCARD\r\n"))
    }

    @Test func rejectedRowsExit65AndChangeNothing() throws {
        let db = try seeded()
        let file = NSTemporaryDirectory() + "lotse-cli-\(UUID().uuidString).ndjson"
        defer { remove(db); try? FileManager.default.removeItem(atPath: file) }
        try "{\"id\":\"s1\",\"name\":\"X\",\"status\":\"active\",\"organization_id\":\"o9\"}\n".write(toFile: file, atomically: true, encoding: .utf8)
        let before = try LotseProcess.run(["stats", "--db", db, "--json"]).stdout
        let run = try LotseProcess.run(["import", "hsds-json", file, "--db", db])
        #expect(run.status == 65)
        #expect(run.stderr.contains("Import abgebrochen, nichts gespeichert."))
        #expect(run.stderr.contains("Zeile 1: Feld organization_id: unbekannte id o9 (organization)"))
        #expect(try LotseProcess.run(["stats", "--db", db, "--json"]).stdout == before)
        let dry = try LotseProcess.run(["import", "hsds-json", file, "--db", db, "--dry-run", "--skip-invalid"])
        #expect(dry.status == 65 && dry.stderr.contains("Probelauf"))
    }

    @Test(arguments: [["export"], ["export", "pdf"], ["export", "hsds-csv"], ["export", "vcard", "--audience", "alle"],
                      ["import", "xml"], ["import", "yaml", "x"], ["import", "hsds-csv", "x", "--organization", "o1"]])
    func usageErrorsExit64(_ arguments: [String]) throws {
        let db = try seeded()
        defer { remove(db) }
        let run = try LotseProcess.run(arguments + ["--db", db])
        #expect(run.status == 64, "\(arguments): \(run.stderr)")
        #expect(!run.stderr.isEmpty)
    }
}

/// Data handed from the FIFO reader thread to the test.
final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?
    func set(_ value: Data) { lock.withLock { data = value } }
    var isSet: Bool { lock.withLock { data != nil } }
    var value: Data { lock.withLock { data ?? Data() } }
}
