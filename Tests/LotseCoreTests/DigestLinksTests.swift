// DigestLinks: confirm links (only for an active account that may edit the entry, once),
// preferences.
import Foundation
import Testing
@testable import LotseCore

@Suite struct DigestLinksTests {
    func makeToken(_ fixture: Fixture, _ purpose: SignedLink.Purpose, _ subject: String) throws -> String {
        let secret = try fixture.store.keys.signingKey()
        return SignedLink.make(purpose, subject: subject, secret: secret, now: Fixture.now)
    }

    @Test func confirmsAnEntryOnce() throws {
        let fixture = try Fixture()
        let org = try fixture.organization("Träger")
        let other = try fixture.organization("Andere")
        let service = try fixture.service("Mittagstisch", organization: org, area: "dd-gr")
        let provider = try fixture.account("p@example.org", name: "Petra", role: .provider, organizations: [org])
        let links = DigestLinks(store: fixture.store, now: Fixture.now)
        let token = try makeToken(fixture, .confirm, "\(provider.id)|service:\(service)")
        guard case .success(let link) = try links.verify(token, purpose: .confirm) else { Issue.record("refused"); return }
        let target = try #require(try links.confirmTarget(link))
        #expect(target.table == "service" && target.id == service && target.name == "Mittagstisch" && target.organizationID == org)
        #expect(try links.confirm(token, target))
        #expect(try fixture.store.pool.read { try $0.scalarString("SELECT verified_by FROM service WHERE id = ?", service) } == "Petra")
        #expect(try links.confirm(token, target) == false)
        // Not the provider's organization, or a malformed subject: no target.
        let foreign = try makeToken(fixture, .confirm, "\(provider.id)|organization:\(other)")
        guard case .success(let foreignLink) = try links.verify(foreign, purpose: .confirm) else { Issue.record("refused"); return }
        #expect(try links.confirmTarget(foreignLink) == nil)
        let malformed = try makeToken(fixture, .confirm, "\(provider.id)|account:x")
        guard case .success(let malformedLink) = try links.verify(malformed, purpose: .confirm) else { Issue.record("refused"); return }
        #expect(try links.confirmTarget(malformedLink) == nil)
        guard case .failure = try links.verify(token, purpose: .unsubscribe) else { Issue.record("wrong purpose accepted"); return }
    }

    @Test func storesPreferences() throws {
        let fixture = try Fixture()
        let account = try fixture.account()
        let links = DigestLinks(store: fixture.store, now: Fixture.now)
        #expect(try links.preference(accountID: account.id) == .init(enabled: true, sendEmpty: false))
        try links.setPreference(accountID: account.id, .init(enabled: false, sendEmpty: true))
        #expect(try links.preference(accountID: account.id) == .init(enabled: false, sendEmpty: true))
        try links.setPreference(accountID: "nope", .init(enabled: false, sendEmpty: false))
        #expect(try fixture.store.pool.read { try $0.scalarInt("SELECT count(*) FROM digest_preference") } == 1)
        let preferences = try links.preferencesToken(subject: account.id)
        guard case .success(let preferencesLink) = try links.verify(preferences, purpose: .preferences) else { Issue.record("refused"); return }
        #expect(preferencesLink.subject == account.id)
    }
}
