// ReferralLabels: the German names behind the codes and ids a referral carries — needs, target
// groups, accessibility features, languages found in the directory, Sozialräume — read once,
// plus lookups of services, organizations and people on the same connection.
import Foundation
import SQLite

/// Names of a referral's codes and ids, valid inside the transaction it was read in.
public struct ReferralLabels {
    /// A vocabulary term: code, name, the parent's name (the need category) and retirement.
    public struct Term: Sendable, Equatable {
        /// The term's code.
        public let code: String
        /// The German name.
        public let name: String
        /// The parent term's name, nil for a top-level term.
        public let category: String?
        /// True when retired (still named, no longer offered).
        public let retired: Bool
    }

    /// A Sozialraum of the tree.
    public struct Area: Sendable, Equatable {
        /// The area's code.
        public let code: String
        /// The German name.
        public let name: String
        /// The level (city, district, …).
        public let level: String
        /// The parent area's id.
        public let parent: String?
        /// True when retired.
        public let retired: Bool
    }

    /// A service with its organization.
    public struct Service: Sendable, Equatable {
        /// The service's name.
        public let name: String
        /// The organization's id.
        public let organizationID: String
        /// The organization's name.
        public let organization: String
        /// The service's capacity state.
        public let capacity: CapacityStatus
    }

    /// Terms with a code by taxonomy (needs, target groups, accessibility), in position order.
    public private(set) var terms: [TaxonomyCode: [Term]] = [:]
    /// Sozialräume by id.
    public private(set) var areas: [String: Area] = [:]
    /// Languages recorded in the directory (code, name), by name.
    public private(set) var directoryLanguages: [(code: String, name: String)] = []
    private let db: Database

    /// Reads the vocabularies, the Sozialraum tree and the directory's languages.
    public init(db: Database) throws {
        self.db = db
        for taxonomy in [TaxonomyCode.need, .targetGroup, .accessibility] {
            terms[taxonomy] = try db.query("""
                SELECT t.code, t.name, p.name, t.retired_at IS NOT NULL FROM taxonomy_term t JOIN taxonomy x ON x.id = t.taxonomy_id
                LEFT JOIN taxonomy_term p ON p.id = t.parent_id WHERE x.code = ? AND t.code IS NOT NULL ORDER BY t.position, t.name
                """, taxonomy.rawValue) { Term(code: $0.string(0), name: $0.string(1), category: $0.optionalString(2), retired: $0.bool(3)) }
        }
        let rows = try db.query("SELECT id, code, name, level, parent_id, retired_at IS NOT NULL FROM sozialraum") { row in
            (row.string(0), Area(code: row.string(1), name: row.string(2), level: row.string(3), parent: row.optionalString(4), retired: row.bool(5)))
        }
        for (id, area) in rows { areas[id] = area }
        directoryLanguages = try db.query("SELECT code, min(name) FROM language WHERE code IS NOT NULL AND name IS NOT NULL GROUP BY code ORDER BY 2") {
            (code: $0.string(0), name: $0.string(1))
        }
    }

    /// A service's name, organization and capacity, or nil.
    public func service(_ id: String) throws -> Service? {
        try db.queryFirst("""
            SELECT s.name, o.id, o.name, s.capacity_status FROM service s JOIN organization o ON o.id = s.organization_id WHERE s.id = ?
            """, id) {
            Service(name: $0.string(0), organizationID: $0.string(1), organization: $0.string(2),
                    capacity: $0.optionalString(3).flatMap(CapacityStatus.init(rawValue:)) ?? .unknown)
        }
    }

    /// An organization's name, or nil when unknown.
    public func organization(_ id: String) throws -> String? {
        try db.scalarString("SELECT name FROM organization WHERE id = ?", id)
    }

    /// An account's display name, or nil.
    public func person(_ id: String) throws -> String? {
        try AccountStore(db: db).account(id: id)?.displayName
    }

    /// The need codes of a listed service (404 when there is no such listed service).
    public func needs(ofListedService serviceID: String) throws -> [String] {
        try Self.needs(ofListedService: serviceID, in: db)
    }

    /// The need codes of a listed service on `db` (404 when there is no such listed service).
    static func needs(ofListedService serviceID: String, in db: Database) throws -> [String] {
        guard try db.scalarInt("SELECT count(*) FROM service s JOIN organization o ON o.id = s.organization_id WHERE s.id = ? AND \(Listing.condition)",
                               serviceID) == 1 else {
            throw LotseError(.notFound, "Dieses Angebot gibt es nicht (mehr) im Verzeichnis.")
        }
        return try db.query("""
            SELECT t.code FROM attribute a JOIN taxonomy_term t ON t.id = a.taxonomy_term_id JOIN taxonomy x ON x.id = t.taxonomy_id
            WHERE a.link_entity = 'service' AND a.link_id = ? AND x.code = 'bedarf' AND t.code IS NOT NULL ORDER BY t.code
            """, serviceID) { $0.string(0) }
    }
}
