// HTTPError: a request failure with a status and a short public text. Handlers throw it for 4xx;
// the optional cause is logged with the request id and never sent to the client.

/// An error that becomes a plain-text response with `status` and `publicText`.
public struct HTTPError: Error, Sendable, CustomStringConvertible {
    /// The response status, normally 4xx (the parser also produces 5xx for 501/505).
    public var status: Int
    /// Short text sent as the response body. Must not contain personal or internal data.
    public var publicText: String
    /// Extra response headers, e.g. `Allow` for 405 or `WWW-Authenticate` for 401.
    public var headers: HTTPHeaders
    /// The underlying failure, written to the log only.
    public var cause: (any Error)?

    /// An error with `status`; `publicText` defaults to the reason phrase.
    public init(_ status: Int, _ publicText: String? = nil, headers: HTTPHeaders = [:],
                cause: (any Error)? = nil) {
        self.status = status
        self.publicText = publicText ?? HTTPStatus.reasonPhrase(for: status)
        self.headers = headers
        self.cause = cause
    }

    /// 400 with a reason.
    public static func badRequest(_ text: String) -> HTTPError { HTTPError(400, "Bad Request: \(text)") }
    /// 403.
    public static var forbidden: HTTPError { HTTPError(403, "Forbidden") }
    /// 404.
    public static var notFound: HTTPError { HTTPError(404, "Not Found") }

    /// `status publicText`, plus the cause when there is one (for logs).
    public var description: String {
        if let cause { return "\(status) \(publicText) (cause: \(String(reflecting: cause)))" }
        return "\(status) \(publicText)"
    }

    /// The plain-text response for this error.
    public var response: Response {
        var response = Response.text(publicText + "\n", status: status)
        for field in headers { response.headers[field.name] = field.value }
        return response
    }
}
