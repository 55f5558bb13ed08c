// LotseEmbed: the build-time generator behind the EmbedResources plugin. Writes one Swift file
// that holds every regular, non-hidden file under the given folders as base64 text (one string
// literal per file: swiftc compiles 1 MB of string literals in about a second, where the same
// bytes as `[UInt8]` array literals would take minutes).
//
//     LotseEmbed OUTPUT ROOT FOLDER...
import Foundation

let arguments = CommandLine.arguments
guard arguments.count >= 4 else {
    FileHandle.standardError.write(Data("Aufruf: LotseEmbed AUSGABE WURZEL ORDNER...\n".utf8))
    exit(2)
}
let (output, root, folders) = (arguments[1], arguments[2], arguments[3...])
let manager = FileManager.default

var entries: [(key: String, base64: String)] = []
for folder in folders {
    let directory = (root as NSString).appendingPathComponent(folder)
    guard let paths = try? manager.subpathsOfDirectory(atPath: directory) else {
        FileHandle.standardError.write(Data("LotseEmbed: Ordner \(directory) nicht lesbar\n".utf8))
        exit(1)
    }
    for relative in paths where !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
        let path = (directory as NSString).appendingPathComponent(relative)
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
        guard let data = manager.contents(atPath: path) else {
            FileHandle.standardError.write(Data("LotseEmbed: Datei \(path) nicht lesbar\n".utf8))
            exit(1)
        }
        entries.append((key: folder + "/" + relative, base64: data.base64EncodedString()))
    }
}
entries.sort { $0.key < $1.key }

var swift = """
    // Generated at build time by LotseEmbed (the EmbedResources plugin) from \(folders.joined(separator: "/, "))/.
    // Do not edit: edit the folders.

    extension EmbeddedFiles {
        /// Every embedded file, base64-encoded, by path relative to the repository root.
        static let base64: [String: String] = [

    """
for entry in entries {
    let key = entry.key.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    swift += "        \"\(key)\": \"\(entry.base64)\",\n"
}
if entries.isEmpty { swift += "        :\n" }
swift += "    ]\n}\n"

let bytes = Data(swift.utf8)
if manager.contents(atPath: output) != bytes {
    guard manager.createFile(atPath: output, contents: bytes) else {
        FileHandle.standardError.write(Data("LotseEmbed: \(output) nicht schreibbar\n".utf8))
        exit(1)
    }
}
