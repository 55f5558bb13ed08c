// ReferralDesk+FollowUp: the notes thread between counselor and provider, and closing the loop
// — the counselor records the outcome and the citizen's feedback once a referral has ended.
import Foundation
import SQLite

extension ReferralDesk {
    /// Adds a note filed under `category` (nil: the most protective category the writer may
    /// use — `health` for the requesting team). The requesting team may always write, under
    /// any category; a provider after acceptance, under a category its consent covers (what it
    /// can read back). A note a recipient may read is recorded as a disclosure to it.
    @discardableResult
    public func addNote(_ id: String, _ body: String, category: ConsentCategory? = nil, by account: Account) throws -> ReferralNote {
        let referral = try referral(id)
        guard let text = try cleanText(body, limit: 4000, label: "Notiz") else {
            throw LotseError(.invalidInput, "Die Notiz ist leer.")
        }
        let access = ReferralAccess.decide(viewer: account, referral: referral, consents: try Consent.load(db, groupID: referral.groupID),
                                           now: now, graceDays: settings.accessGraceDays)
        guard access.notes, let filed = category ?? ConsentCategory.mostProtective(of: access.noteCategories) else {
            throw LotseError(.forbidden, "Notizen zu dieser Vermittlung sind für Sie nicht freigegeben.")
        }
        guard access.noteCategories.contains(filed) else {
            throw LotseError(.invalidInput, "Die Einwilligung deckt »\(filed.label)« für Ihre Organisation nicht ab; bitte eine andere Art der Notiz wählen.")
        }
        let organization = actingOrganization(referral, .person(account))
        try db.execute("""
            INSERT INTO referral_note(referral_id, at, account_id, role, organization_id, body, category) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, id, timestamp, account.id, account.role.rawValue, organization, text, filed.rawValue)
        let noteID = Int(db.lastInsertRowID)
        try recordEvent(referral, kind: .note, actor: .person(account))
        try audit.record(.change, by: .person(account), organizationID: organization, referralID: id, what: "Notiz \(noteID) (\(filed.rawValue))",
                         purpose: "Vermittlung abstimmen")
        let note = ReferralNote(id: noteID, at: timestamp, accountID: account.id, role: account.role.rawValue,
                                organizationID: organization, category: filed, body: text)
        if access.level == .owner {
            let consents = try Consent.load(db, groupID: referral.groupID)
            for recipient in referral.recipientOrganizations.sorted() {
                let seen = ReferralAccess.recipient(recipient, referral: referral, consents: consents, now: now, graceDays: settings.accessGraceDays)
                if seen.mayRead(note) {
                    try audit.record(.disclosure, by: .person(account), organizationID: recipient, referralID: id,
                                     what: filed.rawValue, purpose: "Notiz an die Stelle")
                }
            }
        }
        return note
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
