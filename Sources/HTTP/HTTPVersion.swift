// HTTPVersion: the two protocol versions this server speaks (RFC 9112 §2.3); anything else is
// answered with 505 by the parser.

/// An HTTP/1.x protocol version.
public struct HTTPVersion: Sendable, Hashable, CustomStringConvertible {
    /// Major version digit.
    public let major: Int
    /// Minor version digit.
    public let minor: Int

    /// HTTP/1.0: connections close after each response unless the client asks for keep-alive.
    public static let http1_0 = HTTPVersion(major: 1, minor: 0)
    /// HTTP/1.1: persistent connections, chunked transfer coding, Host required.
    public static let http1_1 = HTTPVersion(major: 1, minor: 1)

    /// A version from its digits.
    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// `HTTP/1.1` and so on.
    public var description: String { "HTTP/\(major).\(minor)" }
}
