// Response+Convenience: the common response shapes with correct Content-Type values, so
// handlers never spell media types or charsets by hand.

extension Response {
    /// `text/plain; charset=utf-8`.
    public static func text(_ text: String, status: Int = 200) -> Response {
        Response(status: status, headers: ["Content-Type": "text/plain; charset=utf-8"], bytes: Array(text.utf8))
    }

    /// `text/html; charset=utf-8`; the caller has escaped the HTML.
    public static func html(_ html: String, status: Int = 200) -> Response {
        Response(status: status, headers: ["Content-Type": "text/html; charset=utf-8"], bytes: Array(html.utf8))
    }

    /// `application/json; charset=utf-8` from encoded bytes.
    public static func json(bytes: [UInt8], status: Int = 200) -> Response {
        Response(status: status, headers: ["Content-Type": "application/json; charset=utf-8"], bytes: bytes)
    }

    /// `application/json; charset=utf-8` from an encoded JSON string.
    public static func json(_ json: String, status: Int = 200) -> Response {
        Response.json(bytes: Array(json.utf8), status: status)
    }

    /// A redirect to `location` (303 See Other by default, so a POST is followed by a GET,
    /// RFC 9110 §15.4.4), with a short text body.
    public static func redirect(to location: String, status: Int = 303) -> Response {
        var response = Response.text("Weiter: \(location)\n", status: status)
        response.headers["Location"] = location
        return response
    }

    /// Adds a `Set-Cookie` field.
    public mutating func setCookie(_ cookie: SetCookie) {
        headers.add("Set-Cookie", cookie.headerValue)
    }

    /// The body bytes if the body is in memory.
    public var bodyBytes: [UInt8]? {
        if case .bytes(let bytes) = body { return bytes }
        return nil
    }
}
