// The review queue, immediate edits, verification and history at the store level.
import Foundation
import SQLite
import Testing
@testable import LotseCore

@Suite struct ReviewQueueTests {
    func setUp() throws -> (Fixture, Account, Account, Account, String, String) {
        let fixture = try Fixture()
        let orgA = try fixture.organization("Träger A")
        let orgB = try fixture.organization("Träger B")
        let service = try fixture.service("Mittagstisch Gruna", organization: orgA, area: "dd-gr")
        let (providerA, providerB, coordinator) = try fixture.store.pool.write { db in
            let store = AccountStore(db: db)
            return (try store.create(email: "a@example.org", displayName: "Anbieterin A", role: .provider, organizations: [orgA]),
                    try store.create(email: "b@example.org", displayName: "Anbieter B", role: .provider, organizations: [orgB]),
                    try store.create(email: "k@example.org", displayName: "Koordination", role: .coordinator))
        }
        return (fixture, providerA, providerB, coordinator, orgA, service)
    }

    @Test func structuralChangesWaitForApprovalAndKeepHistory() throws {
        let (fixture, provider, _, coordinator, org, service) = try setUp()
        let id = try fixture.store.pool.write { db in
            try ReviewQueue(db: db).submit(organizationID: org, entity: "service", entityID: service, action: "update", summary: "Name geändert",
                                           rows: [RowChange(table: "service", id: service, values: ["name": "Mittagstisch am Markt"])], by: provider)
        }
        // The public keeps the approved version.
        #expect(try fixture.search("markt").isEmpty)
        #expect(try fixture.search("gruna").count == 1)
        try fixture.store.pool.write { db in try ReviewQueue(db: db).approve(id, by: coordinator) }
        #expect(try fixture.search("markt") == [service])
        let history = try fixture.store.pool.read {
            try $0.queryFirst("SELECT previous_value, replacement_value, updated_by FROM metadata WHERE resource_id = ? AND field_name = 'name'", service) {
                ($0.string(0), $0.string(1), $0.string(2))
            }
        }
        #expect(history?.0 == "Mittagstisch Gruna" && history?.1 == "Mittagstisch am Markt")
        #expect(history?.2.contains("Anbieterin A") == true)
        let again = #expect(throws: LotseError.self) { try fixture.store.pool.write { try ReviewQueue(db: $0).approve(id, by: coordinator) } }
        #expect(again?.kind == .conflict)
    }

