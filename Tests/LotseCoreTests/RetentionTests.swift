// Retention (docs/domain.md §6.5): after a run no planted personal value survives in any table of
// the database nor in the raw bytes of its files (secure_delete + WAL checkpoint), anonymous
// statistics remain, referrals still within their period are untouched, and runs are logged.
import Foundation
import SQLite
import Testing
@testable import LotseCore

@Suite struct RetentionTests {
    static let planted = ["Zwetschgenbaum-Olga", "FALL-QX-771", "0170-9988776", "olga.z@example.net", "Holunderweg 17",
                          "Knieoperation im Oktober", "zieht nach Zwickau", "half sehr gut", "Tochter Wilhelmine",
                          "Betreuerin Quasthoff", "Zweck Vermittlung Quittenhof"]

    /// A completed, fully filled referral closed on 2026-03-02, plus one closed recently.
    func network() throws -> (ReferralFixture, old: String, recent: String) {
        let network = try ReferralFixture()
        let early = Timestamp.parse("2026-03-02T09:00:00Z")!
        let old = try network.desk(now: early) { desk -> String in
            var draft = ReferralDraft(needs: ["pflege.tagespflege"], sozialraum: "dresden-gruna", caseReference: Self.planted[1])
            draft.citizenName = Self.planted[0]
            draft.citizenPhone = Self.planted[2]
            draft.citizenEmail = Self.planted[3]
            draft.citizenAddress = Self.planted[4]
            let id = try desk.createDraft(draft, by: network.counselor)
            var consent = ConsentInput(recipients: [network.orgA, network.orgB], categories: [.needs, .identity, .contact, .health],
                                       purpose: Self.planted[10], form: .signed, givenOn: "2026-03-01", informationVersion: "1",
                                       confidentialityRelease: true)
            consent.givenBy = .representative
            consent.consentingPerson = Self.planted[9]
            try desk.recordConsent(groupID: id, consent, by: network.counselor)
            let ids = try desk.send(id, to: [.service(network.serviceA), .service(network.serviceB)], by: network.counselor)
            try desk.addNote(id, Self.planted[5], by: network.counselor)
            try desk.transition(ids[1], to: .rejected, by: .person(network.providerB), reason: .other, reasonText: Self.planted[6])
            try desk.transition(id, to: .accepted, by: .person(network.providerA))
            try desk.addNote(id, "Rückfrage zu \(Self.planted[8])", by: network.providerA)
            try desk.transition(id, to: .completed, by: .person(network.providerA))
            try desk.closeLoop(id, outcome: .helped, outcomeText: Self.planted[7], citizenFeedback: Self.planted[7] + "!", by: network.counselor)
            _ = try desk.view(id, as: network.providerA)
            return id
        }
        let recent = try network.sent(to: [network.serviceC]) { $0.citizenName = "Bleibt Erhalten" }[0]
        try network.desk { try $0.transition(recent, to: .rejected, by: .person(network.providerC), reason: .capacity) }
        return (network, old, recent)
    }

    /// Every text value of every table that contains `needle`, as "table.column".
    func occurrences(of needle: String, in db: Database) throws -> [String] {
        var found: [String] = []
        let tables = try db.query("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'") { $0.string(0) }
        for table in tables {
            let columns = try db.query("SELECT name FROM pragma_table_info(?)", table) { $0.string(0) }
            for column in columns where try db.scalarInt("SELECT count(*) FROM \"\(table)\" WHERE CAST(\"\(column)\" AS TEXT) LIKE ?",
                                                          "%\(needle)%")! > 0 {
                found.append("\(table).\(column)")
            }
        }
        return found
    }

