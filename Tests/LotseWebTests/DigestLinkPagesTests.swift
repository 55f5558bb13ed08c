// The pages behind digest links: a GET never acts, the button acts once, one-click unsubscribe
// works without cookies, and refused links offer a fresh one.
import Foundation
import HTTP
import LotseCore
import LotseWeb
import Testing

@Suite struct DigestLinkPagesTests {
    func link(_ fixture: WebFixture, _ purpose: SignedLink.Purpose, _ subject: String) throws -> String {
        let secret = try fixture.store.keys.signingKey()
        return URLs.signedLink(purpose, SignedLink.make(purpose, subject: subject, secret: secret, now: WebFixture.now))
    }

    @Test func confirmNeedsTheButtonAndWorksOnce() throws {
        let fixture = try WebFixture(seeds: true)
        let service = try #require(try fixture.store.pool.read { try $0.scalarString("SELECT id FROM service WHERE next_review_due < '2026-11-01' LIMIT 1") })
        let organization = try #require(try fixture.store.pool.read { try $0.scalarString("SELECT organization_id FROM service WHERE id = ?", service) })
        let provider = try WebClient.account(fixture, email: "p@example.org", role: .provider, organizations: [organization])
        let path = try link(fixture, .confirm, "\(provider.id)|service:\(service)")
        let client = WebClient(fixture)
        let page = try client.get(path)
        #expect(page.status == 200 && page.body.contains("Angaben unverändert bestätigen"))
        let untouched = try fixture.store.pool.read { try $0.scalarString("SELECT next_review_due FROM service WHERE id = ?", service) }
        #expect(untouched! < "2026-11-01")   // the GET changed nothing
        let done = try client.post(path, [])
        #expect(done.status == 200 && done.body.contains("Danke"))
        let due = try fixture.store.pool.read { try $0.scalarString("SELECT next_review_due FROM service WHERE id = ?", service) }
        #expect(due == "2027-11-18")
        let again = try client.post(path, [])
        #expect(again.status == 410 && again.body.contains("schon benutzt") && again.body.contains("/anmelden"))
    }

    @Test func confirmLinksOfOtherOrganizationsAreRefused() throws {
        let fixture = try WebFixture(seeds: true)
        let ids = try fixture.store.pool.read { try $0.query("SELECT id, organization_id FROM service ORDER BY id LIMIT 2") { ($0.string(0), $0.string(1)) } }
        let provider = try WebClient.account(fixture, email: "p@example.org", role: .provider, organizations: [ids[1].1])
        let path = try link(fixture, .confirm, "\(provider.id)|service:\(ids[0].0)")
        #expect(try WebClient(fixture).get(path).status == 404)
    }

    @Test func oneClickUnsubscribeWorksWithoutCookiesOrCSRF() throws {
        let fixture = try WebFixture(seeds: false)
        let account = try WebClient.account(fixture, email: "u@example.org", role: .coordinator)
        let path = try link(fixture, .unsubscribe, account.id)
        let body = Array("List-Unsubscribe=One-Click".utf8)
        let request = try Request(method: "POST", target: path, headers: ["Host": "x", "Content-Type": "application/x-www-form-urlencoded",
                                                                          "Content-Length": String(body.count)], body: body)
        let response = try fixture.app.handler(request)
        #expect(response.status == 200)
        let enabled = try fixture.store.pool.read { try $0.scalarInt("SELECT enabled FROM digest_preference WHERE account_id = ?", account.id) }
        #expect(enabled == 0)
        // Other token-less POSTs still need CSRF.
        let forged = try Request(method: "POST", target: try link(fixture, .preferences, account.id),
                                 headers: ["Host": "x", "Content-Type": "application/x-www-form-urlencoded", "Content-Length": "13"],
                                 body: Array("uebersicht=ja".utf8))
        #expect(try fixture.app.handler(forged).status == 403)
    }

    @Test func preferencesAreSavedAndForgedTokensRefused() throws {
        let fixture = try WebFixture(seeds: false)
        let account = try WebClient.account(fixture, email: "e@example.org", role: .counselor)
        let path = try link(fixture, .preferences, account.id)
        let client = WebClient(fixture)
        #expect(try client.get(path).status == 200)
        let saved = try client.post(path, [("uebersicht", "ja"), ("leer", "ja")])
        #expect(saved.status == 303)
        let row = try fixture.store.pool.read { try $0.queryFirst("SELECT enabled, send_empty FROM digest_preference WHERE account_id = ?", account.id) { ($0.int(0), $0.int(1)) } }
        #expect(row?.0 == 1 && row?.1 == 1)
        #expect(try client.get(path + "x").status == 404)
        #expect(try client.get("/e/einstellungen/nur-muell").status == 404)
    }

    /// A login token as digests carried them until they stopped ("login|expiry|ACCOUNT|path"),
    /// signed with the site's current key: it must not sign anyone in any more.
    func formerLoginToken(_ fixture: WebFixture, _ subject: String) throws -> String {
        let secret = try fixture.store.keys.signingKey()
        let payload = SecretToken.base64URL(Array("login|\(Int(WebFixture.now.timeIntervalSince1970) + 86_400)|\(subject)".utf8))
        return payload + "." + SecretToken.base64URL(Crypto.hmacSHA256(key: secret, message: Array(payload.utf8)))
    }

    @Test func digestLinksNeverSignInAndPagesSendVisitorsToTheLogin() throws {
        let fixture = try WebFixture(seeds: false)
        let account = try WebClient.account(fixture, email: "l@example.org", role: .coordinator, password: nil)
        let token = try formerLoginToken(fixture, "\(account.id)|/konto")
        let client = WebClient(fixture)
        let page = try client.get("/e/anmelden/" + token)
        #expect(page.status == 404 || page.status == 410, "a login link from a digest is still served (\(page.status))")
        let used = try client.post("/e/anmelden/" + token, [])
        #expect(used.status != 303 && client.cookies[Authentication.sessionCookie] == nil, "a link from a digest signed someone in")
        #expect(try fixture.store.pool.read { try $0.scalarInt("SELECT count(*) FROM session") } == 0)
        // The page a digest links to sends a visitor who is not signed in to the login and back.
        let konto = try client.get(URLs.coordination)
        #expect(konto.status == 303 && konto.location == URLs.login(next: URLs.coordination) && konto.location?.hasPrefix("/anmelden?weiter=") == true)
    }

    @Test func oneClickLinksDieWithLogoutEverywhere() throws {
        let fixture = try WebFixture(seeds: false)
        let account = try WebClient.account(fixture, email: "u@example.org", role: .counselor)
        let unsubscribe = try link(fixture, .unsubscribe, account.id)
        let preferences = try link(fixture, .preferences, account.id)
        let signedIn = try WebClient.signedIn(fixture, account)
        #expect(try signedIn.post(URLs.logoutEverywhere, []).status == 303)
        let visitor = WebClient(fixture)
        #expect(try visitor.get(unsubscribe).status == 410)
        #expect(try visitor.get(preferences).status == 410)
        try visitor.get("/anmelden")
        let refused = try visitor.post(unsubscribe, [])
        #expect(refused.status == 410 && refused.body.contains("nicht mehr gültig"))
        #expect(try fixture.store.pool.read { try $0.scalarInt("SELECT count(*) FROM digest_preference") } == 0, "a revoked link unsubscribed")
    }
}
