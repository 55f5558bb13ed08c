// `lotse http` end to end with the route table's body limits: an anonymous form route refuses a
// body over 64 KiB with 413 from the head alone (or while a chunked body arrives), a form route
// for signed-in accounts takes 100 KiB past the body stage, and the 413 carries the security
// headers of the HTTP layer.
import Foundation
import Testing

@Suite struct BodyLimitTests {
    @Test func publicFormsTake64KiBSignedInForms1MiB() throws {
        let db = LotseProcess.temporaryDatabase()
        defer { try? FileManager.default.removeItem(atPath: db) }
        #expect(try LotseProcess.run(["init", "--db", db]).status == 0)

        // Only the head of a 100 KB login form: refused at once, the body is never awaited.
        let head = "POST /anmelden HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\n"
        let refused = try LotseProcess.run(["http", "--db", db], stdin: Array(head.utf8))
        #expect(refused.stdout.hasPrefix("HTTP/1.1 413 "), "\(refused.stdout.prefix(200))")
        #expect(refused.stdout.contains("X-Content-Type-Options: nosniff"))
        #expect(refused.stdout.contains("Content-Security-Policy: default-src 'none'; frame-ancestors 'none'"))

        // A chunked body over 64 KiB to the same route is refused while it is read.
        let chunk = String(repeating: "a", count: 40 * 1024)
        let size = String(chunk.utf8.count, radix: 16)
        let chunked = "POST /anmelden HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "\(size)\r\n\(chunk)\r\n\(size)\r\n\(chunk)\r\n0\r\n\r\n"
        let chunkedRun = try LotseProcess.run(["http", "--db", db], stdin: Array(chunked.utf8))
        #expect(chunkedRun.stdout.hasPrefix("HTTP/1.1 413 "), "\(chunkedRun.stdout.prefix(200))")

        // 100 KiB to a form route for signed-in accounts passes the body stage (the access layer
        // then answers: no session here).
        let body = String(repeating: "a", count: 100 * 1024)
        let signedIn = "POST /konto/passwort HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
        let accepted = try LotseProcess.run(["http", "--db", db], stdin: Array(signedIn.utf8))
        #expect(accepted.stdout.hasPrefix("HTTP/1.1 "))
        #expect(!accepted.stdout.hasPrefix("HTTP/1.1 413 "))
        #expect(!accepted.stdout.hasPrefix("HTTP/1.1 400 "))
    }
}
