// HousingFiguresPagesTests: the coordinators' planning figures and quota pages — the seeded
// quotas and the figures per company and quarter with captions and row headers, the JSON twin
// and the audited CSV download, unknown filter values refused in German (400), the quota form
// keeping bad input with German errors, saving with an audit entry, and nobody but
// coordinators reaching either page.
import Foundation
import HTTP
import LotseCore
import LotseWeb
import Testing

extension SeedIDs {
    /// Wohnungsbaugesellschaft Spreebogen (seeded quotas for 2025 and 2026).
    static let housingCompanySpreebogen = "b21ad08c-27ac-5cab-8d15-03236dd62deb"
}

@Suite(.serialized) struct HousingFiguresPagesTests {
    @Test func theFiguresShowQuotasPerCompanyAndQuarter() throws {
        let f = try EditingFixture()
        let c = try f.client(f.coordinator)
        let page = try c.get("/koordination/wohnungen")
        #expect(page.status == 200)
        for text in ["<h1>Planungszahlen Wohnungen 2026</h1>", "<h2>Alle Wohnungsunternehmen</h2>", "<h2>Wohnungsbaugesellschaft Spreebogen mbH</h2>",
                     "<caption>Quote und Vermietungen 2026: Wohnungsbaugesellschaft Spreebogen mbH</caption>",
                     "<caption>Verlauf je Quartal 2026: Alle Wohnungsunternehmen</caption>", "<th scope=\"row\">1. Quartal 2026</th>",
                     "<th scope=\"row\">3–4 Personen</th>", "<td>24</td>", "Kostenübernahme nicht rechtzeitig", "Vorschlag bis Kostenübernahme",
                     "href=\"/koordination/wohnungen.csv?jahr=2026\""] {
            #expect(page.body.contains(text), "\(text)")
        }
        let one = try c.get("/koordination/wohnungen?jahr=2025&unternehmen=\(SeedIDs.housingCompanySpreebogen)")
        #expect(one.status == 200)
        #expect(one.body.contains("<caption>Quote und Vermietungen 2025: Wohnungsbaugesellschaft Spreebogen mbH</caption>"))
        #expect(!one.body.contains("<h2>Alle Wohnungsunternehmen</h2>") && !one.body.contains("Weserufer GmbH</h2>"))
        #expect(one.body.contains("<td>20</td>"))
        let twin = try c.get("/koordination/wohnungen.json?jahr=2026")
        #expect(twin.status == 200 && twin.headers["Content-Type"]?.hasPrefix("application/json") == true)
        #expect(twin.body.contains("\"sections\"") && twin.body.contains("Wohnungsbaugesellschaft Spreebogen mbH"))
    }

    @Test func unknownFilterValuesAreRefusedInGerman() throws {
        let f = try EditingFixture()
        let c = try f.client(f.coordinator)
        for (path, message) in [("/koordination/wohnungen?jahr=zwanzig", "»zwanzig« ist kein Jahr."),
                                ("/koordination/wohnungen?jahr=1999", "»1999« ist kein Jahr."),
                                ("/koordination/wohnungen?unternehmen=\(EditingFixture.organizationB)", "ist kein Wohnungsunternehmen"),
                                ("/koordination/wohnungen.csv?unternehmen=gibt-es-nicht", "»gibt-es-nicht« ist kein Wohnungsunternehmen"),
                                ("/koordination/wohnungen/quoten?jahr=2026-Q1", "»2026-Q1« ist kein Jahr.")] {
            let answer = try c.get(path)
            #expect(answer.status == 400, "\(path)")
            #expect(answer.body.contains(message), "\(path): \(message)")
        }
        let twin = try c.get("/koordination/wohnungen.json?jahr=morgen")
        #expect(twin.status == 400 && twin.body.contains("\"error\""))
    }

