// SyntheticDirectory: a deterministic directory of realistic German data at any size, for
// benchmarks and load tests. It builds on the vocabularies already in the database (needs,
// target groups, legal bases, accessibility, the Sozialraum tree) and writes organizations,
// locations, services and their details through the normal tables and search refresh.
import Foundation
import SQLite

/// Generates `services` services with seed `seed`; the same seed gives the same directory.
public struct SyntheticDirectory: Sendable {
    /// Number of services to create.
    public let services: Int
    /// The random seed.
    public let seed: UInt64

    /// Creates a generator.
    public init(services: Int, seed: UInt64) {
        self.services = services
        self.seed = seed
    }

    /// What a run created.
    public struct Summary: Sendable {
        public let organizations: Int
        public let services: Int
        public let locations: Int
    }

    /// Writes the directory into `db` (inside the caller's transaction). `progress` is called
    /// with (services done, total). Without `refreshSearch` the caller must run
    /// `SearchDocuments.refresh` before committing (benchmarks time it separately).
    public func generate(into db: Database, refreshSearch: Bool = true, progress: ((Int, Int) -> Void)? = nil) throws -> Summary {
        var random = SeededRandom(seed: seed)
        let vocabulary = try Vocabulary(db)
        guard !vocabulary.needs.isEmpty, !vocabulary.targetGroups.isEmpty, !vocabulary.legalBases.isEmpty, !vocabulary.areas.isEmpty else {
            throw LotseError(.unusableData, "Für generate fehlen Bedarfe, Zielgruppen, Rechtsgrundlagen oder Sozialräume in der Datenbank (zuerst Vokabulare laden).")
        }
        let writer = try Writer(db)
        let stamp = "2026-11-01T08:00:00Z"
        var made = (organizations: 0, services: 0, locations: 0)
        var organizationsSoFar: [String] = []
        while made.services < services {
            let organizationID = random.uuid()
            let area = random.pick(vocabulary.areas)
            let kind = random.weighted([
                (OrganizationKind.traeger, 35), (.housingCompany, 8), (.housingCooperative, 8), (.dlz, 12),
                (.quartiersmanagement, 10), (.initiative, 15), (.publicOffice, 7), (.cooperative, 5),
            ])
            let organizationName = name(kind, area: area, random: &random)
            let slug = TextFolding.fold(organizationName).split(separator: " ").prefix(3).joined(separator: "-")
            let verified = verification(&random)
            try writer.organization.run([
                organizationID, organizationName, "\(organizationName) ist Mitglied im Netzwerk und in \(area.name) aktiv.",
                "\(slug)@example.org", "https://\(slug).example.org", kind.rawValue, "member",
                verified.at, verified.method, verified.due, stamp, stamp,
            ])
            made.organizations += 1
            if let partner = organizationsSoFar.last, random.chance(0.3) {
                try writer.cooperation.run([random.uuid(), organizationID, partner, area.id, random.pick(cooperationTopics)])
            }
            organizationsSoFar.append(organizationID)
            if organizationsSoFar.count > 8 { organizationsSoFar.removeFirst() }

            // One or two locations in the organization's area.
            var locations: [(id: String, area: Area)] = []
            for index in 0..<(random.chance(0.2) ? 2 : 1) {
                let locationArea = index == 0 ? area : random.pick(vocabulary.areas)
                let locationID = random.uuid()
                let latitude = (locationArea.latitude ?? 51.0) + (random.unit() - 0.5) * 0.01
                let longitude = (locationArea.longitude ?? 13.7) + (random.unit() - 0.5) * 0.01
                try writer.location.run([
                    locationID, organizationID, "\(organizationName.split(separator: " ").first ?? "") \(locationArea.name)",
                    "Haltestelle \(locationArea.name), Bus \(random.int(10...99)) oder Tram \(random.int(1...12))",
                    (latitude * 1e5).rounded() / 1e5, (longitude * 1e5).rounded() / 1e5, locationArea.id, "public",
                ])
                try writer.address.run([
                    random.uuid(), locationID, "\(random.pick(GermanWords.streets)) \(random.int(1...180))",
                    locationArea.city, locationArea.state, postcode(locationArea, &random),
                ])
                try writer.phone.run([random.uuid(), locationID, dramaNumber(&random), "voice"])
                for feature in vocabulary.accessibility where random.chance(0.35) {
                    try writer.attribute.run([random.uuid(), locationID, "location", feature.id])
                }
                locations.append((locationID, locationArea))
                made.locations += 1
            }
            let contactName = "\(random.pick(GermanWords.firstNames)) \(random.pick(GermanWords.lastNames))"
            try writer.contact.run([random.uuid(), organizationID, contactName, "Koordination",
                                    "\(TextFolding.fold(contactName).replacingOccurrences(of: " ", with: "."))@example.org",
                                    random.chance(0.8) ? "public" : "network"])

            for _ in 0..<min(random.int(1...5), services - made.services) {
                let serviceID = random.uuid()
                let need = random.pick(vocabulary.needs)
                let group = random.pick(vocabulary.targetGroups)
                let place = locations[0].area
                let serviceName = random.pick(GermanWords.qualifiers) + need.name + " " + random.pick([place.name, place.name, "im \(place.name)", "am Treffpunkt \(place.name)"])
                var description = random.pick(GermanWords.openings)
                    .replacingOccurrences(of: "%NEED%", with: need.name)
                    .replacingOccurrences(of: "%GROUP%", with: group.name)
                    .replacingOccurrences(of: "%PLACE%", with: place.name)
                for _ in 0..<random.int(1...3) { description += " " + random.pick(GermanWords.sentences) }
                let serviceVerified = verification(&random)
                let capacity = random.weighted([("available", 50), ("waitlist", 20), ("unavailable", 10), ("assessment", 10), ("unknown", 10)])
                try writer.service.run([
                    serviceID, organizationID, serviceName, description, "active", capacity,
                    capacity == "waitlist" ? "Warteliste ca. \(random.int(2...12)) Wochen" : nil, stamp,
                    serviceVerified.at, serviceVerified.method, serviceVerified.due, stamp, stamp,
                ])
                for location in locations where location.id == locations[0].id || random.chance(0.5) {
                    try writer.serviceAtLocation.run([random.uuid(), serviceID, location.id])
                }
                var terms = Set([need.id, group.id, random.pick(vocabulary.legalBases).id])
                if random.chance(0.4) { terms.insert(random.pick(vocabulary.needs).id) }
                if random.chance(0.3) { terms.insert(random.pick(vocabulary.targetGroups).id) }
                for term in terms.sorted() { try writer.attribute.run([random.uuid(), serviceID, "service", term]) }
                try writer.language.run([random.uuid(), serviceID, "Deutsch", "de"])
                for _ in 0..<random.weighted([(0, 50), (1, 35), (2, 15)]) {
                    let language = random.pick(GermanWords.languages)
                    try writer.language.run([random.uuid(), serviceID, language.name, language.code])
                }
                for _ in 0..<random.int(1...2) {
                    let block = random.pick(GermanWords.scheduleBlocks)
                    try writer.schedule.run([random.uuid(), serviceID, block.byday, block.opens, block.closes, "Sprechzeit"])
                }
                if random.chance(0.3), let city = place.cityID {
                    try writer.serviceArea.run([random.uuid(), serviceID, random.chance(0.5) ? city : place.parentID ?? city])
                }
                if random.chance(0.1) {
                    try writer.costOption.run([random.uuid(), serviceID, "Eigenbeteiligung", "EUR", Double(random.int(2...30)) / 2])
                }
                if random.chance(0.2) {
                    try writer.requiredDocument.run([random.uuid(), serviceID, random.pick(["Personalausweis", "Bescheid der Pflegekasse", "Mietvertrag", "Einkommensnachweis"])])
                }
                made.services += 1
            }
            if made.services % 1000 < 5 { progress?(made.services, services) }
        }
        progress?(made.services, services)
        if refreshSearch { try SearchDocuments.refresh(db) }
        return Summary(organizations: made.organizations, services: made.services, locations: made.locations)
    }

