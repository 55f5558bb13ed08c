// SitePaths: the site paths that e-mails link to. LotseWeb's URL builder uses the same
// functions, so a link in a mail and the route that answers it cannot drift apart.

/// Paths of pages reached from e-mails.
public enum SitePaths {
    /// Confirm-and-log-in page of a login link.
    public static func loginLink(_ token: String) -> String { "/anmelden/link/" + token }
    /// Accept an invitation.
    public static func invitation(_ token: String) -> String { "/einladung/" + token }
    /// Set a new password.
    public static func passwordReset(_ token: String) -> String { "/passwort-neu/" + token }
    /// The page of a signed digest link.
    public static func signedLink(_ purpose: SignedLink.Purpose, _ token: String) -> String {
        switch purpose {
        case .confirm: "/e/bestaetigen/" + token
        case .unsubscribe: "/e/abmelden/" + token
        case .preferences: "/e/einstellungen/" + token
        case .login: "/e/anmelden/" + token
        }
    }
}
