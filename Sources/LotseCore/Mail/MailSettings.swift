// MailSettings: where mail comes from and how it leaves — sender, public site URL for links,
// the sendmail command and the templates — read from the environment (LOTSE_MAIL_FROM,
// LOTSE_PUBLIC_URL, LOTSE_SENDMAIL).
import Foundation
import Templating

/// Settings for outgoing mail.
public struct MailSettings: Sendable {
    /// The sender of every message.
    public var from: MailAddress
    /// The site's public base URL (no trailing slash), for links.
    public var publicURL: String
    /// The transport.
    public var transport: SendmailTransport
    /// The templates (Templates/, with mail/ inside).
    public var templates: TemplateLibrary
    /// The site paths mails link to (from the web layer's URL builder).
    public var links: MailLinks
    /// Messages handed to sendmail at the same time by a digest run (LOTSE_MAIL_SENDERS).
    public var senders = 4

    /// Creates settings.
    public init(from: MailAddress, publicURL: String, transport: SendmailTransport, templates: TemplateLibrary, links: MailLinks) {
        self.from = from
        self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        self.transport = transport
        self.templates = templates
        self.links = links
    }

    /// Settings from the environment with defaults: sender `lotse@localhost` named after the
    /// network, URL http://127.0.0.1:8080, `/usr/sbin/sendmail -t -i` with a 30 s timeout
    /// (LOTSE_SENDMAIL_TIMEOUT), four parallel senders (LOTSE_MAIL_SENDERS, 1 to 64).
    public static func fromEnvironment(_ environment: [String: String], networkName: String, publicURL: String? = nil,
                                       templates: TemplateLibrary, links: MailLinks) -> MailSettings {
        func value(_ key: String) -> String? { environment[key].flatMap { $0.isEmpty ? nil : $0 } }
        var settings = MailSettings(from: MailAddress(value("LOTSE_MAIL_FROM") ?? "lotse@localhost", name: "Lotse – \(networkName)"),
                            publicURL: publicURL ?? value("LOTSE_PUBLIC_URL") ?? "http://127.0.0.1:8080",
                            transport: SendmailTransport(commandLine: value("LOTSE_SENDMAIL") ?? SendmailTransport.defaultCommand,
                                                         timeout: value("LOTSE_SENDMAIL_TIMEOUT").flatMap(Double.init) ?? 30),
                            templates: templates, links: links)
        if let senders = value("LOTSE_MAIL_SENDERS").flatMap(Int.init), (1...64).contains(senders) { settings.senders = senders }
        return settings
    }

    /// These settings with the sender address chosen in the settings (`mail.from`), when one
    /// is stored; the display name stays.
    public func applying(_ values: SettingValues) -> MailSettings {
        guard let address = values.mailFrom else { return self }
        var settings = self
        settings.from = MailAddress(address, name: from.name)
        return settings
    }
}
