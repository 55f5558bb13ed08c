// Open redirects: hostile `weiter` targets (browser-parsing tricks, other origins, routes
// Lotse does not serve) end on the role's home page through the real login flows — password
// form, e-mail login link, an editing form's `weiter` — and good targets are kept.
import Foundation
import HTTP
import LotseCore
import LotseWeb
import Testing

@Suite struct RedirectTargetTests {
    /// Targets a browser would resolve off-site, or that Lotse does not serve as a page.
    static let hostile: [String] = [
        "/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example", "\t//evil.example", "/\t\t/evil.example",
        "/\\evil.example", "\\\\evil.example", "/\\/evil.example", "\\/evil.example", "/\t\\evil.example",
        "//evil.example", "///evil.example", "////evil.example", "//evil.example/pflege", "/.//evil.example",
        "/./pflege", "/pflege/../konto", "/%09/evil.example", "/%2f%2fevil.example", "/%2F/evil.example",
        "/%5cevil.example", "/%5C%5Cevil.example", "/%2e%2e/konto", "/%2e/pflege", "/%0a/evil.example",
        "javascript:alert(1)", "JaVaScRiPt:alert(1)", "http://evil.example", "https://evil.example/pflege", "https:evil.example",
        "data:text/html,<script>alert(1)</script>", "/\u{FF0F}evil.example", "\u{FF0F}\u{FF0F}evil.example", "/\u{2215}evil.example",
        "\u{1}/pflege", "/pflege\u{1}", "/pflege%", "/pflege%zz",
        "/suche?q=" + String(repeating: "a", count: 2000), "", "evil.example", "pflege", "../konto",
        "/nicht-da", "/anmelden/link", "/abmelden", "/@evil.example",
    ]
    /// Outer spaces and tabs: refused as they are; form fields are trimmed before the check
    /// (as a browser trims them), so a form with them goes to the trimmed path.
    static let padded: [String] = [" /pflege", "/pflege\t", "\t/pflege "]
    /// Site paths of pages Lotse serves.
    static let good: [String] = ["/pflege", "/vermittlungen/abc?x=1", "/suche?q=a", "/konto", "/", "/angebote/x#plaetze",
                                 "/suche?q=%C3%A4rztin&seite=2", "/koordination/bericht?von=2026-01-01"]

    @Test func syntacticRuleOfLoginLinksRefusesEveryBrowserTrick() {
        for target in Self.hostile where target != "/nicht-da" && target != "/anmelden/link" && target != "/abmelden" && target != "/@evil.example" {
            #expect(LoginLinks.safePath(target) == nil, "\(target.debugDescription)")
        }
        for target in Self.good { #expect(LoginLinks.safePath(target) == target) }
        for target in Self.padded { #expect(LoginLinks.safePath(target) == nil) }
    }

    @Test func onlyRoutesOfTheSiteAreRedirectTargets() {
        #expect(Self.hostile.count >= 25)
        for target in Self.hostile { #expect(URLs.safeRedirect(target) == nil, "\(target.debugDescription)") }
        for target in Self.good { #expect(URLs.safeRedirect(target) == target) }
        #expect(URLs.login(next: "/\t/evil.example") == "/anmelden" && URLs.login(next: "/nicht-da") == "/anmelden")
        #expect(URLs.login(next: "/konto").hasPrefix("/anmelden?weiter="))
    }

    @Test func aPathKnownAsARouteDoesNotLetAHostileTargetPass() {
        // Twice: the second round answers from the kept path parts.
        for _ in 0..<2 {
            for target in Self.hostile { #expect(URLs.safeRedirect(target) == nil, "\(target.debugDescription)") }
            for target in Self.good { #expect(URLs.safeRedirect(target) == target) }
        }
        #expect(URLs.safeRedirect("/suche?q=a") == "/suche?q=a")
        #expect(URLs.safeRedirect("/suche?q=" + String(repeating: "a", count: 2000)) == nil)
        #expect(URLs.safeRedirect("/suche\t?q=a") == nil)
    }

    @Test func passwordLoginGoesOnlyToSafeTargets() throws {
        let fixture = try WebFixture(seeds: false)
        _ = try WebClient.account(fixture, email: "k@example.org", role: .coordinator)
        for (target, expected) in Self.hostile.map({ ($0, URLs.coordination) }) + Self.good.map({ ($0, $0) }) + Self.padded.map({ ($0, "/pflege") }) {
            let client = WebClient(fixture)
            try client.get("/anmelden")
            let answer = try client.post("/anmelden", [("email", "k@example.org"), ("passwort", "geheimes-passwort"), ("weiter", target)])
            #expect(answer.status == 303 && answer.location == expected, "\(target.debugDescription) → \(answer.location ?? "-")")
        }
    }

    @Test func loginLinksGoOnlyToSafeTargets() throws {
        let fixture = try WebFixture(seeds: false)
        let account = try WebClient.account(fixture, email: "l@example.org", role: .coordinator, password: nil)
        // The whole flow once: the form, the e-mail, the link.
        let client = WebClient(fixture)
        try client.get("/anmelden?weiter=%2F%09%2Fevil.example")
        #expect(try client.post("/anmelden/link", [("email", "l@example.org"), ("weiter", "/\t/evil.example")]).status == 200)
        let mails = fixture.mails
        let token = try #require(mails.range(of: "/anmelden/link/").map { String(mails[$0.upperBound...].prefix(43)) })
        #expect(try client.post("/anmelden/link/\(token)", []).location == URLs.coordination)
        // Every target, with links issued as the form issues them.
        for (target, expected) in (Self.hostile + Self.padded).map({ ($0, URLs.coordination) }) + Self.good.map({ ($0, $0) }) {
            let token = try fixture.store.pool.write { try LoginLinks(db: $0, now: WebFixture.now).issue(accountID: account.id, purpose: .login, next: target) }
            let visitor = WebClient(fixture)
            #expect(try visitor.get("/anmelden/link/\(token)").status == 200)
            let answer = try visitor.post("/anmelden/link/\(token)", [])
            #expect(answer.status == 303 && answer.location == expected, "\(target.debugDescription) → \(answer.location ?? "-")")
        }
    }

    @Test func formsWithAHostileNextGoToTheirOwnPage() throws {
        let fixture = try WebFixture(seeds: true)
        let coordinator = try WebClient.signedIn(fixture, try WebClient.account(fixture, email: "k@example.org", role: .coordinator))
        for target in ["/\t/evil.example", "/\\evil.example", "/%2f%2fevil.example", "/nicht-da"] {
            let answer = try coordinator.post("/pflege/angebote/\(SeedIDs.dayCare)/bestaetigen", [("weiter", target)])
            #expect(answer.status == 303 && answer.location?.hasPrefix("/pflege/organisationen/") == true, "\(target.debugDescription) → \(answer.location ?? "-")")
        }
        let kept = try coordinator.post("/pflege/angebote/\(SeedIDs.dayCare)/bestaetigen", [("weiter", "/koordination/veraltet")])
        #expect(kept.location?.hasPrefix("/koordination/veraltet?") == true)
    }
}
