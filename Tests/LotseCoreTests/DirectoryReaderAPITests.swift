// DirectoryReaderAPITests: the API's listings in LotseCore — listed organizations by text and
// taxonomy, taxonomies and terms with paging, a taxonomy's term ids and the placements of
// services by postcode and distance.
import Foundation
import Testing
@testable import LotseCore
import SQLite

@Suite struct DirectoryReaderAPITests {
    @Test func organizationsByTextTaxonomyAndPage() throws {
        let f = try Fixture()
        let diakonie = try f.organization("Diakonie Dresden")
        let awo = try f.organization("AWO Gruna")
        try f.organization("Verein ohne Mitgliedschaft", membership: "applicant")
        try f.service("Tagespflege", organization: diakonie, terms: ["n-tag"])
        try f.service("Schuldnerberatung", organization: awo, terms: ["n-sch"])
        try f.store.pool.read { db in
            let reader = DirectoryReader(db: db, audience: .public)
            #expect(try reader.listedOrganizationIDs(search: "", taxonomyTermID: nil, taxonomyID: nil, page: nil).items == [awo, diakonie])
            #expect(try reader.listedOrganizationIDs(search: "diakon", taxonomyTermID: nil, taxonomyID: nil, page: nil).items == [diakonie])
            #expect(try reader.listedOrganizationIDs(search: "", taxonomyTermID: "n-sch", taxonomyID: nil, page: nil).items == [awo])
            #expect(try reader.listedOrganizationIDs(search: "", taxonomyTermID: nil, taxonomyID: "tx-z", page: nil).items.isEmpty)
            let page = try reader.listedOrganizationIDs(search: "", taxonomyTermID: nil, taxonomyID: "tx-n", page: (1, 1))
            #expect(page.total == 2 && page.items == [diakonie])
            #expect(try Set(reader.termIDs(inTaxonomy: "tx-z")) == ["z-sen", "z-fam"])
        }
    }

    @Test func taxonomiesAndTermsWithPaging() throws {
        let f = try Fixture()
        try f.store.pool.read { db in
            let reader = DirectoryReader(db: db, audience: .public)
            let all = try reader.taxonomies(search: "", page: nil)
            #expect(all.total == 4 && all.items.map(\.record.id) == ["tx-b", "tx-n", "tx-r", "tx-z"])
            #expect(try reader.taxonomies(search: "ziel", page: nil).items.map(\.record.id) == ["tx-z"])
            let terms = try reader.taxonomyTerms(search: "", taxonomyID: "tx-n", topOnly: true, parentID: nil, page: (2, 0))
            #expect(terms.total == 3 && terms.items.map(\.record.id) == ["n-ber", "n-pfl"])
            #expect(terms.items.first?.nodes("taxonomy_detail").first?.record.id == "tx-n")
            #expect(try reader.taxonomyTerms(search: "sucht", taxonomyID: nil, topOnly: false, parentID: "n-ber", page: nil).items.map(\.record.id)
                    == ["n-suc"])
        }
    }

    @Test func placementsByPostcodeAndDistance() throws {
        let f = try Fixture()
        let org = try f.organization("Diakonie Dresden")
        let near = try f.service("Beratung am Ort", organization: org, area: "dd-gr", street: "Weg 1")
        let hidden = try f.service("Intern", organization: org, area: "dd-gr", street: "Weg 2", visibility: "internal")
        let elsewhere = try f.service("Ohne Adresse", organization: org, area: "dd-st")
        try f.sql("UPDATE location SET latitude = 51.04, longitude = 13.78")
        try f.store.pool.read { db in
            let reader = DirectoryReader(db: db, audience: .public)
            let services = [near, hidden, elsewhere]
            #expect(try reader.publicPlacementIDs(of: services, postcode: nil, proximity: nil).count == 2)
            #expect(try reader.publicPlacementIDs(of: services, postcode: "01307", proximity: nil).count == 1)
            #expect(try reader.publicPlacementIDs(of: services, postcode: "01307", proximity: 500).count == 2)
            #expect(throws: LotseError.self) { try reader.publicPlacementIDs(of: services, postcode: "99999", proximity: 500) }
            let id = try #require(try reader.publicPlacementIDs(of: [near], postcode: nil, proximity: nil).first)
            let node = try #require(try reader.serviceAtLocation(id, full: true))
            #expect(node.nodes("service").first?.record.id == near && node.nodes("location").count == 1)
            #expect(DirectoryReader.distance((51.0, 13.0), (51.0, 13.0)) == 0)
        }
    }
}
