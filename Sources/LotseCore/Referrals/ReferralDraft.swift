// ReferralDraft: what a counselor enters for a new referral. The citizen is pseudonymous by
// default (a case reference); identity and contact fields are optional and only filled where
// the workflow needs them.
import Foundation

/// The counselor's input for a referral draft.
public struct ReferralDraft: Sendable, Equatable {
    /// Need codes (taxonomy `bedarf`), at least one.
    public var needs: [String]
    /// Sozialraum code where the citizen lives.
    public var sozialraum: String?
    /// Routine or urgent.
    public var urgency: ReferralUrgency = .routine
    /// Target group codes.
    public var targetGroups: [String] = []
    /// ISO 639 code of the preferred language.
    public var preferredLanguage: String?
    /// Accessibility feature codes.
    public var accessibilityNeeds: [String] = []
    /// Desired window, `YYYY-MM-DD`.
    public var desiredFrom: String?
    /// End of the desired window (`YYYY-MM-DD`).
    public var desiredUntil: String?
    /// Overrides the service's respond-by working days (`YYYY-MM-DD`).
    public var respondBy: String?
    /// The provider must not contact the citizen.
    public var doNotContact = false
    /// The counselor's case reference (pseudonym), required.
    public var caseReference: String
    /// The citizen's name (personal).
    public var citizenName: String?
    /// The citizen's phone (personal).
    public var citizenPhone: String?
    /// The citizen's e-mail (personal).
    public var citizenEmail: String?
    /// The citizen's address (personal).
    public var citizenAddress: String?

    /// Creates a draft with the required fields.
    public init(needs: [String], sozialraum: String?, caseReference: String) {
        self.needs = needs
        self.sozialraum = sozialraum
        self.caseReference = caseReference
    }

    /// Throws a German message for the first invalid field (format only; codes are checked
    /// against the database by ReferralDesk).
    public func validate() throws {
        guard !needs.isEmpty else { throw LotseError(.invalidInput, "Bitte mindestens einen Bedarf angeben.") }
        let reference = caseReference.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reference.isEmpty, reference.count <= 80 else {
            throw LotseError(.invalidInput, "Bitte ein Fallzeichen angeben (höchstens 80 Zeichen).")
        }
        for (label, date) in [("Wunschzeitraum ab", desiredFrom), ("Wunschzeitraum bis", desiredUntil), ("Antwort bis", respondBy)] {
            if let date, !Timestamp.isDate(date) { throw LotseError(.invalidInput, "\(label): »\(date)« ist kein Datum (JJJJ-MM-TT).") }
        }
        if let from = desiredFrom, let until = desiredUntil, from > until {
            throw LotseError(.invalidInput, "Der Wunschzeitraum endet vor seinem Beginn.")
        }
        if let email = citizenEmail, !email.isEmpty, !email.contains("@") {
            throw LotseError(.invalidInput, "»\(email)« ist keine E-Mail-Adresse.")
        }
        for text in [citizenName, citizenPhone, citizenEmail, citizenAddress].compactMap({ $0 }) where text.count > 300 {
            throw LotseError(.invalidInput, "Eine Angabe zur Person ist zu lang (höchstens 300 Zeichen).")
        }
    }
}
