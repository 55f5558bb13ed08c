// HelpPlacements: the brokering DLZ proposes one of its helpers for a help request it has
// accepted, moves the placement through PlacementLifecycle, and may ask the helper by e-mail
// (HelperMail: no citizen data, a plain link). The requesting counselor sees the placement's
// state, never the helper's name or contact. Every step is audited.
import Foundation
import SQLite

extension EngagementDesk {
    /// The referral of help request `id` and the brokering member; 403 unless `account` is
    /// its staff and the DLZ has accepted the request (ReferralAccess gives it full access).
    @discardableResult
    public func requireBrokering(_ id: String, _ account: Account) throws -> (referral: Referral, broker: String) {
        guard let broker = try db.scalarString("SELECT brokering_organization_id FROM help_request WHERE referral_id = ?", id) else {
            throw LotseError(.notFound, "Diese Hilfeanfrage gibt es nicht.")
        }
        try requireStaff(of: broker, account)
        guard let referral = try Referral.load(db, id: id) else { throw LotseError(.notFound, "Diese Hilfeanfrage gibt es nicht.") }
        let access = ReferralAccess.decide(viewer: account, referral: referral, consents: try Consent.load(db, groupID: referral.groupID), now: now)
        guard access.level >= .full else {
            throw LotseError(.conflict, "Erst die Anfrage annehmen, dann Helfende vorschlagen (Status: \(referral.status.label)).")
        }
        return (referral, broker)
    }

    /// Proposes helper `helperID` for help request `id`; returns the placement's id. Only the
    /// brokering staff, only an active helper of theirs, one open placement per request.
    @discardableResult
    public func propose(_ helperID: String, for id: String, by account: Account) throws -> String {
        let (_, broker) = try requireBrokering(id, account)
        guard let helper = try db.queryFirst("SELECT organization_id, status FROM helper WHERE id = ? AND anonymised_at IS NULL", helperID,
                                             transform: { ($0.string(0), $0.string(1)) }), helper.0 == broker else {
            throw LotseError(.invalidInput, "Bitte eine:n Helfende:n Ihres Dienstleistungszentrums wählen.")
        }
        guard helper.1 == "active" else { throw LotseError(.conflict, "Diese:r Helfende ist abgemeldet.") }
        guard try db.scalarInt("SELECT count(*) FROM help_placement WHERE referral_id = ? AND state <> 'ended'", id) == 0 else {
            throw LotseError(.conflict, "Für diese Anfrage ist schon ein Einsatz offen; erst diesen beenden.")
        }
        let placement = UUID().uuidString.lowercased()
        try db.execute("INSERT INTO help_placement(id, referral_id, helper_id, state, proposed_at) VALUES (?, ?, ?, 'proposed', ?)",
                       placement, id, helperID, timestamp)
        try audit.append(.change, accountID: account.id, role: account.role.rawValue, organizationID: broker, referralID: id,
                         what: "placement:\(placement) vorgeschlagen helper:\(helperID)", purpose: "Nachbarschaftshilfe vermitteln")
        return placement
    }

    /// Fires `event` on placement `placementID` (ending needs a reason); 409 with a German
    /// message for an illegal move.
    public func change(placement placementID: String, _ event: PlacementLifecycle.Event, reason: PlacementEndReason? = nil,
                       by account: Account) throws {
        guard let row = try db.queryFirst("SELECT referral_id, state FROM help_placement WHERE id = ?", placementID,
                                          transform: { ($0.string(0), $0.string(1)) }) else {
            throw LotseError(.notFound, "Diesen Einsatz gibt es nicht.")
        }
        let (_, broker) = try requireBrokering(row.0, account)
        let state = PlacementLifecycle.State(rawValue: row.1) ?? .ended
        let next = try PlacementLifecycle.next(from: state, on: event)
        switch next {
        case .agreed:
            try db.execute("UPDATE help_placement SET state = 'agreed', agreed_at = ? WHERE id = ?", timestamp, placementID)
        case .running:
            try db.execute("UPDATE help_placement SET state = 'running', started_at = ? WHERE id = ?", timestamp, placementID)
        case .ended:
            guard let reason else { throw LotseError(.invalidInput, "Bitte einen Grund für das Ende wählen.") }
            try db.execute("UPDATE help_placement SET state = 'ended', end_reason = ?, ended_at = ? WHERE id = ?", reason.rawValue, timestamp, placementID)
        case .proposed:
            break
        }
        try audit.append(.change, accountID: account.id, role: account.role.rawValue, organizationID: broker, referralID: row.0,
                         what: "placement:\(placementID) \(state.rawValue)->\(next.rawValue)\(reason.map { " " + $0.rawValue } ?? "")",
                         purpose: "Nachbarschaftshilfe vermitteln")
    }

    /// The e-mail that asks the helper of placement `placementID` (proposed) whether they can
    /// help, and records that it was asked. The message names the DLZ and its office contact
    /// and carries one plain link (`link`, no token): no citizen data, no helper data for the
    /// requester. Throws when the helper has no e-mail address.
    public func inquiry(placement placementID: String, by account: Account, settings: MailSettings, networkName: String,
                        link: String) throws -> MailMessage {
        guard let row = try db.queryFirst("""
            SELECT p.referral_id, p.state, h.email, h.name FROM help_placement p JOIN helper h ON h.id = p.helper_id WHERE p.id = ?
            """, placementID, transform: { ($0.string(0), $0.string(1), $0.optionalString(2), $0.optionalString(3)) }) else {
            throw LotseError(.notFound, "Diesen Einsatz gibt es nicht.")
        }
        let (_, broker) = try requireBrokering(row.0, account)
        guard row.1 == PlacementLifecycle.State.proposed.rawValue else {
            throw LotseError(.conflict, "Anfragen per E-Mail gehen nur bei vorgeschlagenen Einsätzen.")
        }
        guard let email = row.2 else { throw LotseError(.invalidInput, "Für diese:n Helfende:n ist keine E-Mail-Adresse eingetragen.") }
        let office = try db.queryFirst("SELECT name, email FROM organization WHERE id = ?", broker) { ($0.string(0), $0.optionalString(1)) }
        let message = try HelperMail.message(to: MailAddress(email, name: row.3), broker: office?.0 ?? "", brokerEmail: office?.1,
                                             networkName: networkName, link: link, settings: settings)
        try db.execute("UPDATE help_placement SET asked_at = ? WHERE id = ?", timestamp, placementID)
        try audit.append(.disclosure, accountID: account.id, role: account.role.rawValue, organizationID: broker, referralID: row.0,
                         what: "placement:\(placementID) Anfrage per E-Mail an helper (keine Daten der Person)", purpose: "Nachbarschaftshilfe vermitteln")
        return message
    }
}

extension EngagementDesk {
    /// The help request (referral id) of placement `id`.
    public func placementRequest(_ id: String) throws -> String {
        guard let request = try db.scalarString("SELECT referral_id FROM help_placement WHERE id = ?", id) else {
            throw LotseError(.notFound, "Diesen Einsatz gibt es nicht.")
        }
        return request
    }
}
