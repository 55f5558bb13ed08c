// Responsiveness: how quickly and how often a service says yes, computed from past referrals
// (median reply time from sending to the first accept or reject, acceptance rate). Service
// pages show it; the router ranks by it.
import SQLite

/// A service's answering record.
public struct ServiceResponsiveness: Sendable, Equatable {
    /// The target service.
    public let serviceID: String
    /// Referrals answered (accepted or rejected).
    public let responses: Int
    /// Of those, accepted.
    public let accepted: Int
    /// Median hours from sending to the answer; nil without answers.
    public let medianReplyHours: Double?

    /// Accepted share of the answers; nil without answers.
    public var acceptanceRate: Double? { responses == 0 ? nil : Double(accepted) / Double(responses) }

    /// True when there are enough answers (`minimum`, default 3) to show or rank by.
    public func isMeaningful(minimum: Int = 3) -> Bool { responses >= minimum }
}

/// Computes responsiveness from the referral table.
public enum Responsiveness {
    /// Responsiveness per service (all services with answers, or only `serviceIDs`).
    public static func compute(_ db: Database, serviceIDs: [String]? = nil) throws -> [String: ServiceResponsiveness] {
        var hours: [String: [Double]] = [:]
        var accepted: [String: Int] = [:]
        let filter = serviceIDs.map { "AND service_id IN (\(Array(repeating: "?", count: $0.count).joined(separator: ",")))" } ?? ""
        try db.prepare("""
            SELECT service_id, (julianday(responded_at) - julianday(sent_at)) * 24,
                   status <> 'rejected' AND coalesce(previous_status, '') <> 'rejected'
            FROM referral WHERE responded_at IS NOT NULL AND sent_at IS NOT NULL AND service_id IS NOT NULL \(filter)
            """).forEach(serviceIDs ?? []) { row in
            let service = row.string(0)
            hours[service, default: []].append(max(0, row.double(1)))
            if row.bool(2) { accepted[service, default: 0] += 1 }
        }
        var result: [String: ServiceResponsiveness] = [:]
        for (service, values) in hours {
            result[service] = ServiceResponsiveness(serviceID: service, responses: values.count, accepted: accepted[service] ?? 0,
                                                    medianReplyHours: Statistics.percentile(values, 0.5))
        }
        return result
    }
}

/// Small order statistics shared by responsiveness and the reports.
public enum Statistics {
    /// The `p` quantile (0…1) of `values` by the nearest-rank method; nil when empty.
    public static func percentile(_ values: [Double], _ p: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count - 1, max(0, rank - 1))]
    }
}
