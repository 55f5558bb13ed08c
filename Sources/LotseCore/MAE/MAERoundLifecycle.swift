// MAERoundLifecycle: the one state machine of an MAE round (docs/domain.md, "MAE places"):
// open for applications → proposal under comment → decided → closed, and a proposal the
// coordinator takes back returns the round to open. Only coordinators move a round; members
// apply while it is open, comment while the proposal is under comment and report filled places
// once it is decided.

/// Where an MAE round stands and how it may move.
public enum MAERoundLifecycle {
    /// The state of a round (column `mae_round.state`).
    public enum State: String, CaseIterable, Sendable, Codable {
        case open, proposed, decided, closed

        /// The German label.
        public var label: String {
            switch self {
            case .open: "offen für Anträge"
            case .proposed: "Verteilungsvorschlag zur Stellungnahme"
            case .decided: "entschieden"
            case .closed: "abgeschlossen"
            }
        }
    }

    /// What a coordinator does to a round.
    public enum Event: String, CaseIterable, Sendable {
        /// Publishes a proposed distribution for the members' comments.
        case propose
        /// Takes the proposal back; members may apply again.
        case withdraw
        /// Decides the final allocation per member, with reasons.
        case decide
        /// Closes the round (the period is over; filled counts are final).
        case close

        /// The German label of the coordinator's button.
        public var label: String {
            switch self {
            case .propose: "Verteilung vorschlagen"
            case .withdraw: "Vorschlag zurückziehen"
            case .decide: "Verteilung entscheiden"
            case .close: "Runde abschließen"
            }
        }
    }

    /// The legal transitions.
    public static let transitions: [(from: State, event: Event, to: State)] = [
        (.open, .propose, .proposed),
        (.proposed, .withdraw, .open),
        (.proposed, .decide, .decided),
        (.decided, .close, .closed),
    ]

    /// The state after `event` on a round in `state`; a conflict error (German) otherwise.
    public static func next(from state: State, on event: Event) throws -> State {
        guard let transition = transitions.first(where: { $0.from == state && $0.event == event }) else {
            throw LotseError(.conflict, "In einer MAE-Runde im Status »\(state.label)« ist »\(event.label)« nicht möglich.")
        }
        return transition.to
    }

    /// The events a coordinator may fire on a round in `state`, in table order.
    public static func events(from state: State) -> [Event] {
        transitions.filter { $0.from == state }.map(\.event)
    }
}

/// The fields of activity an MAE round offers places in (a small fixed vocabulary: the places
/// must be additional, in the public interest and neutral to competition).
public enum MAEField: String, CaseIterable, Sendable {
    case quartier, garten, hauswirtschaft, begleitung, handwerk, buero

    /// The German label.
    public var label: String {
        switch self {
        case .quartier: "Quartiersarbeit und Nachbarschaftstreffs"
        case .garten: "Grünpflege und Gemeinschaftsgärten"
        case .hauswirtschaft: "Hauswirtschaft und Mittagstisch"
        case .begleitung: "Alltagsbegleitung (zusätzlich zur Pflege)"
        case .handwerk: "Kleine Reparaturen und Fahrradwerkstatt"
        case .buero: "Büro, Ausgabe und Kleiderkammer"
        }
    }
}
