// ReferralDesk+CaseView: the case view — every referral of one case reference in the
// counselor's team, the "help mix" around one person (parallel offers, re-referrals and
// referrals started separately under the same case reference). The case reference belongs to
// the owning team (docs/domain.md §6.2), so only that team sees this; each referral shown is
// logged as a read.
import Foundation
import SQLite

/// All referrals of one case reference in a counselor's team.
public struct ReferralCase: Sendable, Equatable {
    /// The case reference (nil when the referral has none any more: then its group).
    public let caseReference: String?
    /// The referrals, oldest first, as the requesting team sees them (without notes).
    public let referrals: [ReferralView]
}

extension ReferralDesk {
    /// The case of referral `id` for `account`: the referrals of the viewer's team (requested
    /// by the viewer or by the viewer's organization) with the same case reference (ignoring
    /// case and surrounding blanks) — or, for an anonymised referral without one, its group.
    /// Requesting team only (403 for everyone else, 404 for an unknown id); each referral
    /// shown is logged as a read.
    public func caseView(of id: String, as account: Account) throws -> ReferralCase {
        let referral = try referral(id)
        try requireTeam(referral, account)
        let reference = referral.caseReference?.trimmingCharacters(in: .whitespacesAndNewlines)
        let ids: [String]
        if let reference, !reference.isEmpty {
            ids = try db.query("""
                SELECT id FROM referral
                WHERE lower(trim(case_reference)) = lower(?)
                  AND (requester_account_id = ? OR (requester_organization_id IS NOT NULL AND requester_organization_id = ?))
                ORDER BY created_at, rowid
                """, reference, account.id, account.organizationID) { $0.string(0) }
        } else {
            ids = try Referral.groupMembers(db, groupID: referral.groupID)
        }
        var views: [ReferralView] = []
        for member in ids {
            let stored = try self.referral(member)
            let access = ReferralAccess.decide(viewer: account, referral: stored, consents: try Consent.load(db, groupID: stored.groupID),
                                               now: now, graceDays: settings.accessGraceDays)
            guard access.level == .owner,
                  let view = access.project(stored, appointment: try appointment(of: member)) else { continue }
            try audit.record(.read, by: .person(account), referralID: member, what: "alles", purpose: "Fallübersicht")
            views.append(view)
        }
        return ReferralCase(caseReference: reference.flatMap { $0.isEmpty ? nil : $0 }, referrals: views)
    }
}
