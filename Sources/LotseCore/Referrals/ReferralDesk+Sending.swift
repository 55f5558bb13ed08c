// ReferralDesk+Sending: sends a draft to one service, to several in parallel (one referral per
// candidate sharing the group; the first acceptance cancels the siblings) or to a pool (every
// listed service of an organization kind in an area that offers the referral's need; the first
// to accept claims it). Sending is blocked until a valid consent covers every recipient
// organization. The respond-by date counts the Land's working days, fewer when urgent.
import Foundation
import SQLite

/// Where a referral is sent.
public enum ReferralTarget: Sendable, Equatable, Hashable {
    /// One listed service (by id).
    case service(String)
    /// Any listed service of an organization of this kind located in or covering the
    /// Sozialraum (by code), e.g. "any DLZ in Stadtteil X".
    case pool(kind: OrganizationKind, sozialraum: String)
}

extension ReferralDesk {
    /// Sends draft `id` to `targets` and returns the ids of the referrals now requested (the
    /// draft itself first, then one sibling per further service). A pool must be the only
    /// target. Throws `.conflict` naming the organizations no valid consent covers.
    @discardableResult
    public func send(_ id: String, to targets: [ReferralTarget], by account: Account) throws -> [String] {
        let draft = try referral(id)
        try requireTeam(draft, account)
        guard draft.status == .draft else { throw LotseError(.conflict, "Nur ein Entwurf kann gesendet werden (Status: \(draft.status.label)).") }
        var unique: [ReferralTarget] = []
        for target in targets where !unique.contains(target) { unique.append(target) }
        guard !unique.isEmpty else { throw LotseError(.invalidInput, "Bitte mindestens ein Angebot oder einen Pool wählen.") }
        let isPool = unique.contains { if case .pool = $0 { true } else { false } }
        guard !isPool || unique.count == 1 else {
            throw LotseError(.invalidInput, "Ein Pool wird allein gesendet, nicht zusammen mit einzelnen Angeboten.")
        }
        let plans = try unique.map { try resolve($0, needs: draft.needs) }
        let consents = try Consent.load(db, groupID: draft.groupID)
        let organizations = Set(plans.flatMap { $0.recipients.map(\.organization) })
        let uncovered = organizations.filter { !consents.categories(for: $0, on: today).contains(.needs) }
        if !uncovered.isEmpty {
            let names = try uncovered.map { try db.scalarString("SELECT name FROM organization WHERE id = ?", $0) ?? $0 }.sorted()
            throw LotseError(.conflict, "Versand gesperrt: Keine gültige Einwilligung für \(names.joined(separator: ", ")).")
        }
        var ids: [String] = []
        for (index, plan) in plans.enumerated() {
            let referralID = try index == 0 ? draft.id : cloneDraft(draft, by: account)
            let days = respondByDays(plan, urgency: draft.urgency)
            let land = try stateCode(sozialraumID: draft.sozialraumID, serviceID: plan.recipients.first?.service)
            let respondBy = draft.respondBy ?? WorkingDays(stateCode: land).adding(days, to: today)
            try db.execute("""
                UPDATE referral SET service_id = ?, organization_id = ?, pool_kind = ?, pool_sozialraum_id = ?, respond_by = ? WHERE id = ?
                """, plan.service, plan.organization, plan.poolKind?.rawValue, plan.poolAreaID, respondBy, referralID)
            for recipient in plan.recipients {
                try db.execute("""
                    INSERT INTO referral_recipient(referral_id, service_id, organization_id, state) VALUES (?, ?, ?, 'offered')
                    """, referralID, recipient.service, recipient.organization)
            }
            try apply(try referral(referralID), to: .requested, actor: .person(account))
            for organization in Set(plan.recipients.map(\.organization)).sorted() {
                try notifications.add(.referralReceived, referralID: referralID, organizationID: organization)
                try audit.append(.disclosure, accountID: account.id, role: account.role.rawValue, organizationID: organization,
                                 referralID: referralID, what: "needs", purpose: "Vermittlung anfragen")
            }
            ids.append(referralID)
        }
        return ids
    }

