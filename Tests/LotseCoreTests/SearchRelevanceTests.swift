// Relevance: stemming, gendered forms, synonyms, typo fallback, "enough words" and the field
// weights of the ranking, on small hand-made directories with expected answers.
import Foundation
import Testing
@testable import LotseCore

@Suite struct SearchRelevanceTests {
    @Test func stemsOfCommonWords() {
        #expect(GermanStemmer.stem("wohnungen") == "wohnung")
        #expect(GermanStemmer.stem("kindern") == "kind")
        #expect(GermanStemmer.stem("kinder") == "kind")
        #expect(GermanStemmer.stem("beratung") == "berat")
        #expect(GermanStemmer.stem("beraten") == "berat")
        #expect(GermanStemmer.stem("familien") == "famili")
        #expect(GermanStemmer.stem("katzen") == "katz")
        #expect(GermanStemmer.stem("ab") == "ab")
    }

    @Test func stemsWithoutUmlauts() {
        #expect(GermanStemmer.withoutUmlauts(GermanStemmer.stem("umzuegen")) == "umzug")
        #expect(GermanStemmer.withoutUmlauts(GermanStemmer.stem("gaerten")) == "gart")
        #expect(GermanStemmer.withoutUmlauts(GermanStemmer.stem("spaziergaenge")) == "spaziergang")
        #expect(GermanStemmer.withoutUmlauts("uebung") == "ubung")
        // eu, au and qu are no umlauts; a stem without any gives nil.
        #expect(GermanStemmer.withoutUmlauts("steuer") == nil)
        #expect(GermanStemmer.withoutUmlauts("bauer") == nil)
        #expect(GermanStemmer.withoutUmlauts("quell") == nil)
        #expect(GermanStemmer.withoutUmlauts("wohnung") == nil)
    }

    @Test func pluralsWithUmlautFindTheSingular() throws {
        let fixture = try Fixture()
        let org = try fixture.organization("Verein")
        let moving = try fixture.service("Umzugshilfe", organization: org)
        let garden = try fixture.service("Stadtteilgarten", organization: org)
        let forms = try fixture.service("Hilfe bei Anträgen", organization: org)
        #expect(try fixture.search("Umzügen") == [moving])
        #expect(try fixture.search("Gärten") == [garden])
        // The umlaut form in the text is still found.
        #expect(try fixture.search("Anträge") == [forms])
        #expect(try fixture.search("Antrag") == [forms])
    }

    @Test func pluralCaseAndVerbFormsFindEachOther() throws {
        let fixture = try Fixture()
        let org = try fixture.organization("Verein")
        let housing = try fixture.service("Hilfe bei der Suche nach einer Wohnung", organization: org)
        let children = try fixture.service("Spielgruppe für Kinder", organization: org)
        let advice = try fixture.service("Offene Beratung", organization: org)
        let care = try fixture.service("Pflegedienst Elbe", organization: org)
        // None of these query words is part of the service's words; only the stem is.
        #expect(try fixture.search("Wohnungen") == [housing])
        #expect(try fixture.search("Kindern") == [children])
        #expect(try fixture.search("beraten") == [advice])
        #expect(try fixture.search("pflegen") == [care])
    }

    @Test func genderedFormsMatchPlainOnes() throws {
        let fixture = try Fixture()
        let org = try fixture.organization("Verein")
        let users = try fixture.service("Sprechstunde für Nutzer:innen", organization: org)
        let helpers = try fixture.service("Treff der HelferInnen", organization: org)
        let tenants = try fixture.service("Beratung für Mieter*innen", organization: org)
        let plain = try fixture.service("Kurs für Lehrer", organization: org)
        #expect(try fixture.search("Nutzer") == [users])
        #expect(try fixture.search("NutzerInnen") == [users])
        #expect(try fixture.search("Helfer") == [helpers])
        #expect(try fixture.search("Helfer:innen") == [helpers])
        #expect(try fixture.search("Mieterin") == [tenants])
        #expect(try fixture.search("Lehrerinnen") == [plain])
        #expect(try fixture.search("Lehrer*innen") == [plain])
        #expect(SearchTerms.parse("Mieter*innen").map(\.text) == ["mieter"])
    }

    @Test func feminineSingularsInInFindThePlainAndTheGenderedForms() throws {
        let fixture = try Fixture()
        let org = try fixture.organization("Verein")
        let reading = try fixture.service("Lesepat:innen gesucht", organization: org)
        let pilots = try fixture.service("Gesundheitslotsen im Stadtteil", organization: org)
        let doctor = try fixture.service("Hausarztsuche", organization: org)
        #expect(try fixture.search("Lesepatin") == [reading])
        #expect(try fixture.search("Gesundheitslotsin") == [pilots])
        #expect(try fixture.search("Ärztin") == [doctor])
        // Not feminine: the vowel before "-in", or too short a rest.
        #expect(SearchTerms.feminineBase("verein") == nil && SearchTerms.feminineBase("termin") == nil)
    }

    @Test func synonymsFindTheEverydayWord() throws {
        let fixture = try Fixture()
        let org = try fixture.organization("Verein")
        let shelter = try fixture.service("Beratung für Wohnungslose", organization: org)
        let daycare = try fixture.service("Kindertagesstätte Sonnenschein", organization: org)
        let direct = try fixture.service("Obdachlosenhilfe", organization: org)
        #expect(try fixture.search("obdachlos") == [direct])
        #expect(try fixture.search("Kita").isEmpty)
        try fixture.store.pool.write { db in
            try SearchSynonyms.replace(try SearchSynonyms.parse("obdachlos, wohnungslos\nKita, Kindertagesstätte"), in: db)
        }
        // The direct match first, the synonym after it.
        #expect(try fixture.search("obdachlos") == [direct, shelter])
        #expect(try fixture.search("Kitas") == [daycare])
    }

