// Importing HSDS CSV data packages: good data, every kind of broken data, all or nothing.
import Foundation
import SQLite
import Testing
@testable import LotseCore

@Suite struct DataPackageImporterTests {
    /// Writes a package (file name → content) into a temporary folder; `resources` lists
    /// (resource name, path) for datapackage.json.
    func package(_ files: [String: String], resources: [(String, String)]? = nil) throws -> String {
        let directory = NSTemporaryDirectory() + "pkg-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for (name, content) in files { try content.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8) }
        let list = resources ?? files.keys.sorted().compactMap { file in
            TableSpecs.order.first { $0.1 == file }.map { ($0.0, file) }
        }
        let json = "{\"name\":\"t\",\"resources\":[" + list.map { "{\"name\":\"\($0.0)\",\"path\":\"\($0.1)\"}" }.joined(separator: ",") + "]}"
        try json.write(toFile: directory + "/datapackage.json", atomically: true, encoding: .utf8)
        return directory
    }

    let organizations = "id,name,description,kind\no1,Verein Eins,Träger,traeger\no2,\"Wohnbau \"\"Elbe\"\", GmbH\",x,housing_company\n"
    let services = "id,organization_id,name,status,description\ns1,o1,Schuldnerberatung,active,\"Beratung,\nmehrzeilig\"\ns2,o2,Mieterberatung,active,x\n"

    @discardableResult
    func run(_ fixture: Fixture, _ directory: String, _ options: ImportOptions = ImportOptions()) throws -> ImportReport {
        do {
            return try fixture.store.pool.write { db in
                let importer = try TableImporter(db: db, specs: try TableSpecs.load(db), options: options)
                try DataPackageImporter.importPackage(at: directory, into: importer)
                return try importer.finish()
            }
        } catch let rolledBack as ImportRolledBack {
            return rolledBack.report
        }
    }

    func fingerprint(_ fixture: Fixture) throws -> String {
        try fixture.store.pool.read { try DirectoryFingerprint.compute($0) }
    }

    /// A bulk load (search triggers suspended, index built once) gives the same search
    /// documents as the row-by-row path, keeps the schema's triggers, and rolls back cleanly.
    @Test func bulkLoadIndexesLikeTheRowByRowImport() throws {
        func documents(_ fixture: Fixture) throws -> [String] {
            try fixture.store.pool.read { db in
                try db.query("SELECT service_id || name || terms || description || organization || place || extra FROM search_document ORDER BY service_id") { $0.string(0) }
            }
        }
        func triggers(_ fixture: Fixture) throws -> [String] {
            try fixture.store.pool.read { try $0.query("SELECT name || sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name") { $0.string(0) } }
        }
        let directory = try package(["organizations.csv": organizations, "services.csv": services])
        let plain = try Fixture(), bulk = try Fixture()
        var options = ImportOptions()
        options.bulkLoad = true
        #expect(try run(plain, directory).committed)
        #expect(try run(bulk, directory, options).committed)
        #expect(try documents(bulk).count == 2)
        #expect(try documents(bulk) == documents(plain))
        #expect(try triggers(bulk) == triggers(plain))
        #expect(try bulk.search("schuldnerberatung").count == 1)

        let broken = try package(["organizations.csv": organizations, "services.csv": services + "s3,o9,Waise,active,x\n"])
        let empty = try Fixture()
        let before = try fingerprint(empty)
        #expect(try !run(empty, broken, options).committed)
        #expect(try fingerprint(empty) == before)
        #expect(try triggers(empty) == triggers(plain))
    }

    @Test func importsAndThenReportsUnchangedAndUpdatedRows() throws {
        let fixture = try Fixture()
        let directory = try package(["organizations.csv": organizations, "services.csv": services])
        let first = try run(fixture, directory)
        #expect(first.committed)
        #expect(first.counts(of: "organization").created == 2)
        #expect(first.counts(of: "service").created == 2)
        #expect(try fixture.search("beratung").count == 2)
        let second = try run(fixture, directory)
        #expect(second.totals.unchanged == 4 && second.totals.created == 0 && second.totals.updated == 0)
        let changed = try package(["organizations.csv": organizations.replacingOccurrences(of: "Verein Eins", with: "Verein Zwei"),
                                   "services.csv": services])
        let third = try run(fixture, changed)
        #expect(third.counts(of: "organization").updated == 1)
        let history = try fixture.store.pool.read {
            try $0.queryFirst("SELECT field_name, previous_value, replacement_value FROM metadata") { ($0.string(0), $0.string(1), $0.string(2)) }
        }
        #expect(history?.0 == "name" && history?.1 == "Verein Eins" && history?.2 == "Verein Zwei")
    }

