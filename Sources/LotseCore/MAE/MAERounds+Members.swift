// MAERounds+Members: the members' steps on an MAE round — apply for places (per field, with a
// short purpose) while the round is open, comment on the proposal while it is under comment,
// report how many allocated places are filled once it is decided. Members are the editors of
// member organizations, acting for one of their own member organizations. Counts only.
import Foundation
import SQLite

extension MAERounds {
    /// The longest purpose or comment.
    public static let textLimit = 2000

    /// `account`'s organizations that are network members, by name (empty for everyone but
    /// provider editors).
    public func memberOrganizations(of account: Account) throws -> [(id: String, name: String)] {
        guard account.role == .provider, !account.organizations.isEmpty else { return [] }
        let ids = account.organizations.sorted()
        return try store.pool.read { db in
            try db.query("SELECT id, name FROM organization WHERE membership_status = 'member' AND id IN (\(ids.map { _ in "?" }.joined(separator: ", "))) ORDER BY name",
                         values: ids) { (id: $0.string(0), name: $0.string(1)) }
        }
    }

    /// `account`'s member organizations; a forbidden error when it has none.
    public func requireMember(_ account: Account) throws -> [(id: String, name: String)] {
        let organizations = try memberOrganizations(of: account)
        guard !organizations.isEmpty else {
            throw LotseError(.forbidden, "MAE-Plätze beantragen nur Redakteur:innen von Mitgliedsorganisationen des Netzwerks.")
        }
        return organizations
    }

    /// A forbidden error unless `account` edits member organization `organizationID`.
    func requireMember(_ account: Account, of organizationID: String) throws {
        guard try requireMember(account).contains(where: { $0.id == organizationID }) else {
            throw LotseError(.forbidden, "Für diese Organisation können Sie in MAE-Runden nicht handeln.")
        }
    }

    /// The application of `organizationID` in round `id`, if any.
    public func application(_ id: String, of organizationID: String) throws -> Application? {
        try applications(id).first { $0.organizationID == organizationID }
    }

    /// Applies (or applies anew) for places in round `id` for `organizationID`: `wanted` maps
    /// field codes to typed numbers (empty or 0: none). Conflict unless the round is open;
    /// `DirectoryWriter.Rejected` with fields `wanted_FIELD`, `wanted`, `purpose`.
    public func apply(_ id: String, organizationID: String, wanted typed: [String: String], purpose: String, by account: Account) throws {
        try requireMember(account, of: organizationID)
        try store.pool.write { db in
            let round = try Self.round(db, id: id)
            guard round.state == .open else {
                throw LotseError(.conflict, "Anträge sind nur möglich, solange die Runde offen für Anträge ist (jetzt: \(round.state.label)).")
            }
            var problems: [DirectoryWriter.FieldProblem] = []
            var wanted: [(MAEField, Int)] = []
            for field in round.fields {
                let text = (typed[field.rawValue] ?? "").trimmingCharacters(in: .whitespaces)
                if text.isEmpty { continue }
                guard let places = Self.number(text), (0...round.places).contains(places) else {
                    problems.append(.init(field: "wanted_" + field.rawValue,
                                          message: "»\(text)« für \(field.label): bitte eine ganze Zahl von 0 bis \(round.places) angeben."))
                    continue
                }
                if places > 0 { wanted.append((field, places)) }
            }
            if problems.isEmpty && wanted.isEmpty {
                problems.append(.init(field: round.fields.first.map { "wanted_" + $0.rawValue } ?? "",
                                      message: "Bitte für mindestens ein Tätigkeitsfeld die gewünschten Plätze angeben."))
            }
            let purpose = purpose.trimmingCharacters(in: .whitespacesAndNewlines)
            if purpose.isEmpty {
                problems.append(.init(field: "purpose", message: "Bitte kurz beschreiben, wofür Sie die Plätze einsetzen wollen."))
            } else if purpose.count > Self.textLimit {
                problems.append(.init(field: "purpose", message: "Bitte kürzer fassen (höchstens \(Self.textLimit) Zeichen)."))
            }
            guard problems.isEmpty else { throw DirectoryWriter.Rejected(problems: problems) }
            try db.execute("DELETE FROM mae_application_field WHERE round_id = ? AND organization_id = ?", id, organizationID)
            try db.execute("DELETE FROM mae_application WHERE round_id = ? AND organization_id = ?", id, organizationID)
            try db.execute("INSERT INTO mae_application(round_id, organization_id, purpose, applied_by, applied_at) VALUES (?, ?, ?, ?, ?)",
                           id, organizationID, purpose, account.id, Timestamp.string(now))
            for (field, places) in wanted {
                try db.execute("INSERT INTO mae_application_field(round_id, organization_id, field, places) VALUES (?, ?, ?, ?)",
                               id, organizationID, field.rawValue, places)
            }
        }
    }

