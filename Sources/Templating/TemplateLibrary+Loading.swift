// TemplateLibrary+Loading: builds a library from a tree of files — read from a directory on
// disk (the one place this module touches the file system) or handed over as bytes (the
// templates built into the binary).

import Foundation

extension TemplateLibrary {
    /// Whether the file key `file` is loaded as a template: its extension is one of
    /// `EscapingMode.templateFileExtensions` and no path component is hidden.
    public static func isTemplateFile(_ file: String) -> Bool {
        guard !file.split(separator: "/").contains(where: { $0.hasPrefix(".") }),
              let dot = file.lastIndex(of: ".") else { return false }
        return EscapingMode.templateFileExtensions.contains(file[file.index(after: dot)...].lowercased())
    }

    /// Loads every file under `directory`, recursively, that `isTemplateFile` accepts.
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
        var files: [(file: String, bytes: [UInt8])] = []
        for relative in paths.sorted() {
            let file = relative.split(separator: "/").joined(separator: "/")
            guard Self.isTemplateFile(file) else { continue }
            let path = directory + "/" + file
            guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                continue
            }
            guard let data = fileManager.contents(atPath: path) else {
                throw TemplateError(.unreadable("cannot read file"), template: file)
            }
            files.append((file: file, bytes: Array(data)))
        }
        try self.init(files: files)
    }

    /// Compiles `files` (file key, UTF-8 bytes) with HTML as the default escaping; a leading
    /// byte order mark is dropped. Throws `unreadable` for bytes that are not UTF-8, and any
    /// parse or partial-linking error.
    public init(files: [(file: String, bytes: [UInt8])]) throws {
        var sources: [(file: String, text: String)] = []
        for (file, bytes) in files {
            guard var text = String(validating: bytes, as: UTF8.self) else {
                throw TemplateError(.unreadable("not valid UTF-8"), template: file)
            }
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            sources.append((file: file, text: text))
        }
        try self.init(sources: sources, defaultEscaping: .html)
    }
}
