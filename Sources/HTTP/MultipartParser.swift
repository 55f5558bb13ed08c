// MultipartParser: decodes a multipart/form-data body (RFC 7578, framing of RFC 2046 §5.1.1)
// into fields and files. Any framing error is a 400.

/// Parses one multipart/form-data body.
struct MultipartParser {
    private let body: [UInt8]
    private let delimiter: [UInt8]  // "--" + boundary
    private var position = 0

    /// A parser for `body` split by `boundary`.
    init(body: [UInt8], boundary: String) {
        self.body = body
        delimiter = Array("--\(boundary)".utf8)
    }

    /// Decodes all parts. RFC 2046 §5.1.1: preamble, then `--boundary` CRLF part, each part ends
    /// at CRLF `--boundary`, the last delimiter is followed by "--".
    mutating func parse() throws(HTTPError) -> FormData {
        var form = FormData()
        // The first delimiter may start the body or follow a preamble ending in CRLF.
        if !body.starts(with: delimiter) {
            guard let first = Self.find([ASCII.cr, ASCII.lf] + delimiter, in: body, from: 0) else {
                throw .badRequest("multipart body without its boundary")
            }
            position = first + 2
        }
        position += delimiter.count
        while true {
            if hasPrefix("--") { return form }  // close-delimiter; the epilogue is ignored
            skipTransportPadding()
            guard hasPrefix("\r\n") else { throw .badRequest("malformed multipart delimiter line") }
            position += 2
            guard let headerEnd = Self.find(Array("\r\n\r\n".utf8), in: body, from: position - 2) else {
                throw .badRequest("multipart part without header end")
            }
            let headers = try parsePartHeaders(body[position..<max(position, headerEnd)])
            let contentStart = headerEnd + 4
            guard let contentEnd = Self.find([ASCII.cr, ASCII.lf] + delimiter, in: body, from: contentStart - 2),
                  contentEnd >= contentStart - 2 else {
                throw .badRequest("multipart part without closing boundary")
            }
            let content = contentEnd >= contentStart ? Array(body[contentStart..<contentEnd]) : []
            try add(part: headers, content: content, to: &form)
            position = contentEnd + 2 + delimiter.count
        }
    }

    private func hasPrefix(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return position + bytes.count <= body.count && body[position..<position + bytes.count].elementsEqual(bytes)
    }

    private mutating func skipTransportPadding() {
        while position < body.count && (body[position] == ASCII.space || body[position] == ASCII.tab) {
            position += 1
        }
    }

    /// Part header lines (RFC 7578 §4.8: only Content-Disposition, Content-Type and
    /// Content-Transfer-Encoding matter); names lower-cased.
    private func parsePartHeaders(_ bytes: ArraySlice<UInt8>) throws(HTTPError) -> [String: String] {
        var headers: [String: String] = [:]
        guard !bytes.isEmpty else { return headers }
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\r\n", omittingEmptySubsequences: false) {
            guard let colon = line.firstIndex(of: ":") else {
                throw .badRequest("malformed multipart part header")
            }
            headers[line[..<colon].trimmingOWS().lowercased()] = line[line.index(after: colon)...].trimmingOWS()
        }
        return headers
    }

    private func add(part headers: [String: String], content: [UInt8], to form: inout FormData) throws(HTTPError) {
        guard let disposition = headers["content-disposition"] else {
            throw .badRequest("multipart part without Content-Disposition")
        }
        let parameters = MediaType(disposition)
        guard parameters.type == "form-data", let name = parameters.parameters["name"] else {
            throw .badRequest("multipart part without form-data name")
        }
        if let filename = parameters.parameters["filename"] {
            if filename.isEmpty && content.isEmpty { return }  // a file input left empty
            // Keep only the last path component; some clients send a full path.
            let baseName = filename.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
            form.files.append(FormData.File(fieldName: name, filename: baseName,
                                            contentType: headers["content-type"] ?? "application/octet-stream",
                                            bytes: content))
        } else {
            guard let value = String(validating: content, as: UTF8.self) else {
                throw .badRequest("multipart field is not UTF-8")
            }
            form.fields.append((name: name, value: value))
        }
    }

    /// The index of the first occurrence of `pattern` in `bytes` at or after `start`.
    static func find(_ pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = pattern.first, start >= 0, bytes.count >= pattern.count else { return nil }
        let last = bytes.count - pattern.count
        var index = start
        return bytes.withUnsafeBufferPointer { buffer -> Int? in
            while index <= last {
                if buffer[index] == first {
                    var matched = 1
                    while matched < pattern.count && buffer[index + matched] == pattern[matched] { matched += 1 }
                    if matched == pattern.count { return index }
                }
                index += 1
            }
            return nil
        }
    }
}