    /// Records `organizationID`'s comment on the proposal of round `id`. Conflict unless the
    /// proposal is under comment and the deadline has not passed; `DirectoryWriter.Rejected`
    /// with the field `body`.
    public func comment(_ id: String, organizationID: String, body: String, by account: Account) throws {
        try requireMember(account, of: organizationID)
        try store.pool.write { db in
            let round = try Self.round(db, id: id)
            guard round.state == .proposed else {
                throw LotseError(.conflict, "Stellungnahmen sind nur möglich, solange ein Verteilungsvorschlag zur Stellungnahme vorliegt (jetzt: \(round.state.label)).")
            }
            guard today <= round.commentUntil else {
                throw LotseError(.conflict, "Die Frist für Stellungnahmen ist am \(round.commentUntil) abgelaufen.")
            }
            let body = body.trimmingCharacters(in: .whitespacesAndNewlines)
            if body.isEmpty { throw DirectoryWriter.Rejected(problems: [.init(field: "body", message: "Bitte Ihre Stellungnahme eingeben.")]) }
            if body.count > Self.textLimit {
                throw DirectoryWriter.Rejected(problems: [.init(field: "body", message: "Bitte kürzer fassen (höchstens \(Self.textLimit) Zeichen).")])
            }
            try db.execute("INSERT INTO mae_comment(id, round_id, organization_id, account_id, body, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                           UUID().uuidString.lowercased(), id, organizationID, account.id, body, Timestamp.string(now))
        }
    }

    /// Records how many of `organizationID`'s allocated places in round `id` are filled (a
    /// count, never who). Conflict unless the round is decided and the member has places;
    /// `DirectoryWriter.Rejected` with the field `filled`.
    public func recordFilled(_ id: String, organizationID: String, filled typed: String, by account: Account) throws {
        try requireMember(account, of: organizationID)
        try store.pool.write { db in
            let round = try Self.round(db, id: id)
            let decided = try db.queryFirst("SELECT decided FROM mae_allocation WHERE round_id = ? AND organization_id = ?", id, organizationID) { $0.optionalInt(0) } ?? nil
            guard let filled = Self.number(typed), filled >= 0 else {
                throw DirectoryWriter.Rejected(problems: [.init(field: "filled", message: "Bitte die Zahl der besetzten Plätze angeben (0 oder mehr).")])
            }
            guard round.state == .decided else {
                throw LotseError(.conflict, "Besetzte Plätze werden gemeldet, solange die Runde entschieden und nicht abgeschlossen ist (jetzt: \(round.state.label)).")
            }
            guard let decided, decided > 0 else {
                throw LotseError(.conflict, "Ihre Organisation hat in dieser Runde keine Plätze zugeteilt bekommen.")
            }
            guard filled <= decided else {
                throw DirectoryWriter.Rejected(problems: [.init(field: "filled", message: "Zugeteilt sind \(decided) Plätze; mehr können nicht besetzt sein.")])
            }
            try db.execute("UPDATE mae_allocation SET filled = ?, filled_at = ?, filled_by = ? WHERE round_id = ? AND organization_id = ?",
                           filled, Timestamp.string(now), account.id, id, organizationID)
        }
    }
}