    private let cooperationTopics = ["Nachbarschaftstreff im Quartier", "Wohnen mit Versorgungssicherheit", "Gemeinsame Sprechstunde",
                                     "Vermittlung von Ehrenamtlichen", "Mittagstisch und Begegnung", "Übergang aus dem Krankenhaus"]

    private func name(_ kind: OrganizationKind, area: Area, random: inout SeededRandom) -> String {
        switch kind {
        case .traeger: "\(random.pick(GermanWords.traegerStems)) \(random.pick(GermanWords.poeticNames)) \(random.pick(GermanWords.legalForms))"
        case .housingCompany: "Wohnungsgesellschaft \(random.pick(GermanWords.housingNames)) GmbH"
        case .housingCooperative: "\(random.pick(["Wohnungsgenossenschaft", "Bauverein"])) \(random.pick(GermanWords.housingNames)) eG"
        case .dlz: "Dienstleistungszentrum \(area.name)"
        case .quartiersmanagement: "Quartiersmanagement \(area.name)"
        case .initiative: "\(random.pick(["Nachbarschaftsinitiative", "Bürgerinitiative", "Initiative"])) \(random.pick(GermanWords.poeticNames)) \(area.name)"
        case .publicOffice: "\(random.pick(["Pflegestützpunkt", "Seniorenbüro", "Sozialdienst"])) \(area.name)"
        case .cooperative: "Sozialgenossenschaft \(area.name) eG"
        }
    }

