// HTTPBenchmark: `lotse-bench http` — starts `lotse serve` (the binary beside) on a generated
// directory, measures start-up to the first answer and to the first search, then drives it
// with wrk over loopback (both share the machine's cores) for the API search, the HTML results
// page and the service detail endpoint, sampling the server's memory.
import Dispatch
import Foundation
import LotseCommandLine
import LotseCore

/// The HTTP benchmark.
struct HTTPBenchmark {
    /// Directory sizes to measure, in services.
    let sizes: [Int]
    /// The generator's seed.
    let seed: UInt64
    /// Concurrent wrk connections.
    let connections: Int
    /// Seconds per wrk run.
    let seconds: Int
    /// The `lotse` binary to start.
    let serverBinary: String
    /// Folder for the generated databases; nil: temporary, removed afterwards.
    let directory: String?
    /// Where the table goes.
    let console: Console

    /// Fixed German queries with and without filters (API parameter names).
    static let apiQueries = [
        "search=beratung", "search=pflege", "search=schuldnerberatung", "search=mittagstisch", "search=senioren",
        "search=stra%C3%9Fe", "search=wohnen%20barrierefrei", "search=tagespflege", "search=%C3%BC", "search=sc",
        "search=beratung&sozialraum=dresden", "search=pflege&near=dresden-gruna", "search=beratung&need=beratung&sozialraum=berlin",
        "search=treff&capacity=available", "search=senioren&accessibility=aufzug", "search=hilfe&language=tr",
        "search=wohnen&kind=housing_cooperative&kind=housing_company", "search=schuldner&legal_basis=kostenfrei",
        "need=pflege", "sozialraum=berlin-neukoelln", "near=dresden-johannstadt-nord&search=beratung",
        "search=begleitung&target_group=senioren", "search=migration", "search=ehrenamt",
    ]

    /// The same mix as German page parameters.
    static let pageQueries = [
        "q=beratung", "q=pflege", "q=schuldnerberatung", "q=mittagstisch", "q=senioren", "q=stra%C3%9Fe",
        "q=wohnen+barrierefrei", "q=tagespflege", "q=beratung&sozialraum=dresden", "q=pflege&nahe=dresden-gruna",
        "q=beratung&bedarf=beratung&sozialraum=berlin", "q=treff&kapazitaet=available", "q=senioren&barrierefrei=aufzug",
        "q=hilfe&sprache=tr", "bedarf=pflege", "sozialraum=berlin-neukoelln", "q=migration&seite=2", "q=ehrenamt",
    ]

