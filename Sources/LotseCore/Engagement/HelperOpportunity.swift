// HelperOpportunity: an opportunity to help that a member publishes — what, where (Sozialraum),
// when, how often, languages, accessibility and the organization's contact. It is organization
// data like a service, so the list at /engagement is public; a private person's contact does
// not belong here (the form says so).
import Foundation
import SQLite

/// A published (or withdrawn) helper opportunity.
public struct HelperOpportunity: Sendable, Equatable {
    public let id: String
    public let organizationID: String
    public let organizationName: String
    public let title: String
    public let kind: HelpKind
    public let description: String
    public let sozialraumID: String
    public let sozialraumName: String
    public let schedule: String
    public let frequency: HelpFrequency
    public let languages: [String]
    public let accessibility: String
    public let contact: String
    public let published: Bool

    /// The opportunity as typed ("" for an empty field).
    public struct Draft: Sendable, Equatable {
        public var organizationID = "", title = "", kind = "", description = "", sozialraumID = "", schedule = "",
                   frequency = "", languages = "", accessibility = "", contact = ""
        public init() {}
    }

    static let columns = """
        o.id, o.organization_id, g.name, o.title, o.kind, o.description, o.sozialraum_id, s.name, o.schedule, o.frequency,
        o.languages, o.accessibility, o.contact, o.status
        """
    static let from = "helper_opportunity o JOIN organization g ON g.id = o.organization_id JOIN sozialraum s ON s.id = o.sozialraum_id"

    init(row: Row) {
        id = row.string(0)
        organizationID = row.string(1)
        organizationName = row.string(2)
        title = row.string(3)
        kind = HelpKind(rawValue: row.string(4)) ?? .other
        description = row.string(5)
        sozialraumID = row.string(6)
        sozialraumName = row.string(7)
        schedule = row.string(8)
        frequency = HelpFrequency(rawValue: row.string(9)) ?? .flexible
        languages = CodeList.split(row.string(10))
        accessibility = row.string(11)
        contact = row.string(12)
        published = row.string(13) == "published"
    }
}

extension EngagementDesk {
    /// The published opportunities of listed members, optionally in area `sozialraumID` or
    /// below it and of one kind: public organization data, not audited.
    public func publishedOpportunities(sozialraumID: String? = nil, kind: HelpKind? = nil) throws -> [HelperOpportunity] {
        var sql = "SELECT \(HelperOpportunity.columns) FROM \(HelperOpportunity.from) WHERE o.status = 'published' AND g.membership_status = 'member' AND g.hidden = 0"
        var values: [SQLBindable?] = []
        if let sozialraumID, !sozialraumID.isEmpty {
            sql += " AND o.sozialraum_id IN (SELECT descendant FROM sozialraum_closure WHERE ancestor = ?)"
            values.append(sozialraumID)
        }
        if let kind {
            sql += " AND o.kind = ?"
            values.append(kind.rawValue)
        }
        return try db.query(sql + " ORDER BY s.name, o.title, o.id", values: values, transform: HelperOpportunity.init)
    }

    /// The opportunities (published and withdrawn) of the members `account` edits.
    public func ownOpportunities(of account: Account) throws -> [HelperOpportunity] {
        let organizations = try memberOrganizations(of: account).map(\.id)
        guard !organizations.isEmpty else { return [] }
        let marks = organizations.map { _ in "?" }.joined(separator: ", ")
        return try db.query("SELECT \(HelperOpportunity.columns) FROM \(HelperOpportunity.from) WHERE o.organization_id IN (\(marks)) ORDER BY o.status DESC, o.title, o.id",
                            values: organizations, transform: HelperOpportunity.init)
    }

    /// 403 unless `account` edits a member organization; returns them.
    @discardableResult
    public func requirePublisher(_ account: Account) throws -> [(id: String, name: String)] {
        let organizations = try memberOrganizations(of: account)
        guard !organizations.isEmpty else {
            throw LotseError(.forbidden, "Engagement-Angebote veröffentlichen nur die Redakteur:innen von Mitgliedsorganisationen.")
        }
        return organizations
    }

