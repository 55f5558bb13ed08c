// The unmet-needs report: counts by Sozialraum × need × status and reason with cells under 5
// suppressed (and one more where a total would reveal it), totals, needs without a local
// provider, response times, the CSV download and the SVG chart.
import Foundation
import SQLite
import Testing
@testable import LotseCore

@Suite struct UnmetNeedsReportTests {
    /// Referrals inserted directly: (area id, need, status, reason, count, reply hours).
    func fixture(_ rows: [(String, String, String, String?, Int, Int?)]) throws -> ReferralFixture {
        let network = try ReferralFixture()
        var number = 0
        try network.store.pool.write { db in
            for (area, need, status, reason, count, hours) in rows {
                for _ in 0..<count {
                    number += 1
                    let id = "r\(number)"
                    try db.execute("""
                        INSERT INTO referral(id, group_id, status, reason, requester_account_id, service_id, sozialraum_id, needs, created_at,
                            sent_at, responded_at, status_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '2026-10-01T08:00:00Z',
                            '2026-10-01T08:00:00Z', ?, '2026-10-02T08:00:00Z')
                        """, id, id, status, reason, network.counselor.id, network.serviceA, area, need,
                                   hours.map { Timestamp.string(Timestamp.parse("2026-10-01T08:00:00Z")!.addingTimeInterval(Double($0 + number % 3) * 3600)) })
                }
            }
        }
        return network
    }

    func report(_ network: ReferralFixture) throws -> UnmetNeedsReport {
        try network.store.pool.read { db in try UnmetNeedsReport.compute(db, index: try SearchIndex.build(db, now: Fixture.now), period: .quarter(4, of: 2026)) }
    }

    @Test func cellsUnderFiveAreSuppressedAndTotalsDoNotRevealThem() throws {
        let network = try fixture([
            ("dd-gr", "pflege.tagespflege", "rejected", "capacity", 7, 10),
            ("dd-gr", "pflege.tagespflege", "cancelled", "no-response", 3, nil),
            ("dd-gr", "pflege.tagespflege", "completed", nil, 12, 4),
            ("dd-st", "pflege.tagespflege", "rejected", "capacity", 9, 30),
            ("dd-jo", "pflege.tagespflege", "rejected", "not-eligible", 2, 50),
            ("dd-ia", "beratung.sucht", "completed", nil, 6, nil),
        ])
        let report = try report(network)
        func cell(_ area: String, _ status: ReferralStatus) -> UnmetNeedsReport.Cell? {
            report.cells.first { $0.sozialraum == area && $0.status == status }
        }
        #expect(cell("dresden-gruna", .completed)?.count == 12)
        #expect(cell("dresden-gruna", .cancelled)?.count == nil && cell("dresden-gruna", .cancelled)?.reason == .noResponse)
        #expect(cell("dresden-gruna", .rejected)?.count == 7, "totals are sums of shown cells, so 7 reveals nothing of the 3")
        #expect(cell("dresden-striesen", .rejected)?.count == 9 && cell("dresden-striesen", .rejected)?.reason == .capacity)
        #expect(cell("dresden-johannstadt", .rejected)?.count == nil)
        #expect(report.cells.allSatisfy { $0.count == nil || $0.count! >= 5 })
        // Totals are cases, exact: every referral here is its own case.
        let gruna = report.areaTotals.first { $0.key == "dresden-gruna" }
        #expect(report.areaTotals.count == 4)
        // Shown figures are exact; in so small a history the lattice may hide more to protect the 2.
        #expect([nil, 22].contains(gruna?.recorded) && [nil, 12].contains(gruna?.met) && [nil, 10].contains(gruna?.unmet))
        #expect(report.areaTotals.first { $0.key == "dresden-johannstadt" }?.recorded == nil, "2 cases: suppressed")
        let need = report.needTotals.first { $0.key == "pflege.tagespflege" }
        #expect([nil, 33].contains(need?.recorded) && [nil, 12].contains(need?.met) && [nil, 21].contains(need?.unmet) && report.referralTotal == 39)
        #expect(report.caseTotal.recorded == 39 && [nil, 18].contains(report.caseTotal.met))
        let grunaTimes = report.responseTimesByArea.first { $0.key == "dresden-gruna" }
        #expect(grunaTimes?.answered == 19 && grunaTimes?.medianHours != nil && (grunaTimes?.p90Hours ?? 0) >= (grunaTimes?.medianHours ?? 99))
        #expect(report.responseTimesByArea.first { $0.key == "dresden-johannstadt" }?.medianHours == nil, "2 answers: suppressed")
        #expect(report.responseTimesByService.first?.label == "Tagespflege Gruna" && report.responseTimesByService.first?.answered == 30)
    }

