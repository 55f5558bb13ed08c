// The JSON reader: values, key order, exact number text, escapes, and errors with a column.
import Testing
@testable import LotseCore

@Suite struct JSONReaderTests {
    @Test func parsesNestedValuesKeepingKeyOrderAndNumberText() throws {
        let value = try JSONReader.parse(Array(#" {"b":[1,-2.50,3e2,true,false,null],"a":{"x":"Straße"}} "#.utf8))
        #expect(value == .object([
            ("b", .array([.number("1"), .number("-2.50"), .number("3e2"), .bool(true), .bool(false), .null])),
            ("a", .object([("x", .string("Straße"))])),
        ]))
    }

    @Test func decodesEscapes() throws {
        let value = try JSONReader.parse(Array(#""a\"b\\c\/d\n\t\u00fc\ud83d\ude00""#.utf8))
        #expect(value == .string("a\"b\\c/d\n\tü😀"))
    }

    @Test(arguments: [
        (#"{"a":1"#, "Spalte 7: unerwartetes Ende"),
        (#"{"a" 1}"#, "Spalte 6: »:« erwartet"),
        ("[01]", "Spalte 4: führende Null"),
        (#"{"a":1} x"#, "Spalte 9: Text nach dem Ende des JSON-Werts"),
        ("\"a\u{1}\"", "Spalte 3: Steuerzeichen in Zeichenkette"),
        (#""\ud800""#, "Spalte 8: unvollständiges Ersatzzeichenpaar"),
        ("nul", "Spalte 4: null erwartet"),
    ])
    func reportsWhereItStopped(_ text: String, _ message: String) {
        #expect(throws: JSONSyntaxError.self) { try JSONReader.parse(Array(text.utf8)) }
        do { _ = try JSONReader.parse(Array(text.utf8)) } catch { #expect(error.description == message) }
    }

    @Test func refusesInvalidUTF8AndDeepNesting() {
        #expect(throws: JSONSyntaxError.self) { try JSONReader.parse([0x22, 0xC3, 0x28, 0x22]) }
        #expect(throws: JSONSyntaxError.self) { try JSONReader.parse(Array((String(repeating: "[", count: 100) + String(repeating: "]", count: 100)).utf8)) }
    }
}
