// Helper: a registered neighbourhood helper — a person. Name, contact, availability, area,
// languages, what they will do and the date of the police certificate where required. Only the
// staff of the brokering member (the DLZ that registered them) read these records, every read
// and change is audited, retention empties them after the end; no other member, coordinator,
// admin, export or API sees them.
import Foundation
import SQLite

/// One helper as the brokering member's staff see them.
public struct Helper: Sendable, Equatable {
    public let id: String
    public let organizationID: String
    public let name: String
    public let email: String?
    public let phone: String?
    public let availability: String?
    public let sozialraumID: String?
    public let languages: [String]
    public let kinds: [HelpKind]
    public let policeCertificateOn: String?
    public let active: Bool

    /// A helper as typed ("" for an empty field).
    public struct Draft: Sendable, Equatable {
        public var organizationID = "", name = "", email = "", phone = "", availability = "", sozialraumID = "", languages = "",
                   policeCertificateOn = ""
        public var kinds: [String] = []
        public init() {}
    }

    static let columns = """
        id, organization_id, name, email, phone, availability, sozialraum_id, languages, kinds, police_certificate_on, status
        """

    init(row: Row) {
        id = row.string(0)
        organizationID = row.string(1)
        name = row.optionalString(2) ?? "(gelöscht)"
        email = row.optionalString(3)
        phone = row.optionalString(4)
        availability = row.optionalString(5)
        sozialraumID = row.optionalString(6)
        languages = CodeList.split(row.string(7))
        kinds = CodeList.split(row.string(8)).compactMap(HelpKind.init(rawValue:))
        policeCertificateOn = row.optionalString(9)
        active = row.string(10) == "active"
    }

    /// The personal fields a read or change touches, for the audit log (names, never data).
    static let personalFields = "name,email,phone,availability"
}

extension EngagementDesk {
    /// The helpers of the brokering members `account` is staff of (active first); each read is
    /// audited.
    public func helpers(as account: Account, purpose: String = "Helfende ansehen") throws -> [Helper] {
        let organizations = try requireBroker(account).map(\.id)
        let marks = organizations.map { _ in "?" }.joined(separator: ", ")
        let helpers = try db.query("""
            SELECT \(Helper.columns) FROM helper WHERE organization_id IN (\(marks)) AND anonymised_at IS NULL
            ORDER BY status, name COLLATE NOCASE, id
            """, values: organizations, transform: Helper.init)
        for helper in helpers {
            try audit.append(.read, accountID: account.id, role: account.role.rawValue, organizationID: helper.organizationID, referralID: nil,
                             what: "helper:\(helper.id) \(Helper.personalFields)", purpose: purpose)
        }
        return helpers
    }

    /// One helper of `account`'s brokering member (403 for anyone else); the read is audited.
    public func helper(_ id: String, as account: Account, purpose: String = "Helfende ansehen") throws -> Helper {
        guard let helper = try db.queryFirst("SELECT \(Helper.columns) FROM helper WHERE id = ? AND anonymised_at IS NULL", id,
                                             transform: Helper.init) else {
            throw LotseError(.notFound, "Diese:n Helfende:n gibt es nicht.")
        }
        try requireStaff(of: helper.organizationID, account)
        try audit.append(.read, accountID: account.id, role: account.role.rawValue, organizationID: helper.organizationID, referralID: nil,
                         what: "helper:\(helper.id) \(Helper.personalFields)", purpose: purpose)
        return helper
    }

