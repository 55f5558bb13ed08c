// FormData: the fields of a form submission, decoded from an application/x-www-form-urlencoded
// body on demand. (Lotse has no file uploads; multipart/form-data is answered with 415.)

/// Decoded form fields (repeated names kept in order).
public struct FormData: Sendable {
    /// Text fields in body order.
    public var fields: [(name: String, value: String)]

    /// A form from its fields.
    public init(fields: [(name: String, value: String)] = []) {
        self.fields = fields
    }

    /// The first value of the field `name`, or nil.
    public subscript(name: String) -> String? {
        fields.first { $0.name == name }?.value
    }

    /// Every value of the field `name`, in order (checkbox groups, multi-selects).
    public func values(_ name: String) -> [String] {
        fields.compactMap { $0.name == name ? $0.value : nil }
    }

    /// Decodes `body` according to `contentType`. An empty body without a content type is an
    /// empty form; malformed data is a 400, any other media type a 415.
    public static func decode(body: [UInt8], contentType: String?) throws(HTTPError) -> FormData {
        guard let contentType else {
            if body.isEmpty { return FormData() }
            throw HTTPError(415, "Unsupported Media Type: form data needs a Content-Type")
        }
        // The media type without parameters (e.g. "; charset=UTF-8"), RFC 9110 §8.3.1.
        let mediaType = contentType.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)
            .first.map { String($0).trimmingOWS().lowercased() } ?? ""
        guard mediaType == "application/x-www-form-urlencoded" else {
            throw HTTPError(415, "Unsupported Media Type: expected application/x-www-form-urlencoded")
        }
        return FormData(fields: try URLEncoding.decodeForm(body))
    }
}

extension Request {
    /// The urlencoded form in the body, decoded on each access. Throws 400 for malformed data
    /// and 415 for other media types.
    public var form: FormData {
        get throws(HTTPError) {
            try FormData.decode(body: body, contentType: headers["Content-Type"])
        }
    }
}
