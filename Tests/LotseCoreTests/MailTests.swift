// E-mail encoding and the sendmail pipe, including a failing, a hanging and a missing command.
import Foundation
import Testing
@testable import LotseCore

@Suite struct MailTests {
    @Test func encodedWordsStayWithin75AndDecodeBack() throws {
        let subject = "Wöchentliche Übersicht für Jürgen Müller – 3 neue Überweisungen, äöüß ÄÖÜ 😀 und noch mehr Text"
        let words = MailEncoding.encodedWords(subject)
        #expect(words.count > 1)
        #expect(words.allSatisfy { $0.count <= MailEncoding.maximumEncodedWordLength && $0.hasPrefix("=?UTF-8?B?") })
        let decoded = words.map { word -> String in
            let base64 = word.dropFirst(10).dropLast(2)
            return String(decoding: Data(base64Encoded: String(base64))!, as: UTF8.self)
        }.joined()
        #expect(decoded == subject)
    }

    @Test func phrasesAreAtomsQuotedOrEncoded() {
        #expect(MailEncoding.phrase("Lotse Netzwerk") == "Lotse Netzwerk")
        #expect(MailEncoding.phrase("Müller, Jürgen").hasPrefix("=?UTF-8?B?"))
        #expect(MailEncoding.phrase("Mueller, Juergen") == "\"Mueller, Juergen\"")
        #expect(MailAddress("a@example.org", name: "A \"B\"").headerValue == "\"A \\\"B\\\"\" <a@example.org>")
    }

    @Test func quotedPrintableKeepsLinesShortAndRoundTrips() {
        let text = String(repeating: "Grüße aus der Straße = schön ", count: 12) + "   \nzweite Zeile \nÄ"
        let encoded = MailEncoding.quotedPrintable(text)
        #expect(encoded.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 76 })
        #expect(!encoded.contains(" \r\n"))
        // Decode: remove soft breaks, then =XX.
        var bytes: [UInt8] = []
        let joined = Array(encoded.replacingOccurrences(of: "=\r\n", with: "").utf8)
        var index = 0
        while index < joined.count {
            if joined[index] == 61, index + 2 < joined.count, let value = UInt8(String(decoding: joined[(index + 1)...(index + 2)], as: UTF8.self), radix: 16) {
                bytes.append(value)
                index += 3
            } else {
                bytes.append(joined[index])
                index += 1
            }
        }
        #expect(String(decoding: bytes, as: UTF8.self) == text.replacingOccurrences(of: "\n", with: "\r\n"))
    }

    @Test func renderedMessageHasTheHeadersAndBothParts() throws {
        let message = MailMessage(from: MailAddress("lotse@example.org", name: "Lotse Beispielnetzwerk"),
                                  to: [MailAddress("j@example.org", name: "Jürgen Müller")], subject: "Ihr Anmeldelink für Lotse",
                                  text: "Hallo Jürgen", html: "<p>Hallo Jürgen</p>",
                                  date: Timestamp.parse("2026-11-23T06:00:00Z")!, extraHeaders: [("Auto-Submitted", "auto-generated")])
        let text = String(decoding: message.rendered, as: UTF8.self)
        #expect(text.contains("Date: Mon, 23 Nov 2026 07:00:00 +0100\r\n"))
        #expect(text.contains("MIME-Version: 1.0\r\n"))
        #expect(text.contains("Content-Type: multipart/alternative; boundary="))
        #expect(text.contains("Hallo J=C3=BCrgen"))
        #expect(text.contains("Auto-Submitted: auto-generated\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(text.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count < 998 })
    }

    @Test func transportReportsFailuresTimeoutsAndMissingPrograms() throws {
        let message = Array("To: a@example.org\r\nSubject: x\r\n\r\nx\r\n".utf8)
        try SendmailTransport(commandLine: "/bin/cat").send(message)
        let failed = #expect(throws: SendmailTransport.Failure.self) { try SendmailTransport(commandLine: "/bin/false").send(message) }
        #expect(failed?.description.contains("Status 1") == true)
        let started = Date()
        let hung = #expect(throws: SendmailTransport.Failure.self) { try SendmailTransport(commandLine: "/bin/sleep 30", timeout: 0.5).send(message) }
        #expect(hung?.description.contains("nicht geantwortet") == true)
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(throws: SendmailTransport.Failure.self) { try SendmailTransport(commandLine: "/nicht/da").send(message) }
    }
}
