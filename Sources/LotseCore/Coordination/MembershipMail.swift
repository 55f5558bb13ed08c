// MembershipMail: the confirmation e-mail of an application for membership (double opt-in) —
// sent straight to the address the applicant gave, with the link that puts the application in
// the coordinators' queue. The link signs no one in; the mail names the organization only.
import Foundation
import Templating

extension FormRateLimit.Rule {
    /// Applications for membership: 5 per hour and address.
    public static let membershipApplication = FormRateLimit.Rule(kind: "membership_application", limit: 5, window: 3600)
}

extension AccountMailer {
    /// The rendered confirmation mail to `email` for `organization`, linking to `url`.
    public func applicationConfirmation(to email: String, organization: String, url: String) throws -> MailMessage {
        let subject = "Bitte bestätigen: Antrag auf Mitgliedschaft in \(networkName)"
        let context: TemplateValue = .object([
            "networkName": .string(networkName), "title": .string(subject), "siteURL": .string(settings.publicURL),
            "organization": .string(organization), "url": .string(url),
            "days": .int(Int(MembershipApplications.confirmationLifetime / 86_400)),
        ])
        return MailMessage(from: settings.from, to: [MailAddress(email)], subject: subject,
                           text: try settings.templates.render("mail/membership_confirmation.txt", context),
                           html: try settings.templates.render("mail/membership_confirmation.html", context),
                           extraHeaders: [("Auto-Submitted", "auto-generated")])
    }

    /// Sends `applicationConfirmation` through the transport.
    public func sendApplicationConfirmation(to email: String, organization: String, url: String) throws {
        try settings.transport.send(try applicationConfirmation(to: email, organization: organization, url: url).rendered)
    }
}
