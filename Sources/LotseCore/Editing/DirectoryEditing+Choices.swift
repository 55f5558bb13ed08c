// DirectoryEditing+Choices: what the editing forms offer to choose from — vocabulary terms,
// languages, Sozialräume with their paths, an organization's locations, services and locations
// a contact may belong to. Retired terms and areas are marked, not dropped: the forms decide.
import Foundation
import SQLite

extension DirectoryEditing {
    /// One term of a vocabulary.
    public struct Term: Sendable, Equatable {
        public let id: String
        public let name: String
        /// The category (need taxonomy only).
        public let parentID: String?
        public let retired: Bool
    }

    /// One Sozialraum choice: its names from the top ("Bremen", "Mitte", "Ostertor").
    public struct AreaChoice: Sendable, Equatable {
        public let id: String
        public let path: [String]
        public let retired: Bool
    }

    /// One location of an organization as a choice.
    public struct LocationChoice: Sendable, Equatable {
        public let id: String
        /// Its name ("Standort" when it has none).
        public let name: String
        public let visibility: Visibility
        /// "street, city" of its first address, if any.
        public let address: String?
    }

    /// What the forms of one organization choose from.
    public struct Choices: Sendable {
        /// The terms of each requested vocabulary, by position and name.
        public var terms: [TaxonomyCode: [Term]] = [:]
        /// The language choices: common ones first, then others found in the directory.
        public var languages: [(code: String, name: String)] = []
        /// The organization's locations.
        public var locations: [LocationChoice] = []
    }

    /// Languages commonly offered, by ISO 639 code.
    public static let commonLanguages: [(code: String, name: String)] = [
        ("de", "Deutsch"), ("en", "Englisch"), ("tr", "Türkisch"), ("ar", "Arabisch"), ("ru", "Russisch"), ("uk", "Ukrainisch"),
        ("pl", "Polnisch"), ("fa", "Farsi"), ("ku", "Kurdisch"), ("vi", "Vietnamesisch"), ("ro", "Rumänisch"), ("bg", "Bulgarisch"),
        ("fr", "Französisch"), ("es", "Spanisch"), ("it", "Italienisch"), ("gsg", "Deutsche Gebärdensprache"), ("de-LS", "Leichte Sprache"),
    ]

    /// The terms of `vocabularies`, the languages when `languages`, and the locations of
    /// `organization` when given — in one read.
    public func choices(_ vocabularies: [TaxonomyCode], languages: Bool = false, locationsOf organization: String? = nil) throws -> Choices {
        try store.pool.read { db in
            var choices = Choices()
            for code in vocabularies { choices.terms[code] = try Self.terms(code, db: db) }
            if languages { choices.languages = try Self.languages(db: db) }
            if let organization { choices.locations = try Self.locations(organization: organization, db: db) }
            return choices
        }
    }

    /// The language choices: common ones first, then others found in the directory.
    public func languages() throws -> [(code: String, name: String)] {
        try store.pool.read { try Self.languages(db: $0) }
    }

    /// Every Sozialraum with its path; a retired one only when it is `current`; none at or
    /// below `root` (a move there would make a cycle).
    public func areaChoices(including current: String? = nil, excludingBelow root: String? = nil) throws -> [AreaChoice] {
        try store.pool.read { try Self.areaChoices(db: $0, including: current, excludingBelow: root) }
    }

    /// `areaChoices` on `db`, inside the caller's transaction.
    public static func areaChoices(db: Database, including current: String? = nil, excludingBelow root: String? = nil) throws -> [AreaChoice] {
        let rows = try db.query("SELECT id, parent_id, name, retired_at IS NOT NULL FROM sozialraum") {
            (id: $0.string(0), parent: $0.optionalString(1), name: $0.string(2), retired: $0.bool(3))
        }
        let byID = Dictionary(rows.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        func ancestors(_ id: String) -> [String] {   // the area itself first, then upwards
            var result: [String] = []
            var cursor: String? = id
            while let next = cursor, let row = byID[next], !result.contains(next) {
                result.append(next)
                cursor = row.parent
            }
            return result
        }
        return rows.filter { area in (!area.retired || area.id == current) && (root.map { !ancestors(area.id).contains($0) } ?? true) }
            .map { AreaChoice(id: $0.id, path: ancestors($0.id).reversed().compactMap { byID[$0]?.name }, retired: $0.retired) }
    }

    /// What a contact of `organization` may belong to besides the organization: its services
    /// and its locations (by name).
    public func contactTargets(organization: String) throws -> (services: [(id: String, name: String)], locations: [(id: String, name: String)]) {
        try store.pool.read { db in
            let services = try db.query("SELECT id, name FROM service WHERE organization_id = ? ORDER BY name", organization) {
                (id: $0.string(0), name: $0.string(1))
            }
            let locations = try db.query("SELECT id, coalesce(name, 'Standort') FROM location WHERE organization_id = ? ORDER BY name", organization) {
                (id: $0.string(0), name: $0.string(1))
            }
            return (services, locations)
        }
    }

    static func terms(_ code: TaxonomyCode, db: Database) throws -> [Term] {
        try db.query("""
            SELECT tt.id, tt.name, tt.parent_id, tt.retired_at IS NOT NULL FROM taxonomy_term tt JOIN taxonomy t ON t.id = tt.taxonomy_id
            WHERE t.code = ? ORDER BY tt.position, tt.name
            """, code.rawValue) { Term(id: $0.string(0), name: $0.string(1), parentID: $0.optionalString(2), retired: $0.bool(3)) }
    }

    /// `languages()` on `db`, inside the caller's transaction.
    public static func languages(db: Database) throws -> [(code: String, name: String)] {
        var result = commonLanguages
        let known = Set(result.map(\.code))
        let more = try db.query("SELECT code, min(name) FROM language WHERE code IS NOT NULL AND name IS NOT NULL GROUP BY code ORDER BY 2") {
            (code: $0.string(0), name: $0.string(1))
        }
        result += more.filter { !known.contains($0.code) }
        return result
    }

    static func locations(organization: String, db: Database) throws -> [LocationChoice] {
        try db.query("""
            SELECT l.id, coalesce(l.name, 'Standort'), l.visibility, (SELECT address_1 || ', ' || city FROM address a WHERE a.location_id = l.id ORDER BY a.rowid LIMIT 1)
            FROM location l WHERE l.organization_id = ? ORDER BY l.name, l.id
            """, organization) { row in
            LocationChoice(id: row.string(0), name: row.string(1), visibility: Visibility(rawValue: row.string(2)) ?? .public, address: row.optionalString(3))
        }
    }
}
