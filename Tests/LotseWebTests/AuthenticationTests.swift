// Logging in and out, links, throttling, CSRF and session fixation, in process.
import Foundation
import HTTP
import LotseCore
import LotseWeb
import Testing

@Suite struct AuthenticationTests {
    @Test func passwordLoginStartsAnHttpOnlySessionAndLogoutEndsIt() throws {
        let fixture = try WebFixture(seeds: false)
        _ = try WebClient.account(fixture, email: "k@example.org", role: .coordinator)
        let client = WebClient(fixture)
        try client.get("/anmelden")
        let login = try client.post("/anmelden", [("email", "K@example.org"), ("passwort", "geheimes-passwort"), ("weiter", "/konto")])
        #expect(login.status == 303 && login.location == "/konto")
        let cookie = try #require(login.headers.values("Set-Cookie").first { $0.hasPrefix("lotse_sitzung=") })
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"))
        #expect(!cookie.contains("Secure"))   // the site runs on http here
        let account = try client.get("/konto")
        #expect(account.status == 200 && account.body.contains("k@example.org"))
        #expect(account.headers["Cache-Control"] == "no-store")
        try client.post("/abmelden", [])
        #expect(try client.get("/konto").status == 303)
    }

    @Test func wrongPasswordsAreRefusedAndThrottled() throws {
        let fixture = try WebFixture(seeds: false)
        _ = try WebClient.account(fixture, email: "p@example.org", role: .coordinator)
        let client = WebClient(fixture)
        try client.get("/anmelden")
        for _ in 0..<LoginThrottle.perAccount {
            let answer = try client.post("/anmelden", [("email", "p@example.org"), ("passwort", "falsch-falsch")])
            #expect(answer.status == 401 && answer.body.contains("stimmen nicht"))
            #expect(answer.body.contains("value=\"p@example.org\""))   // typed value kept
        }
        let blocked = try client.post("/anmelden", [("email", "p@example.org"), ("passwort", "geheimes-passwort")])
        #expect(blocked.status == 429)
        #expect(client.cookies["lotse_sitzung"] == nil)
    }

    @Test func formsWithoutOrWithAWrongCSRFTokenChangeNothing() throws {
        let fixture = try WebFixture(seeds: false)
        let account = try WebClient.account(fixture, email: "c@example.org", role: .coordinator)
        let client = WebClient(fixture)
        try client.logIn("c@example.org")
        for include in [false, true] {
            let answer = include
                ? try client.post("/konto/passwort", [("csrf", "gefaelscht"), ("aktuell", "geheimes-passwort"), ("passwort", "neues-passwort-1"), ("passwort2", "neues-passwort-1")], includeCSRF: false)
                : try client.post("/konto/passwort", [("aktuell", "geheimes-passwort"), ("passwort", "neues-passwort-1"), ("passwort2", "neues-passwort-1")], includeCSRF: false)
            #expect(answer.status == 403)
        }
        let hash = try fixture.store.pool.read { try AccountStore(db: $0).passwordHash(id: account.id) } ?? ""
        #expect(PasswordHasher.verify("geheimes-passwort", against: hash))
        // The login form of a visitor is protected too (double-submit cookie).
        let visitor = WebClient(fixture)
        #expect(try visitor.post("/anmelden", [("email", "c@example.org"), ("passwort", "geheimes-passwort")], includeCSRF: false).status == 403)
    }

    @Test func linkLoginIsSingleUseAndDoesNotRevealAccounts() throws {
        let fixture = try WebFixture(seeds: false)
        _ = try WebClient.account(fixture, email: "l@example.org", role: .counselor, password: nil)
        let client = WebClient(fixture)
        try client.get("/anmelden")
        let unknown = try client.post("/anmelden/link", [("email", "niemand@example.org")])
        let known = try client.post("/anmelden/link", [("email", "l@example.org"), ("weiter", "/konto")])
        #expect(unknown.status == 200 && known.status == 200)
        #expect(unknown.body.replacingOccurrences(of: client.csrf, with: "") == known.body.replacingOccurrences(of: client.csrf, with: ""))
        let mails = fixture.mails
        #expect(mails.contains("To: Test Beratung <l@example.org>"))
        #expect(!mails.contains("niemand@example.org"))
        let token = try #require(mails.range(of: "/anmelden/link/").map { String(mails[$0.upperBound...].prefix(43)) })
        // A GET (mail scanners) does not use the link.
        #expect(try client.get("/anmelden/link/\(token)").status == 200)
        #expect(try client.get("/anmelden/link/\(token)").status == 200)
        let used = try client.post("/anmelden/link/\(token)", [])
        #expect(used.status == 303 && used.location == "/konto")
        let again = try WebClient(fixture).get("/anmelden/link/\(token)")
        #expect(again.status == 410 && again.body.contains("schon benutzt"))
        #expect(try WebClient(fixture).get("/anmelden/link/\(String(repeating: "A", count: 43))").status == 404)
        #expect(try WebClient(fixture).get("/anmelden/link/nicht-echt").status == 404)
    }

