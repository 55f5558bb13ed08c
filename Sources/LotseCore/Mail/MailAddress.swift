// MailAddress: a mailbox with an optional display name, written for a header (RFC 5322
// §3.4) — quoted when it has specials, RFC 2047 encoded when it is not ASCII.

/// A mailbox.
public struct MailAddress: Sendable, Equatable {
    /// Display name, e.g. "Jürgen Müller".
    public let name: String?
    /// The address, e.g. "j.mueller@example.org".
    public let email: String

    /// Creates a mailbox.
    public init(_ email: String, name: String? = nil) {
        self.email = email
        self.name = name
    }

    /// The header form: `=?UTF-8?B?…?= <a@b>`, `"A, B" <a@b>` or `a@b`.
    public var headerValue: String {
        guard let name, !name.isEmpty else { return email }
        return MailEncoding.phrase(name) + " <\(email)>"
    }
}
