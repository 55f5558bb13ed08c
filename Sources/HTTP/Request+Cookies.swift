// Request+Cookies: reads the Cookie header (RFC 6265 §5.4, sent as `a=1; b=2`). Values are
// returned as sent (no decoding), which matches what `SetCookie` writes.

extension Request {
    /// Cookies by name; the first occurrence of a name wins (RFC 6265 §5.4 orders longer paths
    /// first). Surrounding double quotes are removed from values.
    public var cookies: [String: String] {
        var result: [String: String] = [:]
        for header in headers.values("Cookie") {
            for pair in header.split(separator: ";") {
                guard let equals = pair.firstIndex(of: "=") else { continue }
                let name = pair[..<equals].trimmingOWS()
                var value = pair[pair.index(after: equals)...].trimmingOWS()
                if value.count >= 2 && value.hasPrefix("\"") && value.hasSuffix("\"") {
                    value = String(value.dropFirst().dropLast())
                }
                if !name.isEmpty && result[name] == nil { result[name] = value }
            }
        }
        return result
    }
}
