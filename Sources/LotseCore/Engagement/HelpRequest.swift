// HelpRequest: a counselor's (or a DLZ counselor's) request for neighbourhood help for a
// citizen. It is modelled as a referral to a service of the DLZ that covers the citizen's area
// (need "Nachbarschaftshilfe"), so consent, sending, gating and audit are the referral's
// (ReferralDesk, ReferralAccess), plus a `help_request` row with what the brokering needs:
// the kind of help, languages and when. Its kind, languages and time are shown only where
// ReferralAccess releases the referral's `needs` category.
import Foundation
import SQLite

/// A counselor's input for a help request.
public struct HelpRequestInput: Sendable, Equatable {
    public var caseReference = "", kind = "", sozialraumID = "", languages = "", schedule = "", desiredFrom = ""
    public init() {}
}

/// A help request as one viewer may see it.
public struct HelpRequestItem: Sendable {
    /// The referral, as ReferralAccess projects it for the viewer.
    public let referral: ReferralView
    /// The brokering member.
    public let brokerID: String
    public let brokerName: String
    /// Kind, languages and time: nil unless the viewer sees the referral's `needs`.
    public let kind: HelpKind?
    public let languages: [String]
    public let schedule: String?
    /// The Sozialraum's name (with `needs`).
    public let areaName: String?
    /// The placements: states for everyone who sees the request; a helper's name only for the
    /// brokering member's staff, never their contact outside the helper page.
    public let placements: [PlacementView]
    /// True when the viewer is staff of the brokering member.
    public let viewerIsBroker: Bool

    /// A helper has agreed (a placement reached "agreed", whatever happened next): the rule of
    /// the coordinators' figures.
    public var isMet: Bool { placements.contains { $0.agreedAt != nil } }
}

/// One placement as a viewer may see it.
public struct PlacementView: Sendable, Equatable {
    public let id: String
    public let state: PlacementLifecycle.State
    public let endReason: PlacementEndReason?
    public let proposedAt: String
    public let agreedAt: String?
    public let askedAt: String?
    /// The helper's id and name: brokering staff only.
    public let helperID: String?
    public let helperName: String?
}

extension EngagementDesk {
    /// The service of the DLZ that brokers help for area `areaID`: a listed service of a DLZ
    /// member located in the nearest area above or at the citizen's (services offering
    /// neighbourhood help first), or nil when no DLZ is near.
    public func broker(for areaID: String) throws -> (service: String, organization: String, name: String)? {
        try db.queryFirst("""
            WITH near(ancestor, distance) AS (SELECT ancestor, distance FROM sozialraum_closure WHERE descendant = ?1)
            SELECT s.id, o.id, o.name, min(near.distance) AS d,
                EXISTS (SELECT 1 FROM attribute a JOIN taxonomy_term t ON t.id = a.taxonomy_term_id
                        WHERE a.link_entity = 'service' AND a.link_id = s.id AND t.code LIKE 'alltag.nachbarschaftshilfe%') AS helps
            FROM service s JOIN organization o ON o.id = s.organization_id
                JOIN service_at_location sal ON sal.service_id = s.id JOIN location l ON l.id = sal.location_id
                JOIN sozialraum_closure c ON c.descendant = l.sozialraum_id JOIN near ON near.ancestor = c.ancestor
            WHERE o.kind = 'dlz' AND \(Listing.condition)
            GROUP BY s.id ORDER BY d, helps DESC, o.name, s.id LIMIT 1
            """, areaID) { (service: $0.string(0), organization: $0.string(1), name: $0.string(2)) }
    }

    /// Records a help request as a referral draft to the brokering DLZ's service, for
    /// `account` (a counselor); returns the referral's id and the service to send it to (the
    /// counselor then records consent and sends it like any referral).
    public func recordRequest(_ input: HelpRequestInput, by account: Account) throws -> (referralID: String, serviceID: String) {
        guard account.status == .active, account.role == .counselor else {
            throw LotseError(.forbidden, "Hilfeanfragen erfassen die Beratungsstellen und die Beratung der Dienstleistungszentren.")
        }
        var problems: [DirectoryWriter.FieldProblem] = []
        let reference = input.caseReference.trimmingCharacters(in: .whitespacesAndNewlines)
        if reference.isEmpty || reference.count > 80 {
            problems.append(.init(field: "case_reference", message: "Bitte ein Fallzeichen angeben (höchstens 80 Zeichen, kein Name)."))
        }
        let kind = HelpKind(rawValue: input.kind)
        if kind == nil { problems.append(.init(field: "kind", message: "Bitte eine Art der Hilfe wählen.")) }
        var broker: (service: String, organization: String, name: String)?
        var areaCode: String?
        if !input.sozialraumID.isEmpty, let code = try db.scalarString("SELECT code FROM sozialraum WHERE id = ?", input.sozialraumID) {
            areaCode = code
            broker = try self.broker(for: input.sozialraumID)
            if broker == nil {
                problems.append(.init(field: "sozialraum_id", message: "Für diesen Sozialraum vermittelt kein Dienstleistungszentrum Nachbarschaftshilfe."))
            }
        } else {
            problems.append(.init(field: "sozialraum_id", message: "Bitte den Sozialraum wählen, in dem die Person wohnt."))
        }
        let schedule = input.schedule.trimmingCharacters(in: .whitespacesAndNewlines)
        if schedule.count > 200 { problems.append(.init(field: "schedule", message: "Höchstens 200 Zeichen.")) }
        let from = input.desiredFrom.trimmingCharacters(in: .whitespaces)
        if !from.isEmpty && !Timestamp.isDate(from) { problems.append(.init(field: "desired_from", message: "»\(from)« ist kein Datum (JJJJ-MM-TT).")) }
        var languages: [String] = []
        do { languages = try CodeList.requireLanguages([input.languages], field: "languages") } catch let rejected as DirectoryWriter.Rejected {
            problems += rejected.problems
        }
        guard problems.isEmpty, let kind, let broker, let areaCode else { throw DirectoryWriter.Rejected(problems: problems) }
        var draft = ReferralDraft(needs: [Self.needCode], sozialraum: areaCode, caseReference: reference)
        draft.preferredLanguage = languages.first
        draft.desiredFrom = from.isEmpty ? nil : from
        let desk = try ReferralDesk(db: db, now: now)
        let id = try desk.createDraft(draft, by: account)
        try db.execute("""
            INSERT INTO help_request(referral_id, brokering_organization_id, kind, languages, schedule, created_at) VALUES (?, ?, ?, ?, ?, ?)
            """, id, broker.organization, kind.rawValue, languages.joined(separator: ","), schedule.isEmpty ? nil : schedule, timestamp)
        return (id, broker.service)
    }

