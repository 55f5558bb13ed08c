// Tests for EscapingMode: the HTML escaper and the choice of mode by file extension.

import Testing
@testable import Templating

@Suite struct EscapingModeTests {
    @Test(arguments: [("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\"", "&quot;"), ("'", "&#39;")])
    func everySpecialCharacterIsEscaped(character: String, entity: String) {
        #expect(EscapingMode.html.escape(character) == entity)
        #expect(EscapingMode.html.escape("a\(character)b") == "a\(entity)b")
        #expect(EscapingMode.html.escape("\(character)\(character)") == entity + entity)
    }

    @Test func scriptPayloadIsNeutralised() {
        let escaped = EscapingMode.html.escape("<script>alert(\"x\")</script>")
        #expect(escaped == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;")
    }

    @Test func textWithoutSpecialCharactersIsUnchanged() {
        let text = "Beratung für Familien – Sozialraum Nord 🏠 ÄÖÜß"
        #expect(EscapingMode.html.escape(text) == text)
        #expect(EscapingMode.html.escape("") == "")
    }

    @Test func aSpecialCharacterAfterALongPlainRunIsEscaped() {
        let run = String(repeating: "Beratung für Familien ", count: 40)
        #expect(EscapingMode.html.escape(run + "'") == run + "&#39;")
        #expect(EscapingMode.html.escape(">" + run) == "&gt;" + run)
        var output = Array("<b>".utf8)
        EscapingMode.html.append(run + "&", to: &output)
        #expect(String(decoding: output, as: UTF8.self) == "<b>" + run + "&amp;")
    }

    @Test func multiByteTextAroundEntitiesSurvives() {
        #expect(EscapingMode.html.escape("Müller & Söhne <GmbH> 🏠") == "Müller &amp; Söhne &lt;GmbH&gt; 🏠")
    }

    @Test func combiningMarkAfterAnEscapedCharacterIsKeptOnce() {
        let escaped = EscapingMode.html.escape("a&\u{301}b")
        #expect(Array(escaped.unicodeScalars) == Array("a&amp;\u{301}b".unicodeScalars))
    }

    @Test func noneModeLeavesTextAlone() {
        let payload = "<script>alert(\"x\")</script> & ' "
        #expect(EscapingMode.none.escape(payload) == payload)
    }

    @Test(arguments: [
        ("html", EscapingMode.html), ("HTM", .html), ("svg", .html), ("xml", .html), ("txt", .none), ("TXT", .none),
    ])
    func templateExtensionsChooseTheirMode(fileExtension: String, mode: EscapingMode) {
        #expect(EscapingMode(fileExtension: fileExtension) == mode)
    }

    @Test(arguments: ["md", "css", "", "html~", "mustache"])
    func otherExtensionsAreNotTemplates(fileExtension: String) {
        #expect(EscapingMode(fileExtension: fileExtension) == nil)
    }
}