    @Test(arguments: [
        ("services.csv", "id,organization_id,name,status\ns1,o9,X,active\n", "unbekannte id o9 (organization)"),
        ("services.csv", "id,organization_id,name,status\ns1,o1,X,active\ns1,o1,Y,active\n", "id s1 kommt mehrfach vor"),
        ("services.csv", "id,organization_id,name,status\ns1,o1,X,offen\n", "»offen« ist kein erlaubter Wert"),
        ("services.csv", "id,organization_id,name,status\ns1,o1,,active\n", "Pflichtfeld name ist leer"),
        ("services.csv", "id,organization_id,name,status,minimum_age\ns1,o1,X,active,zwölf\n", "»zwölf« ist keine Zahl"),
        ("services.csv", "id,organization_id,name,status,assured_date\ns1,o1,X,active,31.12.2025\n", "ist kein Datum"),
        ("services.csv", "id,organization_id,name,status\ns1,o1,X\n", "3 Felder statt 4"),
        ("services.csv", "id,organization_id,name,status\ns1,o1,\"X,active\n", "Anführungszeichen wird nicht geschlossen"),
    ])
    func rejectedRowsAbortTheWholeImport(_ file: String, _ content: String, _ expected: String) throws {
        let fixture = try Fixture()
        let before = try fingerprint(fixture)
        let report = try run(fixture, try package(["organizations.csv": organizations, file: content]))
        #expect(!report.committed)
        #expect(report.problemCount >= 1)
        #expect(report.problems.contains { $0.message.contains(expected) }, "\(report.problems)")
        #expect(report.problems.allSatisfy { $0.source == file && $0.line != nil })
        #expect(try fingerprint(fixture) == before)
    }

    @Test(arguments: [
        ("12", ColumnKind.integer, SQLValue.integer(12)), (" 12\t", .integer, .integer(12)), ("\u{00A0}7", .integer, .integer(7)),
        ("1,5", .real, .real(1.5)), (" 52.5 ", .real, .real(52.5)), ("2026-01-31 ", .date, .text("2026-01-31")),
        ("9:05", .time, .text("09:05")), (" 18:30", .time, .text("18:30")), (" Text mit Rand ", .text, .text(" Text mit Rand ")),
    ])
    func valuesAreTrimmedAndNormalizedByKind(_ raw: String, _ kind: ColumnKind, _ expected: SQLValue) {
        guard case .success(let value) = TableImporter.convert(raw, kind) else {
            Issue.record("\(raw) was rejected")
            return
        }
        #expect(value == expected)
    }