    @Test func theCSVIsAnAuditedDownloadOfAggregates() throws {
        let f = try EditingFixture()
        let answer = try f.client(f.coordinator).get("/koordination/wohnungen.csv?jahr=2026&unternehmen=\(SeedIDs.housingCompanySpreebogen)")
        #expect(answer.status == 200)
        #expect(answer.headers["Content-Type"] == "text/csv; charset=utf-8")
        #expect(answer.headers["Content-Disposition"] == "attachment; filename=\"planungszahlen-wohnungen-2026.csv\"")
        #expect(answer.body.hasPrefix("unternehmen_id;unternehmen;zeitraum;kennzahl;kennzahl_text;wert\r\n"))
        #expect(answer.body.contains("\(SeedIDs.housingCompanySpreebogen);Wohnungsbaugesellschaft Spreebogen mbH;2026;quote_1;Quote 1 Person;24\r\n"))
        let audit = try f.site.store.pool.read { db in
            try db.query("SELECT what, purpose FROM audit_log WHERE what LIKE 'Planungszahlen%'") { ($0.string(0), $0.string(1)) }
        }
        #expect(audit.map(\.0) == ["Planungszahlen Wohnungen (CSV, aggregiert, 2026, Wohnungsbaugesellschaft Spreebogen mbH)"])
        #expect(audit.first?.1 == "Planung")
    }

    @Test func theQuotaFormKeepsBadInputAndSavesWithAnAuditEntry() throws {
        let f = try EditingFixture()
        let c = try f.client(f.coordinator)
        let page = try c.get("/koordination/wohnungen/quoten")
        #expect(page.status == 200)
        #expect(page.body.contains("<caption>Zugesagte Wohnungen 2026 je Unternehmen und Haushaltsgröße</caption>"))
        #expect(page.body.contains("<th scope=\"row\">Wohnungsbaugesellschaft Spreebogen mbH</th><td>24</td><td>12</td><td>6</td><td>3</td><td>45</td>"))
        let filled = try c.get("/koordination/wohnungen/quoten?unternehmen=\(SeedIDs.housingCompanySpreebogen)&jahr=2025")
        #expect(filled.status == 200 && filled.body.contains("name=\"quota_1\" value=\"20\""))
        let bad = try c.post("/koordination/wohnungen/quoten", [("organization_id", ""), ("year", "nächstes"), ("quota_1", "zwölf"), ("quota_2", "4")])
        #expect(bad.status == 400)
        for text in ["Bitte ein Wohnungsunternehmen wählen.", "»nächstes« ist kein Jahr", "»zwölf« ist keine Zahl von Wohnungen",
                     "value=\"zwölf\"", "value=\"nächstes\"", "name=\"quota_2\" value=\"4\"", "aria-invalid=\"true\""] {
            #expect(bad.body.contains(text), "\(text)")
        }
        let good = try c.post("/koordination/wohnungen/quoten", [("organization_id", EditingFixture.organizationA), ("year", "2027"),
                                                                  ("quota_1", "9"), ("quota_3_4", "2")])
        #expect(good.status == 303)
        #expect(good.location?.hasPrefix("/koordination/wohnungen/quoten?jahr=2027") == true)
        let after = try c.get("/koordination/wohnungen/quoten?jahr=2027")
        #expect(after.body.contains("<th scope=\"row\">Wohnungsgesellschaft Weserufer GmbH</th><td>9</td><td>–</td><td>2</td><td>–</td><td>11</td>"))
        let audit = try f.site.store.pool.read { db in
            try db.query("SELECT what, account_id FROM audit_log WHERE what LIKE 'Wohnungsquote%'") { ($0.string(0), $0.string(1)) }
        }
        #expect(audit.map(\.0) == ["Wohnungsquote 2027 gespeichert: Wohnungsgesellschaft Weserufer GmbH, 1 Pers. 9, 3–4 Pers. 2 (vorher: keine)"])
        #expect(audit.first?.1 == f.coordinator.id)
    }

    @Test func onlyCoordinatorsReachTheFiguresAndQuotas() throws {
        let f = try EditingFixture()
        for account in [f.counselor, f.providerA, f.providerB, f.admin] {
            let client = try f.client(account)
            for path in ["/koordination/wohnungen", "/koordination/wohnungen.json", "/koordination/wohnungen.csv", "/koordination/wohnungen/quoten"] {
                #expect(try client.get(path).status == 403, "\(account.role) \(path)")
            }
            #expect(try client.post("/koordination/wohnungen/quoten", [("organization_id", EditingFixture.organizationA), ("year", "2026"),
                                                                       ("quota_1", "1")]).status == 403)
        }
        #expect(try WebClient(f.site).get("/koordination/wohnungen").status == 303)
        #expect(try f.site.store.pool.read { db in try db.scalarInt("SELECT count(*) FROM housing_quota WHERE flats = 1") } == 0)
    }
}
