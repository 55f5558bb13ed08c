// HousingPagesTests: flat offers never leave the signed-in network — no public page, export
// format or HSDS API carries an offer or its address; another organization's provider sees
// offers but never a hidden street or any house number; only editors of a housing company
// keep offers (others 403); the coordinators' rent-limit page checks input in German and is
// audited; the rent check shows per household size.
import Foundation
import HTTP
import LotseCore
import LotseWeb
import Testing

extension SeedIDs {
    /// The seeded flat offer of Wohnungsgesellschaft Weserufer (Tenever; street shown, Pfälzer Weg 99).
    static let housingOfferA = "3f0c6a52-6d0e-5b7e-8c1a-2b9d4e6f0001"
    /// The seeded flat offer of Wohnungsgenossenschaft Findorffer Eck (street hidden, Neukirchstraße 199).
    static let housingOfferHidden = "3f0c6a52-6d0e-5b7e-8c1a-2b9d4e6f0002"
    /// Bremen's seeded rent limit for one person from 2025.
    static let rentLimitBremen1 = "7d1e3f0a-5b1c-5e0e-9a51-0a7c1b2e0001"
}

@Suite(.serialized) struct HousingPagesTests {
    /// What betrays an offer: its ids, full addresses, quota and the rent words of the card.
    static let offerMarks = [SeedIDs.housingOfferA, SeedIDs.housingOfferHidden, "Pfälzer Weg 99", "Neukirchstraße 199",
                             "Kooperationsvertrag Wohnungsnotfälle", "Geschütztes Marktsegment", "Bruttokaltmiete", "Mietobergrenze"]