    @Test func quotedLineBreaksKeepTheLineNumbersOfLaterRows() throws {
        let fixture = try Fixture()
        let before = try fingerprint(fixture)
        let content = "id,organization_id,name,status,description\ns1,o1,Gut,active,\"Zeile eins,\nZeile zwei\nZeile drei\"\ns2,o7,Falsch,active,x\ns1,o1,Doppelt,active,x\n"
        let report = try run(fixture, try package(["organizations.csv": organizations, "services.csv": content]))
        #expect(!report.committed)
        #expect(report.problems.map(\.description) == [
            "services.csv Zeile 5: Feld organization_id: unbekannte id o7 (organization)",
            "services.csv Zeile 6: id s1 kommt mehrfach vor",
        ])
        #expect(try fingerprint(fixture) == before)
    }

    @Test func missingRequiredColumnIsAFileError() throws {
        let fixture = try Fixture()
        let directory = try package(["organizations.csv": organizations, "services.csv": "id,organization_id,status\ns1,o1,active\n"])
        let error = #expect(throws: LotseError.self) { try run(fixture, directory) }
        #expect(error?.message == "services.csv: Pflichtspalte name fehlt")
        #expect(try fixture.store.pool.read { try $0.scalarInt("SELECT count(*) FROM organization") } == 0)
    }

    @Test func latin1FileGivesAPerRowEncodingError() throws {
        let fixture = try Fixture()
        let directory = try package(["organizations.csv": "id,name,description\n"])
        var bytes = Array("id,name,description\no1,".utf8)
        bytes += [0x4D, 0xFC, 0x6C, 0x6C, 0x65, 0x72]   // "Müller" in ISO-8859-1
        bytes += Array(",x\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: directory + "/organizations.csv"))
        let report = try run(fixture, directory)
        #expect(report.problems.first?.description == "organizations.csv Zeile 2: Feld 2 ist nicht gültiges UTF-8 (falsche Zeichenkodierung? Datei als UTF-8 speichern)")
        #expect(!report.committed)
    }

    @Test func skipInvalidKeepsTheGoodRows() throws {
        let fixture = try Fixture()
        let directory = try package(["organizations.csv": organizations,
                                     "services.csv": "id,organization_id,name,status\ns1,o1,Gut,active\ns2,o9,Schlecht,active\n"])
        var options = ImportOptions()
        options.skipInvalid = true
        let report = try run(fixture, directory, options)
        #expect(report.committed)
        #expect(report.counts(of: "service").created == 1 && report.counts(of: "service").rejected == 1)
        #expect(try fixture.search("gut").count == 1)
    }

    @Test func dryRunChangesNothing() throws {
        let fixture = try Fixture()
        let before = try fingerprint(fixture)
        let report = try run(fixture, try package(["organizations.csv": organizations, "services.csv": services]), ImportOptions(dryRun: true))
        #expect(report.dryRun && !report.committed)
        #expect(report.totals.created == 4)
        #expect(try fingerprint(fixture) == before)
    }

    @Test(arguments: ["../../etc/passwd", "/etc/passwd", "https://example.org/x.csv", "a/../../b.csv"])
    func resourcePathsMustStayInsideThePackage(_ path: String) throws {
        let fixture = try Fixture()
        let directory = try package([:], resources: [("organization", path)])
        let error = #expect(throws: LotseError.self) { try run(fixture, directory) }
        #expect(error?.message.contains("ist nicht erlaubt") == true)
    }

    @Test func parentsLaterInTheFileAreResolvedAndCyclesDoNotHang() throws {
        let fixture = try Fixture(vocabulary: false)
        let directory = try package(["sozialraeume.csv": "id,code,parent_id,name,level\nb,kind,a,Kind,bezirk\na,stadt,,Stadt,stadt\n"])
        #expect(try run(fixture, directory).committed)
    }

    @Test func readsTheOfficialHSDSExamplePackageReportingItsDanglingReferences() throws {
        let fixture = try Fixture(vocabulary: false)
        // `shared/` lies beside the repository (or beside the folder of its git worktrees).
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var official = ""
        for _ in 0..<3 {
            folder.deleteLastPathComponent()
            official = folder.appendingPathComponent("shared/anchors/hsds/3.1/examples/csv").path
            if FileManager.default.fileExists(atPath: official + "/datapackage.json") { break }
        }
        try #require(FileManager.default.fileExists(atPath: official + "/datapackage.json"))
        var options = ImportOptions()
        options.skipInvalid = true
        let report = try run(fixture, official, options)
        #expect(report.committed)
        #expect(report.counts(of: "organization").created == 1)
        #expect(report.counts(of: "service").created == 1)
        // Dangling optional references are dropped with a note, dangling required ones rejected.
        #expect(report.warnings.contains { $0.hasPrefix("organizations.csv Zeile 2: Feld parent_organization_id: unbekannte id") })
        #expect(report.problems.contains { $0.description == "locations.csv Zeile 2: Feld latitude: 100 liegt nicht zwischen -90 und 90" })
        #expect(report.problems.contains { $0.source == "service_capacity.csv" && $0.message.contains("service_id") })
        #expect(report.problems.contains { $0.source == "attributes.csv" && $0.message.contains("link_entity") })
        #expect(try fixture.search("counselling").count == 1)
    }
}