    /// The respond-by working days of a send (docs/domain.md §5.5): the shortest deadline of
    /// its recipients (a service's own, else `referral.default_respond_by_days`); for an
    /// urgent referral at most `referral.urgent_respond_by_days` (default 1, the next working day).
    func respondByDays(_ plan: SendPlan, urgency: ReferralUrgency) -> Int {
        let days = plan.recipients.map(\.respondByDays).min() ?? settings.defaultRespondByDays
        return urgency == .urgent ? min(days, settings.urgentRespondByDays) : days
    }

    /// Whom sending to `target` for `needs` would address now: the service, or every listed
    /// member service of the pool that offers one of the needs (state `offered`). For the
    /// consent and send pages, which must name every organization a consent has to cover.
    /// Throws like `send` for unknown targets.
    public func recipients(of target: ReferralTarget, needs: [String]) throws -> [ReferralRecipient] {
        try resolve(target, needs: needs).recipients.map { ReferralRecipient(serviceID: $0.service, organizationID: $0.organization, state: .offered) }
    }

    /// A resolved target: the service (or pool) and every recipient.
    struct SendPlan {
        var service: String?
        var organization: String?
        var poolKind: OrganizationKind?
        var poolAreaID: String?
        var recipients: [(service: String, organization: String, respondByDays: Int)]
    }

    private func resolve(_ target: ReferralTarget, needs: [String]) throws -> SendPlan {
        switch target {
        case .service(let serviceID):
            guard let row = try db.queryFirst("""
                SELECT s.id, s.organization_id, s.respond_by_days FROM service s JOIN organization o ON o.id = s.organization_id
                WHERE s.id = ? AND \(Listing.condition)
                """, serviceID, transform: { ($0.string(0), $0.string(1), $0.int(2)) }) else {
                throw LotseError(.notFound, "Das Angebot \(serviceID) gibt es nicht oder es ist nicht gelistet.")
            }
            return SendPlan(service: row.0, organization: row.1, recipients: [(row.0, row.1, row.2)])
        case .pool(let kind, let code):
            guard let areaID = try db.scalarString("SELECT id FROM sozialraum WHERE code = ?", code) else {
                throw LotseError(.invalidInput, "Unbekannter Sozialraum: \(code)")
            }
            let members = try PoolMembers.services(kind: kind, areaID: areaID, needs: needs, db: db)
            guard !members.isEmpty else {
                throw LotseError(.notFound, "Im Pool »\(kind.label) in \(code)« gibt es kein gelistetes Angebot für diesen Bedarf.")
            }
            return SendPlan(poolKind: kind, poolAreaID: areaID, recipients: members.map { ($0.service, $0.organization, $0.respondByDays) })
        }
    }

    /// Copies a draft into a new sibling of its group (status draft) and returns its id.
    private func cloneDraft(_ draft: Referral, by account: Account) throws -> String {
        let id = UUID().uuidString.lowercased()
        try db.execute("""
            INSERT INTO referral(id, group_id, status, urgency, requester_account_id, requester_organization_id, sozialraum_id,
                needs, target_groups, preferred_language, accessibility_needs, desired_from, desired_until, respond_by, do_not_contact,
                case_reference, citizen_name, citizen_phone, citizen_email, citizen_address, created_at, status_changed_at)
            SELECT ?1, group_id, 'draft', urgency, requester_account_id, requester_organization_id, sozialraum_id, needs, target_groups,
                preferred_language, accessibility_needs, desired_from, desired_until, respond_by, do_not_contact, case_reference,
                citizen_name, citizen_phone, citizen_email, citizen_address, ?2, ?2
            FROM referral WHERE id = ?3
            """, id, timestamp, draft.id)
        try audit.record(.change, by: .person(account), referralID: id, what: "angelegt als Parallelangebot zu \(draft.id)",
                         purpose: "Vermittlung anfragen")
        return id
    }
}
