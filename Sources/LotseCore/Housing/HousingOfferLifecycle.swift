// HousingOfferLifecycle: the one state machine of a flat offer (docs/domain.md, "Housing
// offers"): available → held → let, withdrawn from available or held, held back to available
// when a hold ends, withdrawn offered again. Who may fire which event is part of the table:
// the housing company's editors let, withdraw and re-offer; only the hold workflow holds and
// releases.

/// Where a flat offer stands and how it may move.
public enum HousingOfferLifecycle {
    /// The status of an offer (column `housing_offer.status`).
    public enum Status: String, CaseIterable, Sendable, Codable {
        case available, held, `let`, withdrawn

        /// The German label.
        public var label: String {
            switch self {
            case .available: "frei"
            case .held: "reserviert (Kostenübernahme wird geprüft)"
            case .let: "vermietet"
            case .withdrawn: "zurückgezogen"
            }
        }

        /// True when network members see the offer in `/wohnungen`.
        public var isListed: Bool { self == .available || self == .held }
    }

    /// What happens to an offer.
    public enum Event: String, CaseIterable, Sendable {
        /// A counselor's team holds the flat while the cost bearer decides (hold workflow).
        case hold
        /// The hold ends without a letting (hold workflow).
        case release
        /// The flat was let to the held household.
        case `let`
        /// The company takes the offer back.
        case withdraw
        /// The company offers a withdrawn flat again.
        case reoffer

        /// The German label of the editors' button.
        public var label: String {
            switch self {
            case .hold: "Reservieren"
            case .release: "Reservierung aufheben"
            case .let: "Als vermietet markieren"
            case .withdraw: "Zurückziehen"
            case .reoffer: "Wieder anbieten"
            }
        }
    }

    /// Who fires an event.
    public enum Actor: Sendable, Equatable {
        /// An editor of the housing company or cooperative that owns the offer.
        case companyEditor
        /// The hold workflow (a referral to the housing company under cost approval).
        case holdWorkflow
    }

    /// The legal transitions: from, event, to, and who may fire it.
    public static let transitions: [(from: Status, event: Event, to: Status, actor: Actor)] = [
        (.available, .hold, .held, .holdWorkflow),
        (.held, .release, .available, .holdWorkflow),
        (.held, .let, .let, .companyEditor),
        (.available, .withdraw, .withdrawn, .companyEditor),
        (.held, .withdraw, .withdrawn, .companyEditor),
        (.withdrawn, .reoffer, .available, .companyEditor),
    ]

    /// The status after `event` fired by `actor` on an offer in `status`; a conflict error
    /// (German) when the move is not allowed, or not allowed to that actor.
    public static func next(from status: Status, on event: Event, by actor: Actor) throws -> Status {
        guard let transition = transitions.first(where: { $0.from == status && $0.event == event }) else {
            throw LotseError(.conflict, "Ein Wohnungsangebot im Status »\(status.label)« kann nicht »\(event.label)« werden.")
        }
        guard transition.actor == actor else {
            throw LotseError(.forbidden, actor == .companyEditor
                             ? "Reservierungen entstehen nur über eine Vermittlung während der Kostenübernahme."
                             : "Diesen Schritt machen nur die Redakteur:innen des Wohnungsunternehmens.")
        }
        return transition.to
    }

    /// The events `actor` may fire on an offer in `status`, in table order.
    public static func events(from status: Status, for actor: Actor) -> [Event] {
        transitions.filter { $0.from == status && $0.actor == actor }.map(\.event)
    }
}
