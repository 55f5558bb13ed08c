// Suggested corrections at the store level: length limits, the owning organization, who may
// mark them done.
import Foundation
import SQLite
import Testing
@testable import LotseCore

@Suite struct CorrectionsTests {
    @Test func suggestionsAreCheckedAndLandWithTheOwningOrganization() throws {
        let fixture = try Fixture()
        let org = try fixture.organization("Träger A")
        let service = try fixture.service("Mittagstisch", organization: org)
        for text in ["zu kurz", String(repeating: "x", count: 2001), "          "] {
            let rejected = #expect(throws: DirectoryWriter.Rejected.self) {
                try fixture.store.pool.write { try Corrections(db: $0).suggest(serviceID: service, text: text) }
            }
            #expect(rejected?.problems.first?.field == "text")
        }
        #expect(throws: LotseError.self) { try fixture.store.pool.write { try Corrections(db: $0).suggest(serviceID: "gibt-es-nicht", text: "Die Zeiten stimmen nicht.") } }
        let id = try fixture.store.pool.write { try Corrections(db: $0, now: Fixture.now).suggest(serviceID: service, text: "  Die Zeiten stimmen nicht.  ") }
        let listed = try fixture.store.pool.read { try Corrections(db: $0).list(organization: org, status: .open) }
        #expect(listed.map(\.id) == [id] && listed.first?.text == "Die Zeiten stimmen nicht." && listed.first?.serviceName == "Mittagstisch")
        #expect(try fixture.store.pool.read { try Corrections(db: $0).openCount() } == 1)
    }

    @Test func onlyTheOrganizationsEditorsAndCoordinatorsHandleThem() throws {
        let fixture = try Fixture()
        let orgA = try fixture.organization("Träger A"), orgB = try fixture.organization("Träger B")
        let service = try fixture.service("Mittagstisch", organization: orgA)
        let (a, b, coordinator) = try fixture.store.pool.write { db in
            let store = AccountStore(db: db)
            return (try store.create(email: "a@example.org", displayName: "A", role: .provider, organizations: [orgA]),
                    try store.create(email: "b@example.org", displayName: "B", role: .provider, organizations: [orgB]),
                    try store.create(email: "k@example.org", displayName: "K", role: .coordinator))
        }
        let id = try fixture.store.pool.write { try Corrections(db: $0).suggest(serviceID: service, text: "Telefonnummer ist veraltet.") }
        let refused = #expect(throws: LotseError.self) { try fixture.store.pool.write { try Corrections(db: $0).handle(id, status: .done, by: b) } }
        #expect(refused?.kind == .forbidden)
        try fixture.store.pool.write { try Corrections(db: $0).handle(id, status: .done, by: a) }
        try fixture.store.pool.write { try Corrections(db: $0).handle(id, status: .dismissed, by: coordinator) }
        let handled = try fixture.store.pool.read { try Corrections(db: $0).suggestion(id) }
        #expect(handled?.status == .dismissed && handled?.handledByName == "K")
    }
}
