// AccountAdministration: the overview, creation rules per role with the form fields of the
// problems, disabling and enabling (never one's own account), the organizations of an account.
import Foundation
import Testing
@testable import LotseCore

@Suite struct AccountAdministrationTests {
    @Test func createsAccountsByTheRulesOfTheirRole() throws {
        let fixture = try Fixture()
        let org = try fixture.organization("Träger")
        let other = try fixture.organization("Beratungsstelle")
        let me = try fixture.account("admin@example.org", name: "Admin", role: .admin)
        let second = try fixture.account("k2@example.org", name: "K2", role: .coordinator)
        let admin = AccountAdministration(store: fixture.store, now: Fixture.now)
        let grants = AccessGrants(store: fixture.store, now: Fixture.now)
        // Providers and counselors of an organization wait for a second person (no editors yet).
        func confirmed(_ creation: AccountAdministration.Creation) throws -> Account? {
            guard case .requested(let grant) = creation else { return nil }
            #expect(throws: LotseError.self) { try grants.confirm(grant.id, by: me) }
            return try grants.confirm(grant.id, by: second)
        }
        let provider = try #require(try confirmed(try admin.create(email: "p@example.org", displayName: "Petra", role: .provider, organizations: [org],
                                                                   by: me)))
        #expect(provider.role == .provider && provider.organizations == [org] && provider.status == .active)
        let counselor = try #require(try confirmed(try admin.create(email: "c@example.org", displayName: "Carl", role: .counselor, organizations: [other],
                                                                    by: me)))
        #expect(counselor.organizationID == other && counselor.organizations.isEmpty)
        let bothOrganizations = #expect(throws: DirectoryWriter.Rejected.self) {
            try admin.create(email: "z@example.org", displayName: "Z", role: .provider, organizations: [org, other], by: me)
        }
        #expect(bothOrganizations?.problems.map(\.field) == ["organizations"])
        let empty = #expect(throws: DirectoryWriter.Rejected.self) { try admin.create(email: "x", displayName: "", role: nil, organizations: [], by: me) }
        #expect(empty?.problems.map(\.field) == ["role", "email", "name"])
        let noOrganization = #expect(throws: DirectoryWriter.Rejected.self) { try admin.create(email: "q@example.org", displayName: "Q", role: .provider, organizations: [], by: me) }
        #expect(noOrganization?.problems == [.init(field: "organizations", message: "Ein Anbieter-Konto braucht mindestens eine Organisation.")])
        let two = #expect(throws: DirectoryWriter.Rejected.self) { try admin.create(email: "q@example.org", displayName: "Q", role: .counselor, organizations: [org, other], by: me) }
        #expect(two?.problems.map(\.field) == ["organizations"])
        let taken = #expect(throws: DirectoryWriter.Rejected.self) { try admin.create(email: "p@example.org", displayName: "P2", role: .admin, organizations: [], by: me) }
        #expect(taken?.problems.map(\.field) == ["email"])
        let unknown = #expect(throws: DirectoryWriter.Rejected.self) { try admin.create(email: "u@example.org", displayName: "U", role: .provider, organizations: ["nope"], by: me) }
        #expect(unknown?.problems.map(\.field) == ["organizations"])
        let overview = try admin.overview()
        #expect(overview.accounts.map(\.email) == ["admin@example.org", "c@example.org", "k2@example.org", "p@example.org"])
        #expect(overview.lastLogins.isEmpty && overview.organizationNames[org] == "Träger")
        #expect(try admin.organizations(of: provider).map(\.name) == ["Träger"])
    }

    @Test func disablesAndEnablesOtherAccountsOnly() throws {
        let fixture = try Fixture()
        let me = try fixture.account("admin@example.org", name: "Admin", role: .admin)
        let other = try fixture.account("k2@example.org", name: "K2")
        let admin = AccountAdministration(store: fixture.store, now: Fixture.now)
        try admin.setDisabled(other.id, true, by: me)
        #expect(try fixture.store.pool.read { try AccountStore(db: $0).account(id: other.id)?.status } == .disabled)
        try admin.setDisabled(other.id, false, by: me)
        #expect(try fixture.store.pool.read { try AccountStore(db: $0).account(id: other.id)?.status } == .active)
        let own = #expect(throws: LotseError.self) { try admin.setDisabled(me.id, true, by: me) }
        #expect(own?.kind == .conflict)
        let unknown = #expect(throws: LotseError.self) { try admin.setDisabled("nope", true, by: me) }
        #expect(unknown?.kind == .notFound)
    }
}
