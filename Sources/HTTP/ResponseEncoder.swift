// ResponseEncoder: turns a Response into wire bytes for HTTP/1.1 (RFC 9112 §4, §6): status line,
// sanitised headers, Date, Server, framing (Content-Length, chunked or close-delimited) and
// Connection. Bodies are not copied; the head is built in one small buffer.

/// The encoded head and how the body follows it.
struct EncodedResponse {
    /// How the body is sent after the head.
    enum Body {
        /// Nothing follows (HEAD, 1xx, 204, 304, or an empty body).
        case none
        /// These bytes follow as they are.
        case bytes([UInt8])
        /// The stream writes exactly `length` bytes, unframed.
        case fixedStream(@Sendable (any BodyWriter) throws -> Void, length: Int)
        /// The stream is sent with the chunked transfer coding.
        case chunkedStream(@Sendable (any BodyWriter) throws -> Void)
        /// The stream is sent raw and the connection closed to end it (HTTP/1.0).
        case closeDelimitedStream(@Sendable (any BodyWriter) throws -> Void)
    }

    /// Status line and header section, ending with the empty line.
    var head: [UInt8]
    /// The body framing.
    var body: Body
    /// Whether the connection closes after this response.
    var closesConnection: Bool
    /// The status code sent.
    var status: Int
}

/// Encodes responses.
enum ResponseEncoder {
    private static let serverField = Array("Server: Lotse\r\n".utf8)

    /// Encodes `response` to a request with `method` and `version`. The connection is kept only if
    /// `keepAlive` and the framing allows it.
    static func encode(_ response: Response, method: String, version: HTTPVersion, keepAlive: Bool) -> EncodedResponse {
        let status = response.status
        let noContent = HTTPStatus.forbidsContent(status)
        let isHead = method == "HEAD"
        var close = !keepAlive
        var contentLength: Int?
        var body = EncodedResponse.Body.none
        var chunked = false
        switch response.body {
        case .bytes(let bytes):
            if !noContent {
                contentLength = bytes.count  // RFC 9110 §9.3.2: HEAD gets the GET Content-Length
                if !isHead && !bytes.isEmpty { body = .bytes(bytes) }
            }
        case .stream(let write):
            let declared = response.headers["Content-Length"].flatMap(RequestParser.parseContentLength)
            if noContent {
                break
            } else if let declared {
                contentLength = declared
                if !isHead { body = .fixedStream(write, length: declared) }
            } else if isHead {
                break
            } else if version == .http1_1 {
                chunked = true
                body = .chunkedStream(write)
            } else {
                close = true  // RFC 9112 §6.3: without length, the body ends when the connection closes
                body = .closeDelimitedStream(write)
            }
        }

        var head: [UInt8] = []
        head.reserveCapacity(256)
        head.append(contentsOf: "HTTP/1.1 ".utf8)
        ASCII.appendDecimal(status, to: &head)
        head.append(ASCII.space)
        head.append(contentsOf: HTTPStatus.reasonPhrase(for: status).utf8)
        appendLineEnd(&head)
        var hasDate = false
        var hasServer = false
        for field in response.headers {
            let name = field.name
            switch name.utf8.count {
            case 4 where name.equalsIgnoringASCIICase("date"): hasDate = true
            case 6 where name.equalsIgnoringASCIICase("server"): hasServer = true
            case 10 where name.equalsIgnoringASCIICase("connection"): continue
            case 14 where name.equalsIgnoringASCIICase("content-length"): continue
            case 17 where name.equalsIgnoringASCIICase("transfer-encoding"): continue
            default: break
            }
            appendField(name, field.value, to: &head)
        }
        if !hasDate {
            head.append(contentsOf: "Date: ".utf8)
            head.append(contentsOf: HTTPDate.currentBytes())
            appendLineEnd(&head)
        }
        if !hasServer { head.append(contentsOf: serverField) }
        if let contentLength {
            head.append(contentsOf: "Content-Length: ".utf8)
            ASCII.appendDecimal(contentLength, to: &head)
            appendLineEnd(&head)
        }
        if chunked { head.append(contentsOf: "Transfer-Encoding: chunked\r\n".utf8) }
        if close {
            head.append(contentsOf: "Connection: close\r\n".utf8)
        } else if version == .http1_0 {
            head.append(contentsOf: "Connection: keep-alive\r\n".utf8)  // RFC 9112 §9.3
        }
        appendLineEnd(&head)
        return EncodedResponse(head: head, body: body, closesConnection: close, status: status)
    }

    /// The interim `100 Continue` response (RFC 9110 §15.2.1).
    static let continueResponse = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// Appends `name: value` CRLF; an invalid name is dropped and control characters in the value
    /// become spaces, so no handler can split the response (RFC 9110 §5.5).
    private static func appendField(_ name: String, _ value: String, to head: inout [UInt8]) {
        guard !name.isEmpty, name.utf8.allSatisfy(ASCII.isTokenByte) else { return }
        head.append(contentsOf: name.utf8)
        head.append(ASCII.colon)
        head.append(ASCII.space)
        for byte in value.utf8 {
            head.append(ASCII.isFieldValueByte(byte) ? byte : ASCII.space)
        }
        appendLineEnd(&head)
    }

    @inline(__always)
    private static func appendLineEnd(_ head: inout [UInt8]) {
        head.append(ASCII.cr)
        head.append(ASCII.lf)
    }
}
