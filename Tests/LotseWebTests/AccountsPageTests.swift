// Accounts (admin): list, create with role and organizations, disable (sessions end) and
// enable again; the own account cannot be disabled.
import Foundation
import LotseCore
import Testing

@Suite struct AccountsPageTests {
    @Test func adminsCreateDisableAndEnableAccounts() throws {
        let f = try EditingFixture()
        let admin = try f.client(f.admin)
        let list = try admin.get("/admin/konten").body
        #expect(list.contains("anbieter-a@example.org") && list.contains("Koordination"))
        let missing = try admin.post("/admin/konten", [("email", "x@example.org"), ("name", "X"), ("role", "provider")])
        #expect(missing.status == 400 && missing.body.contains("mindestens eine Organisation") && missing.body.contains("value=\"x@example.org\""))
        let created = try admin.post("/admin/konten", [("email", "neu@example.org"), ("name", "Neue Person"), ("role", "provider"),
                                                       ("organisation", EditingFixture.organizationA)])
        #expect(created.location == "/admin/konten?hinweis=beantragt")
        let grant = try #require(try AccessGrants(store: f.site.store).requested(by: f.admin).first)
        #expect(try f.client(f.providerA).post("/freigaben/\(grant.id)/bestaetigen", []).status == 303)
        let account = try #require(try f.site.store.pool.read { try AccountStore(db: $0).account(email: "neu@example.org") })
        #expect(account.role == .provider && account.organizations == [EditingFixture.organizationA] && !account.hasPassword && account.status == .active)
        #expect(try admin.post("/admin/konten", [("email", "neu@example.org"), ("name", "Noch mal"), ("role", "counselor")]).status == 400)
        // Disabling ends the person's sessions.
        let provider = try f.client(f.providerA)
        #expect(try provider.get("/pflege").status == 200)
        #expect(try admin.post("/admin/konten/\(f.providerA.id)/sperren", []).status == 303)
        #expect(try provider.get("/pflege").status == 303)
        #expect(try admin.get("/admin/konten").body.contains("Entsperren"))
        #expect(try admin.post("/admin/konten/\(f.providerA.id)/entsperren", []).status == 303)
        #expect(try f.client(f.providerA).get("/pflege").status == 200)
        #expect(try admin.post("/admin/konten/\(f.admin.id)/sperren", []).status == 409)
    }
}