    @Test func noPublicPageExportOrAPICarriesAnOffer() throws {
        let f = try EditingFixture()
        let visitor = WebClient(f.site)
        var bodies: [(String, String)] = []
        for path in ["/", "/suche", "/suche?q=Wohnung", "/suche.json?q=Wohnung", "/organisationen/\(EditingFixture.organizationA)",
                     "/organisationen/\(EditingFixture.organizationA).json", "/sozialraeume/bremen-tenever", "/suche/druck?q=Wohnung",
                     "/api/services", "/api/organizations", "/api/organizations/\(EditingFixture.organizationA)", "/api/service_at_locations"] {
            let answer = try visitor.get(path)
            #expect(answer.status == 200, "\(path)")
            bodies.append((path, answer.body))
        }
        for format in ["vcard", "vcard4", "xcard", "xml", "hsds-json", "hsds-ndjson", "csv"] {
            for path in ["/export/\(format)", "/suche/export/\(format)?q=Wohnung", "/organisationen/\(EditingFixture.organizationA)/export/\(format)"] {
                let answer = try visitor.get(path)
                #expect(answer.status == 200, "\(path)")
                bodies.append((path, answer.body))
            }
        }
        for table in ["organization", "location", "address", "service"] {
            bodies.append(("csv \(table)", try visitor.get("/export/csv?tabelle=\(table)").body))
        }
        for (path, body) in bodies {
            for mark in Self.offerMarks { #expect(!body.contains(mark), "\(path) shows »\(mark)«") }
        }
        #expect(try visitor.get("/wohnungen").status == 303)
        #expect(try visitor.get("/wohnungen.json").status != 200)
    }

    @Test func anotherProviderSeesOffersButNeverAHiddenAddress() throws {
        let f = try EditingFixture()
        for account in [f.providerB, f.counselor, f.coordinator] {
            let page = try f.client(account).get("/wohnungen")
            let twin = try f.client(account).get("/wohnungen.json")
            #expect(page.status == 200 && twin.status == 200)
            for body in [page.body, twin.body] {
                #expect(body.contains("Tenever") && body.contains("Findorff"))
                #expect(body.contains("Pfälzer Weg"))                     // the street Weserufer shows
                for hidden in ["Pfälzer Weg 99", "28325", "Neukirchstraße", "28215"] { #expect(!body.contains(hidden), "\(account.role): \(hidden)") }
            }
        }
        let own = try f.client(f.providerA).get("/wohnungen").body
        #expect(own.contains("Pfälzer Weg 99, 28325"))
        #expect(!own.contains("Neukirchstraße"))
    }

    @Test func theRentCheckShowsPerHouseholdSize() throws {
        let f = try EditingFixture()
        let body = try f.client(f.counselor).get("/wohnungen?sozialraum=2a3358b6-6225-5d4c-9485-eb5480341059").body
        // 395 + 145 = 540 € against Bremen's 2026 limits: 1 person 495 €, 2 persons 590 €.
        #expect(body.contains("überschreitet die Grenze (495,00 €) um 45,00 €"))
        #expect(body.contains("innerhalb der Grenze (590,00 €)"))
        #expect(body.contains("1 Wohnung(en)"))
        let filtered = try f.client(f.counselor).get("/wohnungen?haushalt=4&merkmal=rollstuhlgerecht").body
        #expect(filtered.contains("0 Wohnung(en)"))
        let bad = try f.client(f.counselor).get("/wohnungen?miete=viel")
        #expect(bad.status == 400 && bad.body.contains("»viel« ist kein Betrag in Euro"))
    }

    @Test func onlyHousingCompanyEditorsKeepOffers() throws {
        let f = try EditingFixture()
        for account in [f.providerB] {
            let client = try f.client(account)
            #expect(try client.get("/pflege/wohnungen").status == 403)
            #expect(try client.get("/pflege/wohnungen/neu").status == 403)
            #expect(try client.post("/pflege/wohnungen/neu", [("street", "X")]).status == 403)
            #expect(try client.get("/pflege/wohnungen/\(SeedIDs.housingOfferA)").status == 403)
        }
        #expect(try f.client(f.coordinator).get("/pflege/wohnungen/neu").status == 403)
        // Another housing company's editor may not touch Weserufer's offer.
        let other = try WebClient.account(f.site, email: "findorff@example.org", role: .provider, organizations: ["5aacabb6-d35e-5750-800c-59e468bd7335"])
        let otherClient = try f.client(other)
        #expect(try otherClient.get("/pflege/wohnungen").status == 200)
        #expect(try otherClient.get("/pflege/wohnungen/\(SeedIDs.housingOfferA)").status == 403)
        #expect(try otherClient.post("/pflege/wohnungen/\(SeedIDs.housingOfferA)/status", [("ereignis", "withdraw")]).status == 403)

        let a = try f.client(f.providerA)
        #expect(try a.get("/pflege/wohnungen/neu").status == 200)
        let bad = try a.post("/pflege/wohnungen/neu", [("organization_id", EditingFixture.organizationA), ("street", "Geheimgasse"),
                                                       ("rooms", "zwei"), ("cold_rent", "400")])
        #expect(bad.status == 400)
        #expect(bad.body.contains("Bitte die Zimmerzahl angeben") && bad.body.contains("value=\"Geheimgasse\""))
        let good = try a.post("/pflege/wohnungen/neu", [
            ("organization_id", EditingFixture.organizationA), ("sozialraum_id", "2a3358b6-6225-5d4c-9485-eb5480341059"),
            ("street", "Geheimgasse"), ("house_number", "77"), ("postal_code", "28325"), ("show_street", "nein"), ("rooms", "3"),
            ("size", "71,5"), ("cold_rent", "480"), ("running_costs", "150"), ("heating", "90"), ("features", "aufzug"),
            ("available_from", "2026-12-01"), ("wbs_required", "ja"), ("household_min", "2"), ("household_max", "4")])
        #expect(good.status == 303)
        #expect(try a.get("/pflege/wohnungen").body.contains("Geheimgasse 77"))
        let seenByB = try f.client(f.providerB).get("/wohnungen").body
        #expect(seenByB.contains("3 Zimmer, 71,5 m²") && !seenByB.contains("Geheimgasse"))
        #expect(!(try WebClient(f.site).get("/suche?q=Geheimgasse").body.contains("Geheimgasse 77")))
        // Withdraw, then it is gone from the network list; holding is not the company's.
        #expect(try a.post("/pflege/wohnungen/\(SeedIDs.housingOfferA)/status", [("ereignis", "hold")]).status == 403)
        #expect(try a.post("/pflege/wohnungen/\(SeedIDs.housingOfferA)/status", [("ereignis", "withdraw")]).status == 303)
        #expect(try a.post("/pflege/wohnungen/\(SeedIDs.housingOfferA)/status", [("ereignis", "let")]).status == 409)
        #expect(!(try f.client(f.counselor).get("/wohnungen").body.contains("Kooperationsvertrag Wohnungsnotfälle")))
    }

    @Test func theRentLimitPageChecksInputAndIsAudited() throws {
        let f = try EditingFixture()
        let c = try f.client(f.coordinator)
        let page = try c.get("/koordination/mietobergrenzen")
        #expect(page.status == 200 && page.body.contains("495,00 €"))
        #expect(try f.client(f.counselor).get("/koordination/mietobergrenzen").status == 403)
        let bad = try c.post("/koordination/mietobergrenzen", [("sozialraum_id", ""), ("household_size", "0"), ("amount", "viel"), ("valid_from", "morgen")])
        #expect(bad.status == 400)
        for message in ["Bitte ein Gebiet wählen.", "Bitte die Haushaltsgröße als Zahl von 1 bis 12 angeben.", "»viel« ist kein Betrag in Euro",
                        "»morgen« ist kein Datum"] { #expect(bad.body.contains(message), "\(message)") }
        #expect(bad.body.contains("value=\"viel\""))
        let good = try c.post("/koordination/mietobergrenzen", [("sozialraum_id", "2a3358b6-6225-5d4c-9485-eb5480341059"), ("household_size", "1"),
                                                                  ("amount", "550"), ("valid_from", "2026-06-01")])
        #expect(good.status == 303)
        // Tenever's own limit now wins over Bremen's for one person.
        #expect(try f.client(f.counselor).get("/wohnungen").body.contains("innerhalb der Grenze (550,00 €)"))
        let audit = try f.site.store.pool.read { db in
            try db.query("SELECT what FROM audit_log WHERE what LIKE 'Mietobergrenze%'") { $0.string(0) }
        }
        #expect(audit == ["Mietobergrenze angelegt: Tenever, 1 Pers., 550,00 € ab 2026-06-01"])
    }
}
