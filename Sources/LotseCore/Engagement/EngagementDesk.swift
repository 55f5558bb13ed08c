// EngagementDesk: neighbourhood help's API for pages, the CLI and jobs, on one connection inside
// the caller's transaction (reads of helper data are audited, so they write):
//
//     try store.pool.write { db in try EngagementDesk(db: db).helpers(of: organization, as: account) }
//
// Facets: +Opportunities (published by members, public), +Helpers (people, brokering staff
// only), +Requests (a referral to the brokering DLZ plus its help_request row), +Placements
// (the lifecycle and the e-mail to a helper). Who may do what is decided here, once.
import Foundation
import SQLite

/// Neighbourhood help on one connection.
public struct EngagementDesk {
    /// The writer connection (inside a transaction).
    public let db: Database
    /// The instant every change is stamped with.
    public let now: Date

    /// Creates the desk; turns on `secure_delete`, so overwritten helper data does not linger.
    public init(db: Database, now: Date = Date()) throws {
        self.db = db
        self.now = now
        try db.execute("PRAGMA secure_delete = ON")
    }

    var timestamp: String { Timestamp.string(now) }
    var today: String { BerlinTime(now).dateString }
    var audit: AuditLog { AuditLog(db: db, now: now) }

    /// The need code a help request's referral carries.
    public static let needCode = "alltag.nachbarschaftshilfe"

    // MARK: Who is who

    /// The member organizations `account` edits (active providers), id and name, by name.
    public func memberOrganizations(of account: Account) throws -> [(id: String, name: String)] {
        guard account.status == .active, account.role == .provider, !account.organizations.isEmpty else { return [] }
        return try db.query("SELECT id, name FROM organization WHERE membership_status = 'member' ORDER BY name, id") { ($0.string(0), $0.string(1)) }
            .filter { account.organizations.contains($0.0) }.map { (id: $0.0, name: $0.1) }
    }

    /// The brokering members (DLZ) whose staff `account` is, id and name, by name.
    public func brokeringOrganizations(of account: Account) throws -> [(id: String, name: String)] {
        guard account.status == .active, account.role == .provider, !account.organizations.isEmpty else { return [] }
        return try db.query("""
            SELECT id, name FROM organization WHERE kind = 'dlz' AND membership_status = 'member' ORDER BY name, id
            """) { ($0.string(0), $0.string(1)) }.filter { account.organizations.contains($0.0) }.map { (id: $0.0, name: $0.1) }
    }

    /// 403 unless `account` is staff of a brokering member (a DLZ); returns those members.
    @discardableResult
    public func requireBroker(_ account: Account) throws -> [(id: String, name: String)] {
        let organizations = try brokeringOrganizations(of: account)
        guard !organizations.isEmpty else {
            throw LotseError(.forbidden, "Helfende und Einsätze sehen nur die Mitarbeitenden des vermittelnden Dienstleistungszentrums.")
        }
        return organizations
    }

    /// 403 unless `account` is staff of `organization`, a brokering member.
    func requireStaff(of organization: String, _ account: Account) throws {
        guard try requireBroker(account).contains(where: { $0.id == organization }) else {
            throw LotseError(.forbidden, "Diese Angaben gehören einem anderen Dienstleistungszentrum.")
        }
    }

    /// Trims a text; nil when empty; a field problem when longer than `limit`.
    func clean(_ text: String?, limit: Int, field: String, label: String) throws -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        guard text.count <= limit else {
            throw DirectoryWriter.Rejected(problems: [.init(field: field, message: "\(label) ist zu lang (höchstens \(limit) Zeichen).")])
        }
        return text
    }

    /// The id of the Sozialraum `id` (an id), or a field problem.
    func area(_ id: String, field: String) throws -> String {
        guard !id.isEmpty, try db.scalarInt("SELECT count(*) FROM sozialraum WHERE id = ?", id) == 1 else {
            throw DirectoryWriter.Rejected(problems: [.init(field: field, message: "Bitte einen Sozialraum wählen.")])
        }
        return id
    }

    /// The name of a Sozialraum (or "").
    func areaName(_ id: String?) throws -> String {
        guard let id else { return "" }
        return try db.scalarString("SELECT name FROM sozialraum WHERE id = ?", id) ?? ""
    }
}
