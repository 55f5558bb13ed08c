// MailMessage: a complete e-mail — RFC 5322 headers, and a text part or a
// multipart/alternative of text and HTML, both UTF-8 and quoted-printable, CRLF line ends.
import Foundation

/// An e-mail ready to pipe into sendmail.
public struct MailMessage: Sendable {
    public var from: MailAddress
    public var to: [MailAddress]
    public var subject: String
    public var date: Date
    /// Without angle brackets, e.g. "abc@lotse.example.org".
    public var messageID: String
    /// Further headers in order (List-Unsubscribe, Auto-Submitted …), values ASCII.
    public var extraHeaders: [(name: String, value: String)]
    /// The plain-text part.
    public var text: String
    /// The HTML part, if any.
    public var html: String?

    /// Creates a message; the Message-ID is random under the sender's domain.
    public init(from: MailAddress, to: [MailAddress], subject: String, text: String, html: String? = nil,
                date: Date = Date(), extraHeaders: [(name: String, value: String)] = [], messageID: String? = nil) {
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
        self.date = date
        self.extraHeaders = extraHeaders
        let domain = from.email.split(separator: "@").last.map(String.init) ?? "lotse.invalid"
        self.messageID = messageID ?? "\(SecretToken.base64URL(Crypto.randomBytes(18)))@\(domain)"
    }

    /// The message as bytes with CRLF line ends.
    public var rendered: [UInt8] {
        var lines: [String] = [
            "From: " + from.headerValue,
            "To: " + to.map(\.headerValue).joined(separator: ",\r\n "),
            "Subject: " + MailEncoding.unstructured(subject),
            "Date: " + MailEncoding.date(date),
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
        ]
        for header in extraHeaders { lines.append("\(header.name): \(header.value)") }
        if let html {
            let boundary = "=_lotse_" + SecretToken.base64URL(Crypto.randomBytes(12)).replacingOccurrences(of: "-", with: "x")
            lines.append("Content-Type: multipart/alternative; boundary=\"\(boundary)\"")
            lines.append("")
            lines.append("Dies ist eine MIME-Nachricht mit Text- und HTML-Teil.")
            for (type, body) in [("text/plain", text), ("text/html", html)] {
                lines.append("--\(boundary)")
                lines.append("Content-Type: \(type); charset=utf-8")
                lines.append("Content-Transfer-Encoding: quoted-printable")
                lines.append("")
                lines.append(String(decoding: MailEncoding.quotedPrintableBytes(Array(body.utf8)), as: UTF8.self))
            }
            lines.append("--\(boundary)--")
        } else {
            lines.append("Content-Type: text/plain; charset=utf-8")
            lines.append("Content-Transfer-Encoding: quoted-printable")
            lines.append("")
            lines.append(MailEncoding.quotedPrintable(text))
        }
        return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }
}
