// ReferralDesk+Transitions: status changes through the state machine — with authorization
// (the requesting team, the addressed provider, the system), reasons, who declined, the
// timeline event, the audit row, pool claims, sibling cancellation and notifications — plus
// the provider's business status and reopening an "entered-in-error" referral.
import Foundation
import SQLite

extension ReferralDesk {
    /// Changes the status of referral `id`. Counselors act for the requesting team, providers
    /// for an addressed organization, the system only cancels with a system reason. Accepting
    /// a pool claims it for `serviceID`, which the provider must pick when more than one of its
    /// services was offered (they all offer the referral's need);
    /// accepting any referral of a group cancels its waiting siblings ("sibling accepted").
    /// Sending uses `send`. A provider's answer (accept, decline) also sets "gelesen" when no
    /// business status is set; acceptance records a disclosure of what the organization now
    /// sees. Returns the referral after the change.
    @discardableResult
    public func transition(_ id: String, to status: ReferralStatus, by actor: ReferralActor, reason: ReferralReason? = nil,
                           reasonText: String? = nil, declinedBy: DeclinedBy? = nil, serviceID: String? = nil) throws -> Referral {
        let referral = try referral(id)
        if let account = actor.account {
            switch account.role {
            case .counselor: try requireTeam(referral, account)
            case .provider: try requireRecipient(referral, account)
            case .coordinator, .admin: break   // the state machine refuses them
            }
        }
        if status == .requested && referral.recipients.isEmpty {
            throw LotseError(.invalidInput, "Zum Senden bitte Angebote oder einen Pool wählen.")
        }
        guard let account = actor.account, account.role == .provider, referral.status == .requested,
              status == .accepted || status == .rejected else {
            return try apply(referral, to: status, actor: actor, reason: reason, reasonText: reasonText, declinedBy: declinedBy,
                             claiming: serviceID)
        }
        // Answering implies having read it: "gelesen" is set with the answer, not by a look (a
        // refused answer rolls the whole transaction back, this included).
        if referral.businessStatus == nil { try setBusinessStatus(id, .read, by: account) }
        let answered = try apply(try self.referral(id), to: status, actor: actor, reason: reason, reasonText: reasonText,
                                 declinedBy: declinedBy, claiming: serviceID)
        if status == .accepted, let organization = actingOrganization(answered, actor) {
            try disclose(answered, to: organization, by: actor, purpose: "Vermittlung angenommen")
        }
        return answered
    }

    /// The one code path that changes a referral's status.
    @discardableResult
    func apply(_ referral: Referral, to status: ReferralStatus, actor: ReferralActor, reason: ReferralReason? = nil,
               reasonText: String? = nil, declinedBy: DeclinedBy? = nil, claiming serviceID: String? = nil) throws -> Referral {
        let text = try cleanText(reasonText, limit: 2000, label: "Begründung")
        try ReferralStateMachine.check(from: referral.status, to: status, role: actor.role, reason: reason, reasonText: text)
        var declined: DeclinedBy?
        if status == .rejected || status == .cancelled || status == .failed {
            declined = declinedBy ?? (reason == .citizenDeclined ? .citizen : actor.role == .provider ? .provider : nil)
        } else if declinedBy != nil {
            throw LotseError(.invalidInput, "»Abgelehnt von« gehört nur zu Abgelehnt, Storniert oder Nicht erfolgreich.")
        }
        if status == .accepted { try claim(referral, actor: actor, serviceID: serviceID) }
        let responded = referral.status == .requested && (status == .accepted || status == .rejected) ? timestamp : referral.respondedAt
        let keepsText = status.requiresReason || status == .enteredInError
        // "Entered in error" keeps the reason of the status it marks, so reopening restores it;
        // its own explanation goes to the timeline.
        let marking = status == .enteredInError
        try db.execute("""
            UPDATE referral SET status = ?, previous_status = ?, reason = ?, reason_text = ?, declined_by = ?, status_changed_at = ?,
                responded_at = ?, closed_at = ?, sent_at = ? WHERE id = ? AND status = ?
            """, values: [status.rawValue, marking ? referral.status.rawValue : nil, marking ? referral.reason?.rawValue : reason?.rawValue,
                          marking ? referral.reasonText : status.requiresReason ? text : nil,
                          marking ? referral.declinedBy?.rawValue : declined?.rawValue, timestamp, responded,
                          status.isTerminal ? timestamp : nil, status == .requested ? timestamp : referral.sentAt,
                          referral.id, referral.status.rawValue])
        guard db.changes == 1 else { throw LotseError(.conflict, "Die Vermittlung wurde inzwischen geändert. Bitte neu laden.") }
        try recordEvent(referral, kind: .status, actor: actor, from: referral.status, to: status, reason: reason,
                        reasonText: keepsText ? text : nil)
        try audit.record(.change, by: actor, organizationID: actingOrganization(referral, actor), referralID: referral.id,
                         what: "Status \(referral.status.rawValue) → \(status.rawValue)" + (reason.map { " (\($0.rawValue))" } ?? ""),
                         purpose: "Vermittlung bearbeiten")
        if actor.role != .counselor && status != .requested {
            try notifications.add(.statusChanged, referralID: referral.id, accountID: referral.requesterAccountID,
                                  detail: status.rawValue)
        } else if actor.role == .counselor && referral.status != .draft {
            for organization in referral.recipientOrganizations.sorted() {
                try notifications.add(.statusChanged, referralID: referral.id, organizationID: organization, detail: status.rawValue)
            }
        }
        if status == .accepted { try cancelSiblings(of: referral) }
        return try self.referral(referral.id)
    }

