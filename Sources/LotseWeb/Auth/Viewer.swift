// Viewer: who sent a request — the signed-in account and session, if any — and the CSRF token
// their forms must carry. Decided once per request by AccessControl.
import HTTP
import LotseCore

/// The person behind a request.
public struct Viewer: Sendable {
    /// The account, nil when not signed in.
    public let account: Account?
    /// The session, nil when not signed in.
    public let session: SessionStore.Session?
    /// The token every form of this viewer carries in the field `csrf`.
    public let csrfToken: String
    /// True when `csrfToken` was made for this request (a visitor without a CSRF cookie): the
    /// response sets the cookie, and a form submission cannot carry it yet.
    public var isNewCSRF = false

    /// How this viewer sees the directory.
    public var audience: Audience { account?.audience ?? .public }

    /// True when signed in.
    public var isSignedIn: Bool { account != nil }
}
