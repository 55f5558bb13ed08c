// ReferralAppointment+Desk: the requesting team enters, changes or removes the appointment of
// an open referral; each change is audited, and a recipient that can see it (accepted and
// later, consent covering `needs`) gets a disclosure row. The stored row is read with the
// referral by ReferralDesk.view and the slip.
import Foundation
import SQLite

extension ReferralDesk {
    /// Sets (or, with nil, removes) the appointment of referral `id`: the requesting team only,
    /// while the referral is open (not ended). Invalid input throws `.invalidInput` with the
    /// first problem; use `ReferralAppointment.validated` for per-field messages.
    public func setAppointment(_ id: String, date: String, time: String, place: String, by account: Account) throws {
        switch ReferralAppointment.validated(date: date, time: time, place: place, today: today) {
        case .success(let appointment): try setAppointment(id, appointment, by: account)
        case .failure(let problems): throw LotseError(.invalidInput, problems.list.first?.message ?? "Der Termin ist unvollständig.")
        }
    }

    /// Sets (or, with nil, removes) a validated appointment of referral `id`.
    public func setAppointment(_ id: String, _ appointment: ReferralAppointment?, by account: Account) throws {
        let referral = try referral(id)
        try requireTeam(referral, account)
        guard !referral.status.isTerminal else {
            throw LotseError(.conflict, "Einen Termin tragen Sie nur bei einer offenen Vermittlung ein (Status: \(referral.status.label)).")
        }
        if let appointment {
            try db.execute("""
                INSERT INTO referral_appointment(referral_id, on_date, at_time, place, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(referral_id) DO UPDATE SET on_date = excluded.on_date, at_time = excluded.at_time, place = excluded.place,
                    set_by = excluded.set_by, set_at = excluded.set_at
                """, id, appointment.date, appointment.time, appointment.place, account.id, timestamp)
        } else {
            try db.execute("DELETE FROM referral_appointment WHERE referral_id = ?", id)
        }
        try audit.record(.change, by: .person(account), referralID: id, what: appointment == nil ? "Termin entfernt" : "Termin",
                         purpose: "Termin für die Person")
        guard appointment != nil else { return }
        let consents = try Consent.load(db, groupID: referral.groupID)
        for recipient in referral.recipientOrganizations.sorted()
        where ReferralAccess.recipient(recipient, referral: referral, consents: consents, now: now, graceDays: settings.accessGraceDays).appointment {
            try audit.record(.disclosure, by: .person(account), organizationID: recipient, referralID: id,
                             what: ConsentCategory.needs.rawValue, purpose: "Termin an die Stelle")
        }
    }

    /// The stored appointment of referral `id`, or nil (callers gate and audit).
    func appointment(of id: String) throws -> ReferralAppointment? {
        try ReferralAppointment.load(db, referralID: id)
    }
}

extension ReferralAppointment {
    /// The appointment stored for a referral, or nil.
    static func load(_ db: Database, referralID: String) throws -> ReferralAppointment? {
        try db.queryFirst("SELECT on_date, at_time, place FROM referral_appointment WHERE referral_id = ?", referralID) { row in
            ReferralAppointment(date: row.string(0), time: row.string(1), place: row.optionalString(2))
        }
    }
}
