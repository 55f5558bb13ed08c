// vCard text rules: folding at 75 octets without splitting UTF-8, CRLF, escaping per version.
import Testing
@testable import LotseCore

@Suite struct VCardTextTests {
    /// The physical lines of folded output (without CRLF), checking that every line ends CRLF.
    func physicalLines(_ bytes: [UInt8]) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == 13 {
                #expect(index + 1 < bytes.count && bytes[index + 1] == 10, "CR without LF")
                lines.append(current)
                current = []
                index += 2
                continue
            }
            #expect(bytes[index] != 10, "bare LF")
            current.append(bytes[index])
            index += 1
        }
        #expect(current.isEmpty, "output must end with CRLF")
        return lines
    }

    func unfold(_ lines: [[UInt8]]) -> String {
        String(decoding: lines.enumerated().flatMap { $0.offset == 0 ? $0.element : Array($0.element.dropFirst()) }, as: UTF8.self)
    }

    @Test func shortLinesAreNotFolded() {
        #expect(VCardText.fold("FN:Verein") == Array("FN:Verein\r\n".utf8))
        let exactly75 = "NOTE:" + String(repeating: "x", count: 70)
        #expect(VCardText.fold(exactly75) == Array((exactly75 + "\r\n").utf8))
    }

    @Test func foldsAt75OctetsWithASpaceThatCountsTowardsTheLimit() {
        let line = "NOTE:" + String(repeating: "a", count: 200)
        let lines = physicalLines(VCardText.fold(line))
        #expect(lines.map(\.count) == [75, 75, 57])
        #expect(lines.dropFirst().allSatisfy { $0.first == 32 })
        #expect(unfold(lines) == line)
    }

    @Test(arguments: ["ü", "ß", "€", "😀", "e\u{301}", "Straße", "日本"])
    func neverSplitsAUTF8Sequence(_ piece: String) {
        for prefix in 0..<8 {
            let line = "NOTE:" + String(repeating: "x", count: prefix) + String(repeating: piece, count: 60)
            let lines = physicalLines(VCardText.fold(line))
            for physical in lines {
                #expect(physical.count <= 75)
                #expect(String(validating: physical, as: UTF8.self) != nil, "a physical line is not valid UTF-8: \(physical)")
            }
            #expect(unfold(lines) == line)
        }
    }

    @Test func escapesText3AndText4Differently() {
        let value = "Beratung; Begleitung, Hilfe\\Rat\nZeile 2\r\nZeile 3"
        #expect(VCardText.escape(value, version: .v3, position: .text) == "Beratung\\; Begleitung\\, Hilfe\\\\Rat\\nZeile 2\\nZeile 3")
        // RFC 6350 §3.3: TEXT-CHAR has no "\;" — a semicolon stays as it is in plain text.
        #expect(VCardText.escape(value, version: .v4, position: .text) == "Beratung; Begleitung\\, Hilfe\\\\Rat\\nZeile 2\\nZeile 3")
    }

    @Test func escapesComponentsAndListItemsInBothVersions() {
        for version in VCardVersion.allCases {
            #expect(VCardText.escape("Haus 1; Hof, links", version: version, position: .component) == "Haus 1\\; Hof\\, links")
            #expect(VCardText.escape("Wohnen, Pflege", version: version, position: .listItem) == "Wohnen\\, Pflege")
        }
        #expect(VCardText.escape("a;b", version: .v3, position: .listItem) == "a\\;b")
        #expect(VCardText.escape("a;b", version: .v4, position: .listItem) == "a;b")
    }

    @Test func dropsControlCharacters() {
        #expect(VCardText.escape("a\u{7}b\tc", version: .v4, position: .text) == "ab c")
    }
}
