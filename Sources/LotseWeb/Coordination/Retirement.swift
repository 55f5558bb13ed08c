// Retirement: the one handler behind "Ausmustern" / "Wieder anbieten" for vocabulary rows
// (need and target-group terms, Sozialräume): reads `wieder`, lets the core service set or
// clear `retired_at`, and redirects with the matching notice.
import Foundation
import HTTP
import LotseCore

/// The retire / offer-again handler shared by vocabularies and Sozialräume.
enum Retirement {
    /// Retires the row that `apply` resolves from the request (or offers it again with
    /// `wieder=1`; `apply` gets whether to offer again, the acting account and the time) and
    /// redirects to `back` with the matching notice.
    static func handle(_ request: PageRequest, back: String,
                       apply: (_ again: Bool, _ account: Account, _ now: Date) throws -> Void) throws -> Response {
        let account = try request.account
        let again = try request.input.text("wieder") == "1"
        try apply(again, account, request.context.now())
        return .redirect(to: URLs.with(notice: again ? "reaktiviert" : "ausgemustert", back))
    }
}
