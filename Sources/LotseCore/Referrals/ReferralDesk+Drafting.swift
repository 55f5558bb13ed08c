// ReferralDesk+Drafting: a counselor creates and edits a draft, and records or withdraws the
// citizen's consent for its recipients (docs/domain.md §6.1). Withdrawal cancels unanswered offers,
// revokes provider access (ReferralAccess reads consent on every view) and notifies recipients.
import Foundation
import SQLite

extension ReferralDesk {
    /// Creates a draft for `account` (a counselor) and returns its id.
    @discardableResult
    public func createDraft(_ draft: ReferralDraft, by account: Account) throws -> String {
        guard account.status == .active, account.role == .counselor else {
            throw LotseError(.forbidden, "Nur die Beratung legt Vermittlungen an.")
        }
        let id = UUID().uuidString.lowercased()
        try db.execute("""
            INSERT INTO referral(id, group_id, status, requester_account_id, requester_organization_id, created_at, status_changed_at)
            VALUES (?, ?, 'draft', ?, ?, ?, ?)
            """, id, id, account.id, account.organizationID, timestamp, timestamp)
        try store(draft, into: id)
        try audit.record(.change, by: .person(account), referralID: id, what: "angelegt (Entwurf)", purpose: "Vermittlung vorbereiten")
        return id
    }

    /// Replaces the fields of a draft (only while it is a draft).
    public func updateDraft(_ id: String, _ draft: ReferralDraft, by account: Account) throws {
        let referral = try referral(id)
        try requireTeam(referral, account)
        guard referral.status == .draft else { throw LotseError(.conflict, "Nur Entwürfe können geändert werden.") }
        try store(draft, into: id)
        try audit.record(.change, by: .person(account), referralID: id, what: "Entwurf geändert", purpose: "Vermittlung vorbereiten")
    }

    private func store(_ draft: ReferralDraft, into id: String) throws {
        try draft.validate()
        var areaID: String?
        if let code = draft.sozialraum {
            guard let found = try db.scalarString("SELECT id FROM sozialraum WHERE code = ?", code) else {
                throw LotseError(.invalidInput, "Unbekannter Sozialraum: \(code)")
            }
            areaID = found
        }
        for (taxonomy, codes, label) in [(TaxonomyCode.need, draft.needs, "Bedarf"), (.targetGroup, draft.targetGroups, "Zielgruppe"),
                                         (.accessibility, draft.accessibilityNeeds, "Barrierefreiheit")] {
            for code in codes where try db.scalarInt("""
                SELECT count(*) FROM taxonomy_term t JOIN taxonomy x ON x.id = t.taxonomy_id WHERE x.code = ? AND t.code = ?
                """, taxonomy.rawValue, code) != 1 {
                throw LotseError(.invalidInput, "Unbekannter Wert für \(label): \(code)")
            }
        }
        try db.execute("""
            UPDATE referral SET sozialraum_id = ?, needs = ?, urgency = ?, target_groups = ?, preferred_language = ?, accessibility_needs = ?,
                desired_from = ?, desired_until = ?, respond_by = ?, do_not_contact = ?, case_reference = ?, citizen_name = ?,
                citizen_phone = ?, citizen_email = ?, citizen_address = ?
            WHERE id = ?
            """, values: [areaID, Set(draft.needs).sorted().joined(separator: ","), draft.urgency.rawValue, draft.targetGroups.joined(separator: ","), draft.preferredLanguage,
                          draft.accessibilityNeeds.joined(separator: ","), draft.desiredFrom, draft.desiredUntil, draft.respondBy,
                          draft.doNotContact, draft.caseReference.trimmingCharacters(in: .whitespacesAndNewlines),
                          try cleanText(draft.citizenName, limit: 300, label: "Name"),
                          try cleanText(draft.citizenPhone, limit: 300, label: "Telefon"),
                          try cleanText(draft.citizenEmail, limit: 300, label: "E-Mail"),
                          try cleanText(draft.citizenAddress, limit: 300, label: "Anschrift"), id])
    }

