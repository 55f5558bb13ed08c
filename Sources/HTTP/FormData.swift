// FormData: fields and uploaded files of a form submission, decoded from an
// application/x-www-form-urlencoded or multipart/form-data (RFC 7578) body on demand.

/// Decoded form fields (repeated names kept in order) and uploaded files.
public struct FormData: Sendable {
    /// One uploaded file of a multipart form.
    public struct File: Sendable {
        /// The form field name.
        public var fieldName: String
        /// The file name the client gave (RFC 7578 §4.2), without any path.
        public var filename: String
        /// The part's Content-Type; "application/octet-stream" when none was sent.
        public var contentType: String
        /// The file content.
        public var bytes: [UInt8]

        /// A file from its parts.
        public init(fieldName: String, filename: String, contentType: String, bytes: [UInt8]) {
            self.fieldName = fieldName
            self.filename = filename
            self.contentType = contentType
            self.bytes = bytes
        }
    }

    /// Text fields in body order.
    public var fields: [(name: String, value: String)]
    /// Uploaded files in body order. A file input left empty (no name, no bytes) is omitted.
    public var files: [File]

    /// A form from its parts.
    public init(fields: [(name: String, value: String)] = [], files: [File] = []) {
        self.fields = fields
        self.files = files
    }

    /// The first value of the field `name`, or nil.
    public subscript(name: String) -> String? {
        fields.first { $0.name == name }?.value
    }

    /// Every value of the field `name`, in order (checkbox groups, multi-selects).
    public func values(_ name: String) -> [String] {
        fields.compactMap { $0.name == name ? $0.value : nil }
    }

    /// The first file uploaded under `name`, or nil.
    public func file(_ name: String) -> File? {
        files.first { $0.fieldName == name }
    }

    /// Decodes `body` according to `contentType`. An empty body without a content type is an
    /// empty form; malformed data is a 400, any other media type a 415.
    public static func decode(body: [UInt8], contentType: String?) throws(HTTPError) -> FormData {
        guard let contentType else {
            if body.isEmpty { return FormData() }
            throw HTTPError(415, "Unsupported Media Type: form data needs a Content-Type")
        }
        let mediaType = MediaType(contentType)
        switch mediaType.type {
        case "application/x-www-form-urlencoded":
            return FormData(fields: try URLEncoding.decodeForm(body))
        case "multipart/form-data":
            guard let boundary = mediaType.parameters["boundary"], !boundary.isEmpty,
                  boundary.utf8.count <= 70 else {  // RFC 2046 §5.1.1
                throw .badRequest("multipart/form-data without a valid boundary")
            }
            var parser = MultipartParser(body: body, boundary: boundary)
            return try parser.parse()
        default:
            throw HTTPError(415, "Unsupported Media Type: expected form data")
        }
    }
}

extension Request {
    /// The form in the body, decoded on each access: urlencoded or multipart (RFC 7578).
    /// Throws 400 for malformed data and 415 for other media types.
    public var form: FormData {
        get throws(HTTPError) {
            try FormData.decode(body: body, contentType: headers["Content-Type"])
        }
    }
}

/// A media type with parameters, e.g. `multipart/form-data; boundary="x"` (RFC 9110 §8.3.1).
struct MediaType {
    /// `type/subtype`, lower-cased.
    var type: String
    /// Parameters by lower-cased name; quoted values unquoted.
    var parameters: [String: String] = [:]

    /// Parses a Content-Type value leniently; unparseable parameters are skipped.
    init(_ value: String) {
        var parts = HeaderParameters.split(value)
        type = parts.isEmpty ? "" : parts.removeFirst().lowercased()
        for part in parts {
            guard let equals = part.firstIndex(of: "=") else { continue }
            let name = part[..<equals].trimmingOWS().lowercased()
            parameters[name] = HeaderParameters.unquote(part[part.index(after: equals)...].trimmingOWS())
        }
    }
}

/// Splitting of `;`-separated header parameters that respects quoted strings (RFC 9110 §5.6.4).
enum HeaderParameters {
    /// Splits on ";" outside double quotes; parts are trimmed.
    static func split(_ value: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for character in value {
            if escaped {
                escaped = false
            } else if quoted && character == "\\" {
                escaped = true
            } else if character == "\"" {
                quoted.toggle()
            } else if character == ";" && !quoted {
                parts.append(current.trimmingOWS())
                current = ""
                continue
            }
            current.append(character)
        }
        parts.append(current.trimmingOWS())
        return parts
    }

    /// Removes surrounding quotes and backslash escapes from a quoted-string.
    static func unquote(_ value: String) -> String {
        guard value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") else { return value }
        var result = ""
        var escaped = false
        for character in value.dropFirst().dropLast() {
            if !escaped && character == "\\" {
                escaped = true
                continue
            }
            escaped = false
            result.append(character)
        }
        return result
    }
}
