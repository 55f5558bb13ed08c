// UnmetNeedsReport: the coordinators' aggregate view (docs/domain.md §6.6, §7) — referrals by
// Sozialraum × need × status and reason, needs without any local provider, and response times
// per service and area, for a whole month, quarter or year. Aggregates only: every count under 5
// is suppressed, and further counts where a hidden one could be recovered from a parent period,
// a coarser area level or a total (`SuppressionLattice`); totals are sums of shown cells.
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
        /// Referrals for the need from the area: the sum of its shown cells (nil when every
        /// cell is suppressed, 0 when none).
        public let referrals: Int?
        /// True when some of its cells are suppressed (`referrals` is a lower bound).
        public let partial: Bool
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

    /// A labelled total.
    public struct Total: Sendable, Equatable {
        /// The key.
        public let key: String
        /// The German label.
        public let label: String
        /// The sum of the shown cells (nil when all are suppressed).
        public let count: Int?
        /// True when some cells are suppressed (`count` is a lower bound).
        public let partial: Bool
    }

    /// The month, quarter or year the report covers.
    public let period: ReportPeriod
    /// The first day of the period (`YYYY-MM-DD`).
    public var from: String { period.from }
    /// The day after the period (`YYYY-MM-DD`, exclusive).
    public var until: String { period.until }
    /// The Sozialraum level areas are rolled up to.
    public let level: String
    /// The cells.
    public let cells: [Cell]
    /// Referral–need pairs per area and per need (suppressed like the cells).
    public let areaTotals: [Total]
    /// Totals per need.
    public let needTotals: [Total]
    /// All referrals in the period (nil when suppressed).
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
