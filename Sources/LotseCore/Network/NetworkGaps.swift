// NetworkGaps: needs in a Sozialraum for which no member there cooperates with a provider of
// that need. A member is "there" when it has a public location in the area; a need is covered
// when one of those members offers it itself or cooperates (currently) with a member that
// offers it. Needs nobody in the network offers, and areas without members, are no gaps of
// cooperation and are left out.

/// The gaps of the cooperation network.
public struct NetworkGaps {
    /// The needs without cooperation in one Sozialraum.
    public struct Gap: Sendable, Equatable {
        /// The area's id, code and name.
        public var areaID: String, areaCode: String, areaName: String
        /// The need categories' names, in taxonomy order.
        public var needs: [String]
    }

    let data: NetworkData

    /// The gaps in `area` (or, when nil, in every Stadtteil with members), for the need
    /// category `topic` only when given; areas in tree order.
    func gaps(in area: String?, topic: String?) -> [Gap] {
        let areas: [String]
        if let area {
            areas = [area]
        } else {
            let located = Set(data.areasOf.values.flatMap { $0 })
            areas = data.areas.filter { $0.value.level == "stadtteil" && !$0.value.retired && located.contains($0.key) }
                .sorted { $0.value.order < $1.value.order }.map(\.key)
        }
        var partners: [String: Set<String>] = [:]
        for edge in data.edges {
            partners[edge.from, default: []].insert(edge.to)
            partners[edge.to, default: []].insert(edge.from)
        }
        return areas.compactMap { area in
            let members = data.membersIn(area)
            guard !members.isEmpty, let info = data.areas[area] else { return nil }
            let needs = data.topics.filter { need in
                guard topic == nil || topic == need.id, let providers = data.providers[need.id], !providers.isEmpty else { return false }
                return !members.contains { member in providers.contains(member) || !(partners[member] ?? []).isDisjoint(with: providers) }
            }
            return needs.isEmpty ? nil : Gap(areaID: area, areaCode: info.code, areaName: info.name, needs: needs.map(\.name))
        }
    }
}
