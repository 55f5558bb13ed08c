// Invitations: inviting a provider editor (rules and fields of the problems), checking and
// accepting the link once.
import Foundation
import Testing
@testable import LotseCore

@Suite struct InvitationsTests {
    @Test func invitesChecksAndAcceptsOnce() throws {
        let fixture = try Fixture()
        let org = try fixture.organization("Träger")
        try fixture.organization("Club", membership: "applicant")
        try fixture.organization("Ehemalige", membership: "left")
        let invitations = Invitations(store: fixture.store, now: Fixture.now)
        let coordinator = try fixture.account("k@example.org", name: "K", role: .coordinator)
        let second = try fixture.account("k2@example.org", name: "K2", role: .coordinator)
        #expect(try invitations.organizations().map(\.name) == ["Club", "Träger"])
        let empty = #expect(throws: DirectoryWriter.Rejected.self) { try invitations.invite(email: "kaputt", name: "", organizationID: "", by: coordinator) }
        #expect(empty?.problems.map(\.field) == ["email", "name", "organization_id"])
        let unknown = #expect(throws: DirectoryWriter.Rejected.self) { try invitations.invite(email: "neu@example.org", name: "Neu", organizationID: "nope", by: coordinator) }
        #expect(unknown?.problems == [.init(field: "organization_id", message: "Diese Organisation gibt es nicht.")])
        let grant = try invitations.invite(email: "neu@example.org", name: "Neu", organizationID: org, by: coordinator)
        #expect(grant.organizationName == "Träger" && grant.status == .pending)
        #expect(try fixture.store.pool.read { try AccountStore(db: $0).account(email: "neu@example.org") } == nil)
        #expect(try fixture.store.pool.read { try MailOutbox(db: $0).count() } == 0, "no login-link mail")
        let announced = try fixture.store.pool.read { try $0.scalarInt("SELECT count(*) FROM notification_mail WHERE grant_id IS NOT NULL") }
        #expect(announced == 1, "announced to the other coordinator only")
        let invited = try AccessGrants(store: fixture.store, now: Fixture.now).confirm(grant.id, by: second)
        #expect(invited.status == .invited && invited.organizations == [org])
        let invitation = (account: invited, organizationName: grant.organizationName)
        let twice = #expect(throws: DirectoryWriter.Rejected.self) { try invitations.invite(email: "neu@example.org", name: "Neu", organizationID: org, by: coordinator) }
        #expect(twice?.problems.map(\.field) == ["email"])
        // The invitation mail is queued (its link is issued when it is sent); issue one here.
        let queued = try fixture.store.pool.write { try MailOutbox(db: $0, now: Fixture.now).claimDue() }.filter { $0.purpose == .invite }
        #expect(queued.map(\.purpose) == [.invite] && queued.first?.accountID == invitation.account.id
                && queued.first?.organization == "Träger" && queued.first?.invitedBy == "K")
        let token = try fixture.store.pool.write { try LoginLinks(db: $0, now: Fixture.now).issue(accountID: invitation.account.id, purpose: .invite) }
        guard case .success(let checked) = try invitations.check(token) else { Issue.record("link refused"); return }
        #expect(checked?.id == invitation.account.id)
        let weak = #expect(throws: DirectoryWriter.Rejected.self) { try invitations.accept(token, name: "", password: "kurz") }
        #expect(weak?.problems.map(\.field) == ["name", "password"])
        guard case .success(let account) = try invitations.accept(token, name: "Nora Neu", password: "ein langes Passwort") else {
            Issue.record("accept refused"); return
        }
        #expect(account.displayName == "Nora Neu" && account.status == .active && account.hasPassword)
        guard case .failure(let refusal) = try invitations.accept(token, name: "Nora Neu", password: "") else {
            Issue.record("second accept worked"); return
        }
        #expect(refusal == .used)
        guard case .failure = try invitations.check("kaputt") else { Issue.record("bad token accepted"); return }
    }
}
