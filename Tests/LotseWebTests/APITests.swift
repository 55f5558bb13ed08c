// The HSDS 3.1 read API in process: envelopes, parameters, errors, visibility and streaming.
import Foundation
import Testing
@testable import LotseWeb

@Suite struct APITests {
    @Test func rootNamesVersionProfileAndOpenAPI() throws {
        let fixture = try APIFixture()
        let root = try fixture.get("/api").object
        #expect(root["version"] as? String == "3.1")
        #expect((root["openapi_url"] as? String)?.hasSuffix("openapi.json") == true)
        #expect((root["profile"] as? String)?.hasPrefix("https://lotse.example.org") == true)
    }

    @Test func servicesPageEnvelopeAndPaging() throws {
        let fixture = try APIFixture()
        let first = try fixture.get("/api/services?search=beratung&per_page=5")
        #expect(first.status == 200)
        #expect(first.headers["Content-Type"]?.hasPrefix("application/json") == true)
        let page = first.object
        let total = page["total_items"] as? Int ?? 0
        #expect(total > 5)
        #expect(page["size"] as? Int == 5)
        #expect(page["first_page"] as? Bool == true && page["last_page"] as? Bool == false && page["empty"] as? Bool == false)
        #expect(page["total_pages"] as? Int == (total + 4) / 5)
        let last = try fixture.get("/api/services?search=beratung&per_page=5&page=\((total + 4) / 5)").object
        #expect(last["last_page"] as? Bool == true)
        #expect((last["contents"] as? [Any])?.count == total - 5 * ((total + 4) / 5 - 1))
        let firstItem = (page["contents"] as? [[String: Any]])?.first
        #expect(firstItem?["organization"] is [String: Any])
        #expect(firstItem?["service_at_locations"] == nil)   // list form
    }

    @Test func fullMinimalAndDetail() throws {
        let fixture = try APIFixture()
        let full = (try fixture.get("/api/services?search=mittagstisch&full=true&per_page=1").object["contents"] as? [[String: Any]])?.first
        #expect(full?["service_at_locations"] is [Any])
        let minimal = (try fixture.get("/api/services?minimal=true&per_page=3").object["contents"] as? [[String: Any]]) ?? []
        #expect(minimal.count == 3 && minimal.allSatisfy { Set($0.keys) == ["id", "last_modified"] })
        let id = try fixture.id("SELECT id FROM service WHERE name LIKE 'Schuldnerberatung%' ORDER BY id LIMIT 1")
        let detail = try fixture.get("/api/services/\(id)")
        #expect(detail.status == 200)
        #expect(detail.object["id"] as? String == id)
        #expect(detail.object["attributes"] is [Any])
    }

    @Test(arguments: [
        "/api/services?bogus=1", "/api/services?page=0", "/api/services?per_page=abc", "/api/services?minimal=vielleicht",
        "/api/services?modified_after=gestern", "/api/services?format=xml", "/api/services?capacity=voll",
        "/api/services?sozialraum=atlantis", "/api/services?search=a&search=b", "/api/organizations?per_page=100000",
        "/api/taxonomy_terms?top_only=ja", "/api/service_at_locations?proximity=500", "/api/services/x?full=true",
    ])
    func badParametersAre400JSON(_ target: String) throws {
        let answer = try APIFixture().get(target)
        #expect(answer.status == 400, "\(target)")
        #expect(answer.object["error"] is String)
        #expect(answer.headers["Content-Type"]?.hasPrefix("application/json") == true)
    }

    @Test(arguments: ["/api/services/nope", "/api/organizations/nope", "/api/service_at_locations/nope",
                      "/api/taxonomies/nope", "/api/taxonomy_terms/nope", "/api/nothing"])
    func unknownIdsAre404(_ target: String) throws {
        let answer = try APIFixture().get(target)
        #expect(answer.status == 404)
        #expect(answer.object["status"] as? Int == 404)
    }

