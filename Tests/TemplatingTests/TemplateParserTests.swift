// Tests for TemplateParser: section nesting, name checks and error positions. Standalone-line
// output is tested through rendering in TemplateTests and the spec suites.

import Testing
@testable import Templating

@Suite struct TemplateParserTests {
    private func parse(_ source: String) throws -> [TemplateNode] {
        try TemplateParser(file: "pages/x.html").parse(source)
    }

    private func error(_ reason: TemplateError.Reason, _ line: Int, _ column: Int) -> TemplateError {
        TemplateError(reason, template: "pages/x.html", line: line, column: column)
    }

    @Test func wellFormedTemplateParses() throws {
        let nodes = try parse("<ul>{{#items}}<li>{{name}}</li>{{/items}}</ul>{{^items}}none{{/items}}")
        #expect(nodes.count == 4)
    }

    @Test func unclosedSectionIsReportedAtItsOpening() {
        #expect(throws: error(.unclosedSection("items"), 2, 5)) {
            try parse("<ul>\n    {{#items}}\n<li>{{name}}</li>\n</ul>")
        }
    }

    @Test func innermostUnclosedSectionIsReported() {
        #expect(throws: error(.unclosedSection("b"), 2, 1)) {
            try parse("{{#a}}\n{{#b}}\nx")
        }
    }

    @Test func mismatchedSectionIsReportedAtTheClosingTag() {
        #expect(throws: error(.mismatchedSection(expected: "b", found: "a"), 3, 1)) {
            try parse("{{#a}}\n{{^b}}\n{{/a}}\n{{/b}}")
        }
    }

    @Test func closingWithoutOpeningIsReported() {
        #expect(throws: error(.unopenedSection("items"), 1, 3)) {
            try parse("x {{/items}}")
        }
    }

    @Test func surplusClosingAfterABalancedSectionIsReported() {
        #expect(throws: error(.unopenedSection("a"), 1, 13)) {
            try parse("{{#a}}{{/a}}{{/a}}")
        }
    }

    @Test(arguments: ["a b", "a..b", "a.", ".a", "a.@index", "a}b"])
    func invalidNamesAreRejected(name: String) {
        #expect(throws: error(.invalidTagName(name), 1, 4)) {
            try parse("ok {{\(name)}}")
        }
    }

    @Test func invalidSectionNameIsRejected() {
        #expect(throws: error(.invalidTagName("a b"), 1, 1)) {
            try parse("{{#a b}}{{/a b}}")
        }
    }

    @Test func unknownHelperIsRejected() {
        #expect(throws: error(.unknownHelper("@count"), 2, 1)) {
            try parse("\n{{@count}}")
        }
    }

    @Test func partialNameWithWhitespaceIsRejected() {
        #expect(throws: error(.invalidTagName("a b"), 1, 1)) {
            try parse("{{> a b}}")
        }
    }

    @Test func tagMissingItsClosingBracesIsCaughtByTheNextTag() {
        // `{{name` swallows text up to the next `}}`; the braces then make the name invalid.
        #expect(throws: error(.invalidTagName("name {{other"), 1, 1)) {
            try parse("{{name {{other}}")
        }
    }

    @Test func commentsMayContainTagOpenersAndBraces() throws {
        let nodes = try parse("{{! {{#open without close, {braces} }}")
        #expect(nodes.isEmpty)
    }

    @Test func commentEndsAtTheFirstClosingBraces() throws {
        let nodes = try parse("{{! a }}b }}")
        guard case .text(let text) = nodes.first else {
            Issue.record("expected text after the comment, got \(nodes)")
            return
        }
        #expect(text.text == "b }}")
    }

    @Test func recognisedNamesBecomePaths() {
        #expect(VariablePath(name: ".") == .implicit)
        #expect(VariablePath(name: "@first") == .helper(.first))
        #expect(VariablePath(name: "a.b") == .keys(["a", "b"]))
        #expect(VariablePath(name: "@nope") == nil)
    }

    @Test func standalonePartialRecordsItsIndentation() throws {
        let nodes = try parse("a\n  {{> card}}\nb {{> inline}}")
        let references = nodes.flatMap(\.partialReferences)
        #expect(references.map(\.name) == ["card", "inline"])
        #expect(references.map(\.indent) == ["  ", ""])
        #expect(references.map(\.standalone) == [true, false])
        #expect(references.map(\.location) == [SourceLocation(line: 2, column: 3), SourceLocation(line: 3, column: 3)])
    }
}