    /// The help requests `account` may see: a counselor's team's, or those a DLZ it is staff of
    /// brokers (not drafts), newest first. Each is read through ReferralDesk.view, so gating
    /// and the audit log are the referral's.
    public func requests(as account: Account) throws -> [HelpRequestItem] {
        let ids: [String]
        switch account.role {
        case .counselor:
            ids = try db.query("""
                SELECT h.referral_id FROM help_request h JOIN referral r ON r.id = h.referral_id
                WHERE r.requester_account_id = ?1 OR (?2 IS NOT NULL AND r.requester_organization_id = ?2) ORDER BY r.created_at DESC, r.id
                """, account.id, account.organizationID) { $0.string(0) }
        case .provider:
            let brokers = try brokeringOrganizations(of: account).map(\.id)
            guard !brokers.isEmpty else { return [] }
            let marks = brokers.map { _ in "?" }.joined(separator: ", ")
            ids = try db.query("""
                SELECT h.referral_id FROM help_request h JOIN referral r ON r.id = h.referral_id
                WHERE h.brokering_organization_id IN (\(marks)) AND r.status <> 'draft' ORDER BY r.created_at DESC, r.id
                """, values: brokers) { $0.string(0) }
        case .coordinator, .admin:
            throw LotseError(.forbidden, "Die Koordination sieht Hilfeanfragen nur in den Zahlen, nicht im Einzelnen.")
        }
        return try ids.compactMap { id in
            do { return try request(id, as: account) } catch let error as LotseError where error.kind == .forbidden { return nil }
        }
    }

    /// One help request as `account` may see it (403 when nothing; coordinators and admins
    /// always 403). Reading it is audited by ReferralDesk.view.
    public func request(_ id: String, as account: Account) throws -> HelpRequestItem {
        guard let row = try db.queryFirst("""
            SELECT h.brokering_organization_id, o.name, h.kind, h.languages, h.schedule FROM help_request h
            JOIN organization o ON o.id = h.brokering_organization_id WHERE h.referral_id = ?
            """, id, transform: { ($0.string(0), $0.string(1), $0.string(2), $0.string(3), $0.optionalString(4)) }) else {
            throw LotseError(.notFound, "Diese Hilfeanfrage gibt es nicht.")
        }
        let view = try ReferralDesk(db: db, now: now).view(id, as: account, purpose: "Nachbarschaftshilfe")
        let needs = view.access == .owner || !view.needs.isEmpty
        let isBroker = account.role == .provider && account.organizations.contains(row.0) && view.access >= .statusOnly
        let placements = try db.query("""
            SELECT p.id, p.state, p.end_reason, p.proposed_at, p.agreed_at, p.asked_at, p.helper_id, hp.name FROM help_placement p
            LEFT JOIN helper hp ON hp.id = p.helper_id WHERE p.referral_id = ? ORDER BY p.proposed_at, p.id
            """, id) { r in
            PlacementView(id: r.string(0), state: PlacementLifecycle.State(rawValue: r.string(1)) ?? .ended,
                          endReason: r.optionalString(2).flatMap(PlacementEndReason.init(rawValue:)), proposedAt: r.string(3),
                          agreedAt: r.optionalString(4), askedAt: r.optionalString(5),
                          helperID: isBroker ? r.optionalString(6) : nil, helperName: isBroker ? (r.optionalString(7) ?? (r.optionalString(6) == nil ? nil : "(gelöscht)")) : nil)
        }
        if isBroker {
            for placement in placements where placement.helperID != nil {
                try audit.append(.read, accountID: account.id, role: account.role.rawValue, organizationID: row.0, referralID: id,
                                 what: "helper:\(placement.helperID!) name", purpose: "Nachbarschaftshilfe vermitteln")
            }
        }
        return HelpRequestItem(referral: view, brokerID: row.0, brokerName: row.1, kind: needs ? HelpKind(rawValue: row.2) : nil,
                               languages: needs ? CodeList.split(row.3) : [], schedule: needs ? row.4 : nil,
                               areaName: needs ? try areaName(view.sozialraumID) : nil, placements: placements, viewerIsBroker: isBroker)
    }
}