    /// Records consent for the referral group `groupID` (the id of its first referral) and
    /// returns it. Only the requesting team records consent.
    @discardableResult
    public func recordConsent(groupID: String, _ input: ConsentInput, by account: Account) throws -> Consent {
        let first = try referral(groupID)
        try requireTeam(first, account)
        guard !input.recipients.isEmpty else { throw LotseError(.invalidInput, "Bitte mindestens eine empfangende Organisation angeben.") }
        guard input.categories.contains(.needs) else {
            throw LotseError(.invalidInput, "Die Einwilligung muss mindestens »\(ConsentCategory.needs.label)« umfassen.")
        }
        guard Timestamp.isDate(input.givenOn), input.givenOn <= today else {
            throw LotseError(.invalidInput, "Datum der Einwilligung fehlt oder liegt in der Zukunft.")
        }
        if let expires = input.expiresOn {
            guard Timestamp.isDate(expires), expires >= input.givenOn else {
                throw LotseError(.invalidInput, "Das Ablaufdatum muss ein Datum nach der Einwilligung sein.")
            }
        }
        guard let purpose = try cleanText(input.purpose, limit: 500, label: "Zweck") else {
            throw LotseError(.invalidInput, "Bitte den Zweck der Einwilligung angeben.")
        }
        guard !input.informationVersion.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw LotseError(.invalidInput, "Bitte die Version des Informationsblatts angeben.")
        }
        if input.givenBy == .representative && (input.consentingPerson ?? "").isEmpty {
            throw LotseError(.invalidInput, "Bitte angeben, wer als Vertretung eingewilligt hat.")
        }
        for organization in Set(input.recipients) where try db.scalarInt("SELECT count(*) FROM organization WHERE id = ?", organization) != 1 {
            throw LotseError(.notFound, "Organisation \(organization) gibt es nicht.")
        }
        guard input.confidentialityRelease || input.categories.isDisjoint(with: ConsentCategory.needingRelease) else {
            let personal = ConsentCategory.allCases.filter { input.categories.contains($0) && ConsentCategory.needingRelease.contains($0) }
            throw LotseError(.invalidInput, "»\(personal.map(\.label).joined(separator: "«, »"))« dürfen nur mit Schweigepflichtentbindung weitergegeben werden. Bitte die Schweigepflichtentbindung dokumentieren oder nur »\(ConsentCategory.needs.label)« wählen.")
        }
        let before = try Consent.load(db, groupID: first.groupID)
        let id = UUID().uuidString.lowercased()
        try db.execute("""
            INSERT INTO consent(id, group_id, consented_by, consenting_person, categories, purpose, form, given_on, expires_on,
                information_version, confidentiality_release, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, values: [id, first.groupID, input.givenBy.rawValue, try cleanText(input.consentingPerson, limit: 300, label: "Name"),
                          input.categories.map(\.rawValue).sorted().joined(separator: ","), purpose, input.form.rawValue,
                          input.givenOn, input.expiresOn, input.informationVersion, input.confidentialityRelease, account.id, timestamp])
        for organization in Set(input.recipients) {
            try db.execute("INSERT INTO consent_recipient(consent_id, organization_id) VALUES (?, ?)", id, organization)
        }
        try audit.record(.change, by: .person(account), referralID: first.id,
                         what: "Einwilligung \(id) erfasst: \(input.categories.map(\.rawValue).sorted().joined(separator: ","))",
                         purpose: "Einwilligung dokumentieren")
        try discloseWidened(groupID: first.groupID, before: before, by: account)
        return try Consent.load(db, groupID: first.groupID).first { $0.id == id }!
    }

    /// Withdraws a consent: offers still waiting for an answer whose recipient is no longer
    /// covered are cancelled ("Einwilligung widerrufen"); providers lose identity and contact
    /// at once (ReferralAccess); every recipient organization of the consent is notified.
    /// Returns the notified organization ids.
    @discardableResult
    public func withdrawConsent(_ consentID: String, by account: Account) throws -> [String] {
        guard let groupID = try db.scalarString("SELECT group_id FROM consent WHERE id = ?", consentID) else {
            throw LotseError(.notFound, "Diese Einwilligung gibt es nicht.")
        }
        let first = try referral(groupID)
        try requireTeam(first, account)
        guard try db.scalarString("SELECT withdrawn_at FROM consent WHERE id = ?", consentID) == nil else {
            throw LotseError(.conflict, "Diese Einwilligung ist schon widerrufen.")
        }
        let withdrawn = try Consent.load(db, groupID: groupID).first { $0.id == consentID }!
        try db.execute("UPDATE consent SET withdrawn_at = ?, withdrawn_by = ? WHERE id = ?", timestamp, account.id, consentID)
        let remaining = try Consent.load(db, groupID: groupID)
        var notified: Set<String> = []
        for memberID in try Referral.groupMembers(db, groupID: groupID) {
            let member = try referral(memberID)
            let affected = member.recipientOrganizations.intersection(withdrawn.recipients)
            guard !affected.isEmpty, member.status != .draft else { continue }
            let uncovered = affected.filter { !remaining.categories(for: $0, on: today).contains(.needs) }
            if member.status == .requested && !uncovered.isEmpty && uncovered.count == member.recipientOrganizations.count {
                try apply(member, to: .cancelled, actor: .system("consent"), reason: .consentWithdrawn)
            }
            for organization in affected.sorted() where !(member.status.isTerminal && member.closedAt.map { $0 < withdrawn.recordedAt } == true) {
                try notifications.add(.consentWithdrawn, referralID: member.id, organizationID: organization)
                notified.insert(organization)
            }
        }
        try audit.record(.change, by: .person(account), referralID: first.id, what: "Einwilligung \(consentID) widerrufen",
                         purpose: "Widerruf umsetzen")
        return notified.sorted()
    }
}
