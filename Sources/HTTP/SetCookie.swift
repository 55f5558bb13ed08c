// SetCookie: builds a Set-Cookie field value (RFC 6265 §4.1) with secure defaults: HttpOnly,
// SameSite=Lax, Path=/.

/// One cookie to set or delete.
public struct SetCookie: Sendable {
    /// The SameSite attribute (RFC 6265bis §4.1.2.7).
    public enum SameSite: String, Sendable {
        /// Sent only on same-site requests.
        case strict = "Strict"
        /// Also sent on top-level navigations from other sites.
        case lax = "Lax"
        /// Sent everywhere; requires `secure`.
        case none = "None"
    }

    /// Cookie name, a token.
    public var name: String
    /// Cookie value; bytes outside cookie-octet (RFC 6265 §4.1.1) are percent-encoded.
    public var value: String
    /// Path attribute, "/" by default.
    public var path: String? = "/"
    /// Domain attribute; nil keeps the cookie host-only.
    public var domain: String?
    /// Max-Age in seconds; nil makes a session cookie, 0 deletes it.
    public var maxAge: Int?
    /// HttpOnly, true by default: not readable from scripts.
    public var httpOnly = true
    /// Secure: only sent over HTTPS.
    public var secure = false
    /// SameSite, `.lax` by default.
    public var sameSite: SameSite? = .lax

    /// A cookie with the given attributes.
    public init(name: String, value: String, path: String? = "/", domain: String? = nil, maxAge: Int? = nil,
                httpOnly: Bool = true, secure: Bool = false, sameSite: SameSite? = .lax) {
        self.name = name
        self.value = value
        self.path = path
        self.domain = domain
        self.maxAge = maxAge
        self.httpOnly = httpOnly
        self.secure = secure
        self.sameSite = sameSite
    }

    /// A cookie that deletes `name` (empty value, Max-Age=0).
    public static func deleting(_ name: String, path: String? = "/") -> SetCookie {
        SetCookie(name: name, value: "", path: path, maxAge: 0)
    }

    /// The field value, e.g. `sid=abc; Path=/; Max-Age=3600; HttpOnly; SameSite=Lax`.
    public var headerValue: String {
        var parts = [Self.sanitisedName(name) + "=" + Self.encodedValue(value)]
        if let path { parts.append("Path=" + Self.attributeValue(path)) }
        if let domain { parts.append("Domain=" + Self.attributeValue(domain)) }
        if let maxAge { parts.append("Max-Age=\(max(0, maxAge))") }
        if secure || sameSite == SameSite.none { parts.append("Secure") }
        if httpOnly { parts.append("HttpOnly") }
        if let sameSite { parts.append("SameSite=" + sameSite.rawValue) }
        return parts.joined(separator: "; ")
    }

    /// RFC 6265 §4.1.1: cookie-octet = %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E.
    private static func isCookieOctet(_ byte: UInt8) -> Bool {
        byte == 0x21 || (0x23...0x2B).contains(byte) || (0x2D...0x3A).contains(byte)
            || (0x3C...0x5B).contains(byte) || (0x5D...0x7E).contains(byte)
    }

    private static func encodedValue(_ value: String) -> String {
        if value.utf8.allSatisfy({ isCookieOctet($0) && $0 != ASCII.percent }) { return value }
        return URLEncoding.encodeComponent(value)
    }

    private static func sanitisedName(_ name: String) -> String {
        String(decoding: name.utf8.filter(ASCII.isTokenByte), as: UTF8.self)
    }

    /// Attribute values may not contain ";" or control characters (RFC 6265 §4.1.1).
    private static func attributeValue(_ value: String) -> String {
        String(decoding: value.utf8.filter { $0 >= 0x20 && $0 != 0x7F && $0 != ASCII.semicolon }, as: UTF8.self)
    }
}
