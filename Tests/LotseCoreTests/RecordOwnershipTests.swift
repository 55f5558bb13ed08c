// The one ownership resolver: which organization owns a row — by its own organization_id,
// through the service, location, contact or phone it hangs on, or an attribute's linked
// record — and how the editing service turns that into 404 and 403.
import Foundation
import SQLite
import Testing
@testable import LotseCore

@Suite struct RecordOwnershipTests {
    func setUp() throws -> (Fixture, String, String, String) {
        let fixture = try Fixture()
        let own = try fixture.organization("Träger A")
        let other = try fixture.organization("Träger B")
        let service = try fixture.service("Mittagstisch Gruna", organization: own, area: "dd-gr", street: "Bodenbacher Str. 1", terms: ["n-mit"])
        try fixture.sql("""
            INSERT INTO contact(id, service_id, name) VALUES ('c-svc', '\(service)', 'Frau Berger');
            INSERT INTO contact(id, location_id, name) VALUES ('c-loc', 'loc-3', 'Herr Kuhn');
            INSERT INTO contact(id, organization_id, name) VALUES ('c-org', '\(other)', 'Empfang');
            INSERT INTO phone(id, contact_id, number) VALUES ('p-1', 'c-svc', '0351 1234');
            INSERT INTO cooperation(id, organization_id, partner_id, topic) VALUES ('coop', '\(other)', '\(own)', 'Treff');
            """)
        return (fixture, own, other, service)
    }

    @Test func rowsBelongToTheOrganizationTheyHangOn() throws {
        let (fixture, own, other, service) = try setUp()
        let owners = try fixture.store.pool.read { db throws in
            let ownership = RecordOwnership(db: db)
            return try [("organization", own), ("service", service), ("location", "loc-3"), ("address", "adr-3"), ("service_at_location", "sal-3"),
                        ("attribute", "sa-3-n-mit"), ("contact", "c-svc"), ("contact", "c-loc"), ("contact", "c-org"), ("phone", "p-1"),
                        ("cooperation", "coop")].map { try ownership.owner(table: $0.0, id: $0.1) }
        }
        #expect(owners == [own, own, own, own, own, own, own, own, other, own, other])
    }

    @Test func vocabulariesAndMissingRowsBelongToNoOne() throws {
        let (fixture, _, _, _) = try setUp()
        try fixture.store.pool.read { db throws in
            let ownership = RecordOwnership(db: db)
            #expect(try ownership.owner(table: "taxonomy_term", id: "n-mit") == nil)
            #expect(try ownership.owner(table: "sozialraum", id: "dd-gr") == nil)
            #expect(try ownership.owner(table: "service", id: "gibt-es-nicht") == nil)
        }
    }

    @Test func rowsNotStoredYetResolveThroughRememberedOnes() throws {
        let (fixture, own, _, _) = try setUp()
        try fixture.store.pool.read { db throws in
            var ownership = RecordOwnership(db: db)
            #expect(try ownership.owner(table: "language", row: ["id": "l-neu", "service_id": "svc-neu"]) == nil)
            ownership.remember(table: "service", id: "svc-neu", organization: own)
            #expect(try ownership.owner(table: "language", row: ["id": "l-neu", "service_id": "svc-neu"]) == own)
            #expect(try ownership.owner(table: "attribute", row: ["link_entity": "service", "link_id": "svc-neu", "taxonomy_term_id": "n-mit"]) == own)
            #expect(try ownership.owner(table: "attribute", row: ["link_entity": "unbekannt", "link_id": "svc-neu"]) == nil)
        }
    }

    @Test func editingAnswersNotFoundAndForbidden() throws {
        let (fixture, own, other, service) = try setUp()
        let (provider, coordinator) = try fixture.store.pool.write { db in
            let store = AccountStore(db: db)
            return (try store.create(email: "a@example.org", displayName: "Anbieterin A", role: .provider, organizations: [own]),
                    try store.create(email: "k@example.org", displayName: "Koordination", role: .coordinator))
        }
        let editing = DirectoryEditing(store: fixture.store, now: Fixture.now)
        #expect(try editing.authorize(provider, table: "service", id: service) == own)
        #expect(try editing.authorize(coordinator, table: "contact", id: "c-org") == other)
        let forbidden = #expect(throws: LotseError.self) { try editing.authorize(provider, table: "contact", id: "c-org") }
        #expect(forbidden?.kind == .forbidden)
        let missing = #expect(throws: LotseError.self) { try editing.authorize(provider, table: "location", id: "weg") }
        #expect(missing?.kind == .notFound)
        #expect(missing?.message == "Diesen Eintrag gibt es nicht (mehr).")
    }
}
