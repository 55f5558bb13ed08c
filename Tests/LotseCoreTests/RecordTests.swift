// RecordTests: a Record answers for the columns it has, and reports a column it does not have
// (the checked lookup behind the subscript, which stops debug builds instead of reading NULL).
import Testing
@testable import LotseCore
import SQLite

@Suite struct RecordTests {
    let record = Record(table: "service", columns: ["id", "name", "fees"], values: [.text("s1"), .text("Beratung"), .null])

    @Test func knownColumnsAreRead() throws {
        #expect(record.has("name") && record.has("fees"))
        #expect(record["name"] == .text("Beratung"))
        #expect(record["fees"] == .null)
        #expect(record.text("fees") == nil)
        #expect(try record.checkedValue("id") == .text("s1"))
        #expect(record.id == "s1")
    }

    @Test func unknownColumnsAreReported() {
        #expect(!record.has("nmae"))
        #expect(throws: UnknownColumn(table: "service", column: "nmae")) { try record.checkedValue("nmae") }
        #expect(UnknownColumn(table: "service", column: "nmae").description == "Record of service has no column nmae")
    }

    @Test func loadedRecordsHaveEverySchemaColumn() throws {
        let fixture = try ExportFixture.seeded()
        try fixture.store.pool.read { db in
            let columns = try TableColumns.of("service", in: db)
            let records = try TableColumns.load("service", where: "1", [], limit: (count: 3, offset: 0), in: db)
            #expect(records.count == 3)
            for record in records {
                #expect(record.columns == columns)
                #expect(columns.allSatisfy(record.has))
                #expect(throws: UnknownColumn.self) { try record.checkedValue("no_such_column") }
            }
        }
    }

    @Test func partialRecordsReadMissingColumnsAsNull() {
        let partial = Record(table: "language", columns: ["code"], values: [.text("tr")], partial: true)
        #expect(partial.isPartial && !record.isPartial)
        #expect(partial.text("code") == "tr")
        #expect(partial.text("name") == nil)
        #expect(throws: UnknownColumn.self) { try partial.checkedValue("name") }
    }
}
