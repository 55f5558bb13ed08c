// ReferralRouter: suggestions for a referral. Routing rules (need × Sozialraum, most specific
// area first, then most specific need) take precedence; then candidates with the need are
// read off the search snapshot's bitsets and ranked by need match, area closeness, distance,
// target group, language, accessibility, capacity, verification freshness and responsiveness.
import Foundation

/// Ranks services for a referral on an in-memory snapshot.
public struct ReferralRouter: Sendable {
    /// The routing data (with its search snapshot).
    public let routing: RoutingIndex
    /// The coordinators' rules.
    public let rules: [RoutingRule]

    /// Creates a router.
    public init(routing: RoutingIndex, rules: [RoutingRule]) {
        self.routing = routing
        self.rules = rules
    }

    /// Suggestions for `request` as of `now` (for verification freshness).
    public func suggest(_ request: SuggestionRequest, now: Date = Date()) throws -> RoutingSuggestions {
        let index = routing.index
        guard !request.needs.isEmpty else { throw LotseError(.invalidInput, "Bitte mindestens einen Bedarf angeben.") }
        var needBits: [Bitset] = []
        for code in request.needs {
            guard let bits = index.bits(taxonomy: .need, code: code) else { throw LotseError(.invalidInput, "Unbekannter Bedarf: \(code)") }
            needBits.append(bits)
        }
        if let area = request.sozialraum, index.inArea(area) == nil { throw LotseError(.invalidInput, "Unbekannter Sozialraum: \(area)") }

        let bits = RequestBits(request, needs: needBits, index: index, now: now)

        // 1. The most specific rule.
        let rule = matchingRule(request)
        var suggestions: [Suggestion] = []
        var taken = request.excluding
        if let rule, case .services(let services) = rule.target {
            for (position, service) in services.enumerated() where !taken.contains(service) {
                guard let ordinal = index.ordinal(of: service) else { continue }
                taken.insert(service)
                suggestions.append(Suggestion(serviceID: service, source: .rule(id: rule.id, position: position),
                                              factors: factors(ordinal, request, bits: bits, tiers: nil),
                                              responsiveness: routing.responsiveness[ordinal]))
            }
        }

        // 2. Candidates: any requested need.
        var candidates = Bitset(count: index.count)
        for bits in needBits { candidates.formUnion(bits) }
        var excluded = Bitset(count: index.count)
        for service in taken { if let ordinal = index.ordinal(of: service) { excluded.insert(ordinal) } }
        candidates.subtract(excluded)
        let tiers = request.sozialraum.flatMap(index.closeness)
        var scored: [(ordinal: Int, factors: SuggestionFactors)] = []
        scored.reserveCapacity(candidates.cardinality)
        if let tiers {
            // Tier by tier: every candidate is scored with the rank of the tier it is in.
            for (rank, tier) in tiers.enumerated() {
                candidates.intersection(tier).forEachMember { ordinal in
                    scored.append((ordinal, factors(ordinal, request, bits: bits, tiers: (rank, tiers.count))))
                    return true
                }
            }
        } else {
            candidates.forEachMember { ordinal in
                scored.append((ordinal, factors(ordinal, request, bits: bits, tiers: nil)))
                return true
            }
        }
        let wanted = max(0, request.limit - suggestions.count)
        let best = Self.top(scored, wanted) { ($0.factors.total, -$0.ordinal) > ($1.factors.total, -$1.ordinal) }
        for entry in best {
            suggestions.append(Suggestion(serviceID: index.serviceID(at: entry.ordinal), source: .ranked, factors: entry.factors,
                                          responsiveness: routing.responsiveness[entry.ordinal]))
        }
        var pool: RoutingRule.Target?
        if let rule, case .pool = rule.target { pool = rule.target }
        return RoutingSuggestions(suggestions: suggestions, pool: pool, ruleID: rule?.id)
    }

