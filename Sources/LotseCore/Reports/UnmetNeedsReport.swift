// UnmetNeedsReport: the coordinators' aggregate view (docs/domain.md §6.6, §7) — referrals by
// Sozialraum × need × status and reason, needs without any local provider, and response times
// per service and area. Aggregates only: every count under 5 is suppressed, and a second cell
// is suppressed where one suppressed cell could be recovered from a shown total.
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
        /// Referrals for the need from the area (nil when suppressed, 0 when none).
        public let referrals: Int?
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
        /// nil when suppressed.
        public let count: Int?
    }

    /// The period (`YYYY-MM-DD`, inclusive start, exclusive end) the report covers.
    public let from: String?
    /// End of the period.
    public let until: String?
    /// The Sozialraum level areas are rolled up to.
    public let level: String
    /// The cells.
    public let cells: [Cell]
    /// Referral–need pairs per area and per need (suppressed like the cells).
    public let areaTotals: [Total]
    /// Totals per need.
    public let needTotals: [Total]
    /// All referrals in the period (suppressed when under 5).
    public let referralTotal: Int?
    /// Needs without a local provider.
    public let gaps: [Gap]
    /// Reply times per service.
    public let responseTimesByService: [ResponseTime]
    /// Reply times per area.
    public let responseTimesByArea: [ResponseTime]

    /// Suppresses counts under the threshold; where exactly one count of a group would be
    /// suppressed, also the group's smallest shown count (so the total does not reveal it).
    static func suppress(_ counts: [Int]) -> [Int?] {
        var result: [Int?] = counts.map { $0 < suppressionThreshold ? nil : $0 }
        if result.filter({ $0 == nil }).count == 1,
           let smallest = result.indices.filter({ result[$0] != nil }).min(by: { counts[$0] < counts[$1] }) {
            result[smallest] = nil
        }
        return result
    }
}
