// AccessLogTokenTests: links from e-mails carry their secret in the path; the access log names
// the place (`/e/abmelden/:token`), never the secret, so a log file grants nothing.
import Foundation
import Testing
@testable import HTTP

@Suite struct AccessLogTokenTests {
    static let secrets = [
        "q8Xk0aZ9wP3mT7bN1cV5yR2uE6oI4sLd-fGhJ_kW8xA",   // a 43-character random token
        "Y29uZmlybXwxNzk1MDAwMDAwfGFiY3xzZXJ2aWNlOng.lU7y2Qk0r9PmZc1xV8bN3aS5dF6gH4jK-_wE2tR0yUo",   // a signed link
    ]

    static func handler(_ request: Request) throws -> Response { .text("ok") }

    func exchange(_ raw: String, logs: LogCollector) -> [UInt8] {
        OneShot.respond(toRawRequest: Array(raw.utf8), handler: Self.handler, limits: Limits(), remoteAddress: "192.0.2.1", logger: logs.logger)
    }

    @Test func tokensInPathsNeverReachTheAccessLog() throws {
        for secret in Self.secrets {
            for path in ["/e/abmelden/\(secret)", "/anmelden/link/\(secret)", "/e/anmelden/\(secret)/weiter", "/\(secret)"] {
                let logs = LogCollector()
                _ = exchange("GET \(path) HTTP/1.1\r\nHost: x\r\n\r\n", logs: logs)
                let line = try #require(logs.all.last)
                #expect(!line.contains(secret.prefix(20)), "token in the access log: \(line)")
                #expect(line.contains(" " + path.replacingOccurrences(of: secret, with: ":token") + " "), "\(line)")
            }
        }
        // Ordinary paths stay as they are, ids and slugs included.
        for path in ["/dienste/4f1c2a9e-1b2c-4d3e-8f90-a1b2c3d4e5f6", "/organisationen/familienberatung-stadtteil", "/a/b"] {
            let logs = LogCollector()
            _ = exchange("GET \(path) HTTP/1.1\r\nHost: x\r\n\r\n", logs: logs)
            #expect(try #require(logs.all.last).contains(" \(path) "))
        }
    }
}
