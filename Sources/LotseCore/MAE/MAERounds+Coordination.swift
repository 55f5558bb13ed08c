// MAERounds+Coordination: the coordinator's steps on an MAE round — record the places a job
// centre grants, propose a distribution among the applying members, take the proposal back,
// decide the allocation per member with reasons, close the round. Each step checks the
// lifecycle first (409 with a German message), then the input (German field errors), and is
// audited.
import Foundation
import SQLite

extension MAERounds {
    /// A new round as entered ("" for an empty field).
    public struct Draft: Sendable, Equatable {
        public var jobCentre = "", places = "", hoursPerWeek = "", periodFrom = "", periodUntil = "", commentUntil = "", note = ""
        /// Field codes (MAEField raw values).
        public var fields: [String] = []

        public init() {}
    }

    /// One member's decided share as entered.
    public struct Decision: Sendable, Equatable {
        public var places: String, reason: String

        public init(places: String, reason: String) {
            self.places = places
            self.reason = reason
        }
    }

    /// A forbidden error unless `account` coordinates.
    static func requireCoordinator(_ account: Account) throws {
        guard account.role == .coordinator else { throw LotseError(.forbidden, "MAE-Runden legt nur die Koordination an und verteilt sie.") }
    }

    /// Records a round and returns its id. Throws `DirectoryWriter.Rejected` with the fields
    /// `job_centre`, `places`, `hours_per_week`, `period_from`, `period_until`, `comment_until`,
    /// `fields`.
    @discardableResult
    public func create(_ draft: Draft, by account: Account) throws -> String {
        try Self.requireCoordinator(account)
        var problems: [DirectoryWriter.FieldProblem] = []
        let jobCentre = draft.jobCentre.trimmingCharacters(in: .whitespaces)
        if jobCentre.isEmpty { problems.append(.init(field: "job_centre", message: "Bitte das Jobcenter angeben, das die Plätze bewilligt.")) }
        let places = Self.number(draft.places)
        if places.map({ !(1...9999).contains($0) }) ?? true {
            problems.append(.init(field: "places", message: "Bitte die Zahl der bewilligten Plätze angeben (eine ganze Zahl ab 1)."))
        }
        let hours = Self.number(draft.hoursPerWeek)
        if hours.map({ !(1...39).contains($0) }) ?? true {
            problems.append(.init(field: "hours_per_week", message: "Bitte die Wochenstunden je Platz angeben (eine ganze Zahl von 1 bis 39)."))
        }
        for (field, value, label) in [("period_from", draft.periodFrom, "den Beginn des Zeitraums"), ("period_until", draft.periodUntil, "das Ende des Zeitraums"),
                                      ("comment_until", draft.commentUntil, "die Frist für Stellungnahmen")] {
            if value.isEmpty {
                problems.append(.init(field: field, message: "Bitte \(label) angeben (JJJJ-MM-TT)."))
            } else if !Timestamp.isDate(value) {
                problems.append(.init(field: field, message: "»\(value)« ist kein Datum (JJJJ-MM-TT, zum Beispiel 2027-01-01)."))
            }
        }
        if Timestamp.isDate(draft.periodFrom) && Timestamp.isDate(draft.periodUntil) && draft.periodUntil < draft.periodFrom {
            problems.append(.init(field: "period_until", message: "Das Ende des Zeitraums liegt vor seinem Beginn."))
        }
        if Timestamp.isDate(draft.commentUntil) && draft.commentUntil < today {
            problems.append(.init(field: "comment_until", message: "Die Frist für Stellungnahmen liegt in der Vergangenheit."))
        }
        let fields = MAEField.allCases.filter { draft.fields.contains($0.rawValue) }
        if fields.isEmpty || fields.count != Set(draft.fields).count {
            problems.append(.init(field: "fields", message: "Bitte mindestens ein Tätigkeitsfeld aus der Liste wählen."))
        }
        guard problems.isEmpty, let places, let hours else { throw DirectoryWriter.Rejected(problems: problems) }
        let note = draft.note.trimmingCharacters(in: .whitespacesAndNewlines)
        return try store.pool.write { db in
            let id = UUID().uuidString.lowercased()
            try db.execute("""
                INSERT INTO mae_round(id, job_centre, places, hours_per_week, period_from, period_until, comment_until, note, state, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)
                """, id, jobCentre, places, hours, draft.periodFrom, draft.periodUntil, draft.commentUntil, note.isEmpty ? nil : note,
                           account.id, Timestamp.string(now))
            for field in fields { try db.execute("INSERT INTO mae_round_field(round_id, field) VALUES (?, ?)", id, field.rawValue) }
            try Self.audit(db, now: now, by: account, "MAE-Runde \(id) angelegt: \(jobCentre), \(places) Plätze zu \(hours) Wochenstunden, \(draft.periodFrom) bis \(draft.periodUntil)")
            return id
        }
    }

