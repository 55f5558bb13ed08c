// The change history: field, old and new value, who and when, for a service with its links and
// for an organization with its locations; the JSON download is HSDS metadata.
import Foundation
import LotseCore
import Testing

@Suite struct ChangeHistoryPageTests {
    @Test func historyShowsEveryFieldAndDownloadsAsHSDSMetadata() throws {
        let f = try EditingFixture()
        let provider = try f.client(f.providerA)
        try provider.submitForm("/pflege/angebote/\(EditingFixture.serviceA)/zeiten") {
            $0.set("tage-0", to: ["FR"])
            $0["von-0"] = "14:00"
            $0["bis-0"] = "17:00"
        }
        try provider.submitForm("/pflege/angebote/\(EditingFixture.serviceA)") { $0.set("sprache", to: ["de", "uk"]) }
        let id = try #require(try f.site.store.pool.read { try ReviewQueue(db: $0).pendingRequest(entityID: EditingFixture.serviceA)?.id })
        try f.client(f.coordinator).post("/koordination/pruefung/\(id)/freigeben", [])
        let page = try provider.get("/pflege/angebote/\(EditingFixture.serviceA)/verlauf")
        #expect(page.status == 200)
        #expect(page.body.contains("Öffnungszeit (neu)") && page.body.contains("Fr") && page.body.contains("14:00"))
        #expect(page.body.contains("Sprache (neu)") && page.body.contains("Ukrainisch") && page.body.contains("Sprache (gelöscht)"))
        #expect(page.body.contains("18.11.2026, 10:30 Uhr") && page.body.contains("Test Anbieter"))
        let download = try provider.get("/pflege/angebote/\(EditingFixture.serviceA)/verlauf.json")
        #expect(download.status == 200 && download.headers["Content-Disposition"]?.contains("attachment") == true)
        let records = try #require(try JSONSerialization.jsonObject(with: Data(download.body.utf8)) as? [[String: Any]])
        #expect(!records.isEmpty)
        for record in records {
            for field in ["id", "resource_id", "resource_type", "last_action_date", "last_action_type", "field_name", "previous_value",
                          "replacement_value", "updated_by"] {
                #expect(record[field] is String, "metadata record without \(field)")
            }
        }
        #expect(records.contains { ($0["field_name"] as? String) == "name" && ($0["replacement_value"] as? String) == "Ukrainisch" })
        // The organization's history includes its locations; another provider sees none of it.
        #expect(try provider.get("/pflege/organisationen/\(EditingFixture.organizationA)/verlauf").status == 200)
        #expect(try f.client(f.providerB).get("/pflege/angebote/\(EditingFixture.serviceA)/verlauf.json").status == 403)
    }
}
