// `lotse serve` as a real process on port 0 (seeding a new database, answering over a socket,
// stopping on SIGTERM with status 0), its background mail sender, and `lotse http` answering
// requests from stdin.
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite struct ServeTests {
    /// Sends raw bytes to 127.0.0.1:port and reads until the server closes.
    func exchange(port: Int, _ request: String) throws -> String {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(connected == 0)
        _ = request.withCString { send(socket, $0, strlen($0), 0) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count <= 0 { break }
            received += buffer[0..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }

    @Test func serveSeedsANewDatabaseAnswersAndStopsOnSIGTERM() throws {
        let db = LotseProcess.temporaryDatabase()
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) } }
        let process = Process()
        process.executableURL = LotseProcess.executable
        process.arguments = ["serve", "--port", "0", "--db", db]
        var environment = ProcessInfo.processInfo.environment
        environment["LOTSE_HOME"] = LotseProcess.root.path
        process.environment = environment
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        var line = ""
        let reader = output.fileHandleForReading
        while !line.contains("\n") {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            line += String(decoding: chunk, as: UTF8.self)
        }
        let port = try #require(line.split(separator: ":").dropFirst(2).first.flatMap { Int($0.prefix { $0.isNumber }) })
        #expect(line.hasPrefix("Lotse läuft auf http://127.0.0.1:\(port)/"))
        let home = try exchange(port: port, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        #expect(home.hasPrefix("HTTP/1.1 200 "))
        #expect(home.contains("<html lang=\"de\">"))
        // Keep-alive: two requests on one connection, answered in order.
        let two = try exchange(port: port, "GET /api HTTP/1.1\r\nHost: x\r\n\r\nGET /api/services?per_page=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        #expect(two.components(separatedBy: "HTTP/1.1 200 ").count == 3)
        #expect(try exchange(port: port, "GET /../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n").hasPrefix("HTTP/1.1 400 "))
        process.terminate()   // SIGTERM
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.contains("angelegt"))
        #expect(log.contains(" GET /api/services 200 "))
        #expect(!log.contains("per_page"))   // the access log leaves queries out
    }

    /// A login-link request answers at once although sendmail takes a second: `serve` sends the
    /// queued mail from its background sender, shortly after.
    @Test func serveSendsLoginLinksInTheBackground() throws {
        let db = LotseProcess.temporaryDatabase()
        let folder = NSTemporaryDirectory() + "lotse-serve-mail-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
            try? FileManager.default.removeItem(atPath: folder)
        }
        let script = folder + "/sendmail", mailbox = folder + "/mailbox"
        try "#!/bin/sh\nsleep 1\ncat >> \"$1\"\n".write(toFile: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
        let process = Process()
        process.executableURL = LotseProcess.executable
        process.arguments = ["serve", "--port", "0", "--db", db]
        var environment = ProcessInfo.processInfo.environment
        environment["LOTSE_HOME"] = LotseProcess.root.path
        environment["LOTSE_SENDMAIL"] = "\(script) \(mailbox)"
        environment["LOTSE_DIGEST_TIME"] = "off"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate(); process.waitUntilExit() } }
        var line = ""
        while !line.contains("\n") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += String(decoding: chunk, as: UTF8.self)
        }
        let port = try #require(line.split(separator: ":").dropFirst(2).first.flatMap { Int($0.prefix { $0.isNumber }) })
        let added = try LotseProcess.run(["user", "add", "k@example.org", "--role", "coordinator", "--name", "Kai", "--db", db])
        #expect(added.status == 0, "\(added.stderr)")
        let form = try exchange(port: port, "GET /anmelden HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        let cookie = try #require(form.range(of: "Set-Cookie: lotse_csrf=").map { String(form[$0.upperBound...].prefix { $0 != ";" }) })
        let body = "csrf=\(cookie)&email=k%40example.org"
        let request = "POST /anmelden/link HTTP/1.1\r\nHost: x\r\nCookie: lotse_csrf=\(cookie)\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
        let start = Date()
        let answer = try exchange(port: port, request)
        let elapsed = Date().timeIntervalSince(start)
        #expect(answer.hasPrefix("HTTP/1.1 200 ") && answer.contains("E-Mail unterwegs"))
        #expect(elapsed < 0.5, "the request waited \(elapsed) s (for sendmail?)")
        let deadline = Date().addingTimeInterval(10)
        var delivered = ""
        while Date() < deadline && !delivered.contains("/anmelden/link/") {
            Thread.sleep(forTimeInterval: 0.05)
            delivered = ((try? String(contentsOfFile: mailbox, encoding: .utf8)) ?? "").replacingOccurrences(of: "=\r\n", with: "")
        }
        #expect(delivered.contains("To: Kai <k@example.org>") && delivered.contains("/anmelden/link/"))
    }

    @Test func httpAnswersPipelinedRequestsFromStdin() throws {
        let db = LotseProcess.temporaryDatabase()
        defer { try? FileManager.default.removeItem(atPath: db) }
        #expect(try LotseProcess.run(["init", "--db", db]).status == 0)
        let request = "GET /api HTTP/1.1\r\nHost: x\r\n\r\nGET /api/services/unknown HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        let run = try LotseProcess.run(["http", "--db", db], stdin: Array(request.utf8))
        #expect(run.status == 0)
        let first = try #require(run.stdout.range(of: "HTTP/1.1 200 "))
        let second = try #require(run.stdout.range(of: "HTTP/1.1 404 "))
        #expect(first.lowerBound < second.lowerBound)
        #expect(run.stdout.contains("\"version\":\"3.1\""))
        let broken = try LotseProcess.run(["http", "--db", db], stdin: Array("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n".utf8))
        #expect(broken.stdout.hasPrefix("HTTP/1.1 400 "))
        #expect(try LotseProcess.run(["http", "--db", LotseProcess.temporaryDatabase()], stdin: []).status == 66)
    }
}
