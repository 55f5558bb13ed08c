// CSVReader: RFC 4180 records from bytes, including broken input.
import Testing
@testable import LotseCore

@Suite struct CSVReaderTests {
    func records(_ text: String) throws -> [CSVRecord] {
        let reader = CSVReader(bytes: Array(text.utf8))
        var result: [CSVRecord] = []
        while let record = try reader.next() { result.append(record) }
        return result
    }

    @Test func quotedFieldsWithCommasQuotesAndNewlines() throws {
        let parsed = try records("id,text\r\n1,\"a, \"\"b\"\"\nc\"\r\n2,plain\n")
        #expect(parsed.map(\.fields) == [["id", "text"], ["1", "a, \"b\"\nc"], ["2", "plain"]])
        #expect(parsed.map(\.line) == [1, 2, 4])
    }

    @Test func byteOrderMarkIsSkippedAndLastLineNeedsNoNewline() throws {
        #expect(try records("\u{FEFF}a,b\n1,2").map(\.fields) == [["a", "b"], ["1", "2"]])
    }

    @Test func emptyFieldsAndEmptyQuotedFields() throws {
        #expect(try records("a,,\"\",d\n").map(\.fields) == [["a", "", "", "d"]])
    }

    @Test func invalidUTF8IsFlaggedPerRecordWithoutLosingTheNextRecord() throws {
        var bytes = Array("id,name\n1,".utf8) + [0x4D, 0xFC, 0x6C] + Array("ler\n2,ok\n".utf8)   // Latin-1 "Müller"
        let reader = CSVReader(bytes: bytes)
        _ = try reader.next()
        let broken = try reader.next()
        #expect(broken?.invalidEncodingField == 2)
        #expect(broken?.line == 2)
        #expect(try reader.next()?.fields == ["2", "ok"])
        bytes = []
    }

    @Test func unterminatedQuoteIsAnErrorWithItsLine() throws {
        let error = #expect(throws: CSVError.self) { _ = try records("a,b\n1,\"open\n2,3\n") }
        #expect(error?.line == 2)
    }

    @Test func characterAfterClosingQuoteIsAnError() throws {
        #expect(throws: CSVError.self) { _ = try records("\"a\"b,c\n") }
    }
}