    private func verification(_ random: inout SeededRandom) -> (at: String, method: String, due: String) {
        let days = random.int(0...395)
        let base = BerlinTime.daysFromCivil(year: 2026, month: 10, day: 31) - days
        let civil = BerlinTime.civilFromDays(base)
        let date = BerlinTime.format(year: civil.year, month: civil.month, day: civil.day)
        let method = random.weighted([("self_confirmation", 50), ("coordinator_review", 30), ("phone", 15), ("site_visit", 5)])
        return (date + "T09:00:00Z", method, Timestamp.addingMonths(12, to: date) ?? date)
    }

    private func postcode(_ area: Area, _ random: inout SeededRandom) -> String {
        switch area.state {
        case "Berlin": String(random.int(10115...14199))
        case "Bremen": String(random.int(28195...28779))
        default: "0" + String(random.int(1067...1328))
        }
    }

    private func dramaNumber(_ random: inout SeededRandom) -> String {
        let prefix = random.pick(["+49 30 23125", "+49 40 66969", "+49 69 90009", "+49 221 4710", "+49 89 99998"])
        return "\(prefix) \(String(format: "%03d", random.int(0...999)))"
    }

    /// A Sozialraum usable as a place.
    struct Area {
        let id: String, name: String, city: String, state: String
        let cityID: String?, parentID: String?
        let latitude: Double?, longitude: Double?
    }

    /// A taxonomy term.
    struct Term { let id: String, name: String }

    private struct Vocabulary {
        var needs: [Term] = [], targetGroups: [Term] = [], legalBases: [Term] = [], accessibility: [Term] = []
        var areas: [Area] = []

