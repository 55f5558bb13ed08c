// Consent: a citizen's consent to share referral data with named recipient organizations
// (docs/domain.md §6.1) — who, for whom, which data, why, in which form, from when to when, under
// which information text, with or without release from professional secrecy.

/// The data a consent lets Lotse share with a recipient. Each category releases its own fields
/// of a referral (`ReferralAccess.project` applies this, for every channel) and the notes filed
/// under it:
///
/// | category | fields | notes |
/// |---|---|---|
/// | needs | need, Sozialraum, target groups, urgency, language, accessibility, desired window, "nicht kontaktieren"; the appointment from acceptance on | filed under `needs` |
/// | identity | name | filed under `identity` |
/// | contact | phone, e-mail, address (never with "nicht kontaktieren") | filed under `contact` |
/// | health | — (health and disability details live in notes) | filed under `health` |
public enum ConsentCategory: String, CaseIterable, Sendable, Codable {
    /// Need, Sozialraum, urgency, language, accessibility (the pseudonymous summary).
    case needs
    /// The citizen's name.
    case identity
    /// Phone, e-mail, address.
    case contact
    /// Health and disability details (notes).
    case health

    /// The categories that identify the citizen or concern their health: a professional bound
    /// by secrecy (StGB §203) may share them only with the Schweigepflichtentbindung.
    public static let needingRelease: Set<ConsentCategory> = [.identity, .contact, .health]

    /// The categories from the most protective (shared least often) to the least: the default
    /// category of a new note is the first one the writer may use.
    public static let mostProtectiveFirst: [ConsentCategory] = [.health, .contact, .identity, .needs]

    /// The most protective of `categories` (nil when empty).
    public static func mostProtective(of categories: Set<ConsentCategory>) -> ConsentCategory? {
        mostProtectiveFirst.first { categories.contains($0) }
    }

    /// The German label.
    public var label: String {
        switch self {
        case .needs: "Bedarf und Rahmendaten"
        case .identity: "Name"
        case .contact: "Kontaktdaten"
        case .health: "Gesundheit und Behinderung"
        }
    }
}

/// How consent was given.
public enum ConsentForm: String, CaseIterable, Sendable, Codable {
    case signed
    case electronic
    case verbalRecorded = "verbal-recorded"

    /// The German label.
    public var label: String {
        switch self {
        case .signed: "schriftlich unterschrieben"
        case .electronic: "elektronisch"
        case .verbalRecorded: "mündlich, dokumentiert"
        }
    }
}

/// Who gave the consent.
public enum ConsentGiver: String, CaseIterable, Sendable, Codable {
    case citizen, representative

    /// The German label.
    public var label: String {
        switch self {
        case .citizen: "die Person selbst"
        case .representative: "gesetzliche Vertretung / Bevollmächtigte"
        }
    }
}

/// What a counselor records as consent.
public struct ConsentInput: Sendable, Equatable {
    /// Who gave the consent.
    public var givenBy: ConsentGiver = .citizen
    /// A representative's name (personal); nil when the citizen consented.
    public var consentingPerson: String?
    /// Recipient organization ids.
    public var recipients: [String]
    /// The data categories.
    public var categories: Set<ConsentCategory>
    /// Why the data is shared.
    public var purpose: String
    /// How the consent was given.
    public var form: ConsentForm
    /// `YYYY-MM-DD`.
    public var givenOn: String
    /// Last valid day, `YYYY-MM-DD`; nil for no expiry.
    public var expiresOn: String?
    /// The version of the information text the citizen received.
    public var informationVersion: String
    /// Schweigepflichtentbindung.
    public var confidentialityRelease: Bool

    /// Creates a consent input.
    public init(recipients: [String], categories: Set<ConsentCategory>, purpose: String, form: ConsentForm,
                givenOn: String, expiresOn: String? = nil, informationVersion: String, confidentialityRelease: Bool) {
        self.recipients = recipients
        self.categories = categories
        self.purpose = purpose
        self.form = form
        self.givenOn = givenOn
        self.expiresOn = expiresOn
        self.informationVersion = informationVersion
        self.confidentialityRelease = confidentialityRelease
    }
}

/// A recorded consent.
public struct Consent: Sendable, Equatable {
    /// The id.
    public let id: String
    /// The referral group it belongs to.
    public let groupID: String
    /// Who gave the consent.
    public let givenBy: ConsentGiver
    /// A representative's name (personal).
    public let consentingPerson: String?
    /// Who it is addressed to.
    public let recipients: Set<String>
    /// The data categories.
    public let categories: Set<ConsentCategory>
    /// Why the data is shared.
    public let purpose: String
    /// How the consent was given.
    public let form: ConsentForm
    /// The day the consent was given (`YYYY-MM-DD`).
    public let givenOn: String
    /// The last valid day (`YYYY-MM-DD`), nil for none.
    public let expiresOn: String?
    /// The version of the information text the citizen received.
    public let informationVersion: String
    /// Release from professional secrecy (Schweigepflichtentbindung).
    public let confidentialityRelease: Bool
    /// The account that recorded it.
    public let recordedBy: String
    /// When it was recorded.
    public let recordedAt: String
    /// When it was withdrawn, if so.
    public let withdrawnAt: String?

    /// True when the consent is in force on `date` (`YYYY-MM-DD`): given, not expired, not
    /// withdrawn.
    public func isValid(on date: String) -> Bool {
        withdrawnAt == nil && givenOn <= date && (expiresOn.map { date <= $0 } ?? true)
    }

    /// The categories this consent actually lets Lotse share: without the
    /// Schweigepflichtentbindung only those that need none (the pseudonymous summary), whatever
    /// else was ticked.
    public var effectiveCategories: Set<ConsentCategory> {
        confidentialityRelease ? categories : categories.subtracting(ConsentCategory.needingRelease)
    }

    /// True when, on `date`, it lets Lotse share `category` with `organization`.
    public func covers(_ organization: String, _ category: ConsentCategory, on date: String) -> Bool {
        isValid(on: date) && recipients.contains(organization) && effectiveCategories.contains(category)
    }
}

extension Array where Element == Consent {
    /// The categories some valid consent lets Lotse share with `organization` on `date` (each
    /// consent's effective categories: personal ones only with the Schweigepflichtentbindung).
    public func categories(for organization: String, on date: String) -> Set<ConsentCategory> {
        var result: Set<ConsentCategory> = []
        for consent in self where consent.isValid(on: date) && consent.recipients.contains(organization) {
            result.formUnion(consent.effectiveCategories)
        }
        return result
    }
}
