// HousingFigures: the coordinators' planning figure for the cooperation talks with the housing
// industry (docs/domain.md §11) — per housing company and quarter of a year, and for all
// companies together: flats offered to the network, households proposed, holds, cost
// approvals, lettings (by household-size class, against the company's yearly quota) and
// proposals that ended (by coded reason), and the median days from proposal to cost approval,
// from proposal to letting and from approval to letting.
//
// Each event counts in the quarter of its own day, in Berlin: an offer by `created_at`, a
// proposal by `proposed_at`, a hold by `held_at`, an approval by `approved_on`, a letting by
// `let_on`, an end by `ended_at`; a duration in the quarter of the approval or letting it ends
// with. Proposals whose referral is a draft or was entered in error do not count.
//
// Offers and quotas are the companies' own figures and are shown exactly. Everything counted
// from households (proposals, holds, approvals, lettings, ends, and the number of durations a
// median rests on) is suppressed as in the unmet-needs report: one `SuppressionLattice` over
// companies (all ⊃ company) × periods (year ⊃ quarter) × measures (lettings ⊃ lettings per
// class, ends ⊃ ends per reason), with the report's threshold, so that no hidden count follows
// from a year total, the all-companies row or a margin. A median is shown only where the
// number of durations it rests on is.
import Foundation
import SQLite

/// The planning figures of one year.
public struct HousingFigures: Sendable, Equatable {
    /// Counts below this are not shown (the report's threshold: one rule).
    public static var threshold: Int { UnmetNeedsReport.suppressionThreshold }

    /// Why a proposal ended: the hold workflow's one list of reasons.
    public typealias EndReason = HousingProposalLifecycle.EndReason

    /// A span of days whose median is shown.
    public enum Span: String, CaseIterable, Sendable {
        case proposalToApproval = "vorschlag-bis-kostenuebernahme", proposalToLetting = "vorschlag-bis-vermietung"
        case approvalToLetting = "kostenuebernahme-bis-vermietung"

        /// The German label.
        public var label: String {
            switch self {
            case .proposalToApproval: "Vorschlag bis Kostenübernahme"
            case .proposalToLetting: "Vorschlag bis Vermietung"
            case .approvalToLetting: "Kostenübernahme bis Vermietung"
            }
        }
    }

    /// What is counted from households.
    public enum Measure: Hashable, Sendable {
        case proposed, held, approved, lettings, lettingsIn(HouseholdClass), ended, endedFor(EndReason)
        /// The durations of a span (the number a median rests on).
        case durations(Span)

        /// Every measure in lattice order, with its parent's position (-1 for none).
        static let all: [(measure: Measure, parent: Int)] = {
            var list: [(Measure, Int)] = [(.proposed, -1), (.held, -1), (.approved, -1), (.lettings, -1)]
            list += HouseholdClass.allCases.map { (.lettingsIn($0), 3) }
            let ended = list.count
            list.append((.ended, -1))
            list += EndReason.allCases.map { (.endedFor($0), ended) }
            list += Span.allCases.map { (.durations($0), -1) }
            return list
        }()
        static let position: [Measure: Int] = Dictionary(uniqueKeysWithValues: all.enumerated().map { ($1.measure, $0) })
    }

    /// One company (or all) in one period.
    public struct Cell: Sendable, Equatable {
        /// A quarter or the whole year.
        public let period: ReportPeriod
        /// Flats the company offered to the network (created in the period); exact.
        public let offered: Int
        /// Shown counts (a measure missing here is suppressed).
        let shown: [Measure: Int]
        /// Median days per span, where shown and any.
        public let medians: [Span: Double]

        /// The count of `measure`; nil when suppressed.
        public func count(_ measure: Measure) -> Int? { shown[measure] }
    }

    /// One company with its quota, its quarters and its year; or all companies together.
    public struct Company: Sendable, Equatable {
        /// The organization id ("" for all companies).
        public let id: String
        public let name: String
        /// The year's quota by class (for all companies: the sum); nil when none is recorded.
        public let quota: HousingQuota?
        /// Quarters 1 to 4.
        public let quarters: [Cell]
        /// The whole year.
        public let year: Cell