    @Test func loginReplacesAPlantedSessionCookie() throws {
        let fixture = try WebFixture(seeds: false)
        let victim = try WebClient.account(fixture, email: "v@example.org", role: .coordinator)
        // An attacker plants a session token in the victim's browser.
        let planted = try fixture.store.pool.write { try SessionStore(db: $0).start(accountID: victim.id) }
        let client = WebClient(fixture)
        try client.get("/anmelden")
        let response = try client.send("POST", "/anmelden", form: [("email", "v@example.org"), ("passwort", "geheimes-passwort")])
        #expect(response.status == 303)
        #expect(client.cookies["lotse_sitzung"] != planted)
        // A token that was never issued is ignored and replaced too.
        let forged = WebClient(fixture)
        try forged.get("/anmelden")
        #expect(try forged.get("/konto").status == 303)
    }

    @Test func logoutEverywhereEndsOtherSessions() throws {
        let fixture = try WebFixture(seeds: false)
        _ = try WebClient.account(fixture, email: "e@example.org", role: .coordinator)
        let laptop = WebClient(fixture), phone = WebClient(fixture)
        try laptop.logIn("e@example.org")
        try phone.logIn("e@example.org")
        try laptop.post("/abmelden/ueberall", [])
        #expect(try phone.get("/konto").status == 303)
    }

    @Test func passwordResetByLinkEndsSessionsAndLogsIn() throws {
        let fixture = try WebFixture(seeds: false)
        _ = try WebClient.account(fixture, email: "r@example.org", role: .admin)
        let old = WebClient(fixture)
        try old.logIn("r@example.org")
        let client = WebClient(fixture)
        try client.get("/passwort-vergessen")
        #expect(try client.post("/passwort-vergessen", [("email", "r@example.org")]).status == 200)
        let mails = fixture.mails
        let token = try #require(mails.range(of: "/passwort-neu/").map { String(mails[$0.upperBound...].prefix(43)) })
        try client.get("/passwort-neu/\(token)")
        let mismatch = try client.post("/passwort-neu/\(token)", [("passwort", "ganz-neues-passwort"), ("passwort2", "anders")])
        #expect(mismatch.status == 400 && mismatch.body.contains("stimmen nicht überein"))
        let saved = try client.post("/passwort-neu/\(token)", [("passwort", "ganz-neues-passwort"), ("passwort2", "ganz-neues-passwort")])
        #expect(saved.status == 303)
        #expect(try old.get("/konto").status == 303)
        #expect(try client.get("/konto").status == 200)
    }

    @Test func tokensAndPasswordsNeverReachTheDatabaseInClear() throws {
        let fixture = try WebFixture(seeds: false)
        _ = try WebClient.account(fixture, email: "s@example.org", role: .counselor)
        let client = WebClient(fixture)
        try client.logIn("s@example.org")
        try client.post("/anmelden/link", [("email", "s@example.org")])
        let session = try #require(client.cookies["lotse_sitzung"])
        let mails = fixture.mails
        let link = try #require(mails.range(of: "/anmelden/link/").map { String(mails[$0.upperBound...].prefix(43)) })
        let bytes = try Data(contentsOf: URL(fileURLWithPath: fixture.path)) + ((try? Data(contentsOf: URL(fileURLWithPath: fixture.path + "-wal"))) ?? Data())
        for secret in [session, link, "geheimes-passwort"] {
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret.prefix(6))… found in the database files")
        }
    }

    @Test func overHttpsTheVisitorsCSRFCookieIsAHostCookie() throws {
        let fixture = try WebFixture(seeds: false, publicURL: "https://lotse.example.org")
        _ = try WebClient.account(fixture, email: "h@example.org", role: .coordinator)
        let client = WebClient(fixture)
        let form = try client.get("/anmelden")
        let cookie = try #require(form.headers.values("Set-Cookie").first { $0.contains("lotse_csrf=") })
        #expect(cookie.hasPrefix("__Host-lotse_csrf="))
        let attributes = cookie.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        #expect(attributes.contains("secure") && attributes.contains("path=/") && !attributes.contains { $0.hasPrefix("domain=") })
        #expect(try client.post("/anmelden", [("email", "h@example.org"), ("passwort", "geheimes-passwort")]).status == 303)
        // A plain lotse_csrf cookie (which a neighbouring subdomain could plant) is not accepted.
        let planted = WebClient(fixture)
        let token = SecretToken.make()
        let answer = try planted.send("POST", "/anmelden", form: [("csrf", token), ("email", "h@example.org"), ("passwort", "geheimes-passwort")],
                                      includeCSRF: false, extraCookies: [Authentication.csrfCookie: token])
        #expect(answer.status == 403)
        // Over http the cookie keeps its plain name.
        let plain = try WebClient(try WebFixture(seeds: false)).get("/anmelden")
        #expect(plain.headers.values("Set-Cookie").contains { $0.hasPrefix("lotse_csrf=") && !$0.contains("Secure") })
    }
}
