// Tests for TemplateTokenizer: token boundaries, tag kinds, line breaks and tag positions.

import Testing
@testable import Templating

@Suite struct TemplateTokenizerTests {
    /// The tokens of `source` in a compact form: `t:text`, `nl`, `crlf`, `kind:name@line:column`.
    private func tokens(_ source: String) throws -> [String] {
        try TemplateTokenizer(source: source, file: "t.html").tokenize().map { token in
            switch token {
            case .text(let text): "t:\(text)"
            case .newline(let newline): newline == "\n" ? "nl" : "crlf"
            case .tag(let tag): "\(tag.kind):\(tag.name)@\(tag.location.line):\(tag.location.column)"
            }
        }
    }

    @Test func textAndTagsAreSplit() throws {
        #expect(try tokens("Hallo {{name}}!") == ["t:Hallo ", "escapedVariable:name@1:7", "t:!"])
    }

    @Test func sigilsChooseTheTagKind() throws {
        let source = "{{a}}{{{b}}}{{&c}}{{#d}}{{^e}}{{/f}}{{!g}}{{>h}}"
        #expect(try tokens(source) == [
            "escapedVariable:a@1:1", "rawVariable:b@1:6", "rawVariable:c@1:13", "sectionOpen:d@1:19",
            "invertedOpen:e@1:25", "sectionClose:f@1:31", "comment:g@1:37", "partial:h@1:43",
        ])
    }

    @Test func namesAreTrimmed() throws {
        #expect(try tokens("{{  a.b \t}}{{# list }}{{{ raw }}}") == [
            "escapedVariable:a.b@1:1", "sectionOpen:list@1:12", "rawVariable:raw@1:23",
        ])
    }

    @Test func lineBreaksAreTokensAndCountLines() throws {
        #expect(try tokens("a\nb\r\n{{x}}") == ["t:a", "nl", "t:b", "crlf", "escapedVariable:x@3:1"])
    }

    @Test func loneCarriageReturnIsText() throws {
        #expect(try tokens("a\rb\n") == ["t:a\rb", "nl"])
    }

    @Test func carriageReturnAfterATagStillFormsCRLF() throws {
        #expect(try tokens("{{x}}\r\n") == ["escapedVariable:x@1:1", "crlf"])
    }

    @Test func columnsCountCharactersNotBytes() throws {
        #expect(try tokens("Grüße 🏠 {{x}}") == ["t:Grüße 🏠 ", "escapedVariable:x@1:9"])
    }

    @Test func multiLineCommentAdvancesTheLineCount() throws {
        #expect(try tokens("{{! one\ntwo\n}} {{x}}") == ["comment:one\ntwo@1:1", "t: ", "escapedVariable:x@3:4"])
    }

    @Test func singleBracesAndClosingBracesAreText() throws {
        #expect(try tokens("{a} }} {") == ["t:{a} }} {"])
    }

    @Test func emptyCommentIsAllowed() throws {
        #expect(try tokens("{{!}}") == ["comment:@1:1"])
    }

    @Test func unclosedTagIsReportedAtItsOpening() {
        #expect(throws: TemplateError(.unclosedTag, template: "t.html", line: 2, column: 3)) {
            try tokens("ok\n  {{name\n")
        }
    }

    @Test func unclosedTripleMustacheIsReported() {
        #expect(throws: TemplateError(.unclosedTag, template: "t.html", line: 1, column: 1)) {
            try tokens("{{{name}}")
        }
    }

    @Test func openingBracesAtTheEndAreUnclosed() {
        #expect(throws: TemplateError(.unclosedTag, template: "t.html", line: 1, column: 3)) {
            try tokens("ab{{")
        }
    }

    @Test(arguments: ["{{}}", "{{ }}", "{{#}}", "{{/ }}", "{{{ }}}", "{{&}}", "{{>}}", "{{^\t}}"])
    func emptyNamesAreRejected(source: String) {
        #expect(throws: TemplateError(.emptyTagName, template: "t.html", line: 1, column: 1)) {
            try tokens(source)
        }
    }

    @Test func setDelimiterIsRejected() {
        #expect(throws: TemplateError(.setDelimiterUnsupported, template: "t.html", line: 1, column: 4)) {
            try tokens("ab {{=<% %>=}}")
        }
    }
}
