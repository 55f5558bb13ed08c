// The Sozialraum page's demand section: only signed-in coordinators see it (page and JSON
// twin), its figures are DistrictDemand's with "<5" for suppressed cells and per 1,000
// residents where the population is known, and an unknown period is refused.
import Foundation
import LotseCore
@testable import LotseWeb
import Testing

@Suite struct SozialraumDemandTests {
    /// A desk network with generated referrals, and the area with the most cases.
    static func network() throws -> (DeskFixture, String) {
        let f = try DeskFixture()
        try f.site.store.pool.write { db in _ = try SyntheticReferrals(count: 1500, seed: 7).generate(into: db, now: WebFixture.now) }
        let code = try #require(try f.site.store.pool.read { db in
            try db.scalarString("""
                SELECT s.code FROM referral r JOIN sozialraum s ON s.id = r.sozialraum_id WHERE s.level = 'stadtteil'
                GROUP BY s.code ORDER BY count(*) DESC LIMIT 1
                """)
        })
        return (f, code)
    }

    @Test func coordinatorsSeeTheDemandEqualToDistrictDemand() throws {
        let (f, code) = try Self.network()
        try f.site.store.pool.write { db in try db.execute("UPDATE sozialraum SET population = 20000 WHERE code = ?", code) }
        let coordinator = try f.client(f.coordinator)
        let year = Int(BerlinTime(WebFixture.now).dateString.prefix(4))!
        let demand = try UnmetNeedsReporting(store: f.site.store, now: WebFixture.now).demand(sozialraum: code, period: .year(year))
        #expect(!demand.rows.isEmpty)
        let page = try coordinator.get("/sozialraeume/\(code)")
        #expect(page.status == 200)
        for expected in ["<h2 id=\"bedarfe\">Bedarfe in diesem Sozialraum</h2>", "<label for=\"feld-zeitraum\">Zeitraum</label>",
                         "<option value=\"\(year)\" selected>\(year)</option>", "nach Bedarf, \(year)</caption>", "je 1.000 Einwohner:innen</th>",
                         "Je 1.000 bezogen auf 20.000 Einwohner:innen"] {
            #expect(page.body.contains(expected), "page lacks »\(expected)«")
        }
        // The twin carries exactly DistrictDemand's figures, "<5" where suppressed.
        let twin = try coordinator.get("/sozialraeume/\(code).json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(twin.body.utf8)) as? [String: Any])
        let section = try #require(object["demand"] as? [String: Any])
        let rows = try #require(section["rows"] as? [[String: Any]])
        #expect(rows.count == demand.rows.count)
        func text(_ value: Int?) -> String { value.map { GermanFormat.number(Double($0)) } ?? "<5" }
        for (row, expected) in zip(rows, demand.rows) {
            #expect(row["label"] as? String == expected.label)
            #expect(row["recorded"] as? String == text(expected.recorded))
            #expect(row["met"] as? String == text(expected.met))
            #expect(row["unmet"] as? String == text(expected.unmet))
        }
        let total = try #require(section["total"] as? [String: Any])
        #expect(total["recorded"] as? String == text(demand.total.recorded))
        if let recorded = demand.total.recorded {
            let rate = String(format: "%.1f", Double(recorded) * 1000 / 20000).replacingOccurrences(of: ".", with: ",")
            #expect(total["recordedRate"] as? String == rate)
        }
        // A quarter is chosen by the GET form; a day or a free text is refused in German.
        let quarter = try coordinator.get("/sozialraeume/\(code)?zeitraum=\(year)-Q2")
        #expect(quarter.status == 200 && quarter.body.contains("nach Bedarf, 2. Quartal \(year)</caption>"))
        let bad = try coordinator.get("/sozialraeume/\(code)?zeitraum=\(year)-11-18")
        #expect(bad.status == 400 && bad.body.contains("kein Berichtszeitraum"))
    }

    @Test func suppressedCellsShowLessThanFiveWithTheReason() throws {
        let (f, code) = try Self.network()
        try f.site.store.pool.write { db in try db.execute("UPDATE sozialraum SET population = NULL WHERE code = ?", code) }
        let coordinator = try f.client(f.coordinator)
        let year = Int(BerlinTime(WebFixture.now).dateString.prefix(4))!
        let month = try coordinator.get("/sozialraeume/\(code)?zeitraum=\(year)-01")
        #expect(month.status == 200)
        #expect(month.body.contains("<td>&lt;5</td>") && month.body.contains("weniger als 5 Fälle"))
        #expect(month.body.contains("Die Einwohnerzahl ist nicht hinterlegt") && !month.body.contains("je 1.000 Einwohner:innen</th>"))
    }

    @Test func everyoneElseSeesTodaysPageWithoutDemand() throws {
        let (f, code) = try Self.network()
        let visitor = WebClient(f.site)
        var views = [try visitor.get("/sozialraeume/\(code)"), try visitor.get("/sozialraeume/\(code).json"),
                     try visitor.get("/sozialraeume/\(code)?zeitraum=quatsch")]
        for account in [f.counselor, f.providerA, f.admin] {
            let client = try f.client(account)
            views += [try client.get("/sozialraeume/\(code)"), try client.get("/sozialraeume/\(code).json"),
                      try client.get("/sozialraeume/\(code)?zeitraum=quatsch")]
        }
        for view in views {
            #expect(view.status == 200, "the period is ignored for non-coordinators")
            for figure in ["Bedarfe in diesem Sozialraum", "\"demand\"", "ungedeckt", "feld-zeitraum", "recordedRate", "Je 1.000"] {
                #expect(!view.body.contains(figure), "»\(figure)« leaked")
            }
        }
        #expect(try f.client(f.coordinator).get("/sozialraeume/\(code).json").body.contains("\"demand\""))
    }
}
