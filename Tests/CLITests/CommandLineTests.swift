// The command table as a user meets it: help, exit codes and bad input, through the binary.
import Foundation
import LotseCommandLine
import Testing

@Suite struct CommandLineTests {
    @Test func helpListsEveryCommandAndExitsZero() throws {
        let run = try LotseProcess.run(["help"])
        #expect(run.status == 0)
        for command in ["init", "migrate", "search", "stats", "generate"] {
            #expect(run.stdout.contains("\n  \(command) "), "\(command) missing in help")
        }
        #expect(!run.stdout.contains("bench"), "the benchmarks are lotse-bench's")
        for code in ExitCode.allCases {
            #expect(run.stdout.contains("\n  \(code.rawValue) "), "exit status \(code.rawValue) missing in help")
        }
        #expect(try LotseProcess.run(["bench", "search"]).status == ExitCode.usage.rawValue)
    }

    @Test func routesPrintsTheRouteTable() throws {
        let run = try LotseProcess.run(["routes"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("GET   /vermittlungen/:id "))
        #expect(run.stdout.contains("Eine Vermittlung mit Verlauf und Notizen"))
        let coordinators = try LotseProcess.run(["routes", "--zugriff", "coordinator"])
        #expect(coordinators.stdout.contains("/koordination/bericht") && !coordinators.stdout.contains("/vermittlungen/:id "))
        #expect(try LotseProcess.run(["routes", "--zugriff", "jeder"]).status == ExitCode.usage.rawValue)
    }

    /// The README's sentence on exit codes names exactly the codes of ExitCode.
    @Test func readmeListsTheExitCodes() throws {
        let readme = try String(contentsOf: LotseProcess.root.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "Exit codes\nfollow sysexits:"))
        let sentence = readme[start.upperBound...].prefix { $0 != "." }
        let numbers = sentence.split(whereSeparator: { !$0.isNumber }).compactMap { Int32($0) }
        #expect(numbers == ExitCode.allCases.map(\.rawValue))
    }

    @Test func benchmarksAreTheirOwnProgram() throws {
        let run = try LotseProcess.run(["help"], program: "lotse-bench")
        #expect(run.status == 0)
        for kind in ["search", "http", "export", "referrals", "digest"] {
            #expect(run.stdout.contains("\n  \(kind) "), "\(kind) missing in lotse-bench help")
        }
        #expect(try LotseProcess.run(["help", "referrals"], program: "lotse-bench").stdout.contains("Aufruf: lotse-bench referrals [ANZAHL]"))
        for arguments in [["frobnicate"], ["search", "extra"], ["referrals", "null"], ["digest", "--sizes", "10"], []] {
            let wrong = try LotseProcess.run(arguments, program: "lotse-bench")
            #expect(wrong.status == ExitCode.usage.rawValue, "\(arguments)")
            #expect(!wrong.stderr.isEmpty)
        }
    }

