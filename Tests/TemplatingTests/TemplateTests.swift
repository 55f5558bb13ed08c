// Tests for Template: compile once and render many times, escaping per mode, raw tags, and the
// standalone-line rule as seen in output.

import Testing
@testable import Templating

@Suite struct TemplateTests {
    private func render(_ source: String, _ context: TemplateValue, escaping: EscapingMode = .html) throws -> String {
        try Template(source: source, name: "t", escaping: escaping).render(context)
    }

    @Test func compiledTemplateRendersManyContexts() throws {
        let template = try Template(source: "Hallo {{name}}!", name: "greeting")
        #expect(try template.render(["name": "Ada"]) == "Hallo Ada!")
        #expect(try template.render(["name": "Bo"]) == "Hallo Bo!")
        #expect(try template.render([:]) == "Hallo !")
    }

    @Test func nameFileAndModeAreKept() throws {
        let template = try Template(source: "", name: "mail/digest", file: "mail/digest.txt", escaping: .none)
        #expect(template.name == "mail/digest")
        #expect(template.file == "mail/digest.txt")
        #expect(template.escaping == .none)
        #expect(try Template(source: "", name: "x").file == "x")
    }

    @Test func parseErrorsNameTheFile() {
        #expect(throws: TemplateError(.unclosedSection("a"), template: "pages/a.html", line: 1, column: 1)) {
            try Template(source: "{{#a}}", name: "pages/a", file: "pages/a.html")
        }
    }

    @Test func scriptPayloadIsEscapedInText() throws {
        let output = try render("<p>{{comment}}</p>", ["comment": "<script>alert(\"x\")</script>"])
        #expect(output == "<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>")
    }

    @Test func attributeBreakoutPayloadsAreEscaped() throws {
        let context: TemplateValue = ["double": "\" onmouseover=\"alert(1)", "single": "' onmouseover='alert(1)"]
        let output = try render("<a title=\"{{double}}\" data-x='{{single}}'>", context)
        #expect(output == "<a title=\"&quot; onmouseover=&quot;alert(1)\" data-x='&#39; onmouseover=&#39;alert(1)'>")
    }

    @Test func rawTagsDoNotEscape() throws {
        let context: TemplateValue = ["html": "<b>fett</b> & 'so'"]
        #expect(try render("{{{html}}}|{{& html}}|{{html}}", context)
            == "<b>fett</b> & 'so'|<b>fett</b> & 'so'|&lt;b&gt;fett&lt;/b&gt; &amp; &#39;so&#39;")
    }

    @Test func noneModeDoesNotEscape() throws {
        let output = try render("Betreff: {{subject}}", ["subject": "<Termin> & \"Rückruf\""], escaping: .none)
        #expect(output == "Betreff: <Termin> & \"Rückruf\"")
    }

    @Test func scalarsInterpolateAsText() throws {
        let context: TemplateValue = ["i": -42, "d": 1.21, "whole": 3.0, "yes": true, "no": false]
        #expect(try render("{{i}} {{d}} {{whole}} {{yes}} {{no}}", context) == "-42 1.21 3 true false")
    }

    @Test func listsObjectsAndNullInterpolateAsNothing() throws {
        let context: TemplateValue = ["list": [1, 2], "object": ["a": 1], "nothing": nil]
        #expect(try render("[{{list}}][{{object}}][{{nothing}}][{{missing}}]", context) == "[][][][]")
    }

    @Test func renderedValuesAreNotReparsed() throws {
        #expect(try render("{{a}}", ["a": "{{b}}", "b": "no"]) == "{{b}}")
    }

    @Test func partialOutsideALibraryIsAnError() throws {
        let template = try Template(source: "a\n{{> card}}", name: "t")
        #expect(template.partialNames == ["card"])
        #expect(throws: TemplateError(.unknownPartial("card"), template: "t", line: 2, column: 1)) {
            try template.render([:])
        }
    }

    @Test func partialNamesAreListedOnceInOrder() throws {
        let template = try Template(source: "{{> b}}{{#x}}{{> a}}{{> b}}{{/x}}", name: "t")
        #expect(template.partialNames == ["b", "a"])
    }

    @Test func standaloneSectionLinesDisappear() throws {
        let source = """
            <ul>
              {{#items}}
              <li>{{name}}</li>
              {{/items}}
              {{! no items: }}
              {{^items}}
              <li>keine</li>
              {{/items}}
            </ul>
            """
        #expect(try render(source, ["items": [["name": "A"], ["name": "B"]]])
            == "<ul>\n  <li>A</li>\n  <li>B</li>\n</ul>")
        #expect(try render(source, ["items": []]) == "<ul>\n  <li>keine</li>\n</ul>")
    }

    @Test func variableLinesAndTwoTagLinesAreKept() throws {
        #expect(try render("a\n  {{x}}\nb", ["x": ""]) == "a\n  \nb")
        #expect(try render("a\n{{#t}}{{/t}}\nb", ["t": true]) == "a\n\nb")
    }

    @Test func crlfStandaloneLinesDisappearWhole() throws {
        #expect(try render("a\r\n  {{#t}}\r\nb\r\n{{/t}}\r\n", ["t": true]) == "a\r\nb\r\n")
    }
}
