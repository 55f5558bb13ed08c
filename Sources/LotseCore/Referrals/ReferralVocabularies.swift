// ReferralVocabularies: the small closed value sets of a referral besides status and reason —
// urgency, the provider's business status and the outcome the counselor records — with German
// labels. They mirror the CHECK constraints of migration 003.

/// How soon the citizen needs help.
public enum ReferralUrgency: String, CaseIterable, Sendable, Codable {
    case routine, urgent

    /// The German label.
    public var label: String {
        switch self {
        case .routine: "regulär"
        case .urgent: "dringend"
        }
    }
}

/// Finer provider steps kept apart from `ReferralStatus` (docs/domain.md §5.1).
public enum ReferralBusinessStatus: String, CaseIterable, Sendable, Codable {
    case read
    case waitlist
    case appointment
    case contactFailed = "contact-failed"

    /// The German label.
    public var label: String {
        switch self {
        case .read: "gelesen"
        case .waitlist: "Warteliste"
        case .appointment: "Termin vereinbart"
        case .contactFailed: "Kontaktversuch erfolglos"
        }
    }

    /// The statuses in which a provider may set this step ("gelesen" while requested, the
    /// others while the referral is active).
    public var allowedStatuses: Set<ReferralStatus> {
        switch self {
        case .read: [.requested, .accepted, .inProgress, .onHold]
        case .waitlist, .appointment, .contactFailed: [.accepted, .inProgress, .onHold]
        }
    }
}

/// What came of a referral, as the counselor records it when closing the loop.
public enum ReferralOutcome: String, CaseIterable, Sendable, Codable {
    case helped
    case partlyHelped = "partly-helped"
    case notHelped = "not-helped"
    case unknown

    /// The German label.
    public var label: String {
        switch self {
        case .helped: "geholfen"
        case .partlyHelped: "teilweise geholfen"
        case .notHelped: "nicht geholfen"
        case .unknown: "unbekannt"
        }
    }
}
