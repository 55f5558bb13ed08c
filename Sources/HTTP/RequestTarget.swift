// RequestTarget: splits a request-target (RFC 9112 §3.2) into a decoded, normalised path and a
// decoded query. Origin-form and absolute-form are accepted; anything unsafe is a 400.

/// The parts of a request-target.
struct RequestTarget: Sendable {
    /// The path as received (still percent-encoded), without the query. Safe to log.
    var rawPath: String
    /// The decoded path: "/" + segments joined by "/", with a trailing "/" kept.
    var path: String
    /// The decoded, non-empty path segments, "." removed.
    var segments: [String]
    /// Decoded query pairs in order, "+" as space.
    var query: [(name: String, value: String)]
    /// The authority of an absolute-form target (RFC 9112 §3.2.2), else nil.
    var authority: String?

    /// Parses and validates `target`. RFC 9112 §3.2: origin-form = absolute-path [ "?" query ];
    /// absolute-form = absolute-URI (http or https). Rejects with 400 any byte outside
    /// 0x21–0x7E, a malformed escape, invalid UTF-8, NUL, or a ".." segment.
    static func parse(_ target: some Collection<UInt8>) throws(HTTPError) -> RequestTarget {
        guard !target.isEmpty else { throw .badRequest("empty request-target") }
        for byte in target where byte < 0x21 || byte > 0x7E {
            throw .badRequest("invalid character in request-target")
        }
        var pathAndQuery = ArraySlice(target)
        var authority: String?
        if pathAndQuery.first != ASCII.slash {
            // RFC 9112 §3.2.2: absolute-form, e.g. http://host:8080/path?q.
            guard let split = splitAbsoluteForm(pathAndQuery) else {
                throw .badRequest("request-target must be origin-form or an http(s) URI")
            }
            authority = split.authority
            pathAndQuery = split.rest
        }
        let queryStart = pathAndQuery.firstIndex(of: ASCII.questionMark)
        let rawPathBytes = pathAndQuery[..<(queryStart ?? pathAndQuery.endIndex)]
        var result = try parsePath(rawPathBytes)
        result.authority = authority
        if let queryStart {
            let queryBytes = pathAndQuery[pathAndQuery.index(after: queryStart)...]
            result.query = try URLEncoding.decodeForm(queryBytes)
        }
        return result
    }

    /// Decodes and normalises an absolute path: empty and "." segments dropped, ".." rejected.
    private static func parsePath(_ raw: ArraySlice<UInt8>) throws(HTTPError) -> RequestTarget {
        let rawPath = String(decoding: raw, as: UTF8.self)
        var segments: [String] = []
        var normalised = true  // rawPath already equals the normalised decoded path
        let parts = raw.split(separator: ASCII.slash, omittingEmptySubsequences: false).dropFirst()
        for (offset, part) in parts.enumerated() {
            if part.isEmpty {
                if offset != parts.count - 1 { normalised = false }  // "//"; a trailing "/" is kept
                continue
            }
            if part.count == 1 && part.first == 0x2E {  // "."
                normalised = false
                continue
            }
            if part.contains(ASCII.percent) { normalised = false }
            guard let decoded = URLEncoding.decodeToString(part, plusAsSpace: false) else {
                throw .badRequest("malformed percent-encoding or invalid UTF-8 in path")
            }
            if decoded == ".." { throw .badRequest("'..' segment in path") }
            if decoded == "." { continue }
            if decoded.utf8.contains(0) { throw .badRequest("NUL in path") }
            segments.append(decoded)
        }
        var path = rawPath
        if !normalised {
            path = "/" + segments.joined(separator: "/")
            if raw.last == ASCII.slash && !segments.isEmpty { path += "/" }
        }
        return RequestTarget(rawPath: rawPath, path: path, segments: segments, query: [], authority: nil)
    }

    /// Splits `scheme://authority/path?query`; nil unless the scheme is http or https.
    private static func splitAbsoluteForm(_ target: ArraySlice<UInt8>) -> (authority: String, rest: ArraySlice<UInt8>)? {
        let text = target
        let schemeLength: Int
        if ASCII.equalsIgnoringCase(text.prefix(7), "http://") {
            schemeLength = 7
        } else if ASCII.equalsIgnoringCase(text.prefix(8), "https://") {
            schemeLength = 8
        } else {
            return nil
        }
        let afterScheme = text.dropFirst(schemeLength)
        let authorityEnd = afterScheme.firstIndex { $0 == ASCII.slash || $0 == ASCII.questionMark }
            ?? afterScheme.endIndex
        let authority = afterScheme[..<authorityEnd]
        guard !authority.isEmpty, !authority.contains(0x40) else { return nil }  // no userinfo "@"
        var rest = afterScheme[authorityEnd...]
        // RFC 9112 §3.2.2 / RFC 3986 §6.2.3: an empty path is "/".
        if rest.first != ASCII.slash { rest = ArraySlice([ASCII.slash]) + rest }
        return (String(decoding: authority, as: UTF8.self), rest)
    }
}
