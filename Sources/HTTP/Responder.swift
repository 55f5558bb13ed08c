// Responder: runs the handler for a parsed request and turns thrown errors into responses:
// HTTPError → its status and public text; anything else → 500 "Interner Fehler (Anfrage-ID …)"
// with the full error in the log only. Shared by the server and one-shot mode.

/// Runs a handler and maps its errors.
struct Responder: Sendable {
    /// The application.
    let handler: Handler
    /// Error reports and access lines.
    let logger: Logger

    /// The response for `request`, and whether it stems from an error (then the connection closes).
    func respond(to request: Request) -> (response: Response, isError: Bool) {
        do {
            return (try handler(request), false)
        } catch let error as HTTPError {
            if let cause = error.cause {
                logger.log("\(request.requestID) \(error.status) \(request.method) \(request.rawPath): \(String(reflecting: cause))")
            }
            return (error.response, true)
        } catch {
            return (internalError(error, request: request), true)
        }
    }

    /// Logs `error` in full and returns the 500 page naming only the request id.
    func internalError(_ error: any Error, request: Request) -> Response {
        logger.log("\(request.requestID) error \(request.method) \(request.rawPath): \(String(reflecting: error))")
        return Self.internalErrorPage(requestID: request.requestID)
    }

    /// The public 500 page.
    static func internalErrorPage(requestID: String) -> Response {
        Response.text("Interner Fehler (Anfrage-ID \(requestID))\n", status: 500)
    }
}
