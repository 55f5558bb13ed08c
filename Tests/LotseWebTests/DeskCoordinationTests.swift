// The coordinators' side of the referral desk: the unmet-needs report (aggregates only, cells
// under 5 suppressed, accessible server-rendered SVG charts, CSV download with its headers,
// audited), the routing rules (add, reorder, remove; their services lead the suggestions), and
// responsiveness on service pages for logged-in professionals only.
import Foundation
import HTTP
import LotseCore
import LotseWeb
import Testing

@Suite struct DeskCoordinationTests {
    /// A fixture with `count` synthetic referrals (created by the fixture's counselors).
    func withReferrals(_ count: Int) throws -> DeskFixture {
        let f = try DeskFixture()
        try f.site.store.pool.write { db in _ = try SyntheticReferrals(count: count, seed: 7).generate(into: db, now: WebFixture.now) }
        return f
    }

    @Test func theReportShowsAggregatesWithSmallCellsSuppressed() throws {
        let f = try withReferrals(3000)
        let coordinator = try f.client(f.coordinator)
        let page = try coordinator.get("/koordination/bericht?ebene=bezirk")
        #expect(page.status == 200)
        for expected in ["<svg", "role=\"img\"", "aria-labelledby=\"diagramm-bedarf-title diagramm-bedarf-desc\"", "<title id=\"diagramm-bedarf-title\">",
                         "<desc id=\"diagramm-gebiet-desc\">", "Ungedeckte Bedarfe nach Sozialraum", "Fälle je Bedarf, alle Gebiete", "gedeckt", "&lt;5", "Antwortzeiten", "je Bezirk",
                         "mit weniger als 5 Vermittlungen"] {
            #expect(page.body.contains(expected), "report lacks »\(expected)«")
        }
        #expect(!page.body.contains("Fall-1"), "no case references in aggregates")
        // The page lists the cells with a count, every one at least 5; the others are counted.
        let table = try #require(page.body.components(separatedBy: "Anzahl je Sozialraum, Bedarf, Status und Grund").dropFirst().first?
            .components(separatedBy: "</table>").first)
        let counts = table.components(separatedBy: "<tr>").dropFirst(2).compactMap { row in
            row.components(separatedBy: "<td>").last?.components(separatedBy: "</td>").first
        }
        #expect(counts.count > 3)
        for count in counts {
            let number = try #require(Int(count.replacingOccurrences(of: ".", with: "")), "count »\(count)«")
            #expect(number >= UnmetNeedsReport.suppressionThreshold)
        }
        // The JSON twin says the same; long chart labels are shortened with the full one as title.
        let json = try coordinator.get("/koordination/bericht.json?ebene=bezirk")
        #expect(json.status == 200 && json.body.contains("\"suppressedCells\"") && !json.body.contains("Fall-1"))
        #expect(!json.body.contains("\"count\":\"<5\""))
        #expect(try coordinator.get("/koordination/bericht?von=gestern").status == 400)
        // Free ranges could be differenced (two periods one day apart); only whole months,
        // quarters and years are offered.
        let range = try coordinator.get("/koordination/bericht?von=2026-11-01&bis=2026-11-18&ebene=quartier")
        #expect(range.status == 400 && range.body.contains("nur für ganze Monate, Quartale und Jahre"))
        #expect(try coordinator.get("/koordination/bericht?zeitraum=2026-11-18").status == 400)
        let level = try coordinator.get("/koordination/bericht?ebene=stadt")
        #expect(level.status == 400 && level.body.contains("keine Ebene des Berichts"), "unknown values are refused, not ignored")
        #expect(!page.body.contains("mindestens "), "totals are exact, never lower bounds")
        let period = try coordinator.get("/koordination/bericht?zeitraum=2026-11&ebene=quartier")
        #expect(period.status == 200 && period.body.contains("Zeitraum: November 2026") && period.body.contains("<option value=\"2026-Q3\">3. Quartal 2026</option>"))
        let long = SVGBarChart(title: "T", description: "D", bars: [.init(label: "Bürgerbeteiligung und Quartiersfonds im Stadtteil", value: 7)]).render()
        #expect(long.contains("<title>Bürgerbeteiligung und Quartiersfonds im Stadtteil</title>") && long.contains(">Bürgerbeteiligung und Quartie…</text>"))
    }

    @Test func theCSVDownloadIsAttachedUTF8AndAudited() throws {
        let f = try withReferrals(300)
        let coordinator = try f.client(f.coordinator)
        let csv = try coordinator.get("/koordination/bericht.csv?zeitraum=2026&ebene=stadtteil")
        #expect(csv.status == 200)
        #expect(csv.headers["Content-Type"] == "text/csv; charset=utf-8")
        #expect(csv.headers["Content-Disposition"] == "attachment; filename=\"ungedeckte-bedarfe-stadtteil-2026.csv\"")
        #expect(csv.body.hasPrefix("sozialraum_code;sozialraum;bedarf_code;bedarf;status;status_text;grund;grund_text;anzahl\r\n"))
        #expect(csv.body.contains(";<5\r\n") && !csv.body.contains("Fall-"))
        let exports = try f.site.store.pool.read { try $0.scalarInt("SELECT count(*) FROM audit_log WHERE action = 'export' AND account_id = ?", f.coordinator.id) }
        #expect(exports == 1)
        for account in [f.counselor, f.providerA, f.admin] {
            let client = try f.client(account)
            #expect(try client.get("/koordination/bericht").status == 403)
            #expect(try client.get("/koordination/bericht.csv").status == 403)
        }
    }

    @Test func routingRulesLeadTheSuggestionsAndCanBeReorderedAndRemoved() throws {
        let f = try DeskFixture()
        let coordinator = try f.client(f.coordinator)
        #expect(try coordinator.get("/koordination/routing").body.contains("Noch keine Regeln"))
        let empty = try coordinator.post("/koordination/routing", [("bedarf", "alltag.besuchsdienst"), ("sozialraum", "bremen-osterholz"), ("art", "angebote")])
        #expect(empty.status == 400 && empty.body.contains("mindestens ein Angebot"))
        let pool = try coordinator.post("/koordination/routing", [("bedarf", "alltag.besuchsdienst"), ("sozialraum", "bremen-osterholz"), ("art", "pool")])
        #expect(pool.status == 400 && pool.body.contains("Art der Organisationen"))
        let added = try coordinator.post("/koordination/routing", [
            ("bedarf", "alltag.besuchsdienst"), ("sozialraum", "bremen-osterholz"), ("art", "angebote"),
            ("angebot_1", DeskFixture.serviceC), ("angebot_2", DeskFixture.serviceB), ("notiz", "Absprache AK Osterholz"),
        ])
        #expect(added.status == 303)
        let list = try coordinator.get("/koordination/routing").body
        #expect(list.contains("Besuchsdienst in Osterholz") && list.contains("Absprache AK Osterholz"))
        let c = try #require(list.range(of: "Besuchsdienst Findorff")).lowerBound
        let b = try #require(list.range(of: "Guten Morgen, Osterholz")).lowerBound
        #expect(c < b)

        // The counselor's suggestions put the rule's services first, in its order.
        let counselor = try f.client(f.counselor)
        let draft = try f.draft(counselor)
        let suggestions = try counselor.get("/vermittlungen/\(draft)/vorschlaege").body
        #expect(suggestions.contains("Regel der Koordination, Platz 1"))
        let first = try #require(suggestions.range(of: "Besuchsdienst Findorff")).lowerBound
        let second = try #require(suggestions.range(of: "Guten Morgen, Osterholz")).lowerBound
        let ranked = try #require(suggestions.range(of: DeskFixture.nameA)).lowerBound
        #expect(first < second && second < ranked)

        // Move B up, take C out, remove the rule.
        let ruleID = try #require(try f.site.store.pool.read { try $0.scalarString("SELECT id FROM routing_rule") })
        #expect(try coordinator.post("/koordination/routing/\(ruleID)/verschieben", [("angebot", DeskFixture.serviceB), ("richtung", "hoch")]).status == 303)
        let reordered = try #require(try f.site.store.pool.read { db in try RoutingRules(db: db).all().first })
        #expect(reordered.target == .services([DeskFixture.serviceB, DeskFixture.serviceC]))
        #expect(try coordinator.post("/koordination/routing/\(reordered.id)/verschieben", [("angebot", "x"), ("richtung", "hoch")]).status == 400)
        #expect(try coordinator.post("/koordination/routing/\(reordered.id)/verschieben", [("angebot", DeskFixture.serviceC), ("richtung", "entfernen")]).status == 303)
        let shortened = try #require(try f.site.store.pool.read { db in try RoutingRules(db: db).all().first })
        #expect(shortened.target == .services([DeskFixture.serviceB]))
        #expect(try coordinator.post("/koordination/routing/\(shortened.id)/entfernen", []).status == 303)
        #expect(try f.site.store.pool.read { try $0.scalarInt("SELECT count(*) FROM routing_rule") } == 0)
        #expect(try coordinator.post("/koordination/routing/\(shortened.id)/entfernen", []).status == 404)
        for account in [f.counselor, f.providerA, f.admin] {
            #expect(try f.client(account).get("/koordination/routing").status == 403)
        }
    }

    @Test func servicePagesShowResponsivenessToProfessionalsOnceThereAreFiveAnswers() throws {
        let f = try DeskFixture()
        func answer(_ count: Int) throws {
            for _ in 0..<count {
                let id = try f.sent(to: [DeskFixture.serviceA])[0]
                #expect(try f.status(f.providerA, id, .accepted).status == 303)
            }
        }
        try answer(4)
        let path = "/angebote/\(DeskFixture.serviceA)"
        #expect(try f.client(f.counselor).get(path).body.contains("noch zu wenige Vermittlungen"))
        try answer(1)
        let sentence = "Antwortet im Mittel nach weniger als einer Stunde; nimmt 100 % an (aus 5 Antworten)."
        for account in [f.counselor, f.providerB, f.coordinator] {
            #expect(try f.client(account).get(path).body.contains(sentence), "\(account.role) sees the responsiveness")
        }
        let visitor = WebClient(f.site)
        #expect(!(try visitor.get(path)).body.contains("Antwortet im Mittel"))
        #expect(!(try visitor.get(path + ".json")).body.contains("Antwortet im Mittel"))
    }

    @Test func alertsAreListedAndMarkedRead() throws {
        let f = try DeskFixture()
        let id = try f.sent(to: [DeskFixture.serviceA])[0]
        let providerA = try f.client(f.providerA)
        let inbox = try providerA.get("/vermittlungen")
        #expect(inbox.body.contains("Neue Vermittlung") && inbox.body.contains("href=\"/vermittlungen/\(id)\""))
        let notification = try #require(try f.site.store.pool.read { try $0.scalarInt("SELECT id FROM notification WHERE referral_id = ?", id) })
        #expect(try f.client(f.providerC).post("/vermittlungen/benachrichtigungen", [("id", String(notification))]).status == 404)
        #expect(try providerA.post("/vermittlungen/benachrichtigungen", [("id", String(notification))]).status == 303)
        #expect(try providerA.get("/vermittlungen").body.contains("Keine neuen Hinweise."))
        // Filters: overdue only (none yet), by status.
        #expect(try providerA.get("/vermittlungen?ueberfaellig=1").body.contains("Keine Vermittlungen"))
        #expect(try providerA.get("/vermittlungen?status=requested").body.contains("Angefragt"))
        #expect(try providerA.get("/vermittlungen?status=completed").body.contains("Keine Vermittlungen"))
        #expect(try f.client(f.counselor).get("/vermittlungen?dringend=1").body.contains(DeskFixture.caseReference))
    }
}