    /// Generates the data, measures and prints the table.
    func run() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/wrk") else {
            throw LotseError(.notFound, "wrk fehlt: apt-get install -y wrk")
        }
        console.out("HTTP: wrk -t2 -c\(connections) -d\(seconds)s auf 127.0.0.1, Server und wrk teilen sich \(ProcessInfo.processInfo.activeProcessorCount) Kerne.")
        for size in sizes { try measure(size) }
    }

    private func measure(_ size: Int) throws {
        let folder = directory ?? NSTemporaryDirectory()
        let path = try BenchDatabase.prepare(services: size, seed: seed, directory: folder, console: console)
        defer { if directory == nil { BenchDatabase.remove(path) } }
        console.out("\n== \(size) Angebote")
        let server = Process()
        server.executableURL = URL(fileURLWithPath: serverBinary)
        server.arguments = ["serve", "--port", "0", "--db", path]
        let output = Pipe()
        server.standardOutput = output
        server.standardError = FileHandle(forWritingAtPath: "/dev/null")
        let started = DispatchTime.now().uptimeNanoseconds
        try server.run()
        defer { server.terminate(); server.waitUntilExit() }
        var line = ""
        while !line.contains("\n") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += String(decoding: chunk, as: UTF8.self)
        }
        guard let range = line.range(of: "http://127.0.0.1:"), let port = Int(line[range.upperBound...].prefix { $0.isNumber }) else {
            throw LotseError(.unusableData, "Server meldet keine Adresse: \(line)")
        }
        let base = "http://127.0.0.1:\(port)"
        let firstAnswer = try waitFor("\(base)/", since: started)
        let firstSearch = try waitFor("\(base)/api/services?search=beratung", since: started)
        let rest = residentMemory(server.processIdentifier)
        console.out(String(format: "Start bis zur ersten Antwort: %.0f ms · bis zur ersten Suche (Index fertig): %.0f ms · Arbeitsspeicher in Ruhe: %.0f MB",
                           firstAnswer, firstSearch, rest))
        let ids = try fetch("\(base)/api/services?minimal=true&per_page=200").split(separator: "\"").enumerated()
            .compactMap { $0.offset > 0 && $0.element.count == 36 ? String($0.element) : nil }
        let runs: [(String, [String])] = [
            ("API-Suche /api/services?search=…", Self.apiQueries.map { "/api/services?\($0)" }),
            ("HTML-Trefferseite /suche?q=…", Self.pageQueries.map { "/suche?\($0)" }),
            ("API-Detail /api/services/{id}", ids.map { "/api/services/\($0)" }),
        ]
        var peak = rest
        for (label, paths) in runs {
            _ = try wrk(base: base, paths: paths, pid: server.processIdentifier, seconds: 2)   // warm-up, not reported
            let result = try wrk(base: base, paths: paths, pid: server.processIdentifier, seconds: seconds)
            guard server.isRunning else {
                throw LotseError(.unusableData, "Der Server ist während „\(label)“ beendet worden (Status \(server.terminationStatus)).")
            }
            peak = max(peak, result.peakMegabytes)
            console.out("  \(label): \(Int(result.requestsPerSecond)) Anfragen/s, p50 \(result.p50), p99 \(result.p99), \(result.errors == "0" ? "keine Fehler" : result.errors) (\(paths.count) Pfade)")
        }
        console.out(String(format: "  Arbeitsspeicher des Servers unter Last (Spitze): %.0f MB · höchster Wert seit dem Start, mit dem Indexaufbau (VmHWM): %.0f MB",
                           peak, residentMemory(server.processIdentifier, field: "VmHWM:")))
    }

    /// Polls `url` until it answers 200; returns milliseconds since `since`.
    private func waitFor(_ url: String, since: UInt64) throws -> Double {
        for _ in 0..<30_000 {
            if (try? fetch(url)) != nil { return Double(DispatchTime.now().uptimeNanoseconds - since) / 1e6 }
            usleep(2_000)
        }
        throw LotseError(.unusableData, "\(url) antwortet nicht")
    }

    /// GET with curl; nil on failure.
    private func fetch(_ url: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["-sf", "--max-time", "60", url]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw LotseError(.unusableData, "\(url): curl \(process.terminationStatus)") }
        return String(decoding: data, as: UTF8.self)
    }

    private struct WrkResult {
        var requestsPerSecond = 0.0, p50 = "?", p99 = "?", errors = "0", peakMegabytes = 0.0
    }

    private func wrk(base: String, paths: [String], pid: Int32, seconds: Int) throws -> WrkResult {
        let script = NSTemporaryDirectory() + "lotse-wrk-\(getpid()).lua"
        let list = paths.map { "\"\($0)\"" }.joined(separator: ",\n")
        try """
            local paths = {\(list)}
            local index = 0
            request = function()
              index = index % #paths + 1
              return wrk.format("GET", paths[index])
            end
            """.write(toFile: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: script) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/wrk")
        process.arguments = ["-t2", "-c\(connections)", "-d\(seconds)s", "--latency", "-s", script, base + "/"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        var peak = 0.0
        while process.isRunning {
            peak = max(peak, residentMemory(pid))
            usleep(100_000)
        }
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        var result = WrkResult(peakMegabytes: peak)
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if line.hasPrefix("Requests/sec:"), let value = fields.last.flatMap({ Double($0) }) { result.requestsPerSecond = value }
            if fields.first == "50%", fields.count > 1 { result.p50 = String(fields[1]) }
            if fields.first == "99%", fields.count > 1 { result.p99 = String(fields[1]) }
            if line.contains("Non-2xx") || line.contains("Socket errors") { result.errors = line.trimmingCharacters(in: .whitespaces) }
        }
        return result
    }

    /// A memory figure of /proc/PID/status in MB: resident now (`VmRSS:`) or its peak (`VmHWM:`).
    private func residentMemory(_ pid: Int32, field: String = "VmRSS:") -> Double {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix(field) {
            return Double(line.filter(\.isNumber)).map { $0 / 1024 } ?? 0
        }
        return 0
    }
}

/// Generated benchmark databases, reused from `--dir` when they already exist.
enum BenchDatabase {
    /// The path of a database with `services` generated services (seed `seed`), creating it
    /// when missing.
    static func prepare(services: Int, seed: UInt64, directory: String, console: Console) throws -> String {
        let path = (directory as NSString).appendingPathComponent("lotse-bench-\(services)-\(seed).db")
        if FileManager.default.fileExists(atPath: path),
           let store = try? Store.open(path: path, create: false),
           (try? store.pool.read { try $0.scalarInt("SELECT count(*) FROM service") }) == services {
            try store.close()
            return path
        }
        remove(path)
        let store = try Store.open(path: path)
        try store.pool.write { try SeedLoader.loadVocabulary(into: $0) }
        try store.pool.write { db in _ = try SyntheticDirectory(services: services, seed: seed).generate(into: db) }
        try store.close()
        return path
    }

    /// Removes a database and its WAL files.
    static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
