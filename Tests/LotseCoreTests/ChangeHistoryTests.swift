// The change history of a service and of an organization: which child rows and referring
// records belong to it — deleted ones included, found through the fields that pointed at them —
// and the names behind ids in the old and new values.
import Foundation
import SQLite
import Testing
@testable import LotseCore

@Suite struct ChangeHistoryTests {
    func setUp() throws -> (Fixture, String, String, String) {
        let fixture = try Fixture()
        let own = try fixture.organization("Träger A")
        let other = try fixture.organization("Träger B")
        let service = try fixture.service("Mittagstisch Gruna", organization: own, area: "dd-gr", street: "Bodenbacher Str. 1")
        let foreign = try fixture.service("Schuldnerberatung", organization: other, area: "dd-st")
        try fixture.store.pool.write { db in
            let writer = try DirectoryWriter(db: db, actor: "Anbieterin A", now: Fixture.now)
            try writer.write(table: "service", id: service, values: ["name": "Mittagstisch am Markt"])
            try writer.write(table: "language", id: "lang-neu", values: ["service_id": service, "code": "tr", "name": "Türkisch"])
            try writer.delete(table: "language", id: "lang-neu")
            try writer.write(table: "attribute", id: "attr-neu", values: ["link_entity": "service", "link_id": service, "taxonomy_term_id": "n-mit"])
            try writer.write(table: "contact", id: "c-neu", values: ["organization_id": own, "name": "Frau Berger"])
            try writer.write(table: "phone", id: "p-neu", values: ["contact_id": "c-neu", "number": "0351 1234"])
            try writer.delete(table: "contact", id: "c-neu")
            try writer.write(table: "location", id: "loc-3", values: ["sozialraum_id": "dd-st"])
            try writer.write(table: "service", id: foreign, values: ["name": "Schuldnerberatung Striesen"])
            try writer.write(table: "cooperation", id: "coop", values: ["organization_id": other, "partner_id": own, "topic": "Treff"])
            try writer.finish()
        }
        return (fixture, own, other, service)
    }

    @Test func aServiceHistoryHasItsChildRowsAlsoDeletedOnes() throws {
        let (fixture, _, _, service) = try setUp()
        defer { withExtendedLifetime(fixture) {} }   // the fixture closes its store on deinit
        let history = try ChangeHistory(store: fixture.store).service(service)
        #expect(history.name == "Mittagstisch am Markt")
        let resources = Set(history.records.compactMap { $0.text("resource_id") })
        #expect(resources == [service, "lang-neu", "attr-neu"])
        #expect(history.records.contains { $0.text("resource_id") == "lang-neu" && $0.text("last_action_type") == "delete" })
        #expect(history.lookup.name(column: "taxonomy_term_id", id: "n-mit") == "Mittagstisch")
        #expect(history.lookup.name(column: "service_id", id: service) == "Mittagstisch am Markt")
    }

    @Test func anOrganizationHistoryHasLocationsContactsPhonesAndCooperations() throws {
        let (fixture, own, _, _) = try setUp()
        defer { withExtendedLifetime(fixture) {} }   // the fixture closes its store on deinit
        let history = try ChangeHistory(store: fixture.store).organization(own)
        #expect(history.name == "Träger A")
        let resources = Set(history.records.compactMap { $0.text("resource_id") })
        #expect(resources == ["loc-3", "c-neu", "p-neu", "coop"])
        #expect(history.lookup.name(column: "sozialraum_id", id: "dd-st") == "Striesen")
        #expect(history.lookup.name(column: "sozialraum_id", id: "dd-gr") == "Gruna")
        let dates = history.records.compactMap { $0.text("last_action_date") }
        #expect(dates == dates.sorted(by: >))
    }

    @Test func onlyTheDescribedRowsGetNames() throws {
        let (fixture, own, _, _) = try setUp()
        defer { withExtendedLifetime(fixture) {} }   // the fixture closes its store on deinit
        let history = try ChangeHistory(store: fixture.store).organization(own, described: 0)
        #expect(!history.records.isEmpty)
        #expect(history.lookup.name(column: "sozialraum_id", id: "dd-st") == nil)
    }
}
