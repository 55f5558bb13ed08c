// ReferralDesk+Lookup: what the referral screens read on the desk's connection besides the
// audited views — the labels of codes and ids, stored referrals for the access gate, a group's
// consents, the latest consent information text version and the suggestion router.
import Foundation
import SQLite

extension ReferralDesk {
    /// The names of codes and ids, on the desk's connection.
    public func labels() throws -> ReferralLabels { try ReferralLabels(db: db) }

    /// The need codes of a listed service (404 when there is no such listed service).
    public func needs(ofListedService serviceID: String) throws -> [String] {
        try ReferralLabels.needs(ofListedService: serviceID, in: db)
    }

    /// The stored referral `id`, or nil (for the access gate; pages render ReferralViews).
    public func storedReferral(_ id: String) throws -> Referral? { try Referral.load(db, id: id) }

    /// The consents recorded for a case (referral group).
    public func groupConsents(_ groupID: String) throws -> [Consent] { try Consent.load(db, groupID: groupID) }

    /// The information text version of the most recently recorded consent, or nil.
    public func latestConsentInformationVersion() throws -> String? {
        try db.scalarString("SELECT information_version FROM consent ORDER BY recorded_at DESC, rowid DESC LIMIT 1")
    }

    /// The suggestion router on the desk's connection: the search snapshot with its routing
    /// data and the coordinators' rules.
    public func router(index: SearchIndex) throws -> ReferralRouter {
        ReferralRouter(routing: try RoutingIndex.build(db, index: index), rules: try RoutingRules(db: db).all())
    }
}
