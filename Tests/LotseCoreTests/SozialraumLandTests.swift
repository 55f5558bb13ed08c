// The Land of the Sozialraum tree: an attribute of the top level (a city) that coordinators set
// and every area below inherits; a city without one is refused, an area below may not carry
// its own; migration 014 moves a Land onto the top level; a referral's deadline counts its city's Land.
import Foundation
import SQLite
import Testing
@testable import LotseCore

@Suite struct SozialraumLandTests {
    @Test func aCityNeedsALandAndTheAreasBelowInheritIt() throws {
        let fixture = try Fixture()
        let coordinator = try fixture.account()
        let tree = SozialraumTree(store: fixture.store, now: Fixture.now)
        let missing = #expect(throws: DirectoryWriter.Rejected.self) { try tree.add(name: "Augsburg", level: "stadt", parentID: nil, code: nil, by: coordinator) }
        #expect(missing?.problems.map(\.field) == ["land"])
        let unknown = #expect(throws: DirectoryWriter.Rejected.self) { try tree.add(name: "Augsburg", level: "stadt", parentID: nil, code: nil, land: "XY", by: coordinator) }
        #expect(unknown?.problems.first?.message.contains("Unbekanntes Land") == true)
        let city = try tree.add(name: "Augsburg", level: "stadt", parentID: nil, code: nil, land: "by", by: coordinator)
        #expect(try tree.area(city).land == .by)
        let own = #expect(throws: DirectoryWriter.Rejected.self) {
            try tree.add(name: "Lechhausen", level: "stadtteil", parentID: city, code: nil, land: "BW", by: coordinator)
        }
        #expect(own?.problems.map(\.field) == ["land"])
        let district = try tree.add(name: "Lechhausen", level: "stadtteil", parentID: city, code: nil, by: coordinator)
        let quarter = try tree.add(name: "Firnhaberau", level: "quartier", parentID: district, code: nil, by: coordinator)
        #expect(try tree.area(district).land == nil)
        #expect(try tree.land(of: district) == .by)
        #expect(try tree.land(of: quarter) == .by)
        #expect(try tree.land(of: "dd-jo") == .sn)
        #expect(try tree.land(of: "hb-os") == .hb)
    }

    @Test func coordinatorsChangeTheLandOfACityAndAMovedAreaTakesItsNewCitys() throws {
        let fixture = try Fixture()
        let coordinator = try fixture.account()
        let tree = SozialraumTree(store: fixture.store, now: Fixture.now)
        try tree.update("hb", name: "Bremen", level: "stadt", parentID: nil, land: "NI", by: coordinator)
        #expect(try tree.land(of: "hb-os") == .ni)
        let refused = #expect(throws: DirectoryWriter.Rejected.self) { try tree.update("hb", name: "Bremen", level: "stadt", parentID: nil, by: coordinator) }
        #expect(refused?.problems.map(\.field) == ["land"])
        try tree.update("hb-mi", name: "Mitte", level: "bezirk", parentID: "dd", by: coordinator)
        #expect(try tree.land(of: "hb-os") == .sn)
        #expect(try fixture.store.pool.read { try $0.scalarString("SELECT state_code FROM sozialraum WHERE id = 'hb-mi'") } == nil)
    }

    @Test func theMigrationPutsTheLandOnTheTopLevel() throws {
        let fixture = try Fixture()
        try fixture.sql("""
            INSERT INTO sozialraum(id, code, parent_id, name, level, state_code) VALUES
              ('l', 'leipzig', NULL, 'Leipzig', 'stadt', NULL), ('l-m', 'leipzig-mitte', 'l', 'Mitte', 'bezirk', 'sn'),
              ('k', 'kassel', NULL, 'Kassel', 'stadt', NULL), ('k-w', 'kassel-west', 'k', 'West', 'bezirk', NULL);
            INSERT INTO lotse_meta(key, value) VALUES ('state_code', 'HE') ON CONFLICT(key) DO UPDATE SET value = excluded.value;
            """)
        try fixture.store.pool.write { try $0.executeScript(Schema.urgencyAndLand.sql) }
        let codes = try fixture.store.pool.read { db in
            try db.query("SELECT id, state_code FROM sozialraum WHERE id IN ('l', 'l-m', 'k', 'k-w', 'dd', 'dd-jo') ORDER BY id") {
                "\($0.string(0))=\($0.optionalString(1) ?? "-")"
            }
        }
        #expect(codes == ["dd=SN", "dd-jo=-", "k=HE", "k-w=-", "l=SN", "l-m=-"])
    }

    @Test func aReferralCountsTheHolidaysOfItsAreasCity() throws {
        let network = try ReferralFixture()
        let tree = SozialraumTree(store: network.store, now: ReferralFixture.now)
        let city = try tree.add(name: "Potsdam", level: "stadt", parentID: nil, code: nil, land: "BB", by: network.coordinator)
        let babelsberg = try tree.add(name: "Babelsberg", level: "stadtteil", parentID: city, code: nil, by: network.coordinator)
        let (area, service) = try network.desk { desk in
            (try desk.stateCode(sozialraumID: babelsberg, serviceID: network.serviceA), try desk.stateCode(sozialraumID: nil, serviceID: network.serviceA))
        }
        #expect(area == "BB")
        #expect(service == "SN", "the service's location in Dresden")
    }
}
