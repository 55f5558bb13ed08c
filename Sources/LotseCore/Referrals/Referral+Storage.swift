// Referral+Storage: reads referrals, their recipients, consents, notes (with their category,
// migration 007) and timeline from the tables of migration 003.
import SQLite

extension Referral {
    static let columns = """
        id, group_id, status, previous_status, business_status, reason, reason_text, declined_by, urgency,
        requester_account_id, requester_organization_id, service_id, organization_id, pool_kind, pool_sozialraum_id,
        sozialraum_id, needs, target_groups, preferred_language, accessibility_needs, desired_from, desired_until, respond_by,
        do_not_contact, case_reference, citizen_name, citizen_phone, citizen_email, citizen_address, outcome,
        outcome_text, citizen_feedback, created_at, sent_at, responded_at, status_changed_at, closed_at, loop_closed_at,
        anonymised_at
        """

    /// The referral with this id, or nil.
    public static func load(_ db: Database, id: String) throws -> Referral? {
        guard let base = try db.queryFirst("SELECT \(columns) FROM referral WHERE id = ?", id, transform: Row.referralFields) else { return nil }
        let recipients = try db.query("""
            SELECT service_id, organization_id, state FROM referral_recipient WHERE referral_id = ? ORDER BY service_id
            """, id) { row in
            ReferralRecipient(serviceID: row.string(0), organizationID: row.string(1),
                              state: ReferralRecipient.State(rawValue: row.string(2)) ?? .released)
        }
        return base(recipients)
    }

    /// Ids of the referrals of a group, oldest first.
    static func groupMembers(_ db: Database, groupID: String) throws -> [String] {
        try db.query("SELECT id FROM referral WHERE group_id = ? ORDER BY created_at, rowid", groupID) { $0.string(0) }
    }
}

extension Consent {
    /// The consents recorded for a referral group, oldest first.
    public static func load(_ db: Database, groupID: String) throws -> [Consent] {
        try db.query("""
            SELECT c.id, c.group_id, c.consented_by, c.consenting_person, c.categories, c.purpose, c.form, c.given_on,
                   c.expires_on, c.information_version, c.confidentiality_release, c.recorded_by, c.recorded_at, c.withdrawn_at,
                   (SELECT group_concat(organization_id) FROM consent_recipient WHERE consent_id = c.id)
            FROM consent c WHERE c.group_id = ? ORDER BY c.recorded_at, c.rowid
            """, groupID) { row in
            Consent(id: row.string(0), groupID: row.string(1), givenBy: ConsentGiver(rawValue: row.string(2)) ?? .citizen,
                    consentingPerson: row.optionalString(3),
                    recipients: Set((row.optionalString(14) ?? "").split(separator: ",").map(String.init)),
                    categories: Set(row.string(4).split(separator: ",").compactMap { ConsentCategory(rawValue: String($0)) }),
                    purpose: row.string(5), form: ConsentForm(rawValue: row.string(6)) ?? .signed, givenOn: row.string(7),
                    expiresOn: row.optionalString(8), informationVersion: row.string(9), confidentialityRelease: row.bool(10),
                    recordedBy: row.string(11), recordedAt: row.string(12), withdrawnAt: row.optionalString(13))
        }
    }
}

extension ReferralNote {
    /// The notes of a referral, oldest first.
    static func load(_ db: Database, referralID: String) throws -> [ReferralNote] {
        try db.query("SELECT id, at, account_id, role, organization_id, body, category FROM referral_note WHERE referral_id = ? ORDER BY id",
                     referralID) { row in
            ReferralNote(id: row.int(0), at: row.string(1), accountID: row.string(2), role: row.string(3),
                         organizationID: row.optionalString(4), category: ConsentCategory(rawValue: row.string(6)) ?? .health,
                         body: row.string(5))
        }
    }
}

