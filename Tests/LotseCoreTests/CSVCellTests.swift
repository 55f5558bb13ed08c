// CSV formula injection: the escaping rule of CSVCell from raw strings (hostile and harmless),
// its exact inverse, and the HSDS CSV package with such values — written protected, read back
// to the original value, exported again byte for byte.
import Foundation
import Testing
@testable import LotseCore

@Suite struct CSVCellTests {
    /// (stored value, cell as written).
    static let cases: [(String, String)] = [
        ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
        ("+SUM(1;2)", "'+SUM(1;2)"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("'x", "''x"),
        ("''", "'''"),
        ("'", "''"),
        ("-", "'-"),
        ("+", "'+"),
        ("-A1", "'-A1"),
        ("=", "'="),
        // Numbers and phone numbers stay readable: no letters, no function, no reference.
        ("-0.5", "-0.5"),
        ("-12", "-12"),
        ("+49 421 361-0", "+49 421 361-0"),
        ("+49 (0)421 / 123 45", "+49 (0)421 / 123 45"),
        // Harmless starts are untouched.
        ("Wohnen", "Wohnen"),
        ("", ""),
        (" =1", " =1"),
        ("a=b", "a=b"),
        ("＝HYPERLINK()", "＝HYPERLINK()"),
    ]

    @Test(arguments: cases)
    func protectsFormulaStartsAndUndoesExactlyThat(_ value: String, _ written: String) {
        #expect(CSVCell.protect(value) == written)
        #expect(CSVCell.unprotect(written) == value)
    }

    @Test func cellsThatDidNotComeFromTheRuleAreReadAsWritten() {
        // Foreign files: an apostrophe before anything else is data.
        #expect(CSVCell.unprotect("'Sexy Hexy'") == "'Sexy Hexy'")
        #expect(CSVCell.unprotect("=1+1") == "=1+1")
        #expect(CSVCell.unprotect("x'=") == "x'=")
    }

    @Test func everyStringSurvivesProtectAndUnprotect() {
        let pieces = ["", "'", "''", "=", "+", "-", "@", "\t", "\r", "\n", "\r\n", "1", "a", " ", ",", "\"", "é", "＝"]
        for a in pieces { for b in pieces { for c in pieces {
            let value = a + b + c
            #expect(CSVCell.unprotect(CSVCell.protect(value)) == value, "\(value.debugDescription)")
        } } }
    }

    @Test func packageWritesProtectedCellsAndRoundTripsThem() throws {
        let source = try ExportFixture.seeded()
        let values = ["=HYPERLINK(\"http://x\")", "'Warteliste", "''doppelt", "@Tagespflege", "-5", "\t=1"]
        let first = NSTemporaryDirectory() + "lotse-pkg-\(UUID().uuidString)"
        let second = NSTemporaryDirectory() + "lotse-pkg-\(UUID().uuidString)"
        defer { for path in [first, second] { try? FileManager.default.removeItem(atPath: path) } }
        func export(_ fixture: Fixture, to directory: String) throws {
            _ = try fixture.store.pool.read { try DataPackageExporter.export(DirectoryExporter(db: $0, scope: ExportScope(), now: ExportFixture.now), to: directory) }
        }
        // Services of the public package (a first export tells which).
        try export(source, to: first)
        let exported = try String(contentsOfFile: first + "/services.csv", encoding: .utf8).split(separator: "\n").dropFirst()
            .map { String($0.prefix { $0 != "," }) }.filter { $0.count == 36 }
        let ids = Array(exported.prefix(values.count))
        #expect(ids.count == values.count)
        try source.store.pool.write { db in
            for (id, value) in zip(ids, values) { try db.execute("UPDATE service SET capacity_note = ? WHERE id = ?", value, id) }
        }
        try export(source, to: first)
        let services = try String(contentsOfFile: first + "/services.csv", encoding: .utf8)
        #expect(services.contains(",\"'=HYPERLINK(\"\"http://x\"\")\""))
        #expect(!services.contains(",\"=HYPERLINK"))
        #expect(services.contains(",''Warteliste") && services.contains(",'''doppelt") && services.contains(",'@Tagespflege"))
        #expect(services.contains(",'\t=1") && !services.contains(",'-5"))

        let target = try Fixture(vocabulary: false)
        let report = try ExportFixture.importing(target) { try DataPackageImporter.importPackage(at: first, into: $0) }
        #expect(report.committed && report.problemCount == 0, "\(report.summary)")
        for (id, value) in zip(ids, values) {
            #expect(try target.store.pool.read { try $0.scalarString("SELECT capacity_note FROM service WHERE id = ?", id) } == value)
        }
        try export(target, to: second)
        for (_, file) in DataPackageExporter.tables {
            #expect(FileManager.default.contents(atPath: first + "/" + file) == FileManager.default.contents(atPath: second + "/" + file), "\(file) differs")
        }
    }
}
