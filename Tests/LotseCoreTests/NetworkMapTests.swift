// The cooperation map: members and current cooperations narrowed by Sozialraum and need, the
// gaps (needs in a Stadtteil no member there covers itself or through a cooperation), and a
// well-formed, deterministic SVG with binding cooperations drawn differently.
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import LotseCore

@Suite struct NetworkMapTests {
    /// Gruna: a care provider and a housing company with a lunch table; Striesen: a debt
    /// counselling service. Nobody cooperates yet.
    struct Network {
        let fixture: Fixture
        let care: String, debt: String, housing: String

        init() throws {
            fixture = try Fixture()
            care = try fixture.organization("Altenhilfe Gruna")
            debt = try fixture.organization("Schuldnerhilfe Striesen")
            housing = try fixture.organization("Wohnbau Gruna", kind: "housing_company")
            try fixture.service("Tagespflege", organization: care, area: "dd-gr", terms: ["n-tag"])
            try fixture.service("Schuldnerberatung", organization: debt, area: "dd-st", terms: ["n-sch"])
            try fixture.service("Mittagstisch", organization: housing, area: "dd-gr", terms: ["n-mit"])
            // Hidden and left members count for nothing.
            let left = try fixture.organization("Ehemalige", membership: "left")
            try fixture.service("Suchtberatung", organization: left, area: "dd-gr", terms: ["n-suc"])
        }

        func map(_ filter: NetworkMap.Filter = .init()) throws -> NetworkMap {
            try fixture.store.pool.read { try NetworkMap.load($0, filter: filter, today: "2026-11-18") }
        }

        func cooperate(_ a: String, _ b: String, need: String = "", area: String = "", until: String = "", binding: Bool = false) throws {
            try Cooperations(store: fixture.store, now: Fixture.now).add(
                .init(organizationID: a, partnerID: b, topic: "Thema \(a) \(b)", sozialraumID: area, until: until, needTermID: need, binding: binding),
                by: try fixture.account("k\(a)\(b)@example.org"))
        }
    }

    @Test func gapsAreNeedsNoMemberOfAStadtteilCoversItselfOrThroughACooperation() throws {
        let network = try Network()
        #expect(try network.map().gaps.map { "\($0.areaName): \($0.needs.joined(separator: ", "))" } == [
            "Gruna: Beratung", "Striesen: Pflege, Alltag und Nachbarschaft",
        ])
        // An ended cooperation covers nothing.
        try network.cooperate(network.care, network.debt, until: "2025-12-31")
        #expect(try network.map().gaps.count == 2)
        #expect(try network.map().edges.isEmpty)
        // The care provider and the debt counsellors cooperate: each side covers the other's need.
        try network.cooperate(network.debt, network.care, need: "n-ber", binding: true)
        let map = try network.map()
        #expect(map.gaps.map { "\($0.areaName): \($0.needs.joined(separator: ", "))" } == ["Striesen: Alltag und Nachbarschaft"])
        #expect(map.members.filter(\.inGap).map(\.name) == ["Schuldnerhilfe Striesen"])
        #expect(try network.map(.init(sozialraum: "dresden-gruna")).gaps.isEmpty)
        #expect(try network.map(.init(topic: "pflege")).gaps.isEmpty)
        #expect(try network.map(.init(topic: "alltag")).gaps.map(\.areaName) == ["Striesen"])
    }

    @Test func filtersNarrowMembersAndCooperations() throws {
        let network = try Network()
        try network.cooperate(network.care, network.debt, need: "n-ber", area: "dd-gr", binding: true)
        try network.cooperate(network.housing, network.debt, need: "n-all")
        let all = try network.map()
        #expect(all.members.map(\.name) == ["Altenhilfe Gruna", "Schuldnerhilfe Striesen", "Wohnbau Gruna"])
        #expect(all.members.map(\.number) == [1, 2, 3])
        #expect(all.edges.count == 2)
        // Gruna: its two members and the partner of the cooperation there (and of the one
        // without a Quartier that a Gruna member has).
        let gruna = try network.map(.init(sozialraum: "dresden-gruna"))
        #expect(gruna.areaName == "Gruna" && gruna.edges.count == 2 && gruna.members.count == 3)
        let striesen = try network.map(.init(sozialraum: "dresden-striesen"))
        #expect(striesen.edges.map(\.topic) == ["Thema \(network.housing) \(network.debt)"])
        let advice = try network.map(.init(topic: "beratung"))
        #expect(advice.topicName == "Beratung" && advice.edges.map(\.binding) == [true])
        #expect(Set(advice.members.map(\.id)) == [network.care, network.debt])
        #expect(try network.map(.init(topic: "pflege")).members.isEmpty)
        #expect(throws: LotseError.self) { try network.map(.init(sozialraum: "atlantis")) }
        #expect(throws: LotseError.self) { try network.map(.init(topic: "beratung.schulden")) }
    }

    @Test func confidentialLocationsPlaceNobody() throws {
        let network = try Network()
        let shelter = try network.fixture.organization("Frauenhaus")
        try network.fixture.service("Schutzwohnung", organization: shelter, area: "dd-jo", visibility: "internal", terms: ["n-ber"])
        let johannstadt = try network.map(.init(sozialraum: "dresden-johannstadt"))
        #expect(johannstadt.members.isEmpty && johannstadt.gaps.isEmpty)
        // It is still a member on the whole map, only without a place.
        #expect(try network.map().members.contains { $0.name == "Frauenhaus" && !$0.inGap })
    }

    @Test func theSVGIsWellFormedAccessibleAndDeterministic() throws {
        let network = try Network()
        try network.cooperate(network.care, network.debt, binding: true)
        try network.cooperate(network.housing, network.debt)
        let map = try network.map()
        let svg = NetworkMapSVG(map: map).render()
        #expect(svg == NetworkMapSVG(map: try network.map()).render())
        let document = try XMLDocument(xmlString: svg, options: [])
        let root = try #require(document.rootElement())
        func attribute(_ element: XMLElement, _ name: String) -> String? {
            element.attributes?.first { $0.name == name || $0.localName == name }?.stringValue
        }
        #expect(root.name == "svg" && attribute(root, "role") == "img")
        #expect(attribute(root, "aria-labelledby") == "netzwerk-title netzwerk-desc")
        #expect(root.elements(forName: "title").first?.stringValue == "Kooperationsnetz")
        #expect(root.elements(forName: "desc").first?.stringValue?.contains("3 Mitglieder") == true)
        func all(_ element: XMLElement) -> [XMLElement] { [element] + (element.children ?? []).compactMap { $0 as? XMLElement }.flatMap(all) }
        let lines = all(root).filter { $0.name == "line" && $0.elements(forName: "title").count == 1 }
        #expect(lines.count == 2)
        #expect(Set(lines.map { attribute($0, "stroke-dasharray") == nil }) == [true, false])
        // Every kind has its own shape, named in the legend.
        #expect(all(root).contains { $0.name == "rect" } && all(root).contains { $0.name == "circle" })
        #expect(svg.contains("Wohnungsunternehmen (Quadrat)") && svg.contains("Träger (Kreis)"))
        let names = Set(all(root).compactMap { $0.name == "title" ? $0.stringValue : nil })
        #expect(names.contains("3: Wohnbau Gruna (Wohnungsunternehmen)"))
    }
}
