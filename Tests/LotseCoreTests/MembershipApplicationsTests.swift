// Applications for membership in the core: the draft's German field problems, submit → confirm
// → admit (organization, location, services and needs as member entries) or reject, the
// confirmation link's expiry, the retention purge, the signed form stamp, leaving and rejoining
// with their events, and the register's CSV in the exact RFC 4180 format.
import Foundation
import Templating
import Testing
@testable import LotseCore

@Suite struct MembershipApplicationsTests {
    static func draft(name: String = "Stadtteiltreff Gruna") -> MembershipApplication.Draft {
        var draft = MembershipApplication.Draft()
        draft.organizationName = name
        draft.kind = "initiative"
        draft.street = "Gruner Straße 1"
        draft.postalCode = "01307"
        draft.city = "Dresden"
        draft.sozialraumID = "dd-gr"
        draft.description = "Ein offener Treff für alle im Stadtteil."
        draft.services = [.init(name: "Mittagstisch", description: "Warmes Essen werktags ab 12 Uhr.", needs: ["n-mit"]),
                          .init(name: "", description: "", needs: [])]
        draft.contactName = "Kim Muster"
        draft.contactEmail = "kim@gruna.example"
        return draft
    }

    @Test func draftProblemsAreGermanAndPerField() throws {
        let fixture = try Fixture()
        var draft = Self.draft()
        #expect(try fixture.store.pool.read { try draft.problems(db: $0) }.isEmpty)
        draft.postalCode = "1307"
        draft.kind = "verein"
        draft.sozialraumID = "nirgends"
        draft.website = "gruna.example"
        draft.services = [.init(name: "X", description: "kurz", needs: ["z-sen"])]
        draft.contactEmail = "kim"
        let problems = try fixture.store.pool.read { try draft.problems(db: $0) }
        #expect(problems.map(\.field) == ["kind", "postal_code", "sozialraum_id", "website", "service1_name", "service1_description",
                                          "service1_needs", "contact_email"])
        #expect(problems.first { $0.field == "service1_needs" }?.message == "Bitte nur Bedarfe aus der Liste wählen.")
        draft.services = []
        #expect(try fixture.store.pool.read { try draft.problems(db: $0) }.contains { $0.field == "service1_name" && $0.message.contains("mindestens ein Angebot") })
    }

    @Test func lifecycleFromSubmissionToAdmissionOrRejection() throws {
        let fixture = try Fixture()
        let coordinator = try fixture.account()
        let applications = MembershipApplications(store: fixture.store, now: Fixture.now)
        let (id, token) = try applications.submit(Self.draft())
        #expect(try applications.queue().open.isEmpty)
        #expect(throws: LotseError.self) { try applications.admit(id, by: coordinator) }   // not confirmed yet
        #expect(try applications.confirm("falsch") == .failure(.unknown))
        let late = MembershipApplications(store: fixture.store, now: Fixture.now.addingTimeInterval(8 * 86_400))
        #expect(try late.check(token) == .failure(.expired))
        guard case .success(let confirmed) = try applications.confirm(token) else { Issue.record("not confirmed"); return }
        #expect(confirmed.status == .open && confirmed.confirmedAt != nil)
        #expect(try fixture.store.pool.read { try MembershipApplications.openCount($0) } == 1)
        let admission = try applications.admit(id, by: coordinator)
        #expect(admission.serviceIDs.count == 1)
        let stored = try fixture.store.pool.read { db throws -> [String?] in
            [try db.scalarString("SELECT membership_status || ' ' || member_since || ' ' || kind FROM organization WHERE id = ?", admission.organizationID),
             try db.scalarString("""
                SELECT a.postal_code || ' ' || l.sozialraum_id FROM location l JOIN address a ON a.location_id = l.id WHERE l.organization_id = ?
                """, admission.organizationID),
             try db.scalarString("SELECT count(*) FROM attribute WHERE link_id = ? AND taxonomy_term_id = 'n-mit'", admission.serviceIDs[0]),
             try db.scalarString("SELECT count(*) FROM service_at_location WHERE service_id = ?", admission.serviceIDs[0]),
             try db.scalarString("SELECT count(*) > 0 FROM metadata WHERE resource_id = ? AND updated_by = 'Koordination'", admission.organizationID)]
        }
        #expect(stored == ["member 2026-11-18 initiative", "01307 dd-gr", "1", "1", "1"])
        let conflict = #expect(throws: LotseError.self) { try applications.admit(id, by: coordinator) }
        #expect(conflict?.kind == .conflict)

        let (other, otherToken) = try applications.submit(Self.draft(name: "Zweiter Verein"))
        _ = try applications.confirm(otherToken)
        let missing = #expect(throws: DirectoryWriter.Rejected.self) { try applications.reject(other, reason: " ", by: coordinator) }
        #expect(missing?.problems.first?.field == "reason")
        try applications.reject(other, reason: "Nicht im Gebiet tätig", by: coordinator)
        let decided = try applications.queue().decided
        #expect(decided.map(\.status) == [.admitted, .rejected] || decided.map(\.status) == [.rejected, .admitted])
        #expect(decided.first { $0.id == other }?.reason == "Nicht im Gebiet tätig")
    }

    @Test func purgeDeletesUnconfirmedAndErasesContactsAfterTheRetentionPeriod() throws {
        let fixture = try Fixture()
        let coordinator = try fixture.account()
        let applications = MembershipApplications(store: fixture.store, now: Fixture.now)
        _ = try applications.submit(Self.draft(name: "Nie bestätigt"))
        let (id, token) = try applications.submit(Self.draft())
        _ = try applications.confirm(token)
        try applications.reject(id, reason: "Doppelt", by: coordinator)
        func purge(afterDays days: Double) throws -> MembershipApplications.Purge {
            try fixture.store.pool.write { try MembershipApplications.purge($0, now: Fixture.now.addingTimeInterval(days * 86_400), retentionDays: 90) }
        }
        #expect(try purge(afterDays: 1) == .init(unconfirmedDeleted: 0, contactsErased: 0))
        #expect(try purge(afterDays: 8) == .init(unconfirmedDeleted: 1, contactsErased: 0))
        #expect(try applications.application(id)?.contactEmail == "kim@gruna.example")
        #expect(try purge(afterDays: 91) == .init(unconfirmedDeleted: 0, contactsErased: 1))
        let erased = try #require(try applications.application(id))
        #expect(erased.contactName == nil && erased.contactEmail == nil && erased.organizationName == "Stadtteiltreff Gruna")
        #expect(try purge(afterDays: 200) == .init(unconfirmedDeleted: 0, contactsErased: 0))
    }

    @Test func formStampRefusesTooFastExpiredAndForged() {
        let key = Array("schluessel-eins-0123456789abcdef".utf8), other = Array("schluessel-zwei-0123456789abcdef".utf8)
        let now = Fixture.now
        let stamp = MembershipFormStamp.make(now: now, key: key)
        #expect(MembershipFormStamp.check(stamp, keys: [key], now: now.addingTimeInterval(2)) == .tooFast)
        #expect(MembershipFormStamp.check(stamp, keys: [key], now: now.addingTimeInterval(30)) == .fine)
        #expect(MembershipFormStamp.check(stamp, keys: [other, key], now: now.addingTimeInterval(30)) == .fine)
        #expect(MembershipFormStamp.check(stamp, keys: [key], now: now.addingTimeInterval(13 * 3600)) == .expired)
        #expect(MembershipFormStamp.check(stamp, keys: [other], now: now.addingTimeInterval(30)) == .forged)
        let seconds = stamp.split(separator: ".")[0], signature = stamp.split(separator: ".")[1]
        #expect(MembershipFormStamp.check("\(Int(seconds)! - 600).\(signature)", keys: [key], now: now.addingTimeInterval(30)) == .forged)
        for broken in ["", "abc", "1.2.3", "\(seconds)."] { #expect(MembershipFormStamp.check(broken, keys: [key], now: now) == .forged) }
    }

    @Test func leavingAndRejoiningAreRecorded() throws {
        let fixture = try Fixture()
        let coordinator = try fixture.account()
        let id = try fixture.organization("Verein am Rand")
        let members = Members(store: fixture.store, now: Fixture.now)
        let rejected = #expect(throws: DirectoryWriter.Rejected.self) { try members.recordLeaving(id, date: "gestern", reason: "", by: coordinator) }
        #expect(rejected?.problems.map(\.field) == ["date", "reason"])
        #expect(throws: DirectoryWriter.Rejected.self) { try members.recordLeaving(id, date: "2026-11-19", reason: "Zukunft", by: coordinator) }
        try members.recordLeaving(id, date: "2026-11-01", reason: "Aufgelöst", by: coordinator)
        #expect(try members.all().first { $0.id == id }?.status == "left")
        let again = #expect(throws: LotseError.self) { try members.recordLeaving(id, date: "2026-11-01", reason: "Aufgelöst", by: coordinator) }
        #expect(again?.kind == .conflict)
        let row = try #require(try MembershipRegister(store: fixture.store).rows().first { $0.id == id })
        #expect(row.leftOn == "2026-11-01" && row.leftReason == "Aufgelöst")
        try members.apply(.readmit, to: id, by: coordinator)
        #expect(try members.events(id) == [.init(kind: "left", date: "2026-11-01", reason: "Aufgelöst", recordedBy: "Koordination"),
                                           .init(kind: "rejoined", date: "2026-11-18", reason: nil, recordedBy: "Koordination")])
        #expect(try MembershipRegister(store: fixture.store).rows().first { $0.id == id }?.leftOn == nil)
    }

    @Test func registerCSVIsRFC4180AndFormulaSafe() {
        let rows = [
            MembershipRegister.Row(id: "o1", name: "Verein \"Hand, in Hand\"", kind: "initiative", status: "member", since: "2024-01-31"),
            MembershipRegister.Row(id: "o2", name: "=HYPERLINK(\"x\")", kind: "traeger", status: "left", since: nil, leftOn: "2026-11-01",
                                   leftReason: "Zeile eins\nZeile zwei"),
        ]
        #expect(MembershipRegister.csv(rows) == "id,name,art,status,mitglied_seit,ausgetreten_am,austrittsgrund\r\n"
                + "o1,\"Verein \"\"Hand, in Hand\"\"\",Initiative,Mitglied,2024-01-31,,\r\n"
                + "o2,\"'=HYPERLINK(\"\"x\"\")\",Träger,Ausgetreten,,2026-11-01,\"Zeile eins\nZeile zwei\"\r\n")
    }

    @Test func coordinatorsDigestMentionsConfirmedApplications() throws {
        let fixture = try Fixture()
        _ = try fixture.account("koord@example.org")
        let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Templates").path
        let mailbox = NSTemporaryDirectory() + "digest-\(UUID().uuidString).mbox"
        defer { try? FileManager.default.removeItem(atPath: mailbox) }
        func digest(_ week: String) throws -> String {
            let settings = MailSettings(from: MailAddress("lotse@example.org", name: "Lotse"), publicURL: "https://lotse.example.org",
                                        transport: SendmailTransport(commandLine: "/usr/bin/tee \(mailbox)"),
                                        templates: try TemplateLibrary(directory: templates), links: .fixture)
            _ = try DigestRun(store: fixture.store, settings: settings, networkName: "Netzwerk").run(DigestRun.Options(week: ISOWeek(week)!), now: Fixture.now)
            return ((try? String(contentsOfFile: mailbox, encoding: .utf8)) ?? "").replacingOccurrences(of: "=\r\n", with: "")
        }
        #expect(!(try digest("2026-W47")).contains("Mitgliedsantrag"))
        let applications = MembershipApplications(store: fixture.store, now: Fixture.now)
        for name in ["Erster Verein", "Zweiter Verein", "Unbestätigt"] {
            let (_, token) = try applications.submit(Self.draft(name: name))
            if name != "Unbestätigt" { _ = try applications.confirm(token) }
        }
        let text = try digest("2026-W48")
        #expect(text.contains("2 neue(r) Mitgliedsantrag") && !text.contains("Erster Verein") && !text.contains("kim@gruna.example"))
    }
}
