// Tests for TemplateLibrary+Loading: loading a template tree from a fresh temporary directory.

import Foundation
import Testing
@testable import Templating

@Suite struct TemplateLibraryLoadingTests {
    /// A fresh directory holding `files` (relative path → bytes), removed after `body`.
    private func withDirectory(_ files: [String: [UInt8]], _ body: (String) throws -> Void) throws {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("templating-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        for (relative, bytes) in files {
            let path = root + "/" + relative
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        }
        try body(root)
    }

    private func text(_ string: String) -> [UInt8] { Array(string.utf8) }

    @Test func loadsTheTreeWithNamesWithoutExtension() throws {
        try withDirectory([
            "layout.html": text("<body>{{{body}}}</body>"),
            "pages/service.html": text("<h1>{{title}}</h1>{{#offers}}{{> card}}{{/offers}}"),
            "partials/_card.html": text("<p>{{name}}</p>"),
            "mail/digest_provider.txt": text("Hallo {{name}}"),
            "icons/logo.svg": text("<svg>{{label}}</svg>"),
            "README.md": text("{{not a template"),
            "style.css": text("a{}"),
            ".hidden/secret.html": text("{{#broken}}"),
            ".draft.html": text("{{#broken}}"),
        ]) { root throws in
            let library = try TemplateLibrary(directory: root)
            #expect(library.names == ["icons/logo", "layout", "mail/digest_provider", "pages/service", "partials/_card"])
            let page = try library.render(page: "pages/service", context: ["title": "A&B", "offers": [["name": "<x>"]]])
            #expect(page == "<body><h1>A&amp;B</h1><p>&lt;x&gt;</p></body>")
            #expect(try library.render("mail/digest_provider", ["name": "<x>"]) == "Hallo <x>")
            #expect(try library.render("icons/logo", ["label": "<x>"]) == "<svg>&lt;x&gt;</svg>")
        }
    }

    @Test func trailingSlashOnTheDirectoryMakesNoDifference() throws {
        try withDirectory(["a/b.html": text("ok")]) { root throws in
            #expect(try TemplateLibrary(directory: root + "/").names == ["a/b"])
        }
    }

    @Test func byteOrderMarkIsDropped() throws {
        try withDirectory(["a.html": [0xEF, 0xBB, 0xBF] + text("x")]) { root throws in
            #expect(try TemplateLibrary(directory: root).render("a", [:]) == "x")
        }
    }

    @Test func errorsNameTheRelativeFile() throws {
        try withDirectory(["pages/bad.html": text("line\n{{#open}}")]) { root throws in
            #expect(throws: TemplateError(.unclosedSection("open"), template: "pages/bad.html", line: 2, column: 1)) {
                try TemplateLibrary(directory: root)
            }
        }
    }

    @Test func missingPartialFailsTheLoad() throws {
        try withDirectory(["page.html": text("{{> nav}}")]) { root throws in
            #expect(throws: TemplateError(.unknownPartial("nav"), template: "page.html", line: 1, column: 1)) {
                try TemplateLibrary(directory: root)
            }
        }
    }

    @Test func invalidUTF8IsReported() throws {
        try withDirectory(["bad.txt": [0x61, 0xFF, 0x62]]) { root throws in
            #expect(throws: TemplateError(.unreadable("not valid UTF-8"), template: "bad.txt")) {
                try TemplateLibrary(directory: root)
            }
        }
    }

    @Test func missingDirectoryIsReported() {
        let path = "/nonexistent-\(UUID().uuidString)"
        #expect(throws: TemplateError(.unreadable("not a directory"), template: path)) {
            try TemplateLibrary(directory: path)
        }
    }

    @Test func directoryNamedLikeATemplateIsSkipped() throws {
        try withDirectory(["odd.html/inner.html": text("in")]) { root throws in
            #expect(try TemplateLibrary(directory: root).names == ["odd.html/inner"])
        }
    }
}