extension ReferralEvent {
    /// The timeline of a referral, oldest first.
    public static func load(_ db: Database, referralID: String) throws -> [ReferralEvent] {
        try db.query("""
            SELECT id, referral_id, at, kind, account_id, role, organization_id, from_status, to_status, business_status, reason, reason_text
            FROM referral_event WHERE referral_id = ? ORDER BY id
            """, referralID) { row in
            ReferralEvent(id: row.int(0), referralID: row.string(1), at: row.string(2), kind: Kind(rawValue: row.string(3)) ?? .status,
                          accountID: row.optionalString(4), role: row.string(5), organizationID: row.optionalString(6),
                          fromStatus: row.optionalString(7).flatMap(ReferralStatus.init(rawValue:)),
                          toStatus: row.optionalString(8).flatMap(ReferralStatus.init(rawValue:)),
                          businessStatus: row.optionalString(9).flatMap(ReferralBusinessStatus.init(rawValue:)),
                          reason: row.optionalString(10).flatMap(ReferralReason.init(rawValue:)), reasonText: row.optionalString(11))
        }
    }
}

extension Row {
    /// Maps a row of `Referral.columns` to a referral waiting for its recipients.
    static func referralFields(_ row: Row) -> ([ReferralRecipient]) -> Referral {
        func list(_ index: Int) -> [String] { row.string(index).split(separator: ",").map(String.init) }
        let id = row.string(0), groupID = row.string(1)
        let status = ReferralStatus(rawValue: row.string(2)) ?? .enteredInError
        let previous = row.optionalString(3).flatMap(ReferralStatus.init(rawValue:))
        let business = row.optionalString(4).flatMap(ReferralBusinessStatus.init(rawValue:))
        let reason = row.optionalString(5).flatMap(ReferralReason.init(rawValue:))
        let reasonText = row.optionalString(6)
        let declined = row.optionalString(7).flatMap(DeclinedBy.init(rawValue:))
        let urgency = ReferralUrgency(rawValue: row.string(8)) ?? .routine
        let requester = row.string(9), requesterOrganization = row.optionalString(10)
        let service = row.optionalString(11), organization = row.optionalString(12)
        let poolKind = row.optionalString(13).flatMap(OrganizationKind.init(rawValue:)), poolArea = row.optionalString(14)
        let area = row.optionalString(15), needs = list(16), targetGroups = list(17), language = row.optionalString(18)
        let accessibility = list(19), desiredFrom = row.optionalString(20), desiredUntil = row.optionalString(21)
        let respondBy = row.optionalString(22), doNotContact = row.bool(23)
        let caseReference = row.optionalString(24), name = row.optionalString(25), phone = row.optionalString(26)
        let email = row.optionalString(27), address = row.optionalString(28)
        let outcome = row.optionalString(29).flatMap(ReferralOutcome.init(rawValue:))
        let outcomeText = row.optionalString(30), feedback = row.optionalString(31)
        let createdAt = row.string(32), sentAt = row.optionalString(33), respondedAt = row.optionalString(34)
        let changedAt = row.string(35), closedAt = row.optionalString(36), loopClosedAt = row.optionalString(37)
        let anonymisedAt = row.optionalString(38)
        return { recipients in
            Referral(id: id, groupID: groupID, status: status, previousStatus: previous, businessStatus: business, reason: reason,
                     reasonText: reasonText, declinedBy: declined, urgency: urgency, requesterAccountID: requester,
                     requesterOrganizationID: requesterOrganization, serviceID: service, organizationID: organization,
                     poolKind: poolKind, poolSozialraumID: poolArea, sozialraumID: area, needs: needs, targetGroups: targetGroups,
                     preferredLanguage: language, accessibilityNeeds: accessibility, desiredFrom: desiredFrom,
                     desiredUntil: desiredUntil, respondBy: respondBy, doNotContact: doNotContact, caseReference: caseReference,
                     citizenName: name, citizenPhone: phone, citizenEmail: email, citizenAddress: address, outcome: outcome,
                     outcomeText: outcomeText, citizenFeedback: feedback, createdAt: createdAt, sentAt: sentAt,
                     respondedAt: respondedAt, statusChangedAt: changedAt, closedAt: closedAt, loopClosedAt: loopClosedAt,
                     anonymisedAt: anonymisedAt, recipients: recipients)
        }
    }
}