    @Test func onlyOwnOrganizationsAndOnlyCoordinatorsApprove() throws {
        let (fixture, providerA, providerB, _, org, service) = try setUp()
        let rows = [RowChange(table: "service", id: service, values: ["name": "Übernahme"])]
        let refused = #expect(throws: LotseError.self) {
            try fixture.store.pool.write { try ReviewQueue(db: $0).submit(organizationID: org, entity: "service", entityID: service, action: "update", summary: "x", rows: rows, by: providerB) }
        }
        #expect(refused?.kind == .forbidden)
        let id = try fixture.store.pool.write { try ReviewQueue(db: $0).submit(organizationID: org, entity: "service", entityID: service, action: "update", summary: "x", rows: rows, by: providerA) }
        #expect(throws: LotseError.self) { try fixture.store.pool.write { try ReviewQueue(db: $0).approve(id, by: providerA) } }
    }

    @Test func invalidValuesAreRejectedPerFieldBeforeQueueing() throws {
        let (fixture, provider, _, _, org, service) = try setUp()
        let rejected = #expect(throws: DirectoryWriter.Rejected.self) {
            try fixture.store.pool.write { db in
                try ReviewQueue(db: db).submit(organizationID: org, entity: "service", entityID: service, action: "update", summary: "x",
                                               rows: [RowChange(table: "service", id: service, values: ["name": "", "email": "kaputt", "url": "www.x.de"])], by: provider)
            }
        }
        #expect(Set(rejected?.problems.map(\.field) ?? []) == ["name", "email", "url"])
        #expect(try fixture.store.pool.read { try $0.scalarInt("SELECT count(*) FROM change_request") } == 0)
    }

    @Test func returnedChangesNeedAComment() throws {
        let (fixture, provider, _, coordinator, org, service) = try setUp()
        let id = try fixture.store.pool.write { try ReviewQueue(db: $0).submit(organizationID: org, entity: "service", entityID: service, action: "update", summary: "x", rows: [RowChange(table: "service", id: service, values: ["description": "Neu"])], by: provider) }
        #expect(throws: DirectoryWriter.Rejected.self) { try fixture.store.pool.write { try ReviewQueue(db: $0).giveBack(id, comment: " ", by: coordinator) } }
        try fixture.store.pool.write { try ReviewQueue(db: $0).giveBack(id, comment: "Bitte Öffnungszeiten ergänzen.", by: coordinator) }
        let request = try fixture.store.pool.read { try ReviewQueue(db: $0).request(id) }
        #expect(request?.status == .returned && request?.comment == "Bitte Öffnungszeiten ergänzen.")
    }

    @Test func capacityOpeningHoursAndConfirmationApplyAtOnce() throws {
        let (fixture, provider, _, _, _, service) = try setUp()
        let now = Fixture.now
        try fixture.store.pool.write { db in
            let writer = try DirectoryWriter(db: db, actor: provider.displayName, now: now)
            try Verification.updateCapacity(serviceID: service, status: .waitlist, note: "ca. 4 Wochen", writer: writer, now: now)
            try Verification.replaceOpeningHours(serviceID: service, blocks: [.init(days: ["WE"], opens: "10:00", closes: "12:00")], writer: writer, db: db)
            try Verification.confirm(table: "service", id: service, by: provider, writer: writer, now: now)
            try writer.finish()
        }
        var query = SearchQuery()
        query.openAt = now   // Wednesday 10:30
        query.capacity = [.waitlist]
        #expect(try fixture.search(query) == [service])
        let verified = try fixture.store.pool.read {
            try $0.queryFirst("SELECT verification_method, next_review_due, verified_by FROM service WHERE id = ?", service) { ($0.string(0), $0.string(1), $0.string(2)) }
        }
        #expect(verified?.0 == "self_confirmation" && verified?.1 == "2027-11-18" && verified?.2 == "Anbieterin A")
        let rejected = #expect(throws: DirectoryWriter.Rejected.self) {
            try fixture.store.pool.write { db in
                try Verification.replaceOpeningHours(serviceID: service, blocks: [.init(days: ["WE"], opens: "14:00", closes: "12:00")],
                                                     writer: try DirectoryWriter(db: db, actor: "x"), db: db)
            }
        }
        #expect(rejected?.problems.first?.field == "closes_at")
    }

    @Test func anEditIsNotAVerification() throws {
        let (fixture, provider, _, coordinator, org, service) = try setUp()
        let id = try fixture.store.pool.write { try ReviewQueue(db: $0).submit(organizationID: org, entity: "service", entityID: service, action: "update", summary: "x", rows: [RowChange(table: "service", id: service, values: ["description": "Neu"])], by: provider) }
        try fixture.store.pool.write { try ReviewQueue(db: $0).approve(id, by: coordinator) }
        #expect(try fixture.store.pool.read { try $0.scalarString("SELECT verified_at FROM service WHERE id = ?", service) } == nil)
    }

    @Test func staleEntriesAreListed() throws {
        let fixture = try Fixture()
        let org = try fixture.organization("Alt", reviewDue: "2025-01-01")
        try fixture.service("Veraltet", organization: org, reviewDue: "2026-01-01")
        try fixture.service("Aktuell", organization: org, reviewDue: "2027-06-01")
        let stale = try fixture.store.pool.read { try Verification.staleEntries($0, today: "2026-11-21") }
        #expect(stale.map(\.name) == ["Alt", "Veraltet"])
    }
}