    @Test func filtersByTaxonomyOrganizationAndModification() throws {
        let fixture = try APIFixture()
        let term = try fixture.id("SELECT id FROM taxonomy_term WHERE code = 'beratung.schulden'")
        let debt = try fixture.get("/api/services?taxonomy_term_id=\(term)").object
        #expect((debt["total_items"] as? Int ?? 0) >= 3)
        let taxonomy = try fixture.id("SELECT id FROM taxonomy WHERE code = 'bedarf'")
        #expect((try fixture.get("/api/services?taxonomy_id=\(taxonomy)").object["total_items"] as? Int ?? 0) > 100)
        #expect(try fixture.get("/api/services?taxonomy_id=unknown").object["total_items"] as? Int == 0)
        let organization = try fixture.id("SELECT organization_id FROM service GROUP BY organization_id ORDER BY count(*) DESC LIMIT 1")
        let own = try fixture.get("/api/services?organization_id=\(organization)&per_page=100").object["contents"] as? [[String: Any]] ?? []
        #expect(!own.isEmpty && own.allSatisfy { $0["organization_id"] as? String == organization })
        let recent = try fixture.get("/api/services?modified_after=2100-01-01T00:00:00Z").object
        #expect(recent["total_items"] as? Int == 0 && recent["empty"] as? Bool == true)
        let terms = try fixture.get("/api/taxonomy_terms?taxonomy_id=\(taxonomy)&top_only=true&per_page=100").object["contents"] as? [[String: Any]] ?? []
        #expect(terms.count >= 11 && terms.allSatisfy { $0["parent_id"] == nil && $0["taxonomy_detail"] is [String: Any] })
    }

    @Test func ndjsonStreamsEveryResultOnItsOwnLine() throws {
        let fixture = try APIFixture()
        let answer = try fixture.get("/api/services?format=ndjson&search=beratung")
        #expect(answer.headers["Content-Type"]?.hasPrefix("application/x-ndjson") == true)
        let lines = answer.text.split(separator: "\n")
        let total = try fixture.get("/api/services?search=beratung").object["total_items"] as? Int
        #expect(lines.count == total)
        #expect(lines.allSatisfy { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) is [String: Any] })
    }

    @Test func confidentialLocationsNeverLeaveTheAPI() throws {
        let fixture = try APIFixture()
        let hidden = try fixture.store.pool.read { db in
            try db.query("""
                SELECT l.id, coalesce(a.address_1, '') FROM location l LEFT JOIN address a ON a.location_id = l.id
                WHERE l.visibility = 'internal'
                """) { ($0.string(0), $0.string(1)) }
        }
        #expect(!hidden.isEmpty)
        var everything = try fixture.get("/api/services?format=ndjson&full=true").text
        everything += try fixture.get("/api/organizations?format=ndjson&full=true").text
        everything += try fixture.get("/api/service_at_locations?format=ndjson&full=true").text
        for (id, street) in hidden {
            #expect(!everything.contains(id))
            if !street.isEmpty { #expect(!everything.contains(street)) }
        }
        #expect(try fixture.get("/api/service_at_locations?postcode=00000&proximity=100").status == 404)
    }

    @Test func serviceAtLocationsByPostcodeAndProximity() throws {
        let fixture = try APIFixture()
        let postcode = try fixture.id("""
            SELECT a.postal_code FROM address a JOIN location l ON l.id = a.location_id
            JOIN service_at_location sal ON sal.location_id = l.id WHERE l.visibility = 'public' AND l.latitude IS NOT NULL
            GROUP BY a.postal_code ORDER BY count(*) DESC LIMIT 1
            """)
        let exact = try fixture.get("/api/service_at_locations?postcode=\(postcode)&per_page=100").object
        let near = try fixture.get("/api/service_at_locations?postcode=\(postcode)&proximity=3000&per_page=1000").object
        let exactCount = exact["total_items"] as? Int ?? 0
        #expect(exactCount > 0)
        #expect((near["total_items"] as? Int ?? 0) >= exactCount)
        let item = (exact["contents"] as? [[String: Any]])?.first
        #expect(item?["location"] is [String: Any] && item?["service"] is [String: Any])
    }

    @Test func headAnswersWithoutBody() throws {
        let fixture = try APIFixture()
        let answer = try fixture.get("/api/services", method: "HEAD")
        #expect(answer.status == 200)
    }
}
