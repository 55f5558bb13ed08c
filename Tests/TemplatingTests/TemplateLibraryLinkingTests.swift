// Tests for TemplateLibrary+Linking: how `{{> name}}` finds `_name` files, errors at load time,
// nesting, recursion, indentation and the escaping mode partials render with.

import Testing
@testable import Templating

@Suite struct TemplateLibraryLinkingTests {
    @Test func partialIsFoundWithAndWithoutUnderscore() throws {
        let library = try TemplateLibrary(templates: [
            "page.html": "{{> card}}|{{> _card}}", "_card.html": "[{{name}}]",
        ])
        #expect(try library.render("page", ["name": "A"]) == "[A]|[A]")
    }

    @Test func partialsRequireTheUnderscoreFile() {
        #expect(throws: TemplateError(.unknownPartial("card"), template: "page.html", line: 1, column: 1)) {
            try TemplateLibrary(templates: ["page.html": "{{> card}}", "card.html": "no underscore"])
        }
    }

    @Test func missingPartialFailsAtLoadTimeWithPosition() {
        #expect(throws: TemplateError(.unknownPartial("footer"), template: "pages/a.html", line: 3, column: 5)) {
            try TemplateLibrary(templates: [
                "layout.html": "{{{body}}}", "pages/a.html": "<main>\n  ok\n    {{> footer}}\n</main>",
            ])
        }
    }

    @Test func firstBrokenFileInPathOrderIsReported() {
        let sources = ["c.html": "{{> c}}", "a.html": "{{> a}}", "b.html": "{{> b}}"]
        for _ in 0..<5 {
            #expect(throws: TemplateError(.unknownPartial("a"), template: "a.html", line: 1, column: 1)) {
                try TemplateLibrary(templates: sources)
            }
        }
    }

    @Test func missingPartialInsideAnUnrenderedSectionStillFails() {
        #expect(throws: TemplateError(.unknownPartial("never"), template: "a.html", line: 1, column: 11)) {
            try TemplateLibrary(templates: ["a.html": "{{#false}}{{> never}}{{/false}}"])
        }
    }

    @Test func siblingPartialWinsOverRootAndOthers() throws {
        let library = try TemplateLibrary(templates: [
            "pages/a.html": "{{> row}}", "pages/_row.html": "pages-row",
            "_row.html": "root-row", "mail/_row.txt": "mail-row", "b.html": "{{> row}}",
        ])
        #expect(try library.render("pages/a", [:]) == "pages-row")
        #expect(try library.render("b", [:]) == "root-row")
    }

    @Test func uniquePartialIsFoundByBaseNameAnywhere() throws {
        let library = try TemplateLibrary(templates: [
            "pages/service.html": "<ul>{{> card}}</ul>", "partials/_card.html": "<li>{{name}}</li>",
        ])
        #expect(try library.render("pages/service", ["name": "A"]) == "<ul><li>A</li></ul>")
    }

    @Test func ambiguousBaseNameIsAnError() {
        let candidates = ["a/_card.html", "b/_card.html"]
        #expect(throws: TemplateError(.ambiguousPartial("card", candidates: candidates), template: "page.html", line: 1, column: 1)) {
            try TemplateLibrary(templates: ["page.html": "{{> card}}", "a/_card.html": "a", "b/_card.html": "b"])
        }
    }

    @Test func partialSharedByTwoExtensionsIsAmbiguousUnlessNamedWithOne() throws {
        let candidates = ["_sig.html", "_sig.txt"]
        #expect(throws: TemplateError(.ambiguousPartial("sig", candidates: candidates), template: "page.html", line: 1, column: 1)) {
            try TemplateLibrary(templates: ["page.html": "{{> sig}}", "_sig.html": "h", "_sig.txt": "t"])
        }
        let library = try TemplateLibrary(templates: ["page.html": "{{> sig.txt}}", "_sig.html": "h", "_sig.txt": "t"])
        #expect(try library.render("page", [:]) == "t")
    }

    @Test func pathReferenceLooksOnlyThere() throws {
        let library = try TemplateLibrary(templates: [
            "page.html": "{{> lists/row}}+{{> lists/_row}}", "lists/_row.html": "L", "_row.html": "R",
        ])
        #expect(try library.render("page", [:]) == "L+L")
        #expect(throws: TemplateError(.unknownPartial("other/row"), template: "p.html", line: 1, column: 1)) {
            try TemplateLibrary(templates: ["p.html": "{{> other/row}}", "_row.html": "R"])
        }
    }

    @Test func nestedPartialsResolveFromTheirOwnDirectory() throws {
        let library = try TemplateLibrary(templates: [
            "page.html": "<{{> widgets/box}}>", "widgets/_box.html": "box({{> label}})",
            "widgets/_label.html": "{{text}}", "_label.html": "wrong",
        ])
        #expect(try library.render("page", ["text": "hi"]) == "<box(hi)>")
    }

    @Test func partialsSeeTheWholeContextStack() throws {
        let library = try TemplateLibrary(templates: [
            "page.html": "{{#items}}{{> item}}{{/items}}", "_item.html": "{{@number}}.{{name}}@{{site}};",
        ])
        #expect(try library.render("page", ["site": "L", "items": [["name": "a"], ["name": "b"]]]) == "1.a@L;2.b@L;")
    }

    @Test func recursivePartialRendersATree() throws {
        let library = try TemplateLibrary(templates: [
            "tree.html": "{{> node}}", "_node.html": "{{name}}({{#children}}{{> node}}{{/children}})",
        ])
        // Every node needs its own `children`: a missing key would find the parent's list.
        let tree: TemplateValue = [
            "name": "root",
            "children": [["name": "a", "children": [["name": "a1", "children": []]]], ["name": "b", "children": []]],
        ]
        #expect(try library.render("tree", tree) == "root(a(a1())b())")
    }

    @Test func unboundedRecursionStopsWithAnError() throws {
        let library = try TemplateLibrary(templates: ["loop.html": "{{> self}}", "_self.html": "x{{> self}}"])
        let limit = TemplateRenderer.maximumPartialDepth
        #expect(throws: TemplateError(.partialDepthExceeded(limit: limit), template: "_self.html", line: 1, column: 2)) {
            try library.render("loop", [:])
        }
    }

    @Test func partialsRenderWithTheEscapingOfTheStartingTemplate() throws {
        let library = try TemplateLibrary(templates: [
            "page.html": "{{> value}}", "mail.txt": "{{> value}}", "_value.txt": "{{x}}",
        ])
        #expect(try library.render("page", ["x": "<&>"]) == "&lt;&amp;&gt;")
        #expect(try library.render("mail", ["x": "<&>"]) == "<&>")
    }

    @Test func standalonePartialIsIndentedLineByLine() throws {
        let library = try TemplateLibrary(templates: [
            "page.html": "<ul>\n  {{> items}}\n</ul>\n",
            "_items.html": "{{#list}}\n<li>{{.}}</li>\n{{/list}}\n",
        ])
        #expect(try library.render("page", ["list": ["a", "b"]]) == "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n")
    }

    @Test func nestedStandalonePartialsAccumulateIndentation() throws {
        let library = try TemplateLibrary(templates: [
            "page.html": "<div>\n  {{> outer}}\n</div>",
            "_outer.html": "<section>\n  {{> inner}}\n</section>\n",
            "_inner.html": "<p>\nx\n</p>\n",
        ])
        #expect(try library.render("page", [:])
            == "<div>\n  <section>\n    <p>\n    x\n    </p>\n  </section>\n</div>")
    }
}