    @Test func needsWithoutALocalProviderAreListedWithTheirDemand() throws {
        let network = try fixture([("hb-os", "pflege.tagespflege", "rejected", "outside-service-area", 6, nil),
                                   ("dd-gr", "beratung.sucht", "cancelled", "capacity", 1, nil)])
        let report = try report(network)
        let ostertor = report.gaps.first { $0.sozialraum == "bremen-ostertor" && $0.need == "pflege.tagespflege" }
        #expect([nil, 6].contains(ostertor?.cases) && ostertor?.needName == "Tagespflege")
        #expect(report.gaps.first?.sozialraum == "bremen-ostertor", "gaps with demand come first")
        #expect(!report.gaps.contains { $0.sozialraum == "dresden-gruna" && $0.need == "pflege.tagespflege" }, "Gruna has one")
        #expect(report.gaps.contains { $0.sozialraum == "dresden-gruna" && $0.need == "beratung.sucht" && $0.cases == nil })
        #expect(report.gaps.contains { $0.sozialraum == "dresden-striesen" && $0.need == "alltag.mittagstisch" && $0.cases == 0 })
        #expect(report.referralTotal == 7)
    }

    @Test func csvAndChartCarryOnlyAggregates() throws {
        let network = try fixture([("dd-gr", "pflege.tagespflege", "rejected", "capacity", 8, nil),
                                   ("dd-st", "pflege.tagespflege", "failed", "could-not-contact", 6, nil),
                                   ("dd-jo", "pflege.tagespflege", "rejected", "other", 1, nil),
                                   ("dd-gr", "pflege.tagespflege", "completed", nil, 20, nil)])
        let report = try report(network)
        let csv = report.csv()
        #expect(csv.hasPrefix("sozialraum_code;sozialraum;bedarf_code;bedarf;status;status_text;grund;grund_text;anzahl\r\n"))
        #expect(csv.contains("dresden-gruna;Gruna;pflege.tagespflege;Tagespflege;rejected;Abgelehnt;capacity;keine Kapazität;8\r\n"))
        #expect(csv.contains(";<5\r\n") && !csv.contains(";1\r\n"))
        let bars = report.unmetByArea()
        #expect(bars.allSatisfy { $0.value == nil || ($0.label == "Gruna" && $0.value == 8) || ($0.label == "Striesen" && $0.value == 6) })
        #expect(bars.contains { $0.label == "Johannstadt" && $0.value == nil })
        #expect(!bars.contains { $0.note != nil }, "exact counts, never »mindestens«")
        let svg = SVGBarChart(title: "Nicht vermittelt nach Sozialraum", description: "Abgelehnt, storniert oder erfolglos, 2026 <Test>",
                              bars: bars).render()
        #expect(svg.contains("<title id=\"chart-title\">Nicht vermittelt nach Sozialraum</title>"))
        #expect(svg.contains("<desc id=\"chart-desc\">Abgelehnt, storniert oder erfolglos, 2026 &lt;Test&gt;</desc>"))
        #expect(svg.contains(">Gruna</text>") && svg.contains(">&lt;5</text>"))
        #expect(!svg.lowercased().contains("<script") && svg.hasPrefix("<svg") && svg.hasSuffix("</svg>\n"))
    }

    @Test func csvCellsThatASpreadsheetWouldRunAsFormulasGetAnApostrophe() throws {
        let network = try fixture([("dd-gr", "pflege.tagespflege", "rejected", "capacity", 8, nil)])
        try network.store.pool.write { try $0.execute("UPDATE sozialraum SET name = ? WHERE id = 'dd-gr'", "=HYPERLINK(\"http://x\")") }
        let csv = try report(network).csv()
        #expect(csv.contains("dresden-gruna;\"'=HYPERLINK(\"\"http://x\"\")\";pflege.tagespflege;"))
        #expect(!csv.contains(";\"=HYPERLINK"))
        #expect(csv.contains(";8\r\n"))   // numbers stay numbers
    }
}
