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

    @Test func loginLinkLogsInOnceAndGoesToItsPage() throws {
        let fixture = try WebFixture(seeds: false)
        let account = try WebClient.account(fixture, email: "l@example.org", role: .coordinator, password: nil)
        let path = try link(fixture, .login, "\(account.id)|/konto")
        let client = WebClient(fixture)
        try client.get(path)
        let used = try client.post(path, [])
        #expect(used.status == 303 && used.location == "/konto")
        #expect(try client.get("/konto").status == 200)
        let second = WebClient(fixture)
        try second.get("/anmelden")
        #expect(try second.post(path, []).status == 410)
    }
}
