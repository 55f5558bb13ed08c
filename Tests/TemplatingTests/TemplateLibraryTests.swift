// Tests for TemplateLibrary: names and file keys, render errors, escaping by extension, and the
// page-in-layout helper.

import Testing
@testable import Templating

@Suite struct TemplateLibraryTests {
    @Test func namesDropTheExtensionAndFilesKeepIt() throws {
        let library = try TemplateLibrary(templates: [
            "layout.html": "", "pages/service.html": "", "mail/digest_provider.txt": "", "_card.html": "",
        ])
        #expect(library.names == ["_card", "layout", "mail/digest_provider", "pages/service"])
        #expect(library.files == ["_card.html", "layout.html", "mail/digest_provider.txt", "pages/service.html"])
    }

    @Test func templatesAreFoundByNameAndByFileKey() throws {
        let library = try TemplateLibrary(templates: ["pages/service.html": "S {{x}}"])
        #expect(try library.render("pages/service", ["x": 1]) == "S 1")
        #expect(try library.render("pages/service.html", ["x": 2]) == "S 2")
        #expect(try library.template(named: "pages/service").file == "pages/service.html")
    }

    @Test func unknownTemplateIsAnError() throws {
        let library = try TemplateLibrary(templates: ["pages/service.html": ""])
        #expect(throws: TemplateError(.unknownTemplate("pages/servic"), template: "pages/servic")) {
            try library.render("pages/servic", [:])
        }
        #expect(throws: TemplateError(.unknownTemplate("service"), template: "service")) {
            try library.render("service", [:])
        }
    }

    @Test func nameSharedByTwoFilesNeedsTheExtension() throws {
        let library = try TemplateLibrary(templates: [
            "mail/digest.html": "<p>{{name}}</p>", "mail/digest.txt": "Hallo {{name}}",
        ])
        let candidates = ["mail/digest.html", "mail/digest.txt"]
        #expect(throws: TemplateError(.ambiguousTemplate("mail/digest", candidates: candidates), template: "mail/digest")) {
            try library.render("mail/digest", [:])
        }
        #expect(try library.render("mail/digest.txt", ["name": "A&B"]) == "Hallo A&B")
        #expect(try library.render("mail/digest.html", ["name": "A&B"]) == "<p>A&amp;B</p>")
    }

    @Test func textTemplatesAreNotEscaped() throws {
        let payload: TemplateValue = ["x": "<script>alert(\"x\")</script> & 'y'"]
        let library = try TemplateLibrary(templates: ["a.txt": "{{x}}", "b.html": "{{x}}", "c.svg": "{{x}}"])
        #expect(try library.render("a", payload) == "<script>alert(\"x\")</script> & 'y'")
        #expect(try library.render("b", payload) == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;")
        #expect(try library.render("c", payload) == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;")
    }

    @Test func keysWithoutExtensionUseTheDefaultMode() throws {
        let plain = try TemplateLibrary(templates: ["mail": "{{x}}"], defaultEscaping: .none)
        #expect(try plain.render("mail", ["x": "<&>"]) == "<&>")
        let html = try TemplateLibrary(templates: ["page": "{{x}}"])
        #expect(try html.render("page", ["x": "<&>"]) == "&lt;&amp;&gt;")
        #expect(try TemplateLibrary(templates: ["page.xyz": "{{x}}"]).render("page.xyz", ["x": "<"]) == "&lt;")
    }

    @Test func parseErrorsNameTheFileKey() {
        #expect(throws: TemplateError(.mismatchedSection(expected: "a", found: "b"), template: "pages/x.html", line: 2, column: 1)) {
            try TemplateLibrary(templates: ["ok.html": "fine", "pages/x.html": "{{#a}}\n{{/b}}"])
        }
    }

    @Test func pageIsWrappedInTheLayout() throws {
        let library = try TemplateLibrary(templates: [
            "layout.html": "<title>{{title}}</title><main>{{{body}}}</main>",
            "pages/service.html": "<h1>{{title}}</h1><p>{{text}}</p>",
        ])
        let output = try library.render(page: "pages/service", context: ["title": "A&B", "text": "<i>"])
        #expect(output == "<title>A&amp;B</title><main><h1>A&amp;B</h1><p>&lt;i&gt;</p></main>")
    }

    @Test func layoutCanBeChosenAndBodyShadowsTheContext() throws {
        let library = try TemplateLibrary(templates: [
            "mail/frame.txt": "--\n{{{body}}}\n--", "mail/note.txt": "{{body}}!",
        ])
        let output = try library.render(page: "mail/note", layout: "mail/frame", context: ["body": "Text"])
        #expect(output == "--\nText!\n--")
    }

    @Test func missingLayoutIsAnError() throws {
        let library = try TemplateLibrary(templates: ["page.html": "x"])
        #expect(throws: TemplateError(.unknownTemplate("layout"), template: "layout")) {
            try library.render(page: "page", context: [:])
        }
    }

    @Test func escapedBodyWouldBeVisibleAsText() throws {
        // Guards the documented contract: the layout must use {{{body}}}.
        let library = try TemplateLibrary(templates: ["layout.html": "{{body}}", "p.html": "<b>x</b>"])
        #expect(try library.render(page: "p", context: [:]) == "&lt;b&gt;x&lt;/b&gt;")
    }
}
