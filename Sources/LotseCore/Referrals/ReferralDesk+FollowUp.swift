// ReferralDesk+FollowUp: the notes thread between counselor and provider, and closing the loop
// — the counselor records the outcome and the citizen's feedback once a referral has ended.
import Foundation
import SQLite

extension ReferralDesk {
    /// Adds a note. The requesting team may always write; a provider only while it sees the
    /// citizen's identity (accepted and covered by consent).
    @discardableResult
    public func addNote(_ id: String, _ body: String, by account: Account) throws -> ReferralNote {
        let referral = try referral(id)
        guard let text = try cleanText(body, limit: 4000, label: "Notiz") else {
            throw LotseError(.invalidInput, "Die Notiz ist leer.")
        }
        let access = ReferralAccess.decide(viewer: account, referral: referral, consents: try Consent.load(db, groupID: referral.groupID),
                                           now: now, graceDays: settings.accessGraceDays)
        guard access.level == .owner || (access.level == .full && access.notes) else {
            throw LotseError(.forbidden, "Notizen zu dieser Vermittlung sind für Sie nicht freigegeben.")
        }
        let organization = actingOrganization(referral, .person(account))
        try db.execute("""
            INSERT INTO referral_note(referral_id, at, account_id, role, organization_id, body) VALUES (?, ?, ?, ?, ?, ?)
            """, id, timestamp, account.id, account.role.rawValue, organization, text)
        let noteID = Int(db.lastInsertRowID)
        try recordEvent(referral, kind: .note, actor: .person(account))
        try audit.record(.change, by: .person(account), organizationID: organization, referralID: id, what: "Notiz \(noteID)",
                         purpose: "Vermittlung abstimmen")
        return ReferralNote(id: noteID, at: timestamp, accountID: account.id, role: account.role.rawValue,
                            organizationID: organization, body: text)
    }

    /// Closes the loop: the requesting team records what came of an ended referral
    /// (completed, failed, rejected or cancelled) and the citizen's feedback.
    public func closeLoop(_ id: String, outcome: ReferralOutcome, outcomeText: String? = nil, citizenFeedback: String? = nil,
                          by account: Account) throws {
        let referral = try referral(id)
        try requireTeam(referral, account)
        guard referral.status.isTerminal && referral.status != .enteredInError else {
            throw LotseError(.conflict, "Das Ergebnis wird erst nach Abschluss der Vermittlung erfasst.")
        }
        try db.execute("""
            UPDATE referral SET outcome = ?, outcome_text = ?, citizen_feedback = ?, loop_closed_at = ? WHERE id = ?
            """, outcome.rawValue, try cleanText(outcomeText, label: "Ergebnis"),
                       try cleanText(citizenFeedback, label: "Rückmeldung"), timestamp, id)
        try recordEvent(referral, kind: .loop, actor: .person(account))
        try audit.record(.change, by: .person(account), referralID: id, what: "Ergebnis \(outcome.rawValue)",
                         purpose: "Rückmeldung dokumentieren")
    }
}
