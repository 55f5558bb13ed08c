// PlacementLifecycle: the one state machine of a placement (a helper for a help request):
// proposed → agreed → running → ended, and ended from any open state with a reason. Every
// other move is refused with a German conflict error (409), never made silently.

/// Where a placement stands and how it may move.
public enum PlacementLifecycle {
    /// The state of a placement (column `help_placement.state`).
    public enum State: String, CaseIterable, Sendable, Codable {
        case proposed, agreed, running, ended

        /// The German label.
        public var label: String {
            switch self {
            case .proposed: "vorgeschlagen"
            case .agreed: "vereinbart"
            case .running: "läuft"
            case .ended: "beendet"
            }
        }
    }

    /// What happens to a placement.
    public enum Event: String, CaseIterable, Sendable {
        case agree, start, end

        /// The German label of the button.
        public var label: String {
            switch self {
            case .agree: "Als vereinbart markieren"
            case .start: "Einsatz hat begonnen"
            case .end: "Beenden"
            }
        }
    }

    /// The legal transitions.
    public static let transitions: [(from: State, event: Event, to: State)] = [
        (.proposed, .agree, .agreed),
        (.agreed, .start, .running),
        (.proposed, .end, .ended),
        (.agreed, .end, .ended),
        (.running, .end, .ended),
    ]

    /// The state after `event` in `state`; a conflict error (German) when not allowed.
    public static func next(from state: State, on event: Event) throws -> State {
        guard let transition = transitions.first(where: { $0.from == state && $0.event == event }) else {
            throw LotseError(.conflict, "Ein Einsatz im Status »\(state.label)« kann nicht »\(event.label)« werden.")
        }
        return transition.to
    }

    /// The events possible in `state`, in table order.
    public static func events(from state: State) -> [Event] {
        transitions.filter { $0.from == state }.map(\.event)
    }
}
