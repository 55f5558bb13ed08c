// ReferralDesk+Reading: what pages show — one referral as the viewer may see it, the lists of
// a counselor's team or a provider's organizations, the timeline, the consents and the
// disclosure view. Every read is written to the audit log as a read and changes nothing else:
// "gelesen" and the disclosure rows come from explicit actions (ReferralDesk+Disclosing), so
// that a link from another site cannot change a referral by making a browser load it.
import Foundation
import SQLite

/// A referral in a list, already gated for the viewer.
public struct ReferralListItem: Sendable, Equatable {
    /// The id.
    public let id: String
    /// The status.
    public let status: ReferralStatus
    /// The provider's finer step.
    public let businessStatus: ReferralBusinessStatus?
    /// Routine or urgent.
    public let urgency: ReferralUrgency?
    /// Empty below summary access.
    public let needs: [String]
    /// The Sozialraum id.
    public let sozialraumID: String?
    /// The target service.
    public let serviceID: String?
    /// Answer expected by the end of this day (`YYYY-MM-DD`).
    public let respondBy: String?
    /// When it was created (ISO).
    public let createdAt: String
    /// When the status last changed.
    public let statusChangedAt: String
    /// The counselor's pseudonym (requesting team only).
    public let caseReference: String?
    /// The access level it was made for.
    public let access: ReferralAccess.Level
}

extension ReferralDesk {
    /// Referral `id` as `account` may see it (with the notes its access covers), logged as a
    /// read naming the categories shown. Reading changes nothing else: no "gelesen", no
    /// disclosure row. Throws `.forbidden` when the viewer may see nothing of it —
    /// coordinators included (aggregates only).
    public func view(_ id: String, as account: Account, purpose: String = "Vermittlung ansehen") throws -> ReferralView {
        let referral = try referral(id)
        let consents = try Consent.load(db, groupID: referral.groupID)
        let access = ReferralAccess.decide(viewer: account, referral: referral, consents: consents, now: now,
                                           graceDays: settings.accessGraceDays)
        guard access.level >= .statusOnly else {
            throw LotseError(.forbidden, access.level == .aggregatesOnly
                             ? "Die Koordination sieht Vermittlungen nur in Auswertungen, nicht im Einzelnen."
                             : "Diese Vermittlung ist für Sie nicht sichtbar.")
        }
        let notes = access.notes ? try ReferralNote.load(db, referralID: id) : []
        let appointment = access.appointment ? try appointment(of: id) : nil
        let categories = access.disclosedCategories.joined(separator: ",")
        try audit.record(.read, by: .person(account), organizationID: access.organizationID, referralID: id,
                         what: categories.isEmpty ? "alles" : categories, purpose: purpose)
        return access.project(referral, notes: notes, appointment: appointment)!
    }

    /// The referrals `account` may see in lists: a counselor's team's (requested by its
    /// organization or by the counselor), a provider's (addressed to its organizations, not
    /// released) — urgent ones that are still open first, then newest first — optionally only
    /// some statuses. Logged as one read (no disclosure rows: sending recorded the summary's
    /// disclosure).
    public func list(for account: Account, statuses: Set<ReferralStatus> = [], limit: Int = 200) throws -> [ReferralListItem] {
        let open = ReferralStatus.allCases.filter { !$0.isTerminal }.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        let order = "(r.urgency = 'urgent' AND r.status IN (\(open))) DESC, r.created_at DESC, r.rowid DESC"
        var ids: [String] = []
        switch account.role {
        case .counselor:
            ids = try db.query("""
                SELECT r.id FROM referral r
                WHERE r.requester_account_id = ? OR (r.requester_organization_id IS NOT NULL AND r.requester_organization_id = ?)
                ORDER BY \(order)
                """, account.id, account.organizationID) { $0.string(0) }
        case .provider:
            let organizations = account.organizations.sorted()
            guard !organizations.isEmpty else { break }
            ids = try db.query("""
                SELECT r.id FROM referral_recipient rr JOIN referral r ON r.id = rr.referral_id
                WHERE rr.organization_id IN (\(organizations.map { _ in "?" }.joined(separator: ", "))) AND rr.state <> 'released'
                ORDER BY \(order)
                """, values: organizations.map { $0 as SQLBindable? }) { $0.string(0) }
        case .coordinator, .admin:
            throw LotseError(.forbidden, "Vermittlungen sind nur für Beratung und Anbieter einsehbar; die Koordination sieht Auswertungen.")
        }
        var seen = Set<String>()
        var items: [ReferralListItem] = []
        for id in ids where seen.insert(id).inserted {
            let referral = try referral(id)
            if !statuses.isEmpty && !statuses.contains(referral.status) { continue }
            let access = ReferralAccess.decide(viewer: account, referral: referral, consents: try Consent.load(db, groupID: referral.groupID),
                                               now: now, graceDays: settings.accessGraceDays)
            guard let view = access.project(referral) else { continue }
            items.append(ReferralListItem(id: id, status: view.status, businessStatus: view.businessStatus, urgency: view.urgency,
                                          needs: view.needs, sozialraumID: view.sozialraumID, serviceID: view.serviceID,
                                          respondBy: view.respondBy, createdAt: view.createdAt, statusChangedAt: view.statusChangedAt,
                                          caseReference: view.caseReference, access: view.access))
            if items.count >= limit { break }
        }
        try audit.record(.read, by: .person(account), referralID: nil, what: "Liste: \(items.count) Vermittlungen",
                         purpose: "Vermittlungsliste")
        return items
    }

    /// The timeline of a referral for `account`: the requesting team sees everything, a
    /// provider with at least status access sees the events without free texts. Logged.
    public func timeline(_ id: String, as account: Account) throws -> [ReferralEvent] {
        let referral = try referral(id)
        let access = ReferralAccess.decide(viewer: account, referral: referral, consents: try Consent.load(db, groupID: referral.groupID),
                                           now: now, graceDays: settings.accessGraceDays)
        guard access.level >= .statusOnly else { throw LotseError(.forbidden, "Diese Vermittlung ist für Sie nicht sichtbar.") }
        let events = try ReferralEvent.load(db, referralID: id)
        try audit.record(.read, by: .person(account), organizationID: access.organizationID, referralID: id, what: "Verlauf",
                         purpose: "Vermittlung ansehen")
        guard access.level != .owner else { return events }
        return events.map { event in
            ReferralEvent(id: event.id, referralID: event.referralID, at: event.at, kind: event.kind, accountID: event.accountID,
                          role: event.role, organizationID: event.organizationID, fromStatus: event.fromStatus,
                          toStatus: event.toStatus, businessStatus: event.businessStatus, reason: event.reason, reasonText: nil)
        }
    }

    /// The consents of a referral's group (requesting team only). Logged.
    public func consents(_ id: String, as account: Account) throws -> [Consent] {
        let referral = try referral(id)
        try requireTeam(referral, account)
        try audit.record(.read, by: .person(account), referralID: id, what: "Einwilligungen", purpose: "Einwilligung prüfen")
        return try Consent.load(db, groupID: referral.groupID)
    }

    /// Which organization received what about this case (requesting team only). Logged.
    public func disclosures(_ id: String, as account: Account) throws -> [Disclosure] {
        let referral = try referral(id)
        try requireTeam(referral, account)
        try audit.record(.read, by: .person(account), referralID: id, what: "Offenlegungen", purpose: "Auskunft (Art. 15 DSGVO)")
        return try audit.disclosures(groupID: referral.groupID)
    }
}
