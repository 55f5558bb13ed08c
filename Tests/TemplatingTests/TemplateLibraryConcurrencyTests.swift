// Concurrency and load sanity for TemplateLibrary: one shared library rendered from many threads,
// and large inputs rendered correctly. No timings are asserted.

import Dispatch
import Synchronization
import Testing
@testable import Templating

@Suite struct TemplateLibraryConcurrencyTests {
    /// One library shared by every test: a layout, a nav partial and a list page with an item partial.
    static let library: TemplateLibrary = {
        do {
            return try TemplateLibrary(templates: [
                "layout.html": "<html><body>\n  {{> nav}}\n  {{{body}}}\n</body></html>",
                "_nav.html": "<nav>{{#links}}<a href=\"{{href}}\">{{label}}</a>{{^@last}} | {{/@last}}{{/links}}</nav>\n",
                "pages/list.html": "<ul>\n{{#items}}\n  <li id=\"i{{@index}}\">{{> item}}</li>\n{{/items}}\n</ul>",
                "pages/_item.html": "{{@number}}. {{name}}{{#tags}} [{{.}}]{{/tags}}",
            ])
        } catch {
            fatalError("fixture does not compile: \(error)")
        }
    }()

    /// A context whose rendering differs for every `seed`.
    static func context(seed: Int) -> TemplateValue {
        let items = (0..<50).map { index -> TemplateValue in
            ["name": "Angebot \(seed)-\(index) <&>", "tags": index % 3 == 0 ? ["a", "'b'"] : []]
        }
        return ["links": [["href": "/a?x=1&y=\(seed)", "label": "A"], ["href": "/b", "label": "B"]], "items": .array(items)]
    }

    @Test func manyThreadsRenderingOneLibraryAgreeWithSerialRendering() throws {
        let seeds = 0..<8
        let expected = try seeds.map { try Self.library.render(page: "pages/list", context: Self.context(seed: $0)) }
        #expect(Set(expected).count == seeds.count)

        let iterations = 400
        let results = Mutex<[Int: [String]]>([:])
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: iterations) { iteration in
            let seed = iteration % seeds.count
            do {
                let output = try Self.library.render(page: "pages/list", context: Self.context(seed: seed))
                results.withLock { $0[seed, default: []].append(output) }
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        #expect(failures.withLock { $0 } == [])
        let collected = results.withLock { $0 }
        #expect(collected.values.map(\.count).reduce(0, +) == iterations)
        for seed in seeds {
            #expect(collected[seed]?.allSatisfy { $0 == expected[seed] } == true)
        }
    }

    @Test func concurrentTasksRenderIdentically() async throws {
        let expected = try Self.library.render(page: "pages/list", context: Self.context(seed: 1))
        let outputs = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<64 {
                group.addTask { try Self.library.render(page: "pages/list", context: Self.context(seed: 1)) }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(outputs.count == 64)
        #expect(outputs.allSatisfy { $0 == expected })
    }

    @Test func renderedPageHasTheExpectedShape() throws {
        let output = try Self.library.render(page: "pages/list", context: Self.context(seed: 3))
        #expect(output.hasPrefix("<html><body>\n  <nav><a href=\"/a?x=1&amp;y=3\">A</a> | <a href=\"/b\">B</a></nav>\n  <ul>\n"))
        #expect(output.contains("  <li id=\"i0\">1. Angebot 3-0 &lt;&amp;&gt; [a] [&#39;b&#39;]</li>\n"))
        #expect(output.contains("  <li id=\"i49\">50. Angebot 3-49 &lt;&amp;&gt;</li>\n</ul>\n</body></html>"))
    }

    @Test func largeListRendersCompletely() throws {
        let template = try Template(source: "{{#rows}}<tr><td>{{@number}}</td><td>{{name}}</td></tr>\n{{/rows}}", name: "t")
        let rows = TemplateValue.array((0..<20_000).map { ["name": .string("Zeile \($0) & mehr")] })
        let output = try template.render(["rows": rows])
        let lines = output.split(separator: "\n")
        #expect(lines.count == 20_000)
        #expect(lines.first == "<tr><td>1</td><td>Zeile 0 &amp; mehr</td></tr>")
        #expect(lines.last == "<tr><td>20000</td><td>Zeile 19999 &amp; mehr</td></tr>")
    }

    @Test func longSingleLineSourceCompilesWithCorrectColumns() throws {
        let source = String(repeating: "<td>{{x}}</td>", count: 20_000) + "{{/stray}}"
        let column = 20_000 * 14 + 1
        #expect(throws: TemplateError(.unopenedSection("stray"), template: "t", line: 1, column: column)) {
            try Template(source: source, name: "t")
        }
        let template = try Template(source: String(repeating: "<td>{{x}}</td>", count: 20_000), name: "t")
        #expect(try template.render(["x": "<"]).utf8.count == 20_000 * 13)
    }

    @Test func longValuesAreEscapedCompletely() throws {
        let value = String(repeating: "a<b>&\"'ü", count: 50_000)
        let output = try Template(source: "{{v}}", name: "t").render(["v": .string(value)])
        #expect(output == String(repeating: "a&lt;b&gt;&amp;&quot;&#39;ü", count: 50_000))
    }
}