    @Test func noPersonalValueSurvivesInAnyTableOrFileByte() throws {
        let (network, old, recent) = try network()
        // Before: the values are there (the scan can find them).
        let before = try network.store.pool.read { db in try Self.planted.map { try occurrences(of: $0, in: db) } }
        for (value, places) in zip(Self.planted, before) {
            #expect(!places.isEmpty, "\(value) planted")
            #expect(places.allSatisfy { $0.hasPrefix("referral") || $0.hasPrefix("consent.") }, "\(value) only in referral tables: \(places)")
        }
        let report = try RetentionJob.run(store: network.store, now: Timestamp.parse("2026-11-18T09:30:00Z")!)
        #expect(report.referralsAnonymised == 2 && report.notesDeleted == 2 && report.consentsAnonymised == 1)
        let after = try network.store.pool.read { db in try Self.planted.map { try occurrences(of: $0, in: db) } }
        for (value, places) in zip(Self.planted, after) { #expect(places.isEmpty, "\(value) survived in \(places)") }
        try network.store.close()
        for suffix in ["", "-wal"] {
            guard let bytes = FileManager.default.contents(atPath: network.fixture.path + suffix) else { continue }
            for value in Self.planted {
                #expect(bytes.range(of: Data(value.utf8)) == nil, "\(value) still in the file bytes of \(suffix.isEmpty ? "db" : suffix)")
            }
        }
        // Statistics remain.
        let reopened = try Store.open(path: network.fixture.path)
        defer { try? reopened.close() }
        let (kept, sibling, other) = try reopened.pool.read { db in
            (try Referral.load(db, id: old)!, try Referral.load(db, id: try Referral.groupMembers(db, groupID: old)[1])!, try Referral.load(db, id: recent)!)
        }
        #expect(kept.status == .completed && kept.needs == ["pflege.tagespflege"] && kept.sozialraumID == "dd-gr")
        #expect(kept.outcome == .helped && kept.createdAt == "2026-03-02" && kept.closedAt == "2026-03-02" && kept.anonymisedAt == "2026-11-18")
        #expect(kept.citizenName == nil && kept.caseReference == nil && kept.outcomeText == nil && kept.citizenFeedback == nil)
        #expect(sibling.status == .rejected && sibling.reason == .other && sibling.reasonText == nil && sibling.declinedBy == .provider)
        #expect(other.citizenName == "Bleibt Erhalten" && other.anonymisedAt == nil, "still within its period")
        let logged = try reopened.pool.read { db in
            (try db.scalarInt("SELECT count(*) FROM retention_run WHERE dry_run = 0 AND referrals_anonymised = 2"),
             try db.scalarInt("SELECT count(*) FROM audit_log WHERE action = 'retention'"),
             try AuditLog(db: db).verify())
        }
        #expect(logged.0 == 1 && logged.1 == 1)
        if case .broken = logged.2 { Issue.record("audit chain broken after retention") }
    }

    @Test func aDryRunCountsButChangesNothing() throws {
        let (network, old, _) = try network()
        let report = try RetentionJob.run(store: network.store, now: Timestamp.parse("2026-11-18T09:30:00Z")!, dryRun: true)
        #expect(report.dryRun && report.referralsAnonymised == 2 && report.summary.contains("Probelauf"))
        #expect(try network.referral(old).citizenName == Self.planted[0])
        #expect(try network.store.pool.read { try $0.scalarInt("SELECT count(*) FROM retention_run WHERE dry_run = 1") } == 1)
    }

    @Test func periodsAreConfigurable() throws {
        let (network, old, recent) = try network()
        try network.fixture.sql("INSERT INTO lotse_meta(key, value) VALUES ('retention.referral_days', '400')")
        _ = try RetentionJob.run(store: network.store, now: Timestamp.parse("2026-11-18T09:30:00Z")!)
        #expect(try network.referral(old).citizenName == Self.planted[0])
        try network.fixture.sql("UPDATE lotse_meta SET value = '0' WHERE key = 'retention.referral_days'")   // out of range: default
        _ = try RetentionJob.run(store: network.store, now: Timestamp.parse("2026-11-18T09:30:00Z")!)
        let (anonymised, kept) = (try network.referral(old), try network.referral(recent))
        #expect(anonymised.citizenName == nil && kept.citizenName == "Bleibt Erhalten")
    }
}
