// Throttling under hostile clients, in process: login failures and link requests are counted
// per real client address (X-Forwarded-For only from trusted proxies) and per account, answered
// 429 with Retry-After and a German page, and never lock out other people or the owner's link.
import Foundation
import HTTP
import LotseCore
import LotseWeb
import Testing

@Suite struct ThrottlingTests {
    /// A site behind a reverse proxy on 127.0.0.1 (as in the README's nginx setup).
    func proxiedSite() throws -> WebFixture {
        try WebFixture(seeds: false, environment: ["LOTSE_TRUSTED_PROXIES": "127.0.0.1, ::1"])
    }

    /// A client that reaches the site through the proxy from `address`.
    func client(_ fixture: WebFixture, from address: String) throws -> WebClient {
        let client = WebClient(fixture)
        client.remoteAddress = "127.0.0.1"
        client.forwardedFor = address
        try client.get("/anmelden")
        return client
    }

    static func randomAddress() -> String { "203.0.\(Int.random(in: 0...255)).\(Int.random(in: 1...254))" }

    @Test func failedLoginsOfManyClientsBehindTheProxyDoNotLockOutOthers() throws {
        let fixture = try proxiedSite()
        _ = try WebClient.account(fixture, email: "koordination@example.org", role: .coordinator)
        for index in 0..<20 {
            let attacker = try client(fixture, from: Self.randomAddress())
            let answer = try attacker.post("/anmelden", [("email", "geraten\(index)@example.org"), ("passwort", "falsch-falsch")])
            #expect(answer.status == 401)
        }
        let coordinator = try client(fixture, from: "198.51.100.20")
        let login = try coordinator.post("/anmelden", [("email", "koordination@example.org"), ("passwort", "geheimes-passwort")])
        #expect(login.status == 303, "the coordinator's correct password was answered \(login.status)")
    }

    /// The documented choice: failures against one account from many addresses pause that
    /// account's password logins (429, Retry-After), while its login link keeps working.
    @Test func failedLoginsForOneAccountPauseItsPasswordButNotItsLoginLink() throws {
        let fixture = try proxiedSite()
        _ = try WebClient.account(fixture, email: "koordination@example.org", role: .coordinator)
        for _ in 0..<20 {
            let attacker = try client(fixture, from: Self.randomAddress())
            let answer = try attacker.post("/anmelden", [("email", "koordination@example.org"), ("passwort", "falsch-falsch")])
            #expect([401, 429].contains(answer.status))
        }
        let coordinator = try client(fixture, from: "198.51.100.20")
        let paused = try coordinator.post("/anmelden", [("email", "koordination@example.org"), ("passwort", "geheimes-passwort")])
        #expect(paused.status == 429 && paused.body.contains("Zu viele Fehlversuche") && paused.body.contains("E-Mail-Link"))
        let retryAfter = try #require(paused.headers["Retry-After"].flatMap(Int.init))
        #expect((1...Int(LoginThrottle.maximumPause)).contains(retryAfter))
        #expect(coordinator.cookies["lotse_sitzung"] == nil)
        // The login link still reaches the owner and logs in.
        #expect(try coordinator.post("/anmelden/link", [("email", "koordination@example.org")]).status == 200)
        let mails = fixture.mails
        let token = try #require(mails.range(of: "/anmelden/link/").map { String(mails[$0.upperBound...].prefix(43)) })
        try coordinator.get("/anmelden/link/\(token)")
        #expect(try coordinator.post("/anmelden/link/\(token)", []).status == 303)
        #expect(try coordinator.get("/konto").status == 200)
    }

    @Test func withoutTrustedProxiesXForwardedForIsIgnored() throws {
        for environment in [[:], ["LOTSE_TRUSTED_PROXIES": "10.0.0.1"]] {
            let fixture = try WebFixture(seeds: false, environment: environment)
            _ = try WebClient.account(fixture, email: "k@example.org", role: .coordinator)
            let client = WebClient(fixture)
            client.remoteAddress = "192.0.2.77"
            try client.get("/anmelden")
            for index in 0..<LoginThrottle.perAddress {
                client.forwardedFor = Self.randomAddress()   // invented, must not count as another client
                #expect(try client.post("/anmelden", [("email", "geraten\(index)@example.org"), ("passwort", "falsch-falsch")]).status == 401)
            }
            client.forwardedFor = Self.randomAddress()
            let blocked = try client.post("/anmelden", [("email", "k@example.org"), ("passwort", "geheimes-passwort")])
            #expect(blocked.status == 429 && blocked.headers["Retry-After"] != nil, "\(environment): \(blocked.status)")
        }
    }

