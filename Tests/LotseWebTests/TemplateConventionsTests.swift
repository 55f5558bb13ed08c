// TemplateConventionsTests: the templates follow one convention for partials — a partial is a
// file `_name.html` and is always called by that name, `{{> _name}}`.
import Foundation
import Testing

@Suite struct TemplateConventionsTests {
    @Test func partialsAreCalledByTheirFileName() throws {
        let folder = WebFixture.repository + "/Templates"
        let files = try FileManager.default.subpathsOfDirectory(atPath: folder).filter { $0.hasSuffix(".html") || $0.hasSuffix(".txt") }
        var calls = 0
        for file in files {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            var rest = Substring(text)
            while let range = rest.range(of: "{{>") {
                let name = rest[range.upperBound...].prefix { $0 != "}" }.trimmingCharacters(in: .whitespaces)
                #expect(name.hasPrefix("_"), "\(file): {{> \(name)}} should be {{> _\(name)}}")
                let base = (name as NSString).lastPathComponent
                let exists = files.contains { ($0 as NSString).lastPathComponent.hasPrefix(base + ".") }
                #expect(exists, "\(file): no partial file \(base).*")
                calls += 1
                rest = rest[range.upperBound...]
            }
        }
        #expect(calls > 50)
    }
}
