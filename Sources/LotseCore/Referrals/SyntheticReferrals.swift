// SyntheticReferrals: a deterministic history of referrals over a generated directory, for
// tests and benchmarks (`lotse generate-referrals`). Rows are written directly in bulk — with
// realistic status, reason and reply-time distributions — not through the state machine; the
// only "personal" field is a made-up case reference.
import Foundation
import SQLite

/// Generates `count` referrals with seed `seed`; the same seed and directory give the same rows.
public struct SyntheticReferrals: Sendable {
    /// How many.
    public let count: Int
    /// The random seed.
    public let seed: UInt64
    /// Also write one timeline event per status change (slower; off for benchmarks).
    public let timeline: Bool

    /// Creates a generator.
    public init(count: Int, seed: UInt64, timeline: Bool = true) {
        self.count = count
        self.seed = seed
        self.timeline = timeline
    }

    /// Writes the referrals into `db` (inside the caller's transaction), created during the
    /// year before `now`. Creates three synthetic counselor accounts when none exist. Returns
    /// the number written. `batchDone` runs after every 1,000 referrals (a caller may commit
    /// there and begin a new transaction, so that a server can write in between).
    @discardableResult
    public func generate(into db: Database, now: Date = Date(), progress: ((Int, Int) -> Void)? = nil,
                         batchDone: (() throws -> Void)? = nil) throws -> Int {
        var random = SeededRandom(seed: seed)
        let services = try db.query("""
            SELECT s.id, s.organization_id,
                   (SELECT t.code FROM attribute a JOIN taxonomy_term t ON t.id = a.taxonomy_term_id JOIN taxonomy x ON x.id = t.taxonomy_id
                     WHERE a.link_entity = 'service' AND a.link_id = s.id AND x.code = 'bedarf' ORDER BY t.code LIMIT 1),
                   (SELECT l.sozialraum_id FROM service_at_location sal JOIN location l ON l.id = sal.location_id
                     WHERE sal.service_id = s.id ORDER BY l.id LIMIT 1)
            FROM service s JOIN organization o ON o.id = s.organization_id WHERE \(Listing.condition) ORDER BY s.id
            """) { ($0.string(0), $0.string(1), $0.optionalString(2), $0.optionalString(3)) }
            .filter { $0.2 != nil }
        guard !services.isEmpty else {
            throw LotseError(.unusableData, "Für Vermittlungen braucht es gelistete Angebote mit Bedarf (zuerst `lotse generate`).")
        }
        let counselors = try counselorAccounts(db, random: &random)
        let insert = try db.prepare("""
            INSERT INTO referral(id, group_id, status, reason, declined_by, urgency, requester_account_id, requester_organization_id,
                service_id, organization_id, sozialraum_id, respond_by, case_reference, created_at, sent_at, responded_at,
                status_changed_at, closed_at, needs) VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)
            """)
        let recipient = try db.prepare("INSERT INTO referral_recipient(referral_id, service_id, organization_id, state) VALUES (?, ?, ?, ?)")
        let event = try db.prepare("""
            INSERT INTO referral_event(referral_id, at, kind, account_id, role, organization_id, from_status, to_status, reason)
            VALUES (?, ?, 'status', ?, ?, ?, ?, ?, ?)
            """)
        let end = now.timeIntervalSince1970
        let reasons: [(ReferralReason, Int)] = [(.capacity, 40), (.notEligible, 15), (.outsideServiceArea, 10), (.missingInformation, 10),
                                                (.citizenDeclined, 12), (.couldNotContact, 10), (.other, 3)]
        for number in 0..<count {
            let service = random.pick(services)
            let counselor = random.pick(counselors)
            let status = random.weighted([(ReferralStatus.requested, 5), (.accepted, 8), (.inProgress, 10), (.onHold, 2), (.completed, 40),
                                          (.rejected, 15), (.cancelled, 10), (.failed, 6), (.enteredInError, 1), (.draft, 3)])
            let created = end - Double(random.int(3_600...(365 * 86_400)))
            let sent = status == .draft ? nil : created + Double(random.int(60...7_200))
            let answered = [.requested, .draft].contains(status) || (status == .cancelled && random.chance(0.5))
                ? nil : sent.map { $0 + min(30 * 86_400, 3_600 * pow(2, random.unit() * 7.5)) }
            let closed = status.isTerminal ? (answered ?? sent ?? created) + Double(random.int(0...(40 * 86_400))) : nil
            let reason: ReferralReason? = status.requiresReason
                ? (status == .cancelled && answered == nil ? random.pick([.noResponse, .siblingAccepted, .citizenDeclined]) : random.weighted(reasons))
                : nil
            let declined: DeclinedBy? = reason == .citizenDeclined ? .citizen : status == .rejected ? .provider : nil
            let changed = closed ?? answered ?? sent ?? created
            let id = random.uuid()
            let stamp = { (time: Double?) in time.map { Timestamp.string(Date(timeIntervalSince1970: $0)) } }
            let respondBy = sent.map { BerlinTime(Date(timeIntervalSince1970: $0 + 3 * 86_400)).dateString }
            var needs = [service.2!]
            if random.chance(0.2), let other = random.pick(services).2, other != service.2 { needs.append(other) }
            try insert.run([id, status.rawValue, reason?.rawValue, declined?.rawValue, random.chance(0.15) ? "urgent" : "routine",
                            counselor.account, counselor.organization, status == .draft ? nil : service.0, status == .draft ? nil : service.1,
                            service.3, respondBy, "Fall-\(100_000 + number)", stamp(created), stamp(sent), stamp(answered),
                            stamp(changed), stamp(closed), needs.sorted().joined(separator: ",")])
            if status != .draft {
                try recipient.run([id, service.0, service.1, answered != nil && status != .rejected ? "claimed" : "offered"])
            }
            if timeline {
                if let sent { try event.run([id, stamp(sent), counselor.account, "counselor", counselor.organization, "draft", "requested", nil]) }
                if let answered, status != .requested {
                    let first = status == .rejected ? ReferralStatus.rejected : .accepted
                    try event.run([id, stamp(answered), nil, "provider", service.1, "requested", first.rawValue,
                                   first == .rejected ? reason?.rawValue : nil])
                }
                if let closed, status != .rejected {
                    try event.run([id, stamp(closed), status == .cancelled ? counselor.account : nil,
                                   status == .cancelled ? "counselor" : "provider", service.1,
                                   answered == nil ? "requested" : "accepted", status.rawValue, reason?.rawValue])
                }
            }
            if number % 10_000 == 0 { progress?(number, count) }
            if number % 1_000 == 999 { try batchDone?() }
        }
        progress?(count, count)
        return count
    }

    /// The synthetic counselors (account id, organization id), created when missing.
    private func counselorAccounts(_ db: Database, random: inout SeededRandom) throws -> [(account: String, organization: String?)] {
        let existing = try db.query("SELECT id, organization_id FROM account WHERE role = 'counselor' ORDER BY id") {
            (account: $0.string(0), organization: $0.optionalString(1))
        }
        if !existing.isEmpty { return existing }
        let organization = try db.scalarString("""
            SELECT id FROM organization WHERE kind IN ('public_office', 'dlz') ORDER BY id LIMIT 1
            """) ?? db.scalarString("SELECT id FROM organization ORDER BY id LIMIT 1")
        var made: [(account: String, organization: String?)] = []
        for number in 1...3 {
            let id = random.uuid()
            try db.execute("""
                INSERT INTO account(id, email, display_name, role, status, organization_id, created_at)
                VALUES (?, ?, ?, 'counselor', 'active', ?, '2026-01-01T00:00:00Z')
                """, id, "beratung\(number)@example.org", "Beratung \(number) (synthetisch)", organization)
            made.append((id, organization))
        }
        return made
    }
}