    @Test func aFloodOfLinkRequestsFromOneAddressIsRefusedWith429AndOthersStillGetTheirLink() throws {
        let fixture = try proxiedSite()
        _ = try WebClient.account(fixture, email: "beratung@example.org", role: .counselor, password: nil)
        let flooder = try client(fixture, from: "203.0.113.66")
        for index in 0..<LoginThrottle.linksPerAddress {
            let target = index % 2 == 0 ? "/anmelden/link" : "/passwort-vergessen"
            #expect(try flooder.post(target, [("email", "opfer\(index)@example.org")]).status == 200)
        }
        for target in ["/anmelden/link", "/passwort-vergessen"] {
            let refused = try flooder.post(target, [("email", "beratung@example.org")])
            #expect(refused.status == 429, "\(target): \(refused.status)")
            #expect(refused.body.contains("Zu viele Anfragen") && refused.body.contains("keine E-Mail verschickt"))
            #expect(!refused.body.contains("E-Mail unterwegs"))
            #expect(refused.headers["Retry-After"].flatMap(Int.init).map { (1...900).contains($0) } == true)
        }
        #expect(!fixture.mails.contains("beratung@example.org"))
        // Another client behind the same proxy still gets its link.
        let owner = try client(fixture, from: "198.51.100.30")
        #expect(try owner.post("/anmelden/link", [("email", "beratung@example.org")]).status == 200)
        #expect(fixture.mails.contains("To: Test Beratung <beratung@example.org>"))
    }

    @Test func linkAndResetRequestsAnswerInTheSameTimeWhetherOrNotTheAccountExists() throws {
        // A sendmail that takes 200 ms: before the mail queue, only existing accounts paid it.
        let folder = NSTemporaryDirectory() + "lotse-slow-mail-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let script = folder + "/sendmail", mailbox = folder + "/mailbox"
        try "#!/bin/sh\nsleep 0.2\ncat >> \"$1\"\n".write(toFile: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
        let fixture = try WebFixture(seeds: false, environment: ["LOTSE_SENDMAIL": "\(script) \(mailbox)"])
        fixture.app.context.mailQueue.startSender()
        defer { fixture.app.context.mailQueue.stopSender() }
        let rounds = 3
        for index in 0..<rounds { _ = try WebClient.account(fixture, email: "da\(index)@example.org", role: .counselor, password: nil) }
        func timed(_ email: String, _ target: String, from address: String) throws -> Double {
            let client = WebClient(fixture)
            client.remoteAddress = address
            try client.get(target == "/anmelden/link" ? "/anmelden" : "/passwort-vergessen")
            let start = DispatchTime.now().uptimeNanoseconds
            let answer = try client.post(target, [("email", email)])
            let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
            #expect(answer.status == 200 && answer.body.contains("E-Mail unterwegs"))
            return milliseconds
        }
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        _ = try timed("aufwaermen@example.org", "/anmelden/link", from: "192.0.2.200")
        var existing: [Double] = [], unknown: [Double] = []
        for index in 0..<rounds {
            let target = index == 1 ? "/passwort-vergessen" : "/anmelden/link"
            existing.append(try timed("da\(index)@example.org", target, from: "192.0.2.\(index + 1)"))
            unknown.append(try timed("weg\(index)@example.org", target, from: "192.0.2.\(index + 101)"))
        }
        let (known, missing) = (median(existing), median(unknown))
        #expect(known < 100 && missing < 100, "existing \(existing) ms, unknown \(unknown) ms")
        #expect(abs(known - missing) < 50, "existing \(existing) ms, unknown \(unknown) ms")
        // The background sender delivers the mails for the existing accounts shortly after.
        let deadline = Date().addingTimeInterval(15)
        var delivered = ""
        while Date() < deadline {
            delivered = (try? String(contentsOfFile: mailbox, encoding: .utf8)) ?? ""
            if (0..<rounds).allSatisfy({ delivered.contains("da\($0)@example.org") }) { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect((0..<rounds).allSatisfy { delivered.contains("da\($0)@example.org") }, "not all mails delivered")
        #expect(!delivered.contains("weg0@example.org"))
        #expect(try fixture.store.pool.read { try MailOutbox(db: $0).count() } == 0)
    }

    @Test func correctionSuggestionsAreLimitedPerClientAddress() throws {
        let f = try EditingFixture()
        let path = "/angebote/\(EditingFixture.serviceA)/korrektur"
        let visitor = WebClient(f.site)
        visitor.remoteAddress = "192.0.2.41"
        try visitor.get("/angebote/\(EditingFixture.serviceA)")
        for index in 0..<FormRateLimit.Rule.correction.limit {
            #expect(try visitor.post(path, [("text", "Hinweis Nummer \(index): Öffnungszeiten geändert.")]).status == 200)
        }
        let refused = try visitor.post(path, [("text", "Noch ein Hinweis: Öffnungszeiten geändert.")])
        #expect(refused.status == 429 && refused.body.contains("Zu viele Anfragen") && refused.body.contains("Korrekturvorschläge"))
        #expect(refused.headers["Retry-After"].flatMap(Int.init).map { (1...3600).contains($0) } == true)
        let stored = try f.site.store.pool.read { try Corrections(db: $0).list(status: .open).count }
        #expect(stored == FormRateLimit.Rule.correction.limit)
        let other = WebClient(f.site)
        other.remoteAddress = "198.51.100.41"
        try other.get("/angebote/\(EditingFixture.serviceA)")
        #expect(try other.post(path, [("text", "Ein anderer Hinweis: Telefonnummer falsch.")]).status == 200)
    }
}
