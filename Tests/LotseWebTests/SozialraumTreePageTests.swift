// The Sozialraum tree: add below a Stadtteil, rename, refuse moves that make a cycle or put a
// level below a lower one, retire (no longer offered for locations).
import Foundation
import LotseCore
import Testing

@Suite struct SozialraumTreePageTests {
    @Test func areasAreAddedMovedWithoutCyclesAndRetired() throws {
        let f = try EditingFixture()
        let coordinator = try f.client(f.coordinator)
        let id = { (code: String) throws -> String in try #require(try f.site.store.pool.read { try $0.scalarString("SELECT id FROM sozialraum WHERE code = ?", code) }) }
        let ostertor = try id("bremen-ostertor"), mitte = try id("bremen-sb-mitte"), bremen = try id("bremen")
        let parent = try #require(try f.site.store.pool.read { try $0.scalarString("SELECT parent_id FROM sozialraum WHERE id = ?", ostertor) })
        let added = try coordinator.post("/koordination/sozialraeume", [("name", "Fesenfeld"), ("level", "quartier"), ("parent_id", parent)])
        #expect(added.status == 303)
        let new = try #require(try f.site.store.pool.read { try $0.scalarString("SELECT id FROM sozialraum WHERE name = 'Fesenfeld'") })
        #expect(try coordinator.get("/koordination/sozialraeume").body.contains("Fesenfeld"))
        // Moving Mitte below one of its own parts would make a cycle.
        let cycle = try coordinator.post("/koordination/sozialraeume/\(mitte)", [("name", "Bremen-Mitte"), ("level", "bezirk"), ("parent_id", new)])
        #expect(cycle.status == 400 && cycle.body.contains("Kreis"))
        let city = try coordinator.post("/koordination/sozialraeume/\(bremen)", [("name", "Bremen"), ("level", "stadt"), ("parent_id", mitte)])
        #expect(city.status == 400)
        let missing = try coordinator.post("/koordination/sozialraeume", [("name", ""), ("level", "quartier"), ("parent_id", "")])
        #expect(missing.status == 400 && missing.body.contains("Bitte einen Namen angeben"))
        // Rename and move are fine.
        #expect(try coordinator.post("/koordination/sozialraeume/\(new)", [("name", "Fesenfeld-Süd"), ("level", "quartier"), ("parent_id", parent)]).status == 303)
        #expect(try coordinator.get("/koordination/sozialraeume/\(mitte)").body.contains("Bremen-Mitte"))
        // Retired areas are not offered for locations any more.
        #expect(try f.client(f.providerA).get("/pflege/standorte/\(EditingFixture.locationA)").body.contains("Fesenfeld-Süd"))
        #expect(try coordinator.post("/koordination/sozialraeume/\(new)/ausmustern", []).status == 303)
        #expect(!(try f.client(f.providerA).get("/pflege/standorte/\(EditingFixture.locationA)").body.contains("Fesenfeld-Süd")))
    }

    @Test func aCityIsAddedWithItsLandAndTheAreasBelowShowIt() throws {
        let f = try EditingFixture()
        let coordinator = try f.client(f.coordinator)
        let missing = try coordinator.post("/koordination/sozialraeume", [("name", "Köln"), ("level", "stadt"), ("parent_id", ""), ("land", "")])
        #expect(missing.status == 400 && missing.body.contains("Bitte das Land der Stadt wählen") && missing.body.contains("Köln"))
        #expect(try coordinator.post("/koordination/sozialraeume", [("name", "Köln"), ("level", "stadt"), ("parent_id", ""), ("land", "NW")]).status == 303)
        let city = try #require(try f.site.store.pool.read { try $0.scalarString("SELECT id FROM sozialraum WHERE code = 'koeln'") })
        #expect(try coordinator.get("/koordination/sozialraeume").body.contains("Land: Nordrhein-Westfalen"))
        let below = try coordinator.post("/koordination/sozialraeume", [("name", "Ehrenfeld"), ("level", "bezirk"), ("parent_id", city), ("land", "BY")])
        #expect(below.status == 400 && below.body.contains("übernehmen es"))
        #expect(try coordinator.post("/koordination/sozialraeume", [("name", "Ehrenfeld"), ("level", "bezirk"), ("parent_id", city), ("land", "")]).status == 303)
        let district = try #require(try f.site.store.pool.read { try $0.scalarString("SELECT id FROM sozialraum WHERE code = 'koeln-ehrenfeld'") })
        #expect(try coordinator.get("/koordination/sozialraeume/\(district)").body.contains("Land: Nordrhein-Westfalen (von der Stadt darüber)"))
    }
}
