// AccountMailer: the account e-mails — login link, invitation, password reset — rendered from
// Templates/mail/ (text and HTML) and sent through the sendmail pipe. The site queues them in
// the outbox and `MailQueue` calls these methods when it delivers; `lotse user invite` sends directly.
import Foundation
import Templating

/// Sends account e-mails.
public struct AccountMailer: Sendable {
    /// Sender, site URL, transport and templates.
    public let settings: MailSettings
    /// The network's name for greetings.
    public let networkName: String

    /// Creates a mailer.
    public init(settings: MailSettings, networkName: String) {
        self.settings = settings
        self.networkName = networkName
    }

    /// A login link valid for 20 minutes.
    public func loginLink(to account: Account, token: String) throws {
        try send("login_link", to: account, subject: "Ihr Anmeldelink für \(networkName)",
                 extra: ["url": .string(settings.publicURL + settings.links.loginLink(token)), "minutes": 20])
    }

    /// An invitation to edit an organization's entries, valid for 7 days.
    public func invitation(to account: Account, token: String, organization: String, invitedBy: String) throws {
        try send("invitation", to: account, subject: "Einladung: Einträge von \(organization) in \(networkName) pflegen",
                 extra: ["url": .string(settings.publicURL + settings.links.invitation(token)), "organization": .string(organization),
                         "invitedBy": .string(invitedBy), "days": 7])
    }

    /// A password reset link valid for one hour.
    public func passwordReset(to account: Account, token: String) throws {
        try send("password_reset", to: account, subject: "Neues Passwort für \(networkName)",
                 extra: ["url": .string(settings.publicURL + settings.links.passwordReset(token)), "minutes": 60])
    }

    /// The rendered message (for tests and dry runs).
    public func message(_ template: String, to account: Account, subject: String, extra: [String: TemplateValue]) throws -> MailMessage {
        var context: [String: TemplateValue] = ["name": .string(account.displayName), "networkName": .string(networkName), "title": .string(subject),
                                                "siteURL": .string(settings.publicURL)]
        for (key, value) in extra { context[key] = value }
        let text = try settings.templates.render("mail/\(template).txt", .object(context))
        let html = try settings.templates.render("mail/\(template).html", .object(context))
        return MailMessage(from: settings.from, to: [MailAddress(account.email, name: account.displayName)], subject: subject,
                           text: text, html: html, extraHeaders: [("Auto-Submitted", "auto-generated")])
    }

    private func send(_ template: String, to account: Account, subject: String, extra: [String: TemplateValue]) throws {
        try settings.transport.send(try message(template, to: account, subject: subject, extra: extra).rendered)
    }
}
