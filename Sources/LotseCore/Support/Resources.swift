// Resources: the files Lotse ships — `Templates/` (pages, mail, static files, the XSD) and
// `Seeds/` (the sample network and its vocabularies). They are built into the binary at build
// time (the LotseResources target), so a copied `lotse` needs no folder beside it; LOTSE_HOME
// names a folder holding both instead, for template work without a rebuild
// (docs/operations.md, "Templates and seeds").
import Foundation
import LotseResources
import Templating

/// A read-only tree of files addressed by relative paths with `/` (`mail/digest.txt`): a folder
/// on disk or the files built into the binary. Hidden files and folders are not part of it.
public struct FileTree: Sendable {
    private enum Storage: Sendable {
        /// A folder on disk (absolute or relative to the working directory).
        case folder(String)
        /// The embedded files below this prefix ("Templates/"), or all of them ("").
        case embedded(prefix: String)
    }

    private let storage: Storage

    /// The folder at `path`; nothing is read until asked for.
    public init(folder path: String) {
        storage = .folder(path)
    }

    private init(embedded prefix: String) {
        storage = .embedded(prefix: prefix)
    }

    /// Everything built into the binary (`Templates/…`, `Seeds/…`).
    public static let embedded = FileTree(embedded: "")

    /// Where the files come from, for messages: the folder, or "eingebaut:" and the folder name.
    public var origin: String {
        switch storage {
        case .folder(let path): path
        case .embedded(let prefix): "eingebaut:" + (prefix.isEmpty ? "/" : prefix)
        }
    }

    /// The folder on disk, for readers that stream large files; nil when embedded.
    public var folderPath: String? {
        if case .folder(let path) = storage { return path }
        return nil
    }

    /// The tree below `folder` (`static`, `mail`).
    public func subtree(_ folder: String) -> FileTree {
        let folder = folder.split(separator: "/").joined(separator: "/")
        switch storage {
        case .folder(let path): return FileTree(folder: (path as NSString).appendingPathComponent(folder))
        case .embedded(let prefix): return FileTree(embedded: prefix + folder + "/")
        }
    }

    /// Every regular, non-hidden file, relative to the tree's root, sorted; empty when the
    /// tree does not exist.
    public func paths() -> [String] {
        switch storage {
        case .folder(let path):
            let manager = FileManager.default
            guard let subpaths = try? manager.subpathsOfDirectory(atPath: path) else { return [] }
            return subpaths.filter { relative in
                var isDirectory: ObjCBool = false
                return !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") })
                    && manager.fileExists(atPath: (path as NSString).appendingPathComponent(relative), isDirectory: &isDirectory)
                    && !isDirectory.boolValue
            }.sorted()
        case .embedded(let prefix):
            return EmbeddedFiles.paths.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
        }
    }

    /// Whether the tree holds any file.
    public var exists: Bool {
        switch storage {
        case .folder(let path):
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
        case .embedded:
            return !paths().isEmpty
        }
    }

    /// The bytes of the file at `relative`, or nil when there is none.
    public func contents(_ relative: String) -> [UInt8]? {
        switch storage {
        case .folder(let path):
            var isDirectory: ObjCBool = false
            let file = (path as NSString).appendingPathComponent(relative)
            guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), !isDirectory.boolValue,
                  let data = FileManager.default.contents(atPath: file) else { return nil }
            return [UInt8](data)
        case .embedded(let prefix):
            return EmbeddedFiles.contents(prefix + relative.split(separator: "/").joined(separator: "/"))
        }
    }

    /// The templates of this tree (files with a template extension; see TemplateLibrary).
    public func templateLibrary() throws -> TemplateLibrary {
        guard exists else { throw TemplateError(.unreadable("not a directory"), template: origin) }
        return try TemplateLibrary(files: paths().filter(TemplateLibrary.isTemplateFile).map { file in
            guard let bytes = contents(file) else { throw TemplateError(.unreadable("cannot read file"), template: file) }
            return (file: file, bytes: bytes)
        })
    }
}

/// Locates Lotse's shipped files.
public enum Resources {
    /// Both folders: the one LOTSE_HOME names (it must hold `Seeds/` and `Templates/`), else the
    /// files built into the binary.
    public static func root(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> FileTree {
        guard let home = environment["LOTSE_HOME"], !home.isEmpty else { return .embedded }
        let tree = FileTree(folder: home)
        guard tree.subtree("Seeds").exists, tree.subtree("Templates").exists else {
            throw LotseError(.notFound, "LOTSE_HOME=\(home) enthält keine Ordner Seeds/ und Templates/.")
        }
        return tree
    }

    /// The `Seeds/` folder.
    public static func seeds() throws -> FileTree { try root().subtree("Seeds") }

    /// The `Templates/` folder.
    public static func templates() throws -> FileTree { try root().subtree("Templates") }
}
