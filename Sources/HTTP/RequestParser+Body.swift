// RequestParser+Body: message bodies framed by Content-Length (RFC 9112 §6.2) or by the chunked
// transfer coding (RFC 9112 §7.1), both bounded by the request's body limit
// (per route, at most `Limits.maxBodySize`), so an oversized chunked body is refused while read.

extension RequestParser {
    /// Copies up to the rest of a Content-Length body.
    mutating func parseFixedBody() -> Step {
        takeBodyBytes()
        return message.remainingBody == 0 ? .event(completeRequest()) : .needMore
    }

    /// chunk-size [ chunk-ext ] CRLF (RFC 9112 §7.1); size 0 starts the trailer section.
    mutating func parseChunkSize() -> Step {
        switch readLine(limit: 1024) {
        case .needMore: return .needMore
        case .tooLong: return .failure(.badRequest("chunk size line too long"))
        case .bareLineFeed: return .failure(.badRequest("chunk size line must end with CRLF (RFC 9112 §7.1)"))
        case .line(let range):
            let line = buffer[range]
            var size = 0
            var digits = 0
            for byte in line {
                guard let value = ASCII.hexValue(byte) else { break }
                digits += 1
                if digits > 15 { return .failure(tooLarge) }
                size = size << 4 | Int(value)
            }
            guard digits > 0 else { return .failure(.badRequest("invalid chunk size")) }
            // RFC 9112 §7.1.1: chunk-ext = *( BWS ";" BWS name [ BWS "=" BWS value ] ); ignored.
            let rest = line.dropFirst(digits).drop { $0 == ASCII.space || $0 == ASCII.tab }
            guard rest.isEmpty || (rest.first == ASCII.semicolon && rest.allSatisfy(ASCII.isFieldValueByte)) else {
                return .failure(.badRequest("invalid chunk extension"))
            }
            if size == 0 {
                state = .trailerLines
                return .progress
            }
            guard message.body.count + size <= message.bodyLimit else { return .failure(tooLarge) }
            message.remainingBody = size
            state = .chunkData
            return .progress
        }
    }

    /// Copies the data of the current chunk.
    mutating func parseChunkData() -> Step {
        takeBodyBytes()
        guard message.remainingBody == 0 else { return .needMore }
        state = .chunkDataEnd
        return .progress
    }

    /// The CRLF that ends chunk data.
    mutating func parseChunkDataEnd() -> Step {
        guard position < buffer.count else { return .needMore }
        guard buffer[position] == ASCII.cr else { return .failure(.badRequest("chunk data not followed by CRLF")) }
        guard position + 1 < buffer.count else { return .needMore }
        guard buffer[position + 1] == ASCII.lf else { return .failure(.badRequest("chunk data not followed by CRLF")) }
        position += 2
        scanPosition = position
        state = .chunkSize
        return .progress
    }

    /// trailer-section (RFC 9112 §7.1.2): field lines, validated and discarded, until an empty line.
    mutating func parseTrailerLine() -> Step {
        let budget = limits.maxHeaderBytes - message.trailerBytes - 2
        switch readLine(limit: max(0, budget)) {
        case .needMore: return .needMore
        case .tooLong:
            return .failure(HTTPError(431, "Request Header Fields Too Large: trailer section exceeds \(limits.maxHeaderBytes) bytes"))
        case .bareLineFeed: return .failure(.badRequest("trailer line must end with CRLF (RFC 9112 §2.2)"))
        case .line(let range):
            message.trailerBytes += range.count + 2
            if range.isEmpty { return .event(completeRequest()) }
            if case .failure(let error) = Self.parseField(buffer[range]) { return .failure(error) }
            return .progress
        }
    }

    /// 413 for a body over this request's limit.
    var tooLarge: HTTPError {
        HTTPError(413, "Content Too Large: body exceeds \(message.bodyLimit) bytes")
    }

    /// Moves up to `remainingBody` buffered bytes into the body.
    private mutating func takeBodyBytes() {
        let available = min(message.remainingBody, buffer.count - position)
        guard available > 0 else { return }
        message.body.append(contentsOf: buffer[position..<(position + available)])
        position += available
        scanPosition = position
        message.remainingBody -= available
    }
}
