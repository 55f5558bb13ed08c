// TemplateLibrary+Loading: reads a template directory tree from disk (the one place this
// module touches the file system).

import Foundation

extension TemplateLibrary {
    /// Loads every file under `directory`, recursively, whose extension is one of
    /// `EscapingMode.templateFileExtensions`; hidden files and directories are skipped.
    /// Throws `unreadable` for a missing directory or a file that is not UTF-8, and any parse
    /// or partial-linking error of any template.
    public init(directory: String) throws {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw TemplateError(.unreadable("not a directory"), template: directory)
        }
        let paths: [String]
        do {
            paths = try fileManager.subpathsOfDirectory(atPath: directory)
        } catch {
            throw TemplateError(.unreadable("\(error)"), template: directory)
        }
        var sources: [(file: String, text: String)] = []
        for relative in paths.sorted() {
            let file = relative.split(separator: "/").joined(separator: "/")
            guard !file.split(separator: "/").contains(where: { $0.hasPrefix(".") }),
                let dot = file.lastIndex(of: "."),
                EscapingMode.templateFileExtensions.contains(file[file.index(after: dot)...].lowercased())
            else { continue }
            let path = directory + "/" + file
            guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                continue
            }
            guard let data = fileManager.contents(atPath: path) else {
                throw TemplateError(.unreadable("cannot read file"), template: file)
            }
            guard var text = String(validating: data, as: UTF8.self) else {
                throw TemplateError(.unreadable("not valid UTF-8"), template: file)
            }
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            sources.append((file: file, text: text))
        }
        try self.init(sources: sources, defaultEscaping: .html)
    }
}