    /// Registers a helper with one of `account`'s brokering members (or, with `id`, changes
    /// one); returns the id. Field problems come as `DirectoryWriter.Rejected`.
    @discardableResult
    public func saveHelper(_ draft: Helper.Draft, id existing: String? = nil, by account: Account) throws -> String {
        let organizations = try requireBroker(account)
        var organizationID = draft.organizationID
        if let existing {
            organizationID = try helper(existing, as: account, purpose: "Helfende ändern").organizationID
        }
        var problems: [DirectoryWriter.FieldProblem] = []
        if !organizations.contains(where: { $0.id == organizationID }) {
            problems.append(.init(field: "organization_id", message: "Bitte Ihr Dienstleistungszentrum wählen."))
        }
        func text(_ value: String, _ field: String, limit: Int) -> String? {
            let text = value.trimmingCharacters(in: .whitespacesAndNewlines)
            if text.count > limit { problems.append(.init(field: field, message: "Höchstens \(limit) Zeichen.")) }
            return text.isEmpty ? nil : text
        }
        let name = text(draft.name, "name", limit: 200)
        if name == nil { problems.append(.init(field: "name", message: "Bitte den Namen angeben.")) }
        let email = text(draft.email, "email", limit: 200)
        if let email, !email.contains("@") || email.contains(" ") { problems.append(.init(field: "email", message: "»\(email)« ist keine E-Mail-Adresse.")) }
        let phone = text(draft.phone, "phone", limit: 60)
        if email == nil && phone == nil { problems.append(.init(field: "email", message: "Bitte eine E-Mail-Adresse oder Telefonnummer angeben.")) }
        let availability = text(draft.availability, "availability", limit: 300)
        var area: String?
        if !draft.sozialraumID.isEmpty {
            if try db.scalarInt("SELECT count(*) FROM sozialraum WHERE id = ?", draft.sozialraumID) == 1 { area = draft.sozialraumID } else {
                problems.append(.init(field: "sozialraum_id", message: "Bitte einen Sozialraum wählen."))
            }
        }
        let kinds = draft.kinds.compactMap(HelpKind.init(rawValue:))
        if kinds.isEmpty { problems.append(.init(field: "kinds", message: "Bitte mindestens eine Art der Hilfe wählen.")) }
        let certificate = text(draft.policeCertificateOn, "police_certificate_on", limit: 10)
        if let certificate, !Timestamp.isDate(certificate) {
            problems.append(.init(field: "police_certificate_on", message: "»\(certificate)« ist kein Datum (JJJJ-MM-TT)."))
        } else if let certificate, certificate > today {
            problems.append(.init(field: "police_certificate_on", message: "Das Datum des Führungszeugnisses liegt in der Zukunft."))
        }
        var languages: [String] = []
        do { languages = try CodeList.requireLanguages([draft.languages], field: "languages") } catch let rejected as DirectoryWriter.Rejected {
            problems += rejected.problems
        }
        guard problems.isEmpty else { throw DirectoryWriter.Rejected(problems: problems) }
        let id = existing ?? UUID().uuidString.lowercased()
        let values: [SQLBindable?] = [name, email, phone, availability, area, languages.joined(separator: ","),
                                      kinds.map(\.rawValue).joined(separator: ","), certificate, timestamp, id]
        if existing == nil {
            try db.execute("""
                INSERT INTO helper(organization_id, name, email, phone, availability, sozialraum_id, languages, kinds, police_certificate_on,
                    created_at, updated_at, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, values: [organizationID, name, email, phone, availability, area, languages.joined(separator: ","),
                              kinds.map(\.rawValue).joined(separator: ","), certificate, timestamp, timestamp, id])
        } else {
            try db.execute("""
                UPDATE helper SET name = ?, email = ?, phone = ?, availability = ?, sozialraum_id = ?, languages = ?, kinds = ?,
                    police_certificate_on = ?, updated_at = ? WHERE id = ?
                """, values: values)
        }
        try audit.append(.change, accountID: account.id, role: account.role.rawValue, organizationID: organizationID, referralID: nil,
                         what: "helper:\(id) \(existing == nil ? "angelegt" : "geändert")", purpose: "Helfende verwalten")
        return id
    }

    /// Ends a helper's registration (they stop helping); retention empties the record later.
    public func endHelper(_ id: String, by account: Account) throws {
        let helper = try helper(id, as: account, purpose: "Helfende beenden")
        guard helper.active else { throw LotseError(.conflict, "Diese:r Helfende ist schon abgemeldet.") }
        guard try db.scalarInt("SELECT count(*) FROM help_placement WHERE helper_id = ? AND state <> 'ended'", id) == 0 else {
            throw LotseError(.conflict, "Erst die laufenden Einsätze beenden, dann abmelden.")
        }
        try db.execute("UPDATE helper SET status = 'ended', ended_at = ?, updated_at = ? WHERE id = ?", timestamp, timestamp, id)
        try audit.append(.change, accountID: account.id, role: account.role.rawValue, organizationID: helper.organizationID, referralID: nil,
                         what: "helper:\(id) abgemeldet", purpose: "Helfende verwalten")
    }
}
