// HealthPage: `GET /healthz` — 200 "ok" when the database answers a read and commits a write
// and the scheduler is alive; otherwise 503 with the reasons, one per line (details in the log).
import Foundation
import HTTP
import LotseCore

/// The health endpoint for load balancers and service managers.
enum HealthPage {
    /// `GET /healthz`.
    static func health(_ request: PageRequest) throws -> Response {
        let context = request.context
        let problems = HealthCheck(store: context.store, scheduler: context.monitor.scheduler, now: context.now()).problems()
        var response: Response
        if problems.isEmpty {
            response = .text("ok\n")
        } else {
            for problem in problems {
                FileHandle.standardError.write(Data("\(request.http.requestID) healthz \(problem.check): \(problem.reason): \(problem.detail)\n".utf8))
            }
            response = .text(problems.map { "\($0.check): \($0.reason)" }.joined(separator: "\n") + "\n", status: 503)
        }
        response.headers["Cache-Control"] = "no-store"
        return response
    }
}
