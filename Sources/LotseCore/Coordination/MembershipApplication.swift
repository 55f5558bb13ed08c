// MembershipApplication: one application for membership from the public form — the
// organization's data, its first services (1–3, name, short description, needs) and the contact
// person who becomes its first editor (name and e-mail only) — and the checks of a draft with
// German messages per form field.
import Foundation
import SQLite

/// An application for membership in the network.
public struct MembershipApplication: Sendable, Equatable {
    /// Where the application stands.
    public enum Status: String, Sendable, CaseIterable {
        /// Submitted; the confirmation link was not used yet (not in the queue).
        case unconfirmed
        /// Confirmed by the applicant; waits for the coordinators.
        case open
        /// Admitted: the organization and its services exist.
        case admitted
        /// Rejected with a reason.
        case rejected

        /// The German label.
        public var label: String {
            switch self {
            case .unconfirmed: "Nicht bestätigt"
            case .open: "Wartet auf Entscheidung"
            case .admitted: "Aufgenommen"
            case .rejected: "Abgelehnt"
            }
        }
    }

    /// A first service the organization offers.
    public struct Service: Sendable, Equatable, Codable {
        /// Name and short description.
        public var name: String, description: String
        /// Need term ids (taxonomy `bedarf`).
        public var needs: [String]

        public init(name: String, description: String, needs: [String]) {
            self.name = name
            self.description = description
            self.needs = needs
        }
    }

    /// What the form sends, trimmed; checked by `problems(db:)`.
    public struct Draft: Sendable, Equatable {
        public var organizationName = "", kind = "", street = "", postalCode = "", city = "", sozialraumID = "", website = ""
        public var description = ""
        /// Up to three services; entirely empty ones are left out.
        public var services: [Service] = []
        public var contactName = "", contactEmail = ""

        public init() {}

        /// The services with anything filled in.
        public var filledServices: [Service] {
            services.filter { !$0.name.isEmpty || !$0.description.isEmpty || !$0.needs.isEmpty }
        }

        /// The problems of this draft, keyed by form field (`name`, `kind`, `street`,
        /// `postal_code`, `city`, `sozialraum_id`, `website`, `description`, `serviceN_name`,
        /// `serviceN_description`, `serviceN_needs` for N = 1…3, `contact_name`, `contact_email`).
        public func problems(db: Database) throws -> [DirectoryWriter.FieldProblem] {
            var problems: [DirectoryWriter.FieldProblem] = []
            func add(_ field: String, _ message: String) { problems.append(.init(field: field, message: message)) }
            func length(_ field: String, _ value: String, _ range: ClosedRange<Int>, _ what: String) {
                if value.isEmpty { add(field, "Bitte \(what) angeben.") } else if !range.contains(value.count) {
                    add(field, "Bitte \(range.lowerBound) bis \(range.upperBound) Zeichen (jetzt \(value.count)).")
                }
            }
            length("name", organizationName, 2...200, "den Namen der Organisation")
            if OrganizationKind(rawValue: kind) == nil { add("kind", "Bitte die Art der Organisation wählen.") }
            length("street", street, 3...200, "Straße und Hausnummer")
            if postalCode.count != 5 || !postalCode.allSatisfy(\.isASCII) || !postalCode.allSatisfy(\.isNumber) {
                add("postal_code", "Bitte eine fünfstellige Postleitzahl angeben, z. B. 28195.")
            }
            length("city", city, 2...100, "den Ort")
            if !sozialraumID.isEmpty,
               try db.scalarInt("SELECT count(*) FROM sozialraum WHERE id = ? AND retired_at IS NULL", sozialraumID) != 1 {
                add("sozialraum_id", "Diesen Sozialraum gibt es nicht; bitte aus der Liste wählen.")
            }
            if !website.isEmpty, let message = DirectoryWriter.plausibility("website", website) { add("website", message) }
            length("description", description, 10...2000, "eine kurze Beschreibung")
            let services = filledServices
            if services.isEmpty { add("service1_name", "Bitte mindestens ein Angebot beschreiben.") }
            let knownNeeds = Set(try db.query("""
                SELECT tt.id FROM taxonomy_term tt JOIN taxonomy t ON t.id = tt.taxonomy_id WHERE t.code = ? AND tt.retired_at IS NULL
                """, TaxonomyCode.need.rawValue) { $0.string(0) })
            for (index, service) in self.services.enumerated() where services.contains(service) {
                let prefix = "service\(index + 1)_"
                length(prefix + "name", service.name, 2...200, "den Namen des Angebots")
                length(prefix + "description", service.description, 10...1000, "eine kurze Beschreibung des Angebots")
                if service.needs.isEmpty { add(prefix + "needs", "Bitte mindestens einen Bedarf wählen, auf den das Angebot antwortet.") }
                else if !service.needs.allSatisfy(knownNeeds.contains) { add(prefix + "needs", "Bitte nur Bedarfe aus der Liste wählen.") }
            }
            length("contact_name", contactName, 2...200, "Ihren Namen")
            if !AccountStore.isValidEmail(contactEmail) {
                add("contact_email", "Bitte eine gültige E-Mail-Adresse angeben (name@beispiel.de).")
            }
            return problems
        }
    }

    public var id: String
    public var status: Status
    public var organizationName: String, kind: String, street: String, postalCode: String, city: String
    public var sozialraumID: String?, website: String?
    public var description: String
    public var services: [Service]
    /// Nil once erased after the retention period.
    public var contactName: String?, contactEmail: String?
    public var createdAt: String, confirmedAt: String?, decidedAt: String?, decidedBy: String?, reason: String?
    /// The organization created on admission.
    public var organizationID: String?

    /// The columns `init(row:)` reads, in order.
    static let columns = """
        id, status, organization_name, kind, street, postal_code, city, sozialraum_id, website, description, services,
        contact_name, contact_email, created_at, confirmed_at, decided_at, decided_by, reason, organization_id
        """

    init(row: Row) {
        id = row.string(0)
        status = Status(rawValue: row.string(1)) ?? .unconfirmed
        organizationName = row.string(2)
        kind = row.string(3)
        street = row.string(4)
        postalCode = row.string(5)
        city = row.string(6)
        sozialraumID = row.optionalString(7)
        website = row.optionalString(8)
        description = row.string(9)
        services = (try? JSONDecoder().decode([Service].self, from: Data(row.string(10).utf8))) ?? []
        contactName = row.optionalString(11)
        contactEmail = row.optionalString(12)
        createdAt = row.string(13)
        confirmedAt = row.optionalString(14)
        decidedAt = row.optionalString(15)
        decidedBy = row.optionalString(16)
        reason = row.optionalString(17)
        organizationID = row.optionalString(18)
    }
}
