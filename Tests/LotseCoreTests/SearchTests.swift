// Search semantics on a small hand-made directory, against expected answers.
import Foundation
import Testing
@testable import LotseCore

@Suite struct SearchTests {
    @Test func umlautsSharpSAndCaseFindEachOther() throws {
        let fixture = try Fixture()
        let org = try fixture.organization("Nachbarschaftswerk Elbe e. V.")
        let street = try fixture.service("Mittagstisch", organization: org, area: "dd-jo", street: "Pfotenhauerstraße 12")
        let transition = try fixture.service("Übergang in den Beruf", organization: org)
        let care = try fixture.service("PFLEGE zu Hause", organization: org)
        for query in ["Straße", "strasse", "STRASSE", "pfotenhauerstr"] { #expect(try fixture.search(query) == [street]) }
        for query in ["Übergang", "uebergang", "ubergang", "UEBERGANG"] { #expect(try fixture.search(query) == [transition]) }
        for query in ["pflege", "Pflege"] { #expect(try fixture.search(query) == [care]) }
    }

    @Test func compoundWordsAreFoundByTheirParts() throws {
        let fixture = try Fixture()
        let org = try fixture.organization("Diakonieverein Nord")
        let debt = try fixture.service("Schuldnerberatung", organization: org)
        let addiction = try fixture.service("Suchtberatungsstelle", organization: org)
        _ = try fixture.service("Mittagstisch", organization: org)
        #expect(Set(try fixture.search("beratung")) == [debt, addiction])
        #expect(try fixture.search("schuldner") == [debt])
        // Both words in one compound first; the other "beratung" follows only because fewer
        // than ten services match both.
        #expect(try fixture.search("sucht beratung") == [addiction, debt])
    }

    @Test func oneAndTwoLetterTermsMatchWordStarts() throws {
        let fixture = try Fixture()
        let org = try fixture.organization("Verein")
        let seniors = try fixture.service("Seniorentreff", organization: org)
        let school = try fixture.service("Schulbegleitung", organization: org)
        let sgb = try fixture.service("Beratung nach § 7a", organization: org)
        let bath = try fixture.service("Übungsgruppe", organization: org)
        #expect(Set(try fixture.search("s")) == [seniors, school])
        #expect(try fixture.search("sc") == [school])
        #expect(try fixture.search("7a") == [sgb])
        #expect(try fixture.search("ü") == [bath])
        #expect(try fixture.search("ub") == [bath])
        // "en" starts no word although "Seniorentreff" contains it.
        #expect(try fixture.search("en").isEmpty)
    }

    @Test func needFilterIncludesChildTerms() throws {
        let fixture = try Fixture()
        let org = try fixture.organization("Verein")
        let debt = try fixture.service("A", organization: org, terms: ["n-sch"])
        let addiction = try fixture.service("B", organization: org, terms: ["n-suc"])
        _ = try fixture.service("C", organization: org, terms: ["n-tag"])
        var query = SearchQuery()
        query.needs = ["beratung"]
        #expect(try fixture.search(query) == [debt, addiction])
        query.needs = ["beratung.sucht", "pflege.tagespflege"]
        #expect(try fixture.search(query).count == 2)
    }

    @Test func areaFilterIncludesSubAreasAndCoveringServices() throws {
        let fixture = try Fixture()
        let org = try fixture.organization("Verein")
        let inJohannstadt = try fixture.service("A Johannstadt", organization: org, area: "dd-jo")
        let inGruna = try fixture.service("B Gruna", organization: org, area: "dd-gr")
        let cityWide = try fixture.service("C stadtweit", organization: org, coverage: ["dd"])
        let inBremen = try fixture.service("D Bremen", organization: org, area: "hb-os")
        var query = SearchQuery()
        query.sozialraum = "dresden-altstadt"
        #expect(try fixture.search(query) == [inJohannstadt, cityWide])
        query.sozialraum = "dresden-johannstadt"
        #expect(try fixture.search(query) == [inJohannstadt, cityWide])
        query.sozialraum = "dresden"
        #expect(try fixture.search(query) == [inJohannstadt, inGruna, cityWide])
        query.sozialraum = "bremen"
        #expect(try fixture.search(query) == [inBremen])
    }

    @Test func rankingIsNameMatchThenClosenessThenFreshness() throws {
        let fixture = try Fixture()
        let org = try fixture.organization("Verein")
        let far = try fixture.service("Beratung Bremen", organization: org, area: "hb-os")
        let sibling = try fixture.service("Beratung Striesen", organization: org, area: "dd-st")
        let local = try fixture.service("Beratung Gruna", organization: org, area: "dd-gr")
        let district = try fixture.service("Zentrum Blasewitz", organization: org, description: "Beratung", coverage: ["dd-bl"])
        let staleLocal = try fixture.service("Beratung Gruna Alt", organization: org, area: "dd-gr", reviewDue: "2026-01-01")
        let otherDistrict = try fixture.service("Beratung Johannstadt", organization: org, area: "dd-jo")
        let city = try fixture.service("Beratung Dresden", organization: org, coverage: ["dd"])
        var query = SearchQuery(text: "beratung")
        query.near = "dresden-gruna"
        // Name matches first; among them Gruna, then Blasewitz district (Striesen), then the
        // city-wide area (covers Gruna from two levels up), then elsewhere in Dresden, then Bremen.
        #expect(try fixture.search(query) == [local, staleLocal, sibling, city, otherDistrict, far, district])
        // Without an anchor: name matches, fresh before stale, then alphabetical.
        #expect(try fixture.search(SearchQuery(text: "beratung")) == [far, city, local, otherDistrict, sibling, staleLocal, district])
    }

    @Test func otherFilters() throws {
        let fixture = try Fixture()
        let org = try fixture.organization("Verein", kind: "dlz")
        let housing = try fixture.organization("Wohnbau", kind: "housing_company")
        let a = try fixture.service("A", organization: org, area: "dd-jo", terms: ["z-sen", "r-11"], locationTerms: ["b-auf", "b-wc"],
                                    languages: ["de", "tr"], capacity: "available", schedule: ("MO,WE", "09:00", "12:00"))
        let b = try fixture.service("B", organization: housing, area: "dd-gr", terms: ["z-fam", "r-kf"], locationTerms: ["b-auf"],
                                    languages: ["de"], capacity: "waitlist", schedule: ("TU", "09:00", "12:00"), modified: "2026-06-01T00:00:00Z")
        func ids(_ change: (inout SearchQuery) -> Void) throws -> [String] {
            var query = SearchQuery()
            change(&query)
            return try fixture.search(query)
        }
        #expect(try ids { $0.targetGroups = ["senioren"] } == [a])
        #expect(try ids { $0.legalBases = ["kostenfrei"] } == [b])
        #expect(try ids { $0.accessibility = ["aufzug"] } == [a, b])
        #expect(try ids { $0.accessibility = ["aufzug", "barrierefreies-wc"] } == [a])
        #expect(try ids { $0.languages = ["tr"] } == [a])
        #expect(try ids { $0.capacity = [.waitlist, .unavailable] } == [b])
        #expect(try ids { $0.organizationKinds = [.housingCompany] } == [b])
        #expect(try ids { $0.organizationID = org } == [a])
        #expect(try ids { $0.modifiedAfter = "2026-03-01T00:00:00Z" } == [b])
        #expect(try ids { $0.openAt = Fixture.now } == [a])   // Wednesday 10:30
        #expect(try ids { $0.termIDs = ["n-ber"] }.isEmpty)
    }

    @Test func hiddenSuspendedAndClosedEntriesAreNotListed() throws {
        let fixture = try Fixture()
        let member = try fixture.organization("Mitglied")
        let suspended = try fixture.organization("Ruhend", membership: "suspended")
        let listed = try fixture.service("Treff eins", organization: member)
        _ = try fixture.service("Treff zwei", organization: member, hidden: true)
        _ = try fixture.service("Treff drei", organization: member, status: "defunct")
        _ = try fixture.service("Treff vier", organization: suspended)
        let paused = try fixture.service("Treff fünf", organization: member, status: "temporarily closed")
        #expect(try fixture.search("treff") == [listed, paused])
    }

    @Test func confidentialAddressesNeverReachTheIndex() throws {
        let fixture = try Fixture()
        let org = try fixture.organization("Frauenhaus-Verein")
        let shelter = try fixture.service("Frauenhaus", organization: org, area: "dd-gr", street: "Geheimweg 7", visibility: "internal")
        #expect(try fixture.search("geheimweg").isEmpty)
        #expect(try fixture.search("frauenhaus") == [shelter])
        var query = SearchQuery()
        query.sozialraum = "dresden-gruna"
        #expect(try fixture.search(query).isEmpty)
        let body = try fixture.store.pool.read { try $0.scalarString("SELECT name || ' ' || terms || ' ' || description || ' ' || organization || ' ' || place || ' ' || extra FROM search_document") }
        #expect(body?.contains("geheimweg") == false)
    }

    @Test func pagingSplitsTheSameOrder() throws {
        let fixture = try Fixture()
        let org = try fixture.organization("Verein")
        for index in 0..<25 { try fixture.service("Treff \(index)", organization: org, area: index % 2 == 0 ? "dd-gr" : "dd-jo") }
        var query = SearchQuery(text: "treff", limit: 100)
        query.near = "dresden-gruna"
        let all = try fixture.search(query)
        var paged: [String] = []
        for page in 0..<3 {
            query.offset = page * 10
            query.limit = 10
            paged += try fixture.search(query)
        }
        #expect(all.count == 25 && paged == all)
    }

    @Test func anUnboundedLimitReturnsEveryMatch() throws {
        let fixture = try Fixture()
        let org = try fixture.organization("Verein")
        for index in 0..<3 { try fixture.service("Treff \(index)", organization: org) }
        var query = SearchQuery(text: "treff")
        query.limit = Int.max / 2
        query.offset = 1
        #expect(try fixture.search(query).count == 2)
    }

    @Test func unknownCodesAreInputErrors() throws {
        let fixture = try Fixture()
        for change in [{ (q: inout SearchQuery) in q.sozialraum = "atlantis" }, { $0.needs = ["nix"] }, { $0.near = "x" }] {
            var query = SearchQuery()
            change(&query)
            #expect(throws: LotseError.self) { try fixture.store.pool.read { try SearchIndex.build($0).search(query) } }
        }
    }

    @Test func changesReachTheIndexThroughTheTriggers() throws {
        let fixture = try Fixture()
        let org = try fixture.organization("Verein Alt")
        let service = try fixture.service("Treff", organization: org, area: "dd-gr", terms: ["n-mit"])
        try fixture.sql("UPDATE organization SET name = 'Verein Neu' WHERE id = '\(org)'")
        #expect(try fixture.search("neu") == [service])
        try fixture.sql("UPDATE taxonomy_term SET name = 'Suppenküche' WHERE id = 'n-mit'")
        #expect(try fixture.search("suppenkueche") == [service])
        try fixture.sql("UPDATE sozialraum SET name = 'Gruna-Ost' WHERE id = 'dd-gr'")
        #expect(try fixture.search("gruna ost") == [service])
        try fixture.sql("DELETE FROM service WHERE id = '\(service)'")
        #expect(try fixture.search("treff").isEmpty)
        #expect(try fixture.store.pool.read { try $0.scalarInt("SELECT count(*) FROM search_document") } == 0)
    }

    @Test func facetsCountEachValueWithTheOtherFilters() throws {
        let fixture = try Fixture()
        let org = try fixture.organization("Verein")
        _ = try fixture.service("A", organization: org, area: "dd-jo", terms: ["n-sch", "z-sen"])
        _ = try fixture.service("B", organization: org, area: "dd-gr", terms: ["n-suc", "z-sen"])
        _ = try fixture.service("C", organization: org, area: "dd-gr", terms: ["n-tag", "z-fam"])
        var query = SearchQuery()
        query.needs = ["beratung"]
        let result = try fixture.store.pool.read { try SearchIndex.build($0).search(query, facets: true, now: Fixture.now) }
        let needs = result.facets.first { $0.name == "need" }!.values
        // The need facet ignores its own filter: all three categories are offered.
        #expect(needs.first { $0.code == "beratung" }?.count == 2)
        #expect(needs.first { $0.code == "beratung" }?.selected == true)
        #expect(needs.first { $0.code == "pflege" }?.count == 1)
        #expect(needs.contains { $0.code == "beratung.sucht" })
        let groups = result.facets.first { $0.name == "targetGroup" }!.values
        #expect(groups.map(\.code) == ["senioren"])
        #expect(groups.first?.count == 2)
    }
}