    /// Moves round `id` by `event` inside a write, returning the round as it was.
    func move(_ db: Database, _ id: String, _ event: MAERoundLifecycle.Event) throws -> Round {
        let round = try Self.round(db, id: id)
        let next = try MAERoundLifecycle.next(from: round.state, on: event)
        let stamp: String = switch next {
        case .open: "proposed_at = NULL"
        case .proposed: "proposed_at = ?2"
        case .decided: "decided_at = ?2"
        case .closed: "closed_at = ?2"
        }
        try db.execute("UPDATE mae_round SET state = ?3, \(stamp) WHERE id = ?1", id, Timestamp.string(now), next.rawValue)
        return round
    }

    /// Publishes a proposed distribution of round `id` for comment until `commentUntil`:
    /// `places` maps each applying member to the places typed for it (fields `places_ORG`,
    /// `comment_until`). Conflict when the round is not open or has no applications.
    public func propose(_ id: String, places typed: [String: String], commentUntil: String, by account: Account) throws {
        try Self.requireCoordinator(account)
        try store.pool.write { db in
            let round = try move(db, id, .propose)
            let applications = try Self.applications(db, id)
            guard !applications.isEmpty else { throw LotseError(.conflict, "Für diese Runde gibt es noch keine Anträge; es gibt nichts zu verteilen.") }
            var problems: [DirectoryWriter.FieldProblem] = []
            var shares: [(Application, Int)] = []
            for application in applications {
                if let share = Self.number(typed[application.organizationID] ?? ""), share >= 0 {
                    shares.append((application, share))
                } else {
                    problems.append(.init(field: "places_" + application.organizationID,
                                          message: "Bitte für \(application.organizationName) eine Zahl von Plätzen angeben (0 oder mehr)."))
                }
            }
            let total = shares.map(\.1).reduce(0, +)
            if total > round.places {
                problems.append(.init(field: "", message: "Vorgeschlagen sind \(total) Plätze, bewilligt sind nur \(round.places)."))
            }
            if !Timestamp.isDate(commentUntil) {
                problems.append(.init(field: "comment_until", message: "Bitte die Frist für Stellungnahmen als Datum angeben (JJJJ-MM-TT)."))
            } else if commentUntil < today {
                problems.append(.init(field: "comment_until", message: "Die Frist für Stellungnahmen liegt in der Vergangenheit."))
            }
            guard problems.isEmpty else { throw DirectoryWriter.Rejected(problems: problems) }
            try db.execute("UPDATE mae_round SET comment_until = ? WHERE id = ?", commentUntil, id)
            try db.execute("DELETE FROM mae_allocation WHERE round_id = ?", id)
            for (application, share) in shares {
                try db.execute("INSERT INTO mae_allocation(round_id, organization_id, proposed) VALUES (?, ?, ?)", id, application.organizationID, share)
            }
            try Self.audit(db, now: now, by: account, "MAE-Runde \(id): Verteilung vorgeschlagen, Stellungnahmen bis \(commentUntil): "
                           + shares.map { "\($0.0.organizationName) \($0.1)" }.joined(separator: "; "))
        }
    }

