// SyntheticHousing: a deterministic history of flat offers and housing proposals over one year,
// for tests and benchmarks of the planning figures. Rows are written directly (not through the
// hold workflow): housing companies, offers, a referral per proposal (some entered in error,
// which must not count) and the proposal with its hold, cost approval, letting or coded end.
// Some stamps fall on purpose just before midnight UTC at a quarter's end, where the Berlin day
// is already the next quarter's. The only "personal" field is a made-up case reference.
import Foundation
import SQLite

/// Generates offers and proposals with seed `seed`; the same seed and store give the same rows.
public struct SyntheticHousing: Sendable {
    /// How many proposals.
    public let proposals: Int
    /// How many housing companies to add (0: use the store's housing companies and cooperatives).
    public let companies: Int
    /// The year the events fall in (a few fall into the years around it).
    public let year: Int
    /// The random seed.
    public let seed: UInt64

    /// Creates a generator.
    public init(proposals: Int, companies: Int = 4, year: Int, seed: UInt64) {
        self.proposals = proposals
        self.companies = companies
        self.year = year
        self.seed = seed
    }

    /// Writes the rows into `db` (inside the caller's transaction) and returns the ids of the
    /// housing companies the proposals went to. Needs at least one Sozialraum.
    @discardableResult
    public func generate(into db: Database) throws -> [String] {
        var random = SeededRandom(seed: seed)
        guard let area = try db.scalarString("SELECT id FROM sozialraum ORDER BY id LIMIT 1") else {
            throw LotseError(.unusableData, "Für Wohnungsangebote braucht es mindestens einen Sozialraum.")
        }
        let stamp = "\(year)-01-01T00:00:00Z"
        var owners: [String] = []
        for number in 0..<companies {
            let id = random.uuid()
            try db.execute("""
                INSERT INTO organization(id, name, kind, membership_status, created_at, last_modified) VALUES (?, ?, ?, 'member', ?, ?)
                """, id, "Wohnungsunternehmen \(number + 1) (synthetisch)", number % 3 == 2 ? "housing_cooperative" : "housing_company", stamp, stamp)
            owners.append(id)
        }
        if owners.isEmpty {
            owners = try HousingQuotas.companies(db).map(\.id)
        }
        guard !owners.isEmpty else { throw LotseError(.unusableData, "Es gibt kein Wohnungsunternehmen für die Angebote.") }
        let counselor: String
        if let existing = try db.scalarString("SELECT id FROM account WHERE role = 'counselor' ORDER BY id LIMIT 1") {
            counselor = existing
        } else {
            counselor = random.uuid()
            try db.execute("""
                INSERT INTO account(id, email, display_name, role, status, created_at) VALUES (?, ?, 'Beratung (synthetisch)', 'counselor', 'active', ?)
                """, counselor, "wohnen-beratung-\(seed)@example.org", stamp)
        }
        let start = Double(BerlinTime.daysFromCivil(year: year, month: 1, day: 1)) * 86_400
        let yearLength = Double(BerlinTime.daysFromCivil(year: year + 1, month: 1, day: 1)) * 86_400 - start
        // Just before midnight UTC at the end of each quarter (and the year before): the next
        // quarter in Berlin.
        let edges = [(year - 1, 12, 31, "23:30:00"), (year, 3, 31, "22:30:00"), (year, 6, 30, "22:15:00"), (year, 9, 30, "22:45:00"),
                     (year, 12, 31, "23:10:00"), (year, 3, 31, "21:30:00"), (year, 6, 30, "21:59:59")]
        func time(_ seconds: Double) -> String { Timestamp.string(Date(timeIntervalSince1970: seconds)) }
        func day(_ seconds: Double) -> String { BerlinTime(Date(timeIntervalSince1970: seconds)).dateString }
        let reasons: [(String, Int)] = [("approval-too-late", 30), ("approval-refused", 20), ("household-declined", 20), ("company-declined", 10),
                                         ("offer-withdrawn", 8), ("consent-withdrawn", 5), ("other", 7)]
        for number in 0..<proposals {
            let owner = random.pick(owners)
            let proposed: Double
            if number < edges.count {
                let edge = edges[number]
                proposed = Timestamp.parse(BerlinTime.format(year: edge.0, month: edge.1, day: edge.2) + "T" + edge.3 + "Z")!.timeIntervalSince1970
            } else {
                proposed = start - 20 * 86_400 + random.unit() * (yearLength + 10 * 86_400)
            }
            let offered = proposed - Double(random.int(0...(30 * 86_400)))
            let offer = random.uuid(), referral = random.uuid()
            let size = random.weighted([(1, 35), (2, 25), (3, 15), (4, 12), (5, 8), (6, 4), (7, 1)])
            // How far it got: proposed only, held, approved, let, or ended on the way.
            let reach = random.weighted([(0, 8), (1, 10), (2, 12), (3, 45), (4, 25)])
            let held = (1...3).contains(reach) || (reach == 4 && random.chance(0.7)) ? proposed + Double(random.int(3_600...(3 * 86_400))) : nil
            let approved = (reach >= 2 && reach != 4) || (reach == 4 && random.chance(0.3))
                ? (held ?? proposed) + Double(random.int(1...45)) * 86_400 : nil
            let letOn = reach == 3 ? (approved ?? proposed) + Double(random.int(1...30)) * 86_400 : nil
            let ended = reach == 4 ? (approved ?? held ?? proposed) + Double(random.int(1...20)) * 86_400 : nil
            let reason = ended == nil ? nil : random.weighted(reasons)
            let state = letOn != nil ? "let" : reason == "approval-too-late" ? "lapsed" : reason == "household-declined" || reason == "company-declined"
                ? "declined" : reason != nil ? "withdrawn" : approved != nil ? "approved" : held != nil ? "held" : "proposed"
            let referralStatus = random.chance(0.04) ? "entered-in-error" : letOn != nil ? "completed" : ended != nil ? "cancelled" : "accepted"
            try db.execute("""
                INSERT INTO housing_offer(id, organization_id, sozialraum_id, street, rooms_tenths, size_tenths, cold_rent_cents, running_costs_cents,
                    heating_cents, available_from, household_min, household_max, status, status_changed_at, created_at, updated_at)
                VALUES (?, ?, ?, 'Synthetische Straße', 20, 550, 40000, 12000, 7000, ?, 1, 7, ?, ?, ?, ?)
                """, offer, owner, area, day(offered), letOn != nil ? "let" : "available", time(offered), time(offered), time(offered))
            try db.execute("""
                INSERT INTO referral(id, group_id, status, requester_account_id, organization_id, sozialraum_id, case_reference, created_at,
                    sent_at, status_changed_at) VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?7)
                """, referral, referralStatus, counselor, owner, area, "Wohnen-\(100_000 + number)", time(proposed))
            let values: [SQLBindable?] = [referral, offer, owner, size, random.pick(["sgb2", "sgb12", "sgb9"]), state, time(proposed), held.map(time),
                                          held.map { day($0 + 14 * 86_400) }, approved.map(day), letOn.map(day), ended.map(time), reason]
            try db.execute("""
                INSERT INTO housing_proposal(referral_id, offer_id, company_organization_id, household_size, pot, state, proposed_at, held_at,
                    hold_until, approved_on, let_on, ended_at, end_reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, values: values)
        }
        return owners
    }
}
