// ReferralStatus: the ten FHIR Task statuses a referral takes (docs/domain.md §5.1), with their German
// labels. Which role may move a referral between them is decided by ReferralStateMachine only.

/// The status of a referral. Finer provider steps go in `ReferralBusinessStatus`, never here.
public enum ReferralStatus: String, CaseIterable, Sendable, Codable {
    case draft
    case requested
    case accepted
    case rejected
    case inProgress = "in-progress"
    case onHold = "on-hold"
    case cancelled
    case failed
    case completed
    case enteredInError = "entered-in-error"

    /// The German label shown in pages.
    public var label: String {
        switch self {
        case .draft: "Entwurf"
        case .requested: "Angefragt"
        case .accepted: "Angenommen"
        case .rejected: "Abgelehnt"
        case .inProgress: "In Bearbeitung"
        case .onHold: "Pausiert"
        case .cancelled: "Storniert"
        case .failed: "Nicht erfolgreich"
        case .completed: "Erledigt"
        case .enteredInError: "Fehleintrag"
        }
    }

    /// True for the end states (rejected, cancelled, failed, completed, entered-in-error):
    /// nothing but "entered-in-error" (and reopening that) follows them.
    public var isTerminal: Bool {
        switch self {
        case .rejected, .cancelled, .failed, .completed, .enteredInError: true
        case .draft, .requested, .accepted, .inProgress, .onHold: false
        }
    }

    /// True while the provider works on it (accepted, in progress, on hold).
    public var isActive: Bool { self == .accepted || self == .inProgress || self == .onHold }

    /// True when a coded reason must accompany a change to this status.
    public var requiresReason: Bool {
        self == .rejected || self == .cancelled || self == .onHold || self == .failed
    }
}