        init(_ db: Database) throws {
            let terms = try db.query("""
                SELECT t.id, t.name, x.code, t.parent_id IS NOT NULL FROM taxonomy_term t JOIN taxonomy x ON x.id = t.taxonomy_id
                WHERE t.retired_at IS NULL ORDER BY t.id
                """) { ($0.string(0), $0.string(1), $0.string(2), $0.bool(3)) }
            for (id, name, taxonomy, hasParent) in terms {
                switch TaxonomyCode(rawValue: taxonomy) {
                case .need where hasParent: needs.append(Term(id: id, name: name))
                case .targetGroup: targetGroups.append(Term(id: id, name: name))
                case .legalBasis: legalBases.append(Term(id: id, name: name))
                case .accessibility: accessibility.append(Term(id: id, name: name))
                default: break
                }
            }
            areas = try db.query("""
                SELECT s.id, s.name, root.name, s.parent_id, root.id, coalesce(s.latitude, p.latitude, root.latitude),
                       coalesce(s.longitude, p.longitude, root.longitude), root.state_code
                FROM sozialraum s JOIN sozialraum_closure c ON c.descendant = s.id
                JOIN sozialraum root ON root.id = c.ancestor AND root.parent_id IS NULL
                LEFT JOIN sozialraum p ON p.id = s.parent_id
                WHERE s.retired_at IS NULL AND s.level IN ('stadtteil', 'quartier') ORDER BY s.id
                """) { row in
                let state = ["BE": "Berlin", "HB": "Bremen", "SN": "Sachsen"][row.string(7)] ?? "Sachsen"
                return Area(id: row.string(0), name: row.string(1), city: row.string(2), state: state,
                            cityID: row.string(4), parentID: row.optionalString(3),
                            latitude: row.optionalDouble(5), longitude: row.optionalDouble(6))
            }
        }
    }

    private struct Writer {
        let organization, cooperation, location, address, phone, contact, service, serviceAtLocation: Statement
        let attribute, language, schedule, serviceArea, costOption, requiredDocument: Statement

        init(_ db: Database) throws {
            organization = try db.prepare("""
                INSERT INTO organization(id, name, description, email, website, kind, membership_status, verified_at,
                    verification_method, next_review_due, created_at, last_modified) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
                """)
            cooperation = try db.prepare("INSERT OR IGNORE INTO cooperation(id, organization_id, partner_id, sozialraum_id, topic) VALUES (?,?,?,?,?)")
            location = try db.prepare("""
                INSERT INTO location(id, organization_id, location_type, name, transportation, latitude, longitude, sozialraum_id, visibility)
                VALUES (?, ?, 'physical', ?, ?, ?, ?, ?, ?)
                """)
            address = try db.prepare("""
                INSERT INTO address(id, location_id, address_1, city, state_province, postal_code, country, address_type)
                VALUES (?, ?, ?, ?, ?, ?, 'DE', 'physical')
                """)
            phone = try db.prepare("INSERT INTO phone(id, location_id, number, type) VALUES (?, ?, ?, ?)")
            contact = try db.prepare("INSERT INTO contact(id, organization_id, name, title, email, visibility) VALUES (?, ?, ?, ?, ?, ?)")
            service = try db.prepare("""
                INSERT INTO service(id, organization_id, name, description, status, capacity_status, capacity_note,
                    capacity_updated_at, verified_at, verification_method, next_review_due, created_at, last_modified)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)
                """)
            serviceAtLocation = try db.prepare("INSERT INTO service_at_location(id, service_id, location_id) VALUES (?, ?, ?)")
            attribute = try db.prepare("INSERT INTO attribute(id, link_id, link_entity, taxonomy_term_id) VALUES (?, ?, ?, ?)")
            language = try db.prepare("INSERT INTO language(id, service_id, name, code) VALUES (?, ?, ?, ?)")
            schedule = try db.prepare("""
                INSERT INTO schedule(id, service_id, freq, byday, opens_at, closes_at, description) VALUES (?, ?, 'WEEKLY', ?, ?, ?, ?)
                """)
            serviceArea = try db.prepare("INSERT INTO service_area(id, service_id, sozialraum_id) VALUES (?, ?, ?)")
            costOption = try db.prepare("INSERT INTO cost_option(id, service_id, option, currency, amount) VALUES (?, ?, ?, ?, ?)")
            requiredDocument = try db.prepare("INSERT INTO required_document(id, service_id, document) VALUES (?, ?, ?)")
        }
    }
}
