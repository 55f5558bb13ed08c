// UnmetNeedsReport: the coordinators' aggregate view (docs/domain.md §6.6, §7) — cases (one need
// of one citizen, across its parallel offers and re-referrals) recorded, met, unmet and open per
// need and per Sozialraum, exact where shown (`CaseFigures`); offers (referrals) by Sozialraum ×
// need × status and reason; needs without any local provider; and response times per service
// and area, for a whole month, quarter or year. Aggregates only: every count under 5 is
// suppressed, and further counts where a hidden one could be recovered from a parent period, a
// coarser area level, a total or a margin (`SuppressionLattice`).
import Foundation
import SQLite

/// The unmet-needs report.
public struct UnmetNeedsReport: Sendable, Equatable {
    /// Counts below this are not shown.
    public static let suppressionThreshold = 5

    /// One cell: referrals of an area with a need, in a status, with a reason code.
    public struct Cell: Sendable, Equatable {
        /// Sozialraum code.
        public let sozialraum: String
        /// Sozialraum name.
        public let sozialraumName: String
        /// Need code.
        public let need: String
        /// Need name.
        public let needName: String
        /// The status.
        public let status: ReferralStatus
        /// The coded reason (rejected, cancelled, on-hold, failed).
        public let reason: ReferralReason?
        /// nil when suppressed (fewer than 5, or hidden to protect one that is).
        public let count: Int?
    }

    /// A need no listed service offers in or for an area.
    public struct Gap: Sendable, Equatable {
        /// Sozialraum code.
        public let sozialraum: String
        /// Sozialraum name.
        public let sozialraumName: String
        /// Need code.
        public let need: String
        /// Need name.
        public let needName: String
        /// Cases recorded for the need in the area (0 when none, nil when suppressed).
        public let cases: Int?
    }

    /// Reply times of one service or area.
    public struct ResponseTime: Sendable, Equatable {
        /// Service id or Sozialraum code.
        public let key: String
        /// The German label.
        public let label: String
        /// Answered referrals (nil when suppressed).
        public let answered: Int?
        /// Hours from sending to the answer (nil when suppressed).
        public let medianHours: Double?
        /// 90th percentile hours to the answer.
        public let p90Hours: Double?
    }

    /// Cases of one need, one area or all: recorded, and of them met, unmet and still open.
    /// Each count is exact; nil when suppressed.
    public struct CaseCounts: Sendable, Equatable {
        /// Need code or Sozialraum code ("" for all).
        public let key: String
        /// The German label.
        public let label: String
        /// Cases recorded.
        public let recorded: Int?
        /// Cases where an offer was accepted.
        public let met: Int?
        /// Closed cases where no offer was accepted.
        public let unmet: Int?
        /// Cases still waiting for an answer.
        public let open: Int?
    }

    /// The month, quarter or year the report covers.
    public let period: ReportPeriod
    /// The first day of the period (`YYYY-MM-DD`).
    public var from: String { period.from }
    /// The day after the period (`YYYY-MM-DD`, exclusive).
    public var until: String { period.until }
    /// The Sozialraum level areas are rolled up to.
    public let level: String
    /// The offer cells.
    public let cells: [Cell]
    /// Cases per area at the level.
    public let areaTotals: [CaseCounts]
    /// Cases per need (all areas).
    public let needTotals: [CaseCounts]
    /// All cases of the period.
    public let caseTotal: CaseCounts
    /// All referrals (offers) in the period (nil when suppressed).
    public let referralTotal: Int?
    /// Needs without a local provider.
    public let gaps: [Gap]
    /// Reply times per service.
    public let responseTimesByService: [ResponseTime]
    /// Reply times per area.
    public let responseTimesByArea: [ResponseTime]

    /// Suppresses counts under the threshold; where exactly one count of a group would be
    /// suppressed, also the group's smallest shown count (so the total does not reveal it).
    /// For single tables outside the report (the digest's figures).
    static func suppress(_ counts: [Int]) -> [Int?] {
        var result: [Int?] = counts.map { $0 < suppressionThreshold ? nil : $0 }
        if result.filter({ $0 == nil }).count == 1,
           let smallest = result.indices.filter({ result[$0] != nil }).min(by: { counts[$0] < counts[$1] }) {
            result[smallest] = nil
        }
        return result
    }
}
