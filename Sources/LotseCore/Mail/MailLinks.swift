// MailLinks: the site paths e-mails link to. LotseCore does not know the web's routes; the web
// layer's one URL builder (LotseWeb's `URLs.mailLinks`) supplies them, so a link in a mail and
// the route that answers it cannot drift apart.

/// Paths of pages reached from e-mails (site-relative; mails prefix the public URL).
public struct MailLinks: Sendable {
    /// The confirm-and-log-in page of a login link.
    public let loginLink: @Sendable (String) -> String
    /// The page that accepts an invitation.
    public let invitation: @Sendable (String) -> String
    /// The page that sets a new password.
    public let passwordReset: @Sendable (String) -> String
    /// The page of a signed digest link.
    public let signedLink: @Sendable (SignedLink.Purpose, String) -> String
    /// The provider editor's dashboard.
    public let editorHome: String
    /// The referral outbox or inbox.
    public let referrals: String
    /// The coordinator's dashboard.
    public let coordination: String
    /// One referral's page (behind the login) by its id — an id, no personal data.
    public let referral: @Sendable (String) -> String
    /// The pending access grants the viewer may confirm (behind the login).
    public let grants: String
    /// The housing proposals of a team or a housing company (behind the login); nil: the referrals.
    public let housingProposals: String?
    /// The members' MAE rounds (behind the login); URLs sets it from its route.
    public var maeRounds = ""

    /// Creates the links.
    public init(loginLink: @escaping @Sendable (String) -> String, invitation: @escaping @Sendable (String) -> String,
                passwordReset: @escaping @Sendable (String) -> String,
                signedLink: @escaping @Sendable (SignedLink.Purpose, String) -> String,
                editorHome: String, referrals: String, coordination: String,
                referral: @escaping @Sendable (String) -> String, grants: String, housingProposals: String? = nil) {
        self.loginLink = loginLink
        self.invitation = invitation
        self.passwordReset = passwordReset
        self.signedLink = signedLink
        self.editorHome = editorHome
        self.referrals = referrals
        self.coordination = coordination
        self.referral = referral
        self.grants = grants
        self.housingProposals = housingProposals
    }
}