    /// The rule for the request: nearest area (the citizen's area, then its ancestors), then
    /// nearest need (the need, then its broader terms).
    func matchingRule(_ request: SuggestionRequest) -> RoutingRule? {
        guard let area = request.sozialraum, !rules.isEmpty else { return nil }
        let index = routing.index
        for areaCode in index.areaLineage(area) {
            var best: (distance: Int, rule: RoutingRule)?
            for need in request.needs {
                for (distance, needCode) in index.needLineage(need).enumerated() {
                    if let rule = rules.first(where: { $0.needCode == needCode && $0.sozialraum == areaCode }),
                       best == nil || distance < best!.distance {
                        best = (distance, rule)
                    }
                }
            }
            if let best { return best.rule }
        }
        return nil
    }

    /// The bitsets a request is scored with, looked up once per request.
    struct RequestBits {
        let needs: [Bitset]
        let targetGroups: [Bitset]
        let language: Bitset?
        let accessibility: [Bitset]
        let capacity: [(Bitset, Double)]
        let stale: Bitset
        let today: Int

        init(_ request: SuggestionRequest, needs: [Bitset], index: SearchIndex, now: Date) {
            self.needs = needs
            targetGroups = request.targetGroups.compactMap { index.bits(taxonomy: .targetGroup, code: $0) }
            language = request.language.map { index.languageMembers($0) ?? Bitset(count: index.count) }
            accessibility = request.accessibility.map { index.bits(taxonomy: .accessibility, code: $0) ?? Bitset(count: index.count) }
            capacity = [(CapacityStatus.available, 10.0), (.assessment, 5), (.waitlist, 4), (.unknown, 2)]
                .map { (index.capacityMembers($0.0), $0.1) }
            stale = index.staleMembers
            today = Int(now.timeIntervalSince1970 / 86_400)
        }
    }

    /// The points of one service.
    func factors(_ ordinal: Int, _ request: SuggestionRequest, bits: RequestBits, tiers: (rank: Int, count: Int)?) -> SuggestionFactors {
        var factors = SuggestionFactors()
        let needBits = bits.needs
        factors.need = 30 * Double(needBits.filter { $0.contains(ordinal) }.count) / Double(max(1, needBits.count))
        if let tiers, tiers.count > 1 {
            factors.area = 25 * (1 - Double(tiers.rank) / Double(tiers.count - 1))
        }
        if let area = request.sozialraum, let kilometres = routing.distance(ordinal: ordinal, to: area) {
            factors.distanceKilometres = kilometres
            factors.distance = 10 * max(0, 1 - kilometres / 15)
        }
        if bits.targetGroups.contains(where: { $0.contains(ordinal) }) {
            factors.targetGroup = 8
        }
        if bits.language?.contains(ordinal) == true {
            factors.language = 8
        }
        if !bits.accessibility.isEmpty {
            let met = bits.accessibility.filter { $0.contains(ordinal) }.count
            factors.accessibility = 8 * Double(met) / Double(bits.accessibility.count)
        }
        factors.capacity = bits.capacity.first { $0.0.contains(ordinal) }?.1 ?? 0
        if !bits.stale.contains(ordinal), let day = routing.verifiedDay[ordinal] {
            let age = Double(bits.today - day)
            factors.freshness = 5 * max(0, min(1, 1 - age / 365))
        }
        if let record = routing.responsiveness[ordinal], record.isMeaningful(), let rate = record.acceptanceRate,
           let hours = record.medianReplyHours {
            factors.responsiveness = 6 * rate + 4 * max(0, 1 - hours / 120)
        } else {
            factors.responsiveness = 5
        }
        return factors
    }

    /// The first `count` elements of `items` by `before`, without sorting all of them.
    static func top<T>(_ items: [T], _ count: Int, by before: (T, T) -> Bool) -> [T] {
        guard count > 0 else { return [] }
        if items.count <= count * 4 { return Array(items.sorted(by: before).prefix(count)) }
        var best: [T] = []
        best.reserveCapacity(count + 1)
        for item in items {
            if best.count == count, let last = best.last, !before(item, last) { continue }
            let position = best.firstIndex { before(item, $0) } ?? best.count
            best.insert(item, at: position)
            if best.count > count { best.removeLast() }
        }
        return best
    }
}
