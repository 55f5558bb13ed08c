// HSDS JSON and JSON lines keep the network: every cooperation (with until, binding agreement
// and need category) and every Sozialraum, used or not, survive export → import into an empty
// database → export, and the second export is identical to the first.
import Foundation
import Testing
@testable import LotseCore

@Suite struct NetworkRoundTripTests {
    /// The seeded network plus a binding, ended cooperation with a need category and an unused Quartier.
    static func source() throws -> Fixture {
        let fixture = try ExportFixture.seeded()
        try fixture.sql("""
            UPDATE cooperation SET binding = 1, until = '2026-06-30',
                need_term_id = (SELECT t.id FROM taxonomy_term t JOIN taxonomy x ON x.id = t.taxonomy_id AND x.code = 'bedarf' WHERE t.parent_id IS NULL ORDER BY t.position LIMIT 1)
            WHERE id = (SELECT id FROM cooperation ORDER BY id LIMIT 1);
            INSERT INTO sozialraum(id, code, parent_id, name, level) SELECT 'leer-1', 'leerer-quartier', id, 'Leeres Quartier', 'quartier' FROM sozialraum WHERE code = 'bremen-ostertor';
            """)
        return fixture
    }

    static func tables(_ fixture: Fixture) throws -> [String] {
        try fixture.store.pool.read { db in
            try db.query("SELECT id || organization_id || partner_id || topic || coalesce(until, '') || binding || coalesce(need_term_id, '') || coalesce(sozialraum_id, '') FROM cooperation ORDER BY id") { $0.string(0) }
                + db.query("SELECT id || code || coalesce(parent_id, '') || name || level FROM sozialraum ORDER BY id") { $0.string(0) }
        }
    }

    @Test(arguments: [ExportFormat.hsdsNDJSON, .hsdsJSON])
    func exportImportExportKeepsCooperationsAndEverySozialraum(_ format: ExportFormat) throws {
        let source = try Self.source()
        let first = try ExportFixture.export(source, format, scope: ExportScope(audience: .coordinator))
        #expect(first.contains("\"cooperations\":[") && first.contains("\"sozialraeume\":[") && first.contains("\"binding\":1"))
        let target = try Fixture(vocabulary: false)
        let path = try ExportFixture.file(first, extension: format == .hsdsJSON ? "json" : "ndjson")
        let report = try ExportFixture.importing(target) { importer in
            let reader = HSDSJSONImporter(into: importer)
            if format == .hsdsJSON { try reader.importDocument(path: path, source: "a") } else { try reader.importLines(path: path, source: "a") }
        }
        #expect(report.committed && report.problemCount == 0, "\(report.summary)")
        #expect(report.warningCount == 0, "\(report.warnings)")
        #expect(try ExportFixture.export(target, format, scope: ExportScope(audience: .coordinator)) == first)
        let (before, after) = (try Self.tables(source), try Self.tables(target))
        #expect(before.count == after.count && before == after)
        #expect(try target.store.pool.read { try $0.scalarInt("SELECT count(*) FROM sozialraum WHERE code = 'leerer-quartier'") } == 1)
    }
}
