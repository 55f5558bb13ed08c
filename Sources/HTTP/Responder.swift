// Responder: runs the handler for a parsed request and turns thrown errors into responses:
// HTTPError → its status and public text; anything else → 500 "Interner Fehler (Anfrage-ID …)"
// with the full error in the log only. Shared by the server and one-shot mode.

/// Runs a handler and maps its errors.
struct Responder: Sendable {
    /// The application.
    let handler: Handler
    /// Error reports and access lines.
    let logger: Logger
    /// Default headers and hooks of the application.
    var configuration = ServerConfiguration()

    /// A responder for `handler`, logging to `logger`, with `configuration`.
    init(handler: @escaping Handler, logger: Logger, configuration: ServerConfiguration = ServerConfiguration()) {
        self.handler = handler
        self.logger = logger
        self.configuration = configuration
    }

    /// `response` with the configured default headers it lacks (for answers the HTTP layer makes).
    func decorate(_ response: Response) -> Response {
        configuration.decorate(response)
    }

    /// The response for `request`, and whether it stems from an error (then the connection closes).
    func respond(to request: Request) -> (response: Response, isError: Bool) {
        do {
            return (try handler(request), false)
        } catch let error as HTTPError {
            if let cause = error.cause {
                logger.log("\(request.requestID) \(error.status) \(request.method) \(request.rawPath): \(String(reflecting: cause))")
            }
            return (decorate(error.response), true)
        } catch {
            return (internalError(error, request: request), true)
        }
    }

    /// Logs `error` in full and returns the 500 page naming only the request id.
    func internalError(_ error: any Error, request: Request) -> Response {
        logger.log("\(request.requestID) error \(request.method) \(request.rawPath): \(String(reflecting: error))")
        return decorate(Self.internalErrorPage(requestID: request.requestID))
    }

    /// The public 500 page.
    static func internalErrorPage(requestID: String) -> Response {
        Response.text("Interner Fehler (Anfrage-ID \(requestID))\n", status: 500)
    }
}