        /// Lettings of the year in `kind` (all classes when nil) per flat of the quota, as a
        /// share (0.87 = 87 %); nil without a quota of more than 0 or when the lettings are
        /// suppressed.
        public func fulfilment(_ kind: HouseholdClass? = nil) -> Double? {
            guard let quota else { return nil }
            let flats = kind.map { quota.flats[$0] ?? 0 } ?? quota.total
            guard flats > 0, let lettings = year.count(kind.map { .lettingsIn($0) } ?? .lettings) else { return nil }
            return Double(lettings) / Double(flats)
        }
    }

    /// The calendar year.
    public let year: Int
    /// All companies together.
    public let all: Company
    /// Each housing company or cooperative (and any other organization with figures), by name.
    public let companies: [Company]

    /// The median of `values`: the middle one, or the mean of the two middle ones; nil when empty.
    public static func median(_ values: [Int]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted(), middle = sorted.count / 2
        return sorted.count % 2 == 1 ? Double(sorted[middle]) : Double(sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The Berlin day (`YYYY-MM-DD`) of a stored timestamp, or of a stored date; nil when unreadable.
    static func day(_ stored: String?) -> String? {
        guard let stored, stored.count >= 10 else { return nil }
        if stored.count == 10 { return Timestamp.isDate(stored) ? stored : nil }
        return Timestamp.parse(stored).map { BerlinTime($0).dateString }
    }

    /// The day number of `YYYY-MM-DD` (days since 1970-01-01).
    static func dayNumber(_ day: String) -> Int? {
        guard let date = Timestamp.parse(day) else { return nil }
        return Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
    }

    /// The quarter (1…4) of `day` when it lies in `year`.
    static func quarter(_ day: String?, in year: Int) -> Int? {
        guard let day, Int(day.prefix(4)) == year, let month = Int(day.dropFirst(5).prefix(2)), (1...12).contains(month) else { return nil }
        return (month + 2) / 3
    }

    /// Computes the figures of `year` on `db`.
    public static func compute(_ db: Database, year: Int, threshold: Int = HousingFigures.threshold) throws -> HousingFigures {
        // Companies: every housing company and cooperative, plus any organization with figures.
        var names: [String: String] = [:], order: [String] = [], nodes: [String: Int] = [:]
        func company(_ id: String) -> Int {
            if let node = nodes[id] { return node }
            order.append(id)
            nodes[id] = order.count
            return order.count
        }
        for (id, name) in try HousingQuotas.companies(db) {
            names[id] = name
            _ = company(id)
        }
        let quotas = try HousingQuotas.all(db, year: year)
        for quota in quotas { names[quota.organizationID] = quota.organizationName; _ = company(quota.organizationID) }
        let from = "\(year - 1)-12-31", until = "\(year + 1)-01-02"

        // Offers, exact, per company and quarter.
        var offered: [[Int]: Int] = [:]
        try db.prepare("SELECT organization_id, created_at FROM housing_offer WHERE created_at >= ? AND created_at < ?").forEach([from, until]) { row in
            guard let quarter = quarter(day(row.string(1)), in: year) else { return }
            offered[[company(row.string(0)), quarter], default: 0] += 1
        }

        // Proposals: every event in its own quarter, into one lattice.
        var events: [(company: Int, quarter: Int, measure: Measure)] = []
        var durations: [(company: Int, quarter: Int, span: Span, days: Int)] = []
        try db.prepare("""
            SELECT p.company_organization_id, p.household_size, p.proposed_at, p.held_at, p.approved_on, p.let_on, p.ended_at, p.end_reason
            FROM housing_proposal p JOIN referral r ON r.id = p.referral_id
            WHERE r.status NOT IN ('draft', 'entered-in-error') AND p.proposed_at < ?
            """).forEach([until]) { row in
            let owner = company(row.string(0))
            let proposedDay = day(row.string(2))
            let approvedDay = day(row.optionalString(4)), letDay = day(row.optionalString(5))
            if let quarter = quarter(proposedDay, in: year) { events.append((owner, quarter, .proposed)) }
            if let quarter = quarter(day(row.optionalString(3)), in: year) { events.append((owner, quarter, .held)) }
            if let quarter = quarter(approvedDay, in: year) { events.append((owner, quarter, .approved)) }
            if let quarter = quarter(letDay, in: year) {
                events.append((owner, quarter, .lettingsIn(HouseholdClass.of(size: row.int(1)))))
            }
            if let quarter = quarter(day(row.optionalString(6)), in: year), let reason = row.optionalString(7).flatMap(EndReason.init(rawValue:)) {
                events.append((owner, quarter, .endedFor(reason)))
            }
            let proposal = proposedDay.flatMap(dayNumber), approval = approvedDay.flatMap(dayNumber), letting = letDay.flatMap(dayNumber)
            if let quarter = quarter(approvedDay, in: year), let proposal, let approval {
                durations.append((owner, quarter, .proposalToApproval, max(0, approval - proposal)))
            }
            if let quarter = quarter(letDay, in: year), let letting {
                if let proposal { durations.append((owner, quarter, .proposalToLetting, max(0, letting - proposal))) }
                if let approval { durations.append((owner, quarter, .approvalToLetting, max(0, letting - approval))) }
            }
        }
        // The company tree is known only now: all (0) above each company.
        let companyParents = [-1] + order.map { _ in 0 }
        var lattice = SuppressionLattice(parents: [companyParents, [-1, 0, 0, 0, 0], Measure.all.map(\.parent)])
        var leaves: [[Int]: Int] = [:]
        for event in events { leaves[[event.company, event.quarter, Measure.position[event.measure]!], default: 0] += 1 }
        // Days per (company node, period node, span), each duration in its company and all, its
        // quarter and the year.
        var days: [[Int]: [Int]] = [:]
        for duration in durations {
            leaves[[duration.company, duration.quarter, Measure.position[.durations(duration.span)]!], default: 0] += 1
            let span = Span.allCases.firstIndex(of: duration.span)!
            for company in [duration.company, 0] { for period in [duration.quarter, 0] { days[[company, period, span], default: []].append(duration.days) } }
        }
        for (leaf, count) in leaves.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) { lattice.add(leaf, count: count) }
        var offers: [[Int]: Int] = [:]
        for (key, count) in offered { for company in [key[0], 0] { for period in [key[1], 0] { offers[[company, period], default: 0] += count } } }
        let hidden = lattice.hidden(threshold: threshold)

        func cell(_ companyNode: Int, _ period: Int) -> Cell {
            var shown: [Measure: Int] = [:]
            for (position, entry) in Measure.all.enumerated() where !hidden.contains(lattice.key([companyNode, period, position])) {
                shown[entry.measure] = lattice.value([companyNode, period, position])
            }
            var medians: [Span: Double] = [:]
            for (index, span) in Span.allCases.enumerated() where (shown[.durations(span)] ?? 0) > 0 {
                medians[span] = median(days[[companyNode, period, index]] ?? [])
            }
            return Cell(period: period == 0 ? .year(year) : .quarter(period, of: year), offered: offers[[companyNode, period]] ?? 0,
                        shown: shown, medians: medians)
        }
        func figures(_ companyNode: Int, id: String, name: String, quota: HousingQuota?) -> Company {
            Company(id: id, name: name, quota: quota, quarters: (1...4).map { cell(companyNode, $0) }, year: cell(companyNode, 0))
        }
        var sum: [HouseholdClass: Int] = [:]
        for quota in quotas { for (kind, flats) in quota.flats { sum[kind, default: 0] += flats } }
        let all = figures(0, id: "", name: "Alle Wohnungsunternehmen", quota: quotas.isEmpty ? nil
                          : HousingQuota(organizationID: "", organizationName: "Alle Wohnungsunternehmen", year: year, flats: sum))
        let missing = order.filter { names[$0] == nil }
        for id in missing { names[id] = try db.scalarString("SELECT name FROM organization WHERE id = ?", id) ?? id }
        let companies = order.enumerated().map { index, id in
            figures(index + 1, id: id, name: names[id]!, quota: quotas.first { $0.organizationID == id })
        }.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
        return HousingFigures(year: year, all: all, companies: companies)
    }
}
