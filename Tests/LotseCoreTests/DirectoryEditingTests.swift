// The editing service behind `/pflege`: the records and choices a form starts from, the review
// state of a record, queueing and checking changes, the edits that apply at once, and the
// dashboard of one organization.
import Foundation
import SQLite
import Testing
@testable import LotseCore

@Suite struct DirectoryEditingTests {
    func setUp() throws -> (Fixture, DirectoryEditing, Account, String, String) {
        let fixture = try Fixture()
        let own = try fixture.organization("Träger A")
        let service = try fixture.service("Mittagstisch Gruna", organization: own, area: "dd-gr", street: "Bodenbacher Str. 1",
                                          terms: ["n-mit", "n-tag", "z-sen"], languages: ["tr"])
        try fixture.sql("""
            UPDATE taxonomy_term SET retired_at = '2026-01-01' WHERE id = 'n-tag';
            UPDATE sozialraum SET retired_at = '2026-01-01' WHERE id = 'dd-st';
            INSERT INTO unit(id, name) VALUES ('u-platz', 'Plätze im Kurs');
            INSERT INTO service_capacity(id, service_id, unit_id, available, maximum, updated) VALUES ('cap', '\(service)', 'u-platz', 2, 10, '2026-01-01');
            """)
        let provider = try fixture.store.pool.write { db in
            try AccountStore(db: db).create(email: "a@example.org", displayName: "Anbieterin A", role: .provider, organizations: [own])
        }
        return (fixture, DirectoryEditing(store: fixture.store, now: Fixture.now), provider, own, service)
    }

    @Test func aServiceFormStartsFromItsRecordsAndLinks() throws {
        let (fixture, editing, _, _, service) = try setUp()
        defer { withExtendedLifetime(fixture) {} }   // the fixture closes its store on deinit
        let records = try editing.service(service)
        #expect(records.service?.text("name") == "Mittagstisch Gruna")
        #expect(Set(records.attributes.compactMap { $0.text("taxonomy_term_id") }) == ["n-mit", "n-tag", "z-sen"])
        #expect(records.languages.compactMap { $0.text("code") } == ["tr"])
        #expect(records.placements.compactMap { $0.text("location_id") } == ["loc-2"])
        #expect(records.retiredNeeds == 1)
        #expect(try editing.service("weg").service == nil)
        let location = try editing.location("loc-2")
        #expect(location.addresses.first?.text("address_1") == "Bodenbacher Str. 1")
        #expect(try editing.name(of: "service", id: service) == "Mittagstisch Gruna")
        #expect(try editing.name(of: "metadata", id: service) == nil)
    }

    @Test func choicesMarkRetiredTermsAndKeepTheCurrentArea() throws {
        let (fixture, editing, _, own, _) = try setUp()
        defer { withExtendedLifetime(fixture) {} }   // the fixture closes its store on deinit
        let choices = try editing.choices([.need, .targetGroup], languages: true, locationsOf: own)
        #expect(choices.terms[.need]?.first { $0.id == "n-tag" }?.retired == true)
        #expect(choices.terms[.targetGroup]?.map(\.id) == ["z-sen", "z-fam"])
        #expect(choices.languages.prefix(2).map(\.code) == ["de", "en"])
        #expect(choices.locations.map(\.name) == ["Standort Mittagstisch Gruna"])
        #expect(choices.locations.first?.address == "Bodenbacher Str. 1, Dresden")
        let areas = try editing.areaChoices()
        #expect(!areas.contains { $0.id == "dd-st" })
        #expect(areas.first { $0.id == "dd-gr" }?.path == ["Dresden", "Blasewitz", "Gruna"])
        #expect(try editing.areaChoices(including: "dd-st").first { $0.id == "dd-st" }?.retired == true)
        let moves = try editing.areaChoices(excludingBelow: "dd-bl").map(\.id)
        #expect(!moves.contains("dd-bl") && !moves.contains("dd-gr") && moves.contains("dd-alt"))
        let targets = try editing.contactTargets(organization: own)
        #expect(targets.services.map(\.name) == ["Mittagstisch Gruna"] && targets.locations.map(\.id) == ["loc-2"])
    }

    @Test func changesAreCheckedQueuedAndShownWithTheirNames() throws {
        let (fixture, editing, provider, own, service) = try setUp()
        defer { withExtendedLifetime(fixture) {} }   // the fixture closes its store on deinit
        #expect(try editing.problems([RowChange(table: "service", id: service, values: ["email": "kaputt"])]).map(\.field) == ["email"])
        let rows = [RowChange(table: "service", id: service, values: ["name": "Mittagstisch am Markt"]),
                    RowChange(table: "attribute", id: "sa-2-z-sen", delete: true)]
        try editing.submit(rows, organization: own, entity: "service", entityID: service, action: "update", summary: "geändert", by: provider)
        let state = try editing.reviewState(entityID: service, organization: own)
        #expect(state.pendingRows == rows)
        #expect(state.lookup.record("service", service)?.text("name") == "Mittagstisch Gruna")
        #expect(state.lookup.taxonomy(ofTerm: "z-sen") == .targetGroup)
        #expect(state.lookup.name(column: "taxonomy_term_id", id: "z-sen") == "Senior:innen")
        let overview = try editing.overview(organization: own)
        #expect(overview.pending.map(\.entityID) == [service])
        #expect(overview.services.map(\.id) == [service] && overview.locations.first?.address?.text("city") == "Dresden")
        #expect(overview.lookup.record("service", service) != nil)
        try editing.withdraw(try #require(overview.pending.first?.id), by: provider)
        #expect(try editing.reviewState(entityID: service, organization: own).pending == nil)
    }

    @Test func capacityAndConfirmationApplyAtOnce() throws {
        let (fixture, editing, provider, own, service) = try setUp()
        defer { withExtendedLifetime(fixture) {} }   // the fixture closes its store on deinit
        let stored = try editing.capacity(serviceID: service)
        #expect(stored.counts.map(\.unitName) == ["Plätze im Kurs"])
        try editing.updateCapacity(serviceID: service, status: .waitlist, note: "etwa 6 Wochen", available: [("cap", "0")], by: provider)
        try editing.confirm(table: "organization", id: own, by: provider)
        let (status, available, verified) = try fixture.store.pool.read { db in
            (try db.scalarString("SELECT capacity_status FROM service WHERE id = ?", service),
             try db.scalarInt("SELECT available FROM service_capacity WHERE id = 'cap'"),
             try db.scalarString("SELECT verification_method FROM organization WHERE id = ?", own))
        }
        #expect(status == "waitlist" && available == 0 && verified == "self_confirmation")
        try editing.replaceOpeningHours(serviceID: service, blocks: [.init(days: ["MO"], opens: "09:00", closes: "12:00")], by: provider)
        #expect(try editing.schedules(serviceID: service).compactMap { $0.text("byday") } == ["MO"])
    }

    @Test func organizationsAreListedAndSortedByName() throws {
        let (fixture, editing, _, own, _) = try setUp()
        defer { withExtendedLifetime(fixture) {} }   // the fixture closes its store on deinit
        let second = try fixture.organization("Ambulanter Dienst")
        #expect(try editing.organizations().map(\.name) == ["Ambulanter Dienst", "Träger A"])
        #expect(try editing.sortedByName([own, second, "unbekannt"]) == [second, own, "unbekannt"])
        let missing = #expect(throws: LotseError.self) { try editing.overview(organization: "weg") }
        #expect(missing?.kind == .notFound)
    }
}
