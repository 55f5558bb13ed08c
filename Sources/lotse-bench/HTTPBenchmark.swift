// HTTPBenchmark: `lotse-bench http` — starts `lotse serve` (the binary beside) on a generated
// directory, measures start-up to the first answer and to the first search (again after a
// restart, answered from the index snapshot), then drives it
// with wrk over loopback (both share the machine's cores) for the API search, the HTML results
// page and the service detail endpoint, sampling the server's memory; then repeats the API
// search while 64 clients request the NDJSON export and never read (hostile clients).
import Dispatch
import Foundation
import Glibc
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
        let (server, base, port, firstAnswer, firstSearch) = try startServer(path)
        defer { if server.isRunning { server.terminate(); server.waitUntilExit() } }
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
        var apiBaseline = WrkResult()
        for (label, paths) in runs {
            _ = try wrk(base: base, paths: paths, pid: server.processIdentifier, seconds: 2)   // warm-up, not reported
            let result = try wrk(base: base, paths: paths, pid: server.processIdentifier, seconds: seconds)
            guard server.isRunning else {
                throw LotseError(.unusableData, "Der Server ist während „\(label)“ beendet worden (Status \(server.terminationStatus)).")
            }
            peak = max(peak, result.peakMegabytes)
            if label.hasPrefix("API-Suche") { apiBaseline = result }
            console.out("  \(label): \(Int(result.requestsPerSecond)) Anfragen/s, p50 \(result.p50), p99 \(result.p99), \(result.errors == "0" ? "keine Fehler" : result.errors) (\(paths.count) Pfade)")
        }
        console.out(String(format: "  Arbeitsspeicher des Servers unter Last (Spitze): %.0f MB · höchster Wert seit dem Start, mit dem Indexaufbau (VmHWM): %.0f MB",
                           peak, residentMemory(server.processIdentifier, field: "VmHWM:")))
        try measureUnderNonReadingClients(port: port, base: base, pid: server.processIdentifier,
                                          apiPaths: runs[0].1, baseline: apiBaseline)
        // A restart: the index snapshot the first server wrote answers the first search.
        server.terminate()
        server.waitUntilExit()
        let (again, againBase, _, againAnswer, againSearch) = try startServer(path)
        defer { again.terminate(); again.waitUntilExit() }
        for query in Self.apiQueries { _ = try? fetch("\(againBase)/api/services?\(query)") }
        console.out(String(format: "  Neustart: erste Antwort nach %.0f ms, erste Suche nach %.0f ms · Arbeitsspeicher nach %d Suchen: %.0f MB",
                           againAnswer, againSearch, Self.apiQueries.count, residentMemory(again.processIdentifier)))
    }

    /// Starts `lotse serve` on `path`; returns the process, its base URL and port, and the
    /// milliseconds from the start to the first answer and to the first search.
    private func startServer(_ path: String) throws -> (Process, String, Int, Double, Double) {
        let server = Process()
        server.executableURL = URL(fileURLWithPath: serverBinary)
        server.arguments = ["serve", "--port", "0", "--db", path]
        let output = Pipe()
        server.standardOutput = output
        server.standardError = FileHandle(forWritingAtPath: "/dev/null")
        let started = DispatchTime.now().uptimeNanoseconds
        try server.run()
        var line = ""
        while !line.contains("\n") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += String(decoding: chunk, as: UTF8.self)
        }
        guard let range = line.range(of: "http://127.0.0.1:"), let port = Int(line[range.upperBound...].prefix { $0.isNumber }) else {
            server.terminate()
            throw LotseError(.unusableData, "Server meldet keine Adresse: \(line)")
        }
        let base = "http://127.0.0.1:\(port)"
        let firstAnswer = try waitFor(port: port, path: "/", since: started)
        let firstSearch = try waitFor(port: port, path: "/api/services?search=beratung", since: started)
        return (server, base, port, firstAnswer, firstSearch)
    }

    /// Opens 64 clients that request the streamed NDJSON export and never read, then measures a
    /// fresh client's GET / and API search (connection, request, whole answer) and wrk's API
    /// search while they hang, next to the figures without them.
    private func measureUnderNonReadingClients(port: Int, base: String, pid: Int32, apiPaths: [String],
                                               baseline: WrkResult) throws {
        let clients = (0..<64).map { _ in RawClient.connect(port: port) }.filter { $0 >= 0 }
        defer { clients.forEach { close($0) } }
        for client in clients {
            var size: Int32 = 16 * 1024
            setsockopt(client, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
            RawClient.send(client, "GET /export/hsds-ndjson HTTP/1.1\r\nHost: bench\r\n\r\n")
        }
        usleep(1_000_000)  // let the admitted streams fill their budgets
        var statuses: [String: Int] = [:]
        for client in clients { statuses[RawClient.peekStatus(client), default: 0] += 1 }
        let stalledMemory = residentMemory(pid)
        var rootTimes: [Double] = []
        var searchTimes: [Double] = []
        for index in 0..<10 {
            rootTimes.append(RawClient.timedGet(port: port, path: "/"))
            searchTimes.append(RawClient.timedGet(port: port, path: "/api/services?" + Self.apiQueries[index]))
        }
        let under = try wrk(base: base, paths: apiPaths, pid: pid, seconds: seconds)
        let shown = statuses.sorted { $0.key < $1.key }.map { "\($0.value)× \($0.key)" }.joined(separator: ", ")
        console.out("  64 Clients laden /export/hsds-ndjson und lesen nicht (Antworten: \(shown)); Arbeitsspeicher: \(Int(stalledMemory)) MB")
        console.out(String(format: "    frischer Client währenddessen: GET / höchstens %.1f ms (Median %.1f) · API-Suche höchstens %.1f ms (Median %.1f)",
                           rootTimes.max() ?? 0, Self.median(rootTimes), searchTimes.max() ?? 0, Self.median(searchTimes)))
        console.out("    API-Suche ohne sie: \(Int(baseline.requestsPerSecond)) Anfragen/s, p99 \(baseline.p99) · mit ihnen: \(Int(under.requestsPerSecond)) Anfragen/s, p99 \(under.p99), \(under.errors == "0" ? "keine Fehler" : under.errors), Spitze \(Int(under.peakMegabytes)) MB")
    }

    private static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }

    /// Polls `url` until it answers 200; returns milliseconds since `since`.
    /// Milliseconds since `since` until `path` answers 200, asked over a plain socket every
    /// millisecond (starting a curl process per try cost tens of milliseconds each and made
    /// the start look slower than it is).
    private func waitFor(port: Int, path: String, since: UInt64) throws -> Double {
        for _ in 0..<60_000 {
            if RawClient.status(port: port, path: path) == "200" { return Double(DispatchTime.now().uptimeNanoseconds - since) / 1e6 }
            usleep(1_000)
        }
        throw LotseError(.unusableData, "\(path) antwortet nicht")
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

/// Raw loopback sockets for the hostile-client run (wrk cannot leave a response unread).
private enum RawClient {
    /// A blocking socket connected to 127.0.0.1:`port`, or -1.
    static func connect(port: Int) -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return -1 }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(descriptor)
            return -1
        }
        return descriptor
    }

    /// Sends `text` completely.
    static func send(_ descriptor: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return }
            offset += sent
        }
    }

    /// The status code of the response waiting on `descriptor`, read without consuming it.
    static func peekStatus(_ descriptor: Int32) -> String {
        var head = [UInt8](repeating: 0, count: 12)
        let count = head.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, Int32(MSG_PEEK | MSG_DONTWAIT)) }
        guard count >= 12 else { return "keine Antwort" }
        return String(decoding: head[9..<12], as: UTF8.self)
    }

    /// Milliseconds for connecting, sending a GET with `Connection: close` and reading the whole
    /// answer; 10,000 when it does not complete within 10 s.
    static func timedGet(port: Int, path: String) -> Double {
        let started = DispatchTime.now().uptimeNanoseconds
        guard get(port: port, path: path) != nil else { return 10_000 }
        return Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
    }

    /// The status code of a whole GET with `Connection: close`, or nil (no connection, no answer
    /// within 10 s).
    static func status(port: Int, path: String) -> String? {
        guard let head = get(port: port, path: path), head.count >= 12 else { return nil }
        return String(decoding: head[9..<12], as: UTF8.self)
    }

    /// Sends a GET with `Connection: close` and reads the whole answer; its first bytes, or nil.
    private static func get(port: Int, path: String) -> [UInt8]? {
        let descriptor = connect(port: port)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        send(descriptor, "GET \(path) HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n")
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var head: [UInt8] = []
        while true {
            var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&entry, 1, 10_000) > 0 else { return nil }
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            if head.count < 16 { head += buffer[0..<min(count, 16 - head.count)] }
        }
        return head.isEmpty ? nil : head
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