@Suite struct DirectoryWriterHistoryTests {
    @Test func newAndDeletedRecordsKeepTheirFieldsInTheHistory() throws {
        let fixture = try Fixture()
        let org = try fixture.organization("Träger A")
        let service = try fixture.service("Mittagstisch", organization: org)
        try fixture.store.pool.write { db in
            let writer = try DirectoryWriter(db: db, actor: "Anna", now: Fixture.now)
            try writer.write(table: "schedule", id: "s-neu", values: ["service_id": service, "freq": "WEEKLY", "byday": "MO", "opens_at": "9:00", "closes_at": "12:00"])
            try writer.delete(table: "schedule", id: "s-neu")
        }
        let rows = try fixture.store.pool.read {
            try $0.query("SELECT last_action_type, field_name, previous_value, replacement_value FROM metadata WHERE resource_id = 's-neu' ORDER BY rowid") {
                "\($0.string(0)) \($0.string(1)) \($0.string(2))→\($0.string(3))"
            }
        }
        #expect(rows.contains("create opens_at →09:00") && rows.contains("create service_id →\(service)"))
        #expect(rows.contains("delete byday MO→") && rows.contains("delete closes_at 12:00→"))
    }

    @Test func aChangeMayReferToRecordsItCreates() throws {
        let fixture = try Fixture()
        let org = try fixture.organization("Träger A")
        let provider = try fixture.store.pool.write { try AccountStore(db: $0).create(email: "a@example.org", displayName: "A", role: .provider, organizations: [org]) }
        let coordinator = try fixture.store.pool.write { try AccountStore(db: $0).create(email: "k@example.org", displayName: "K", role: .coordinator) }
        let rows = [RowChange(table: "service", id: "svc-neu", values: ["organization_id": org, "name": "Neues Angebot"]),
                    RowChange(table: "location", id: "loc-neu", values: ["organization_id": org, "name": "Neuer Ort", "sozialraum_id": "dd-gr"]),
                    RowChange(table: "service_at_location", id: "sal-neu", values: ["service_id": "svc-neu", "location_id": "loc-neu"])]
        let id = try fixture.store.pool.write { try ReviewQueue(db: $0).submit(organizationID: org, entity: "service", entityID: "svc-neu", action: "create", summary: "neu", rows: rows, by: provider) }
        try fixture.store.pool.write { try ReviewQueue(db: $0).approve(id, by: coordinator) }
        #expect(try fixture.store.pool.read { try $0.scalarInt("SELECT count(*) FROM service_at_location WHERE id = 'sal-neu'") } == 1)
        // A reference to something that neither exists nor comes with the change is still refused.
        let bad = [RowChange(table: "service_at_location", id: "sal-x", values: ["service_id": "svc-neu", "location_id": "nirgends"])]
        #expect(throws: DirectoryWriter.Rejected.self) {
            try fixture.store.pool.write { try ReviewQueue(db: $0).submit(organizationID: org, entity: "service", entityID: "svc-neu", action: "update", summary: "x", rows: bad, by: provider) }
        }
    }

    @Test func openingHoursReplaceOnlyTheSimpleWeeklyBlocks() throws {
        let fixture = try Fixture()
        let org = try fixture.organization("Träger A")
        let service = try fixture.service("Beratung", organization: org, schedule: ("MO", "09:00", "12:00"))
        try fixture.sql("INSERT INTO schedule(id, service_id, freq, byday, opens_at, closes_at) VALUES ('monatlich', '\(service)', 'MONTHLY', '1WE', '14:00', '16:00')")
        try fixture.store.pool.write { db in
            try Verification.replaceOpeningHours(serviceID: service, blocks: [.init(days: ["TU"], opens: "10:00", closes: "11:00")],
                                                 writer: try DirectoryWriter(db: db, actor: "A"), db: db)
        }
        let kept = try fixture.store.pool.read { try $0.query("SELECT freq || ' ' || byday FROM schedule WHERE service_id = ? ORDER BY freq", service) { $0.string(0) } }
        #expect(kept == ["MONTHLY 1WE", "WEEKLY TU"])
    }
}
