// Response: what a handler returns: status, headers and a body that is either bytes in memory or
// a stream written with constant memory. Framing headers are added by the server.

/// An HTTP response.
public struct Response: Sendable {
    /// The body of a response.
    public enum Body: Sendable {
        /// Bytes in memory; the server sets `Content-Length`.
        case bytes([UInt8])
        /// Written piecewise by the closure, for large downloads. Sent chunked to HTTP/1.1 clients
        /// and close-delimited to HTTP/1.0 clients, unless the handler sets `Content-Length`, in
        /// which case exactly that many bytes must be written. Not called for HEAD.
        case stream(@Sendable (any BodyWriter) throws -> Void)
    }

    /// The status code.
    public var status: Int
    /// Header fields. `Content-Length`, `Transfer-Encoding` and `Connection` are managed by the
    /// server (a `Content-Length` set on a streamed body is kept); `Date` and `Server` are added
    /// when missing.
    public var headers: HTTPHeaders
    /// The body.
    public var body: Body
    /// The pattern of the route that produced the response (set by the router), the label it
    /// is counted under in `HTTPMetrics`; never sent.
    public var routePattern: String?

    /// A response from its parts.
    public init(status: Int = 200, headers: HTTPHeaders = [:], body: Body = .bytes([])) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A response with a byte body.
    public init(status: Int = 200, headers: HTTPHeaders = [:], bytes: [UInt8]) {
        self.init(status: status, headers: headers, body: .bytes(bytes))
    }
}

/// Receives a streamed body. Writes block while the client is slow (backpressure), so memory
/// stays constant; a write throws when the client is gone or stalls past the write timeout.
public protocol BodyWriter {
    /// Writes bytes of the body.
    func write(_ bytes: UnsafeRawBufferPointer) throws
}

extension BodyWriter {
    /// Writes a byte array.
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Writes a slice of bytes.
    public func write(_ bytes: ArraySlice<UInt8>) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Writes text as UTF-8.
    public func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }
}