    /// Marks the accepting provider's recipient row claimed and releases the others (pools);
    /// with several of its services offered, the provider names the one that takes it.
    private func claim(_ referral: Referral, actor: ReferralActor, serviceID: String?) throws {
        guard let account = actor.account else { return }
        let offered = referral.recipients.filter { $0.state == .offered && account.organizations.contains($0.organizationID) }
        guard serviceID != nil || offered.count <= 1 else {
            throw LotseError(.invalidInput, "Bitte wählen, welches Ihrer Angebote die Vermittlung übernimmt.")
        }
        guard let chosen = serviceID.map({ wanted in offered.first { $0.serviceID == wanted } }) ?? offered.first else {
            throw LotseError(.invalidInput, "Dieses Angebot gehört nicht zu den Empfängern der Vermittlung.")
        }
        try db.execute("""
            UPDATE referral_recipient SET state = CASE WHEN service_id = ? THEN 'claimed' ELSE 'released' END WHERE referral_id = ?
            """, chosen.serviceID, referral.id)
        guard referral.isPool else { return }
        try db.execute("UPDATE referral SET service_id = ?, organization_id = ? WHERE id = ?", chosen.serviceID, chosen.organizationID, referral.id)
        try recordEvent(referral, kind: .claim, actor: actor)
        for organization in Set(referral.recipients.map(\.organizationID)).subtracting([chosen.organizationID]).sorted() {
            try notifications.add(.poolClaimed, referralID: referral.id, organizationID: organization)
        }
    }

    /// Cancels the waiting siblings of an accepted referral ("sibling accepted").
    private func cancelSiblings(of referral: Referral) throws {
        for siblingID in try Referral.groupMembers(db, groupID: referral.groupID) where siblingID != referral.id {
            let sibling = try self.referral(siblingID)
            guard sibling.status == .requested else { continue }
            try apply(sibling, to: .cancelled, actor: .system("group"), reason: .siblingAccepted)
            for organization in sibling.recipientOrganizations.sorted() {
                try notifications.add(.siblingCancelled, referralID: sibling.id, organizationID: organization)
            }
        }
    }

    /// Sets (or clears, with nil) the provider's finer step: gelesen while requested or later,
    /// Warteliste / Termin vereinbart / Kontaktversuch erfolglos while the referral is active.
    public func setBusinessStatus(_ id: String, _ business: ReferralBusinessStatus?, by account: Account) throws {
        let referral = try referral(id)
        try requireRecipient(referral, account)
        if let business, !business.allowedStatuses.contains(referral.status) {
            throw LotseError(.conflict, "»\(business.label)« passt nicht zum Status »\(referral.status.label)«.")
        }
        guard business != referral.businessStatus else { return }
        try db.execute("UPDATE referral SET business_status = ? WHERE id = ?", business?.rawValue, id)
        try recordEvent(referral, kind: .business, actor: .person(account), business: business)
        try audit.record(.change, by: .person(account), organizationID: actingOrganization(referral, .person(account)), referralID: id,
                         what: "Bearbeitungsstand \(business?.rawValue ?? "-")", purpose: "Vermittlung bearbeiten")
    }

    /// Reopens a referral marked "entered-in-error" (counselor of the requesting team, with a
    /// reason): it returns to the status it had before. Audited.
    @discardableResult
    public func reopen(_ id: String, by account: Account, reasonText: String) throws -> Referral {
        let referral = try referral(id)
        try ReferralStateMachine.checkReopen(status: referral.status, role: account.role)
        try requireTeam(referral, account)
        guard let text = try cleanText(reasonText, limit: 2000, label: "Begründung") else {
            throw LotseError(.invalidInput, "Bitte begründen, warum der Fehleintrag wieder geöffnet wird.")
        }
        guard let previous = referral.previousStatus else { throw LotseError(.conflict, "Der vorige Status ist nicht bekannt.") }
        try db.execute("""
            UPDATE referral SET status = ?, previous_status = NULL, status_changed_at = ?, closed_at = CASE WHEN ? THEN closed_at END
            WHERE id = ?
            """, previous.rawValue, timestamp, previous.isTerminal, id)
        try recordEvent(referral, kind: .reopen, actor: .person(account), from: .enteredInError, to: previous, reasonText: text)
        try audit.record(.change, by: .person(account), referralID: id, what: "wieder geöffnet: entered-in-error → \(previous.rawValue)",
                         purpose: "Fehleintrag korrigieren")
        return try self.referral(id)
    }
}
