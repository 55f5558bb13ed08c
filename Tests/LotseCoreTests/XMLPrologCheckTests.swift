// The prolog scan finds a DOCTYPE behind comments and processing instructions, and nothing in
// documents without one.
import Testing
@testable import LotseCore

@Suite struct XMLPrologCheckTests {
    @Test(arguments: [
        ("<?xml version=\"1.0\"?>\n<!DOCTYPE a>\n<a/>", 2),
        ("\u{FEFF}<!-- x -->\n<?pi y?>\n\n<!DOCTYPE a SYSTEM \"x.dtd\"><a/>", 4),
        ("<!-- <a> -->\n<!ENTITY x \"y\">", 2),
    ])
    func findsADoctypeBeforeTheRoot(_ text: String, _ line: Int) {
        #expect(XMLPrologCheck.documentTypeLine(Array(text.utf8)) == line)
    }

    @Test(arguments: ["<?xml version=\"1.0\"?>\n<a><!DOCTYPE is text here/></a>", "<a/>", "", "<!-- unterminated"])
    func findsNothingElse(_ text: String) {
        #expect(XMLPrologCheck.documentTypeLine(Array(text.utf8)) == nil)
    }
}
