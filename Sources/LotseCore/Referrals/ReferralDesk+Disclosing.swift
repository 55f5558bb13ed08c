// ReferralDesk+Disclosing: the explicit actions that change what a recipient organization has
// received — the provider's "gelesen", acceptance, a note the team writes, a consent that
// widens what an accepted referral shows — and the disclosure rows they write. A disclosure
// row names the consent categories the organization can see after the action (never the data),
// so the disclosure view (Art. 15 GDPR) answers "who received what, and when" from actions
// someone took on purpose: sending (the summary, ReferralDesk+Sending), acceptance, "gelesen",
// notes and widened consents. Reading a page writes none.
import Foundation
import SQLite

extension ReferralDesk {
    /// The provider marks referral `id` "gelesen" (an explicit POST, never a side effect of
    /// reading). Records, once, the business status, its timeline event and a disclosure row
    /// with what its organization sees; a no-op when a business status is already set.
    public func markRead(_ id: String, by account: Account) throws {
        let referral = try referral(id)
        let organization = try requireRecipient(referral, account)
        guard referral.businessStatus == nil else { return }
        try setBusinessStatus(id, .read, by: account)
        try disclose(try self.referral(id), to: organization, by: .person(account), purpose: "Vermittlung gelesen")
    }

    /// Writes a disclosure row naming what `organization` may see of `referral` now (nothing
    /// when it sees no more than the status).
    func disclose(_ referral: Referral, to organization: String, by actor: ReferralActor, purpose: String,
                  only: Set<ConsentCategory>? = nil) throws {
        let access = ReferralAccess.recipient(organization, referral: referral, consents: try Consent.load(db, groupID: referral.groupID),
                                              now: now, graceDays: settings.accessGraceDays)
        guard access.level >= .summary else { return }
        let categories = ConsentCategory.allCases.filter { access.categories.contains($0) && (only?.contains($0) ?? true) }
        guard !categories.isEmpty else { return }
        try audit.record(.disclosure, by: actor, organizationID: organization, referralID: referral.id,
                         what: categories.map(\.rawValue).joined(separator: ","), purpose: purpose)
    }

    /// After a consent was recorded: every recipient organization that sees more of a referral
    /// of the group than before gets a disclosure row naming the categories it gained.
    func discloseWidened(groupID: String, before: [Consent], by account: Account) throws {
        let after = try Consent.load(db, groupID: groupID)
        for memberID in try Referral.groupMembers(db, groupID: groupID) {
            let member = try referral(memberID)
            guard member.status != .draft else { continue }
            for organization in member.recipientOrganizations.sorted() {
                let old = ReferralAccess.recipient(organization, referral: member, consents: before, now: now, graceDays: settings.accessGraceDays)
                let new = ReferralAccess.recipient(organization, referral: member, consents: after, now: now, graceDays: settings.accessGraceDays)
                let gained = new.level > old.level && new.level >= .summary ? new.categories : new.categories.subtracting(old.categories)
                guard !gained.isEmpty else { continue }
                try disclose(member, to: organization, by: .person(account), purpose: "Einwilligung erweitert", only: gained)
            }
        }
    }
}