    @Test func commandHelpShowsUsageAndOptions() throws {
        let run = try LotseProcess.run(["help", "search"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("Aufruf: lotse search"))
        #expect(run.stdout.contains("--area CODE"))
        #expect(try LotseProcess.run(["search", "--help"]).stdout == run.stdout)
    }

    @Test(arguments: [["frobnicate"], ["search", "--colour", "x"], ["init", "extra"], ["search", "--page"],
                      ["search", "--page", "zwei"], ["generate"], ["help", "nix"], []])
    func usageErrorsExit64WithAMessage(_ arguments: [String]) throws {
        let run = try LotseProcess.run(arguments)
        #expect(run.status == 64)
        #expect(!run.stderr.isEmpty)
        #expect(run.stdout.isEmpty)
    }

    @Test func initLoadsTheSeedsAndRefusesToOverwrite() throws {
        let db = LotseProcess.temporaryDatabase()
        defer { try? FileManager.default.removeItem(atPath: db) }
        let first = try LotseProcess.run(["init", "--db", db])
        #expect(first.status == 0)
        #expect(first.stdout.contains("fiktive Beispieldaten"))
        let again = try LotseProcess.run(["init", "--db", db])
        #expect(again.status == 73)
        #expect(again.stderr.contains("--force"))
        #expect(try LotseProcess.run(["init", "--db", db, "--force", "--empty"]).status == 0)
        let stats = try LotseProcess.run(["stats", "--db", db, "--json"])
        #expect(stats.stdout.contains("\"listed_services\" : 0"))
    }

    @Test func searchFindsSeedDataAndUsesLOTSE_DB() throws {
        let db = LotseProcess.temporaryDatabase()
        defer { try? FileManager.default.removeItem(atPath: db) }
        #expect(try LotseProcess.run(["init", "--db", db]).status == 0)
        let run = try LotseProcess.run(["search", "beratung", "--area", "dresden", "--json"], environment: ["LOTSE_DB": db])
        #expect(run.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect((object?["total"] as? Int ?? 0) > 0)
        let unknown = try LotseProcess.run(["search", "--db", db, "--area", "atlantis"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("Unbekannter Sozialraum: atlantis"))
        #expect(try LotseProcess.run(["migrate", "--db", db]).stdout.contains("Schema ist aktuell"))
    }

    @Test func corruptAndForeignDatabasesAreRefusedUntouched() throws {
        let db = LotseProcess.temporaryDatabase()
        defer { try? FileManager.default.removeItem(atPath: db) }
        let garbage = Data("Dies ist keine Datenbank.\n".utf8)
        try garbage.write(to: URL(fileURLWithPath: db))
        for arguments in [["search", "x"], ["stats"], ["migrate"]] {
            let run = try LotseProcess.run(arguments + ["--db", db])
            #expect(run.status == 65)
            #expect(run.stderr.contains("keine SQLite-Datenbank"))
        }
        #expect(FileManager.default.contents(atPath: db) == garbage)
    }

    @Test func missingDatabaseIsNotFound() throws {
        let run = try LotseProcess.run(["stats", "--db", LotseProcess.temporaryDatabase()])
        #expect(run.status == 66)
        #expect(run.stderr.contains("lotse init"))
    }

    @Test func brokenSeedPackageLeavesNoDatabaseBehind() throws {
        let db = LotseProcess.temporaryDatabase()
        let seeds = NSTemporaryDirectory() + "broken-seeds-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: seeds, withIntermediateDirectories: true)
        try #"{"resources":[{"name":"organization","path":"organizations.csv"}]}"#.write(toFile: seeds + "/datapackage.json", atomically: true, encoding: .utf8)
        try "id,name,description,kind\no1,A,x,bank\n".write(toFile: seeds + "/organizations.csv", atomically: true, encoding: .utf8)
        let run = try LotseProcess.run(["init", "--db", db, "--seeds", seeds])
        #expect(run.status == 65)
        #expect(run.stderr.contains("organizations.csv Zeile 2: Feld kind: »bank« ist kein erlaubter Wert"))
        #expect(!FileManager.default.fileExists(atPath: db))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()).filter { $0.hasPrefix((db as NSString).lastPathComponent) }
        #expect(leftovers.isEmpty)
        try "{ nicht json".write(toFile: seeds + "/datapackage.json", atomically: true, encoding: .utf8)
        let malformed = try LotseProcess.run(["init", "--db", db, "--seeds", seeds])
        #expect(malformed.status == 65)
        #expect(malformed.stderr.contains("kein gültiges JSON"))
    }

    @Test func generateIsDeterministicForASeed() throws {
        let first = LotseProcess.temporaryDatabase(), second = LotseProcess.temporaryDatabase()
        defer { for db in [first, second] { try? FileManager.default.removeItem(atPath: db) } }
        for db in [first, second] {
            #expect(try LotseProcess.run(["init", "--db", db, "--empty"]).status == 0)
            let run = try LotseProcess.run(["generate", "--db", db, "--services", "200", "--seed", "3"])
            #expect(run.status == 0)
            #expect(run.stdout.contains("200 Angebote"))
        }
        let a = try LotseProcess.run(["search", "--db", first, "beratung", "--json", "--per-page", "50"]).stdout
        let b = try LotseProcess.run(["search", "--db", second, "beratung", "--json", "--per-page", "50"]).stdout
        #expect(a == b && a.contains("\"total\""))
    }
}
