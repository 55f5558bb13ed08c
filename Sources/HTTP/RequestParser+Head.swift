// RequestParser+Head: the request line (RFC 9112 §3), field lines (§5) and the checks made once
// the header section is complete: Host (§3.2), message body framing (§6), Expect (RFC 9110 §10.1.1).

extension RequestParser {
    /// Methods this server implements; other valid tokens get 501 (RFC 9110 §9.1).
    static let supportedMethods: Set<String> = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]

    /// request-line = method SP request-target SP HTTP-version (RFC 9112 §3).
    mutating func parseRequestLine() -> Step {
        // RFC 9112 §2.2: ignore empty lines (CRLF) before the request line, within the line budget.
        while position < buffer.count && buffer[position] == ASCII.cr {
            guard position + 1 < buffer.count else { return .needMore }
            guard buffer[position + 1] == ASCII.lf else { break }
            position += 2
            message.skippedEmptyLineBytes += 2
            if message.skippedEmptyLineBytes > limits.maxRequestLineLength {
                return .failure(.badRequest("too many empty lines before the request line"))
            }
        }
        switch readLine(limit: limits.maxRequestLineLength) {
        case .needMore: return .needMore
        case .tooLong:
            return .failure(HTTPError(414, "URI Too Long: request line exceeds \(limits.maxRequestLineLength) bytes"))
        case .bareLineFeed:
            return .failure(.badRequest("request line must end with CRLF, not a bare LF (RFC 9112 §2.2)"))
        case .line(let range):
            if let error = parseRequestLine(buffer[range]) { return .failure(error) }
            state = .headerLines
            return .progress
        }
    }

    private mutating func parseRequestLine(_ line: ArraySlice<UInt8>) -> HTTPError? {
        guard let firstSpace = line.firstIndex(of: ASCII.space),
              let secondSpace = line[(firstSpace + 1)...].firstIndex(of: ASCII.space),
              !line[(secondSpace + 1)...].contains(ASCII.space) else {
            return .badRequest("request line must be 'method SP target SP version' (RFC 9112 §3)")
        }
        let methodBytes = line[..<firstSpace]
        let targetBytes = line[(firstSpace + 1)..<secondSpace]
        let versionBytes = line[(secondSpace + 1)...]
        guard !methodBytes.isEmpty, methodBytes.allSatisfy(ASCII.isTokenByte) else {
            return .badRequest("invalid method token")
        }
        // RFC 9112 §2.3: HTTP-version = "HTTP/" DIGIT "." DIGIT.
        guard versionBytes.count == 8, versionBytes.starts(with: "HTTP/".utf8),
              let major = ASCII.decimalDigit(versionBytes[versionBytes.startIndex + 5]),
              versionBytes[versionBytes.startIndex + 6] == 0x2E,
              let minor = ASCII.decimalDigit(versionBytes[versionBytes.startIndex + 7]) else {
            return .badRequest("malformed HTTP version")
        }
        guard major == 1, minor <= 1 else {
            return HTTPError(505, "HTTP Version Not Supported: only HTTP/1.0 and HTTP/1.1")
        }
        message.version = minor == 0 ? .http1_0 : .http1_1
        message.method = String(decoding: methodBytes, as: UTF8.self)
        guard Self.supportedMethods.contains(message.method) else {
            return HTTPError(501, "Not Implemented: method \(message.method)")
        }
        do {
            message.parsedTarget = try RequestTarget.parse(targetBytes)
        } catch {
            return error
        }
        message.target = String(decoding: targetBytes, as: UTF8.self)
        return nil
    }

    /// field-line = field-name ":" OWS field-value OWS (RFC 9112 §5); an empty line ends the head.
    mutating func parseHeaderLine() -> Step {
        let budget = limits.maxHeaderBytes - message.headerBytes - 2
        switch readLine(limit: max(0, budget)) {
        case .needMore: return .needMore
        case .tooLong:
            return .failure(HTTPError(431, "Request Header Fields Too Large: more than \(limits.maxHeaderBytes) bytes"))
        case .bareLineFeed:
            return .failure(.badRequest("header line must end with CRLF, not a bare LF (RFC 9112 §2.2)"))
        case .line(let range):
            message.headerBytes += range.count + 2
            if range.isEmpty { return finishHead() }
            guard message.fields.count < limits.maxHeaderCount else {
                return .failure(HTTPError(431, "Request Header Fields Too Large: more than \(limits.maxHeaderCount) fields"))
            }
            switch Self.parseField(buffer[range]) {
            case .failure(let error): return .failure(error)
            case .success(let field):
                classify(field)
                message.fields.append(field)
                return .progress
            }
        }
    }

    /// Validates one field line and splits it into name and value.
    static func parseField(_ line: ArraySlice<UInt8>) -> Result<HTTPHeaders.Field, HTTPError> {
        // RFC 9112 §5.2: obs-fold (a line starting with SP or HTAB) is rejected.
        if line.first == ASCII.space || line.first == ASCII.tab {
            return .failure(.badRequest("obsolete line folding is not allowed (RFC 9112 §5.2)"))
        }
        guard let colon = line.firstIndex(of: ASCII.colon), colon > line.startIndex else {
            return .failure(.badRequest("header line without a field name and colon"))
        }
        let name = line[..<colon]
        // RFC 9112 §5.1: no whitespace between field name and colon.
        if name.last == ASCII.space || name.last == ASCII.tab {
            return .failure(.badRequest("whitespace between field name and colon (RFC 9112 §5.1)"))
        }
        guard name.allSatisfy(ASCII.isTokenByte) else {
            return .failure(.badRequest("invalid character in field name"))
        }
        var value = line[(colon + 1)...]
        while let first = value.first, first == ASCII.space || first == ASCII.tab { value = value.dropFirst() }
        while let last = value.last, last == ASCII.space || last == ASCII.tab { value = value.dropLast() }
        // RFC 9110 §5.5: CR, LF, NUL and other controls are invalid in field values.
        guard value.allSatisfy(ASCII.isFieldValueByte) else {
            return .failure(.badRequest("control character in field value (RFC 9110 §5.5)"))
        }
        return .success((name: String(decoding: name, as: UTF8.self), value: String(decoding: value, as: UTF8.self)))
    }

    /// Notes the fields that decide framing and routing.
    private mutating func classify(_ field: HTTPHeaders.Field) {
        let name = field.name
        switch name.utf8.count {
        case 4 where name.equalsIgnoringASCIICase("host"):
            message.hostCount += 1
        case 6 where name.equalsIgnoringASCIICase("expect"):
            message.expectations.append(field.value)
        case 14 where name.equalsIgnoringASCIICase("content-length"):
            message.contentLengthCount += 1
            message.contentLengthValue = field.value
        case 17 where name.equalsIgnoringASCIICase("transfer-encoding"):
            message.transferEncodings.append(field.value)
        default:
            break
        }
    }

    /// Checks the complete header section and decides how the body is framed.
    private mutating func finishHead() -> Step {
        let version = message.version
        // RFC 9112 §3.2: exactly one Host in HTTP/1.1, at most one in HTTP/1.0, with a valid value.
        if message.hostCount > 1 { return .failure(.badRequest("more than one Host header (RFC 9112 §3.2)")) }
        if message.hostCount == 0 && version == .http1_1 {
            return .failure(.badRequest("missing Host header (RFC 9112 §3.2)"))
        }
        if message.hostCount == 1, let host = message.fields.first(where: { $0.name.equalsIgnoringASCIICase("host") })?.value,
           !Self.isValidHost(host) {
            return .failure(.badRequest("invalid Host header"))
        }
        var chunked = false
        if !message.transferEncodings.isEmpty {
            // RFC 9112 §6.3: Transfer-Encoding with Content-Length may be smuggling; reject.
            if message.contentLengthCount > 0 {
                return .failure(.badRequest("both Transfer-Encoding and Content-Length (RFC 9112 §6.3)"))
            }
            // RFC 9112 §6.1: Transfer-Encoding in HTTP/1.0 means faulty framing.
            if version == .http1_0 {
                return .failure(.badRequest("Transfer-Encoding in an HTTP/1.0 request (RFC 9112 §6.1)"))
            }
            let codings = message.transferEncodings.joined(separator: ",").split(separator: ",").map { $0.trimmingOWS().lowercased() }
            // RFC 9112 §6.1: an unknown transfer coding is answered with 501; only chunked is supported.
            guard codings == ["chunked"] else {
                return .failure(HTTPError(501, "Not Implemented: only the chunked transfer coding is supported"))
            }
            chunked = true
        }
        var contentLength = 0
        if message.contentLengthCount > 1 {
            return .failure(.badRequest("more than one Content-Length (RFC 9112 §6.3)"))
        }
        if let value = message.contentLengthValue {
            guard let length = Self.parseContentLength(value) else {
                return .failure(.badRequest("invalid Content-Length (RFC 9112 §6.3)"))
            }
            contentLength = length
        }
        // The route decides its own limit (never above maxBodySize) before any body byte is read.
        message.bodyLimit = limits.maxBodySize
        if let bodyLimit, chunked || contentLength > 0 {
            let segments = message.parsedTarget?.segments ?? []
            message.bodyLimit = max(0, min(limits.maxBodySize, bodyLimit(message.method, segments)))
        }
        if contentLength > message.bodyLimit { return .failure(tooLarge) }
        // RFC 9110 §10.1.1: only 100-continue is known; it is ignored in HTTP/1.0 requests.
        var expectsContinue = false
        for expectation in message.expectations {
            guard expectation.trimmingOWS().lowercased() == "100-continue" else {
                return .failure(HTTPError(417, "Expectation Failed: only 100-continue is supported"))
            }
            expectsContinue = version == .http1_1
        }
        if chunked {
            state = .chunkSize
        } else if contentLength > 0 {
            state = .fixedBody
            message.remainingBody = contentLength
            message.body.reserveCapacity(min(contentLength, 64 * 1024))
        } else {
            return .event(completeRequest())
        }
        // Ask for the body only if the client has not started sending it.
        if expectsContinue && position == buffer.count && message.body.isEmpty {
            return .event(.continueExpected)
        }
        return .progress
    }

    /// Content-Length = 1*DIGIT (RFC 9110 §8.6); nil for signs, spaces, lists or overflow.
    static func parseContentLength(_ value: String) -> Int? {
        let digits = value.utf8
        guard !digits.isEmpty, digits.count <= 18 else { return nil }
        var length = 0
        for digit in digits {
            guard let number = ASCII.decimalDigit(digit) else { return nil }
            length = length * 10 + Int(number)
        }
        return length
    }

    /// Host = uri-host [ ":" port ] (RFC 9110 §7.2): reg-name or IP-literal characters only.
    static func isValidHost(_ host: String) -> Bool {
        host.utf8.allSatisfy { byte in
            URLEncoding.isUnreserved(byte) || "!$&'()*+,;=:[]%".utf8.contains(byte)
        }
    }

    /// Builds the finished request and resets for the next message.
    mutating func completeRequest() -> Event {
        let finished = message
        message = MessageInProgress()
        state = .requestLine
        let request = Request(method: finished.method, target: finished.target,
                              parsedTarget: finished.parsedTarget!, headers: HTTPHeaders(finished.fields),
                              body: finished.body, version: finished.version, remoteAddress: remoteAddress)
        return .request(request)
    }
}