    /// Publishes an opportunity for one of `account`'s member organizations; returns its id.
    /// Field problems come as `DirectoryWriter.Rejected` (German, per field).
    @discardableResult
    public func publish(_ draft: HelperOpportunity.Draft, by account: Account) throws -> String {
        let organizations = try requirePublisher(account)
        var problems: [DirectoryWriter.FieldProblem] = []
        if !organizations.contains(where: { $0.id == draft.organizationID }) {
            problems.append(.init(field: "organization_id", message: "Bitte eine Ihrer Mitgliedsorganisationen wählen."))
        }
        func required(_ value: String, _ field: String, _ message: String, limit: Int) -> String {
            let text = value.trimmingCharacters(in: .whitespacesAndNewlines)
            if text.isEmpty { problems.append(.init(field: field, message: message)) }
            if text.count > limit { problems.append(.init(field: field, message: "Höchstens \(limit) Zeichen.")) }
            return text
        }
        let title = required(draft.title, "title", "Bitte sagen, worum es geht.", limit: 120)
        let schedule = required(draft.schedule, "schedule", "Bitte sagen, wann geholfen wird (zum Beispiel »dienstags 15–17 Uhr«).", limit: 200)
        let contact = required(draft.contact, "contact", "Bitte die Kontaktstelle der Organisation angeben (Telefon oder E-Mail des Büros).", limit: 200)
        let kind = HelpKind(rawValue: draft.kind)
        if kind == nil { problems.append(.init(field: "kind", message: "Bitte eine Art der Hilfe wählen.")) }
        let frequency = HelpFrequency(rawValue: draft.frequency)
        if frequency == nil { problems.append(.init(field: "frequency", message: "Bitte wählen, wie oft geholfen wird.")) }
        if try draft.sozialraumID.isEmpty || (db.scalarInt("SELECT count(*) FROM sozialraum WHERE id = ?", draft.sozialraumID)) != 1 {
            problems.append(.init(field: "sozialraum_id", message: "Bitte einen Sozialraum wählen."))
        }
        if draft.description.count > 2000 { problems.append(.init(field: "description", message: "Höchstens 2000 Zeichen.")) }
        if draft.accessibility.count > 300 { problems.append(.init(field: "accessibility", message: "Höchstens 300 Zeichen.")) }
        var languages: [String] = []
        do { languages = try CodeList.requireLanguages([draft.languages], field: "languages") } catch let rejected as DirectoryWriter.Rejected {
            problems += rejected.problems
        }
        guard problems.isEmpty, let kind, let frequency else { throw DirectoryWriter.Rejected(problems: problems) }
        let id = UUID().uuidString.lowercased()
        try db.execute("""
            INSERT INTO helper_opportunity(id, organization_id, title, kind, description, sozialraum_id, schedule, frequency, languages,
                accessibility, contact, status, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'published', ?, ?, ?)
            """, values: [id, draft.organizationID, title, kind.rawValue, draft.description.trimmingCharacters(in: .whitespacesAndNewlines),
                          draft.sozialraumID, schedule, frequency.rawValue, languages.joined(separator: ","),
                          draft.accessibility.trimmingCharacters(in: .whitespacesAndNewlines), contact, account.id, timestamp, timestamp])
        return id
    }

    /// Withdraws (or publishes again) an opportunity of `account`'s member organizations.
    public func setPublished(_ id: String, _ published: Bool, by account: Account) throws {
        try requireOwnOpportunity(id, account)
        try db.execute("UPDATE helper_opportunity SET status = ?, updated_at = ? WHERE id = ?", published ? "published" : "withdrawn", timestamp, id)
    }

    /// 404 for an unknown opportunity, 403 unless it belongs to a member `account` edits.
    public func requireOwnOpportunity(_ id: String, _ account: Account) throws {
        let organizations = try requirePublisher(account).map(\.id)
        guard let owner = try db.scalarString("SELECT organization_id FROM helper_opportunity WHERE id = ?", id) else {
            throw LotseError(.notFound, "Dieses Engagement-Angebot gibt es nicht.")
        }
        guard organizations.contains(owner) else { throw LotseError(.forbidden, "Dieses Engagement-Angebot gehört einer anderen Organisation.") }
    }
}
