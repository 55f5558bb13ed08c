// ReferralReason: the coded reasons for rejected, cancelled, on-hold and failed (docs/domain.md §5.1),
// the system's own reasons, and who declined.

/// Why a referral was rejected, cancelled, paused or failed.
public enum ReferralReason: String, CaseIterable, Sendable, Codable {
    case capacity
    case notEligible = "not-eligible"
    case outsideServiceArea = "outside-service-area"
    case missingInformation = "missing-information"
    case citizenDeclined = "citizen-declined"
    case couldNotContact = "could-not-contact"
    /// Needs a text.
    case other
    /// System: the provider did not answer in time ("keine Rückmeldung").
    case noResponse = "no-response"
    /// System: a parallel offer of the same group was accepted.
    case siblingAccepted = "sibling-accepted"
    /// System: the citizen withdrew consent before the provider accepted.
    case consentWithdrawn = "consent-withdrawn"

    /// The German label.
    public var label: String {
        switch self {
        case .capacity: "keine Kapazität"
        case .notEligible: "Voraussetzungen nicht erfüllt"
        case .outsideServiceArea: "außerhalb des Einzugsgebiets"
        case .missingInformation: "Angaben fehlen"
        case .citizenDeclined: "Bürger:in hat abgelehnt"
        case .couldNotContact: "nicht erreichbar"
        case .other: "anderer Grund"
        case .noResponse: "keine Rückmeldung"
        case .siblingAccepted: "von einem anderen Angebot angenommen"
        case .consentWithdrawn: "Einwilligung widerrufen"
        }
    }

    /// True for reasons only the system (jobs, sibling cancellation, withdrawal) records.
    public var isSystemReason: Bool {
        self == .noResponse || self == .siblingAccepted || self == .consentWithdrawn
    }

    /// The reasons a person may choose.
    public static var userReasons: [ReferralReason] { allCases.filter { !$0.isSystemReason } }
}

/// Who declined a referral.
public enum DeclinedBy: String, CaseIterable, Sendable, Codable {
    case provider, citizen

    /// The German label.
    public var label: String {
        switch self {
        case .provider: "Anbieter"
        case .citizen: "Bürger:in"
        }
    }
}
