// UnmetNeedsReporting: whole months, quarters and years only; the CSV download is audited.
import Foundation
import Testing
@testable import LotseCore

@Suite struct UnmetNeedsReportingTests {
    @Test func computesForAWholePeriodAndAuditsTheDownload() throws {
        let fixture = try Fixture()
        let coordinator = try fixture.account()
        let reporting = UnmetNeedsReporting(store: fixture.store, now: Fixture.now)
        let index = try fixture.store.pool.read { try SearchIndex.build($0, now: Fixture.now) }
        let report = try reporting.report(index: index, period: try reporting.period("2026-11"), level: "stadtteil")
        #expect(report.cells.isEmpty && report.from == "2026-11-01" && report.until == "2026-12-01")
        try reporting.recordCSVExport(period: .quarter(3, of: 2026), level: "stadtteil", by: coordinator)
        let what = try fixture.store.pool.read { try $0.scalarString("SELECT what FROM audit_log ORDER BY rowid DESC LIMIT 1") }
        #expect(what == "Bericht ungedeckte Bedarfe (CSV, aggregiert, stadtteil, 3. Quartal 2026)")
    }
}
