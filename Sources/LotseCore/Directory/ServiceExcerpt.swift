// ServiceExcerpt: what a result line shows beyond ServiceSummary — a short, word-bounded
// excerpt of the description, the HSDS status and the capacity note.
import SQLite

/// The descriptive part of a result line.
public struct ServiceExcerpt: Sendable, Equatable {
    /// The service id.
    public let id: String
    /// The description, shortened to about `maximumLength` characters at a word boundary
    /// (with "…" when cut); empty when there is none.
    public let text: String
    /// HSDS status (listed services are `active` or `temporarily closed`).
    public let status: ServiceStatus
    /// Free-text note on capacity (waitlist length, next free date), if any.
    public let capacityNote: String?

    /// Loads excerpts for `ids`, keyed by id (unknown ids are missing).
    public static func load(_ ids: [String], from db: Database, maximumLength: Int = 220) throws -> [String: ServiceExcerpt] {
        let statement = try db.cached("SELECT id, description, status, capacity_note FROM service WHERE id = ?")
        var excerpts: [String: ServiceExcerpt] = [:]
        for id in ids {
            if let excerpt = try statement.first([id], { row in
                ServiceExcerpt(id: row.string(0), text: shorten(row.optionalString(1) ?? "", to: maximumLength),
                               status: ServiceStatus(rawValue: row.string(2)) ?? .active,
                               capacityNote: row.optionalString(3).flatMap { $0.isEmpty ? nil : $0 })
            }) {
                excerpts[id] = excerpt
            }
        }
        return excerpts
    }

    /// `text` with whitespace runs collapsed, cut at the last word boundary within `length`
    /// characters and ended with "…" when anything was cut. Reads only as far as it keeps, so a
    /// long description costs no more than a short one.
    public static func shorten(_ text: String, to length: Int) -> String {
        var result = "", count = 0
        var wordStart: String.Index?
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        while true {
            let atEnd = index == scalars.endIndex
            if atEnd || isWhitespace(scalars[index]) {
                if let start = wordStart {
                    let word = text[start..<index]
                    let needed = count == 0 ? word.count : count + 1 + word.count
                    if needed > length {
                        if count == 0 { return String(word.prefix(length)) + "…" }
                        while let last = result.last, ",;:–-".contains(last) { result.removeLast() }
                        return result + " …"
                    }
                    if count > 0 { result.append(" ") }
                    result.append(contentsOf: word)
                    count = needed
                    wordStart = nil
                }
                if atEnd { return result }
            } else if wordStart == nil {
                wordStart = index
            }
            index = scalars.index(after: index)
        }
    }

    /// Whitespace as `Character.isWhitespace` sees it, with a fast path for ASCII.
    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80 ? scalar.value == 0x20 || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
    }
}
