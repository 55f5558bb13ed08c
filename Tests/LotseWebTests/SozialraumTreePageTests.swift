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

    @Test func populationAndCentreAreEditedWithGermanNumbersAndCheckedAtTheField() throws {
        let f = try EditingFixture()
        let coordinator = try f.client(f.coordinator)
        let id = try #require(try f.site.store.pool.read { try $0.scalarString("SELECT id FROM sozialraum WHERE code = 'bremen-ostertor'") })
        let parent = try #require(try f.site.store.pool.read { try $0.scalarString("SELECT parent_id FROM sozialraum WHERE id = ?", id) })
        let before = try f.site.store.pool.read { try $0.scalarInt("SELECT population FROM sozialraum WHERE id = ?", id) }
        func save(_ population: String, _ latitude: String, _ longitude: String) throws -> WebClient.Answer {
            try coordinator.post("/koordination/sozialraeume/\(id)", [("name", "Ostertor"), ("level", "quartier"), ("parent_id", parent), ("land", ""),
                                                                     ("population", population), ("latitude", latitude), ("longitude", longitude)])
        }
        let bad = try save("-3", "95", "8,8")
        #expect(bad.status == 400)
        for message in ["Die Einwohnerzahl kann nicht negativ sein.", "Der Breitengrad liegt zwischen −90 und 90 Grad."] {
            #expect(bad.body.contains(message), "lacks »\(message)«")
        }
        #expect(bad.body.contains("value=\"-3\"") && bad.body.contains("value=\"95\"") && bad.body.contains("value=\"8,8\""), "input kept")
        #expect(bad.body.contains("aria-invalid=\"true\""))
        let words = try save("viele", "53,07", "")
        #expect(words.status == 400 && words.body.contains("als ganze Zahl") && words.body.contains("auch den Längengrad"))
        let wide = try save("", "53", "181")
        #expect(wide.status == 400 && wide.body.contains("Der Längengrad liegt zwischen −180 und 180 Grad."))
        #expect(try f.site.store.pool.read { try $0.scalarInt("SELECT population FROM sozialraum WHERE id = ?", id) } == before, "nothing saved")
        // German decimal comma and thousands point are accepted; the change is in the history.
        #expect(try save("12.345", "53,0721", "8,8166").status == 303)
        let stored = try #require(try f.site.store.pool.read { db in
            try db.queryFirst("SELECT population, latitude, longitude FROM sozialraum WHERE id = ?", id) { ($0.optionalInt(0), $0.optionalDouble(1), $0.optionalDouble(2)) }
        })
        #expect(stored.0 == 12345 && stored.1 == 53.0721 && stored.2 == 8.8166)
        let history = try f.site.store.pool.read { try $0.scalarInt("SELECT count(*) FROM metadata WHERE resource_id = ? AND field_name IN ('population', 'latitude', 'longitude')", id) }
        #expect(history == 3)
        let form = try coordinator.get("/koordination/sozialraeume/\(id)").body
        #expect(form.contains("value=\"12345\"") && form.contains("value=\"53,0721\"") && form.contains("value=\"8,8166\""))
        // Emptied, the population is unknown again.
        #expect(try save("", "", "").status == 303)
        #expect(try f.site.store.pool.read { try $0.scalarInt("SELECT count(*) FROM sozialraum WHERE id = ? AND population IS NULL AND latitude IS NULL", id) } == 1)
        // A new area takes its figures too, and refuses bad ones at the field.
        let added = try coordinator.post("/koordination/sozialraeume", [("name", "Fesenfeld"), ("level", "quartier"), ("parent_id", parent), ("population", "4,5")])
        #expect(added.status == 400 && added.body.contains("als ganze Zahl") && added.body.contains("value=\"Fesenfeld\""))
        #expect(try coordinator.post("/koordination/sozialraeume", [("name", "Fesenfeld"), ("level", "quartier"), ("parent_id", parent), ("population", "3100")]).status == 303)
        #expect(try f.site.store.pool.read { try $0.scalarInt("SELECT population FROM sozialraum WHERE name = 'Fesenfeld'") } == 3100)
    }
}
