// HousingProposalLifecycle: the one state machine of a housing proposal (docs/domain.md,
// "Holds while the cost approval is pending"): proposed → held → approved → let, or an end —
// declined (the company said no to the proposal), withdrawn (the counselor or the company's
// withdrawn offer ended it before a hold), lapsed (a hold ended without a letting: approval too
// late, refused, the household declined, the offer withdrawn). Every end carries a coded
// reason (`housing_proposal.end_reason`), and who may fire which event is part of the table.

/// Where a housing proposal stands and how it may move.
public enum HousingProposalLifecycle {
    /// The state of a proposal (column `housing_proposal.state`).
    public enum State: String, CaseIterable, Sendable, Codable {
        case proposed, held, approved, `let`, declined, lapsed, withdrawn

        /// The German label.
        public var label: String {
            switch self {
            case .proposed: "vorgeschlagen"
            case .held: "reserviert – Kostenübernahme beantragt"
            case .approved: "Kostenübernahme bewilligt"
            case .let: "vermietet"
            case .declined: "vom Wohnungsunternehmen abgelehnt"
            case .lapsed: "Reservierung beendet"
            case .withdrawn: "zurückgezogen"
            }
        }

        /// True for the end states (let, declined, lapsed, withdrawn).
        public var isFinal: Bool { ![.proposed, .held, .approved].contains(self) }

        /// True while the flat is held for the proposal (held or approved).
        public var holdsFlat: Bool { self == .held || self == .approved }
    }

    /// Why a proposal ended (column `housing_proposal.end_reason`).
    public enum EndReason: String, CaseIterable, Sendable, Codable {
        case approvalTooLate = "approval-too-late"
        case approvalRefused = "approval-refused"
        case householdDeclined = "household-declined"
        case companyDeclined = "company-declined"
        case offerWithdrawn = "offer-withdrawn"
        case consentWithdrawn = "consent-withdrawn"
        case other

        /// The German label.
        public var label: String {
            switch self {
            case .approvalTooLate: "Kostenübernahme nicht rechtzeitig"
            case .approvalRefused: "Kostenübernahme abgelehnt"
            case .householdDeclined: "Haushalt hat abgesagt"
            case .companyDeclined: "Wohnungsunternehmen hat abgelehnt"
            case .offerWithdrawn: "Wohnungsangebot zurückgezogen"
            case .consentWithdrawn: "Einwilligung widerrufen"
            case .other: "anderer Grund"
            }
        }

        /// The reasons a counselor may give when withdrawing a proposal.
        public static let counselorReasons: [EndReason] = [.householdDeclined, .consentWithdrawn, .other]
    }

    /// What happens to a proposal.
    public enum Event: String, CaseIterable, Sendable {
        /// The company accepts the proposal: the flat is held.
        case accept
        /// The company declines the proposal.
        case decline
        /// The counselor records the cost bearer's approval.
        case approve
        /// The counselor records the cost bearer's refusal: the flat is released.
        case refuse
        /// The hold date passed without an approval (the hold job).
        case lapse
        /// The company lets the flat to the household.
        case `let`
        /// The counselor withdraws the proposal (household declined, consent withdrawn, other).
        case withdraw
        /// The company withdraws the flat offer.
        case withdrawOffer = "withdraw-offer"

        /// The German label of the button.
        public var label: String {
            switch self {
            case .accept: "Vorschlag annehmen und Wohnung reservieren"
            case .decline: "Vorschlag ablehnen"
            case .approve: "Kostenübernahme bewilligt"
            case .refuse: "Kostenübernahme abgelehnt"
            case .lapse: "Reservierung abgelaufen"
            case .let: "An den Haushalt vermietet"
            case .withdraw: "Vorschlag zurückziehen"
            case .withdrawOffer: "Wohnungsangebot zurückziehen"
            }
        }
    }

    /// Who fires an event.
    public enum Actor: String, Sendable, Equatable {
        /// An editor of the housing company the proposal is addressed to.
        case company
        /// A counselor of the proposing team.
        case counselor
        /// The hold job.
        case system
    }

    /// The legal transitions: from, event, to, who may fire it, and the end reason it records
    /// (nil: none, or — for `withdraw` — the counselor's choice of `EndReason.counselorReasons`).
    public static let transitions: [(from: State, event: Event, to: State, actor: Actor, reason: EndReason?)] = [
        (.proposed, .accept, .held, .company, nil),
        (.proposed, .decline, .declined, .company, .companyDeclined),
        (.proposed, .withdraw, .withdrawn, .counselor, nil),
        (.proposed, .withdrawOffer, .withdrawn, .company, .offerWithdrawn),
        (.held, .approve, .approved, .counselor, nil),
        (.held, .refuse, .lapsed, .counselor, .approvalRefused),
        (.held, .lapse, .lapsed, .system, .approvalTooLate),
        (.held, .withdraw, .lapsed, .counselor, nil),
        (.held, .withdrawOffer, .lapsed, .company, .offerWithdrawn),
        (.approved, .let, .let, .company, nil),
        (.approved, .withdraw, .lapsed, .counselor, nil),
        (.approved, .withdrawOffer, .lapsed, .company, .offerWithdrawn),
    ]

    /// The state after `event` fired by `actor` in `state`, with the end reason to record;
    /// a conflict error (German) when the move is not allowed, forbidden when not to `actor`.
    /// `reason` is the counselor's reason for `withdraw` (required there, refused elsewhere).
    public static func next(from state: State, on event: Event, by actor: Actor,
                            reason: EndReason? = nil) throws -> (state: State, reason: EndReason?) {
        guard let transition = transitions.first(where: { $0.from == state && $0.event == event }) else {
            throw LotseError(.conflict, "Ein Wohnungsvorschlag im Stand »\(state.label)« kann nicht »\(event.label)« werden.")
        }
        guard transition.actor == actor else {
            let message = switch transition.actor {
            case .company: "Diesen Schritt macht nur das Wohnungsunternehmen."
            case .counselor: "Diesen Schritt macht nur die vorschlagende Beratungsstelle."
            case .system: "Eine Reservierung läuft nur durch die Frist ab."
            }
            throw LotseError(.forbidden, message)
        }
        if event == .withdraw {
            guard let reason, EndReason.counselorReasons.contains(reason) else {
                throw LotseError(.invalidInput, "Bitte einen Grund wählen: \(EndReason.counselorReasons.map(\.label).joined(separator: ", ")).")
            }
            return (transition.to, reason)
        }
        guard reason == nil || reason == transition.reason else {
            throw LotseError(.invalidInput, "Für »\(event.label)« ist kein eigener Grund vorgesehen.")
        }
        return (transition.to, transition.reason)
    }

    /// The events `actor` may fire in `state`, in table order.
    public static func events(from state: State, for actor: Actor) -> [Event] {
        transitions.filter { $0.from == state && $0.actor == actor }.map(\.event)
    }
}

/// The pot that pays the housing costs.
public enum HousingPot: String, CaseIterable, Sendable, Codable {
    case sgb2, sgb12, sgb9

    /// The German label.
    public var label: String {
        switch self {
        case .sgb2: "SGB II (Bürgergeld, Jobcenter)"
        case .sgb12: "SGB XII (Sozialhilfe, Grundsicherung)"
        case .sgb9: "SGB IX (Eingliederungshilfe)"
        }
    }
}