    /// Takes the proposal of round `id` back (its numbers are gone; the audit log keeps them);
    /// the round is open for applications again.
    public func withdraw(_ id: String, by account: Account) throws {
        try Self.requireCoordinator(account)
        try store.pool.write { db in
            _ = try move(db, id, .withdraw)
            try db.execute("DELETE FROM mae_allocation WHERE round_id = ?", id)
            try Self.audit(db, now: now, by: account, "MAE-Runde \(id): Vorschlag zurückgezogen")
        }
    }

    /// True when every applying member has commented on the proposal of round `id`.
    static func everyApplicantCommented(_ db: Database, _ id: String) throws -> Bool {
        try db.scalarInt("""
            SELECT count(*) FROM mae_application a WHERE a.round_id = ?1
            AND NOT EXISTS (SELECT 1 FROM mae_comment c WHERE c.round_id = ?1 AND c.organization_id = a.organization_id)
            """, id) == 0
    }

    /// Decides round `id`: `decisions` maps each member of the proposal to its places and the
    /// reason (fields `places_ORG`, `reason_ORG`). Conflict while the comment period runs and
    /// not every applying member has had its say.
    public func decide(_ id: String, _ decisions: [String: Decision], by account: Account) throws {
        try Self.requireCoordinator(account)
        try store.pool.write { db in
            let round = try move(db, id, .decide)
            if today <= round.commentUntil, !(try Self.everyApplicantCommented(db, id)) {
                throw LotseError(.conflict, "Die Frist für Stellungnahmen läuft noch bis \(round.commentUntil). Vorher kann nur entschieden werden, wenn alle Mitglieder mit Antrag Stellung genommen haben.")
            }
            let members = try db.query("""
                SELECT a.organization_id, o.name FROM mae_allocation a JOIN organization o ON o.id = a.organization_id WHERE a.round_id = ? ORDER BY o.name
                """, id) { (id: $0.string(0), name: $0.string(1)) }
            var problems: [DirectoryWriter.FieldProblem] = []
            var shares: [(id: String, name: String, places: Int, reason: String)] = []
            var total = 0
            for member in members {
                let decision = decisions[member.id] ?? Decision(places: "", reason: "")
                let places = Self.number(decision.places)
                let reason = decision.reason.trimmingCharacters(in: .whitespacesAndNewlines)
                if places.map({ $0 < 0 }) ?? true {
                    problems.append(.init(field: "places_" + member.id, message: "Bitte für \(member.name) die zugeteilten Plätze angeben (0 oder mehr)."))
                }
                if reason.isEmpty {
                    problems.append(.init(field: "reason_" + member.id, message: "Bitte die Entscheidung für \(member.name) begründen."))
                }
                if let places, places >= 0 {
                    total += places
                    if !reason.isEmpty { shares.append((member.id, member.name, places, reason)) }
                }
            }
            if total > round.places {
                problems.append(.init(field: "", message: "Zugeteilt sind \(total) Plätze, bewilligt sind nur \(round.places)."))
            }
            guard problems.isEmpty else { throw DirectoryWriter.Rejected(problems: problems) }
            for share in shares {
                try db.execute("UPDATE mae_allocation SET decided = ?, reason = ? WHERE round_id = ? AND organization_id = ?", share.places, share.reason, id, share.id)
            }
            try Self.audit(db, now: now, by: account, "MAE-Runde \(id): Verteilung entschieden: "
                           + shares.map { "\($0.name) \($0.places) (\($0.reason))" }.joined(separator: "; "))
        }
    }

    /// Closes round `id` (decided rounds only); the filled counts are final.
    public func close(_ id: String, by account: Account) throws {
        try Self.requireCoordinator(account)
        try store.pool.write { db in
            _ = try move(db, id, .close)
            try Self.audit(db, now: now, by: account, "MAE-Runde \(id) abgeschlossen")
        }
    }
}
