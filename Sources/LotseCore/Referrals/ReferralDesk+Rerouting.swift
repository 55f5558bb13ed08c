// ReferralDesk+Rerouting: "Neu vermitteln" — a referral that ended without help (rejected,
// cancelled, failed) is referred anew as a new draft in the same case (referral group), so the
// consents recorded for the case and its disclosure view carry over. The ended referral stays
// as it was (docs/domain.md §5.1: re-referring makes a new referral).
import Foundation
import SQLite

extension ReferralDesk {
    /// Creates a new draft in the case of referral `id` with the same need, area, wishes,
    /// case reference and contact fields, and returns its id. Only the requesting team, and
    /// only for a referral that was rejected, cancelled (not because a parallel offer was
    /// accepted) or failed and is not anonymised. The respond-by date is left open, so that
    /// sending computes a new one.
    @discardableResult
    public func reroute(_ id: String, by account: Account) throws -> String {
        let ended = try referral(id)
        try requireTeam(ended, account)
        guard [.rejected, .cancelled, .failed].contains(ended.status) else {
            throw LotseError(.conflict, "Neu vermitteln lässt sich nur eine abgelehnte, stornierte oder nicht erfolgreiche Vermittlung (Status: \(ended.status.label)).")
        }
        guard ended.reason != .siblingAccepted else {
            throw LotseError(.conflict, "Ein anderes Angebot dieses Falls hat die Vermittlung angenommen.")
        }
        guard ended.anonymisedAt == nil else {
            throw LotseError(.conflict, "Diese Vermittlung ist schon anonymisiert; bitte eine neue anlegen.")
        }
        let newID = UUID().uuidString.lowercased()
        try db.execute("""
            INSERT INTO referral(id, group_id, status, urgency, requester_account_id, requester_organization_id, sozialraum_id,
                needs, target_groups, preferred_language, accessibility_needs, desired_from, desired_until, do_not_contact,
                case_reference, citizen_name, citizen_phone, citizen_email, citizen_address, created_at, status_changed_at)
            SELECT ?1, group_id, 'draft', urgency, requester_account_id, requester_organization_id, sozialraum_id, needs, target_groups,
                preferred_language, accessibility_needs, desired_from, desired_until, do_not_contact, case_reference,
                citizen_name, citizen_phone, citizen_email, citizen_address, ?2, ?2
            FROM referral WHERE id = ?3
            """, newID, timestamp, ended.id)
        try audit.record(.change, by: .person(account), referralID: newID, what: "angelegt als neue Vermittlung nach \(ended.id)",
                         purpose: "Vermittlung neu anfragen")
        return newID
    }

    /// The ids of the referrals of the case of referral `id` (its group: parallel offers and
    /// re-referrals), oldest first. Requesting team only.
    public func caseReferrals(of id: String, as account: Account) throws -> [String] {
        let referral = try referral(id)
        try requireTeam(referral, account)
        return try Referral.groupMembers(db, groupID: referral.groupID)
    }
}
