// HelperMail: the e-mail that asks a registered helper whether they can take on a new
// neighbourhood help. It names only the brokering DLZ and its office address, and links plainly
// to the public list of opportunities: no name, area, kind or time of the citizen's request (the
// DLZ tells the helper by phone), and no link that signs anyone in.
import Foundation
import Templating

/// The helper inquiry e-mail.
public enum HelperMail {
    /// The subject of every inquiry.
    public static func subject(broker: String) -> String { "Anfrage für eine Nachbarschaftshilfe – \(broker)" }

    /// The rendered message to `recipient`.
    public static func message(to recipient: MailAddress, broker: String, brokerEmail: String?, networkName: String, link: String,
                               settings: MailSettings) throws -> MailMessage {
        let context: TemplateValue = .object([
            "broker": .string(broker), "brokerEmail": TemplateValue(brokerEmail), "networkName": .string(networkName),
            "url": .string(link), "title": .string(subject(broker: broker)),
        ])
        let text = try settings.templates.render("mail/helfende_anfrage.txt", context)
        let html = try settings.templates.render("mail/helfende_anfrage.html", context)
        return MailMessage(from: settings.from, to: [recipient], subject: subject(broker: broker), text: text, html: html,
                           extraHeaders: [("Auto-Submitted", "auto-generated")])
    }
}
