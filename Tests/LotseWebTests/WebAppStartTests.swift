// WebApp's start: templates parsed beforehand (as `lotse serve` does while the store opens)
// are the ones the site uses.
import Foundation
import Templating
import Testing
@testable import LotseCore
@testable import LotseWeb

@Suite struct WebAppStartTests {
    @Test func templatesParsedBeforehandAreTheOnesUsed() throws {
        let fixture = try WebFixture(seeds: false)
        let tree = FileTree(folder: WebFixture.repository + "/Templates")
        var files = try tree.paths().filter(TemplateLibrary.isTemplateFile).map { file in
            (file: file, bytes: try #require(tree.contents(file)))
        }
        files.append((file: "startprobe.html", bytes: Array("Probe".utf8)))
        let parsed = try TemplateLibrary(files: files)

        let app = try WebApp(store: fixture.store, configuration: WebConfiguration(templates: tree), templateLibrary: parsed)
        #expect(app.context.site.templates.names.contains("startprobe"))
        let unparsed = try WebApp(store: fixture.store, configuration: WebConfiguration(templates: tree))
        #expect(!unparsed.context.site.templates.names.contains("startprobe"))
    }
}
