// XMLPrologCheck: refuses XML documents with a document type declaration before libxml2 sees
// them. A DOCTYPE is where DTDs and entity declarations live (XXE, "billion laughs"); Lotse's
// formats never need one, so any DOCTYPE is an error, not something to parse carefully.
import Foundation

/// Scans the prolog (XML declaration, comments, processing instructions) of a file.
enum XMLPrologCheck {
    /// The error for a DOCTYPE.
    static func message(source: String, line: Int) -> String {
        "\(source) Zeile \(line): DOCTYPE-Deklaration gefunden – DTDs und Entitäten sind aus Sicherheitsgründen nicht erlaubt (nichts importiert)"
    }

    /// Throws when a DOCTYPE declaration comes before the root element of the file.
    static func refuseDocumentType(path: String, source: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw LotseError(.notFound, "Datei \(path) kann nicht gelesen werden.")
        }
        defer { try? handle.close() }
        // A prolog longer than this is refused too: nobody writes 4 MB of comments.
        let bytes = Array(handle.readData(ofLength: 4 << 20))
        if let line = documentTypeLine(bytes) { throw LotseError(.invalidInput, message(source: source, line: line)) }
    }

    /// The line of a DOCTYPE before the first element, or nil.
    static func documentTypeLine(_ bytes: [UInt8]) -> Int? {
        var index = 0
        var line = 1
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        func hasPrefix(_ text: String) -> Bool { bytes[index...].starts(with: Array(text.utf8)) }
        func skip(past terminator: String) -> Bool {
            let pattern = Array(terminator.utf8)
            while index < bytes.count {
                if bytes[index] == 10 { line += 1 }
                if bytes[index...].starts(with: pattern) { index += pattern.count; return true }
                index += 1
            }
            return false
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 10 { line += 1; index += 1; continue }
            if byte == 32 || byte == 9 || byte == 13 { index += 1; continue }
            if hasPrefix("<?") { guard skip(past: "?>") else { return nil }; continue }
            if hasPrefix("<!--") { guard skip(past: "-->") else { return nil }; continue }
            if hasPrefix("<!") { return line }   // <!DOCTYPE (any spelling) or other declarations
            return nil
        }
        return nil
    }
}
