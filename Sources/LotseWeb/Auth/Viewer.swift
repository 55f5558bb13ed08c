// Viewer: who sent a request — the logged-in account and session, if any — and the CSRF token
// their forms must carry.
import HTTP
import LotseCore

/// The person behind a request.
public struct Viewer: Sendable {
    /// The account, nil when not logged in.
    public let account: Account?
    /// The session, nil when not logged in.
    public let session: SessionStore.Session?
    /// The token every form of this viewer carries in the field `csrf`.
    public let csrfToken: String

    /// How this viewer sees the directory.
    public var audience: Audience { account?.audience ?? .public }

    /// True when logged in.
    public var isSignedIn: Bool { account != nil }
}