    @Test func theSynonymListIsCheckedAndSeeded() throws {
        #expect(throws: LotseError.self) { try SearchSynonyms.parse("nur ein Wort") }
        #expect(throws: LotseError.self) { try SearchSynonyms.parse("Kita") }
        #expect(throws: LotseError.self) { try SearchSynonyms.parse("Kita, ab") }
        #expect(try SearchSynonyms.parse("\nKita, Krippe\n\n").count == 1)
        let fixture = try Fixture(vocabulary: false)
        try SeedLoader.load(from: SeedsTests.seeds, into: fixture.store)
        let groups = try fixture.store.pool.read { try SearchSynonyms.groups($0) }
        #expect(groups.count >= 30)
        #expect(groups.contains { $0.contains("Kita") && $0.contains("Kindertagesstätte") })
    }

    @Test func typosAreToleratedOnlyWhenNothingElseIsFound() throws {
        let fixture = try Fixture()
        let org = try fixture.organization("Verein")
        let debt = try fixture.service("Schuldnerberatung", organization: org)
        let lunch = try fixture.service("Mittagstisch", organization: org)
        let family = try fixture.service("Familienhilfe", organization: org)
        let misspelt = try fixture.service("Famillienhilfe", organization: org)
        #expect(try fixture.search("Schuldnerberatnug") == [debt])
        #expect(try fixture.search("Mittagstsich") == [lunch])
        // Exact matches exist: the near miss in the data is not added.
        #expect(try fixture.search("familienhilfe") == [family])
        #expect(try fixture.search("famillienhilfe") == [misspelt])
        // Short words get no typo tolerance.
        #expect(try fixture.search("tich").isEmpty)
    }

    @Test func enoughWordsMustMatchAndMoreMatchesRankHigher() throws {
        let fixture = try Fixture()
        let org = try fixture.organization("Verein")
        let all = try fixture.service("Beratung bei Schulden und Miete", organization: org)
        let two = try fixture.service("Beratung bei Schulden", organization: org)
        let one = try fixture.service("Offene Beratung", organization: org)
        #expect(SearchTerms.required(of: 1) == 1 && SearchTerms.required(of: 2) == 2)
        #expect(SearchTerms.required(of: 3) == 2 && SearchTerms.required(of: 5) == 3)
        #expect(try fixture.search("Beratung Schulden Miete") == [all, two, one])
        // Stop words do not count: two content words, both needed (the rest follows only
        // because fewer than ten services match both).
        #expect(try fixture.search("Schulden und die Miete") == [all, two])
        #expect(SearchTerms.parse("sich über die Miete beschweren").map(\.text) == ["miete", "beschweren"])
    }

    @Test func tooFewFullMatchesAreFollowedByPartialOnes() throws {
        let fixture = try Fixture()
        let org = try fixture.organization("Verein")
        let full = try fixture.service("Treffpunkt", organization: org, description: "Hilfe bei Schulden und Miete")
        let partial = try fixture.service("Mieterberatung", organization: org)
        _ = try fixture.service("Offene Beratung", organization: org)
        // Two of three words are required; only one service has them. The service with one
        // of them in its name follows it, although its score alone is higher.
        #expect(try fixture.search("Schulden Miete Strom") == [full, partial])
        // With ten full matches, nothing else is added.
        var fulls = [full]
        for number in 1...9 {
            fulls.append(try fixture.service("Treff \(number)", organization: org, description: "Schulden und Miete"))
        }
        #expect(Set(try fixture.search("Schulden Miete Strom")) == Set(fulls))
    }

    @Test func fieldsRankNameThenTermsThenDescriptionThenOrganizationAndPlace() throws {
        let fixture = try Fixture()
        let plainOrg = try fixture.organization("Verein")
        let namedOrg = try fixture.organization("Mittagstisch-Verein")
        let byName = try fixture.service("Mittagstisch am Markt", organization: plainOrg)
        let byTerm = try fixture.service("Stadtteilküche", organization: plainOrg, terms: ["n-mit"])
        let byDescription = try fixture.service("Nachbarschaftscafé", organization: plainOrg, description: "Mittagstisch freitags")
        let byOrganization = try fixture.service("Café Eins", organization: namedOrg)
        let byPlace = try fixture.service("Café Zwei", organization: plainOrg, area: "dd-gr", street: "Am Mittagstisch 3")
        #expect(try fixture.search("mittagstisch") == [byName, byTerm, byDescription, byOrganization, byPlace])
    }

    @Test func accessibilityFeaturesAndBuildingsWeighLittle() throws {
        let fixture = try Fixture()
        let org = try fixture.organization("Verein")
        let feature = try fixture.service("Seniorentreff", organization: org, area: "dd-gr", locationTerms: ["b-auf"])
        let described = try fixture.service("Begleitdienst", organization: org, description: "Wir helfen beim Aufzug fahren")
        #expect(try fixture.search("aufzug") == [described, feature])
        // The building's name ("Standort Seniorentreff") counts less than the service's own description.
        let building = try fixture.service("Sprachkurs", organization: org, area: "dd-jo")
        let text = try fixture.service("Lesekreis", organization: org, description: "Im Standort Johannstadt")
        #expect(try fixture.search("standort") .prefix(1) == [text])
        _ = building
    }
}
