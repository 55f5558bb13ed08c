// DigestContent+Housing: the housing lines of the weekly digest (counts only, no personal
// data) — for the editors of a housing company or cooperative its proposals waiting for an
// answer, its open holds (and how many end within a week) and its free flats that are free
// within two weeks and still without a hold; for a counselor the team's holds about to lapse
// without a recorded approval. DigestRun hooks it in with `withHousing`.
import Foundation
import SQLite
import Templating

/// The housing figures of one recipient's digest.
public struct HousingDigestCounts: Sendable, Equatable {
    /// Proposals waiting for the company's answer.
    public var waiting = 0
    /// Holds of the company's flats (held or approved).
    public var openHolds = 0
    /// … of which end within `soonDays`.
    public var endingSoon = 0
    /// Available flats free within `offerDays` (or already), without a hold.
    public var expiringOffers = 0
    /// The team's holds whose approval is still open and that end within `soonDays`.
    public var lapsingSoon = 0

    public init() {}

    /// Days ahead a hold counts as ending soon.
    public static let soonDays = 7
    /// Days ahead an available flat counts as needing a tenant now.
    public static let offerDays = 14

    /// The counts for `account` on `now`: a provider's housing organizations, a counselor's team.
    public static func compute(_ db: Database, for account: Account, now: Date) throws -> HousingDigestCounts {
        func count(_ sql: String, _ values: [SQLBindable?]) throws -> Int {
            try db.query(sql, values: values) { $0.int(0) }.first ?? 0
        }
        var counts = HousingDigestCounts()
        let today = BerlinTime(now).dateString
        let soon = HoldDeadline.adding(days: soonDays, to: today)
        switch account.role {
        case .provider where !account.organizations.isEmpty:
            let organizations: [SQLBindable?] = account.organizations.sorted().map { $0 }
            let marks = Array(repeating: "?", count: organizations.count).joined(separator: ", ")
            counts.waiting = try count("SELECT count(*) FROM housing_proposal WHERE state = 'proposed' AND company_organization_id IN (\(marks))", organizations)
            counts.openHolds = try count("SELECT count(*) FROM housing_proposal WHERE state IN ('held', 'approved') AND company_organization_id IN (\(marks))", organizations)
            counts.endingSoon = try count("""
                SELECT count(*) FROM housing_proposal WHERE state IN ('held', 'approved') AND hold_until <= ? AND company_organization_id IN (\(marks))
                """, [soon] + organizations)
            counts.expiringOffers = try count("""
                SELECT count(*) FROM housing_offer WHERE status = 'available' AND available_from <= ? AND organization_id IN (\(marks))
                """, [HoldDeadline.adding(days: offerDays, to: today)] + organizations)
        case .counselor:
            counts.lapsingSoon = try count("""
                SELECT count(*) FROM housing_proposal p JOIN referral r ON r.id = p.referral_id
                WHERE p.state = 'held' AND p.hold_until <= ? AND (r.requester_account_id = ? OR r.requester_organization_id = ?)
                """, [soon, account.id, account.organizationID])
        default:
            break
        }
        return counts
    }

    /// True when there is something to say.
    public var hasNews: Bool { waiting + openHolds + expiringOffers + lapsingSoon > 0 }
}

extension DigestContent {
    /// This digest with the housing lines (`housing` in the templates) when there are any.
    func withHousing(store: Store, now: Date, siteURL: String, paths: MailLinks) throws -> DigestContent {
        let counts = try store.pool.read { db in try HousingDigestCounts.compute(db, for: account, now: now) }
        guard counts.hasNews else { return self }
        var context = self.context
        context["housing"] = .object([
            "waiting": .int(counts.waiting), "hasWaiting": .bool(counts.waiting > 0),
            "openHolds": .int(counts.openHolds), "hasOpenHolds": .bool(counts.openHolds > 0), "endingSoon": .int(counts.endingSoon),
            "expiringOffers": .int(counts.expiringOffers), "hasExpiringOffers": .bool(counts.expiringOffers > 0),
            "lapsingSoon": .int(counts.lapsingSoon), "hasLapsingSoon": .bool(counts.lapsingSoon > 0),
            "proposalsURL": .string(siteURL + (paths.housingProposals ?? paths.referrals)),
        ])
        return DigestContent(account: account, context: context, hasNews: true)
    }
}
