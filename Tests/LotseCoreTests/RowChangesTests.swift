// The row operations of a change request: only fields that differ, links to terms added and
// removed among those offered (retired ones stay), languages by code, places among the
// organization's own locations, and a pending change laid over the stored records.
import Foundation
import SQLite
import Testing
@testable import LotseCore

@Suite struct RowChangesTests {
    func record(_ table: String, _ values: [String: String]) -> Record {
        Record(table: table, columns: Array(values.keys), values: values.values.map { .text($0) })
    }

    @Test func onlyChangedFieldsAreWritten() {
        let current = record("service", ["id": "s", "name": "Treff", "minimum_age": "60.0", "email": "a@b.de"])
        let row = RowChanges.record("service", id: "s", current: current, values: ["name": "Treff ", "minimum_age": "60", "email": ""])
        #expect(row == RowChange(table: "service", id: "s", values: ["email": nil]))
        #expect(RowChanges.record("service", id: "s", current: current, values: ["name": "Treff"]) == nil)
        let created = RowChanges.record("service", id: "n", current: nil, values: ["name": "Neu", "email": ""], fixed: ["organization_id": "o"])
        #expect(created?.values == ["name": "Neu", "organization_id": "o"])
    }

    @Test func linksChangeOnlyAmongOfferedChoices() {
        let links = [record("attribute", ["id": "a1", "taxonomy_term_id": "t1"]), record("attribute", ["id": "a2", "taxonomy_term_id": "alt"])]
        let rows = RowChanges.attributes(entity: "service", linkID: "s", current: links, offered: ["t1", "t2"], selected: ["t2"])
        #expect(rows.count == 2)
        #expect(rows[0].values["taxonomy_term_id"] == "t2" && rows[1] == RowChange(table: "attribute", id: "a1", delete: true))
        let places = [record("service_at_location", ["id": "p1", "location_id": "partner"])]
        #expect(RowChanges.placements(serviceID: "s", current: places, offered: ["own"], selected: []).isEmpty)
        let languages = RowChanges.languages(serviceID: "s", current: [record("language", ["id": "l1", "code": "ru"])], selected: ["tr"], names: ["tr": "Türkisch"])
        #expect(languages.map(\.delete) == [false, true] && languages[0].values["name"] == "Türkisch")
    }

    @Test func aPendingChangeIsLaidOverTheStoredRecords() {
        let stored = [record("language", ["id": "l1", "service_id": "s", "code": "ru"])]
        let changes = [RowChange(table: "language", id: "l1", delete: true), RowChange(table: "language", id: "l2", values: ["service_id": "s", "code": "tr"])]
        let result = RowChanges.overlay(stored, table: "language", changes: changes) { ($0["service_id"] ?? nil) == "s" }
        #expect(result.compactMap { $0.text("code") } == ["tr"])
    }
}
