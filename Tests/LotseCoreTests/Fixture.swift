// Fixture: a fresh store on a temporary file with a small, hand-made directory — a Sozialraum
// tree, the four vocabularies and helpers to add organizations and services in one line.
import Foundation
import Testing
@testable import LotseCore
import SQLite

/// A temporary Lotse store for one test; files are removed on deinit.
final class Fixture {
    let path: String
    let store: Store
    private var counter = 0

    /// Creates a store; with `vocabulary`, also the standard test vocabulary.
    init(vocabulary: Bool = true) throws {
        path = NSTemporaryDirectory() + "lotse-test-\(UUID().uuidString).db"
        store = try Store.open(path: path)
        if vocabulary { try addVocabulary() }
    }

    deinit {
        try? store.close()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// Runs SQL statements in one write transaction, then refreshes search documents.
    func sql(_ statements: String...) throws {
        try store.pool.write { db in
            for statement in statements { try db.executeScript(statement) }
            try SearchDocuments.refresh(db)
        }
    }

    private func addVocabulary() throws {
        try sql("""
            INSERT INTO sozialraum(id, code, parent_id, name, level, state_code) VALUES
              ('dd', 'dresden', NULL, 'Dresden', 'stadt', 'SN'),
              ('dd-alt', 'dresden-altstadt', 'dd', 'Altstadt', 'bezirk', NULL),
              ('dd-jo', 'dresden-johannstadt', 'dd-alt', 'Johannstadt', 'stadtteil', NULL),
              ('dd-ia', 'dresden-innere-altstadt', 'dd-alt', 'Innere Altstadt', 'stadtteil', NULL),
              ('dd-bl', 'dresden-blasewitz', 'dd', 'Blasewitz', 'bezirk', NULL),
              ('dd-gr', 'dresden-gruna', 'dd-bl', 'Gruna', 'stadtteil', NULL),
              ('dd-st', 'dresden-striesen', 'dd-bl', 'Striesen', 'stadtteil', NULL),
              ('hb', 'bremen', NULL, 'Bremen', 'stadt', 'HB'),
              ('hb-mi', 'bremen-mitte', 'hb', 'Mitte', 'bezirk', NULL),
              ('hb-os', 'bremen-ostertor', 'hb-mi', 'Ostertor', 'stadtteil', NULL);
            INSERT INTO taxonomy(id, code, name) VALUES ('tx-n', 'bedarf', 'Bedarfe'), ('tx-z', 'zielgruppe', 'Zielgruppen'),
              ('tx-b', 'barrierefreiheit', 'Barrierefreiheit'), ('tx-r', 'rechtsgrundlage', 'Rechtsgrundlage');
            INSERT INTO taxonomy_term(id, taxonomy_id, code, name, parent_id, position) VALUES
              ('n-ber', 'tx-n', 'beratung', 'Beratung', NULL, 1),
              ('n-sch', 'tx-n', 'beratung.schulden', 'Schuldnerberatung', 'n-ber', 1),
              ('n-suc', 'tx-n', 'beratung.sucht', 'Suchtberatung', 'n-ber', 2),
              ('n-pfl', 'tx-n', 'pflege', 'Pflege', NULL, 2),
              ('n-tag', 'tx-n', 'pflege.tagespflege', 'Tagespflege', 'n-pfl', 1),
              ('n-all', 'tx-n', 'alltag', 'Alltag und Nachbarschaft', NULL, 3),
              ('n-mit', 'tx-n', 'alltag.mittagstisch', 'Mittagstisch', 'n-all', 1),
              ('z-sen', 'tx-z', 'senioren', 'Senior:innen', NULL, 1),
              ('z-fam', 'tx-z', 'familien', 'Familien', NULL, 2),
              ('b-auf', 'tx-b', 'aufzug', 'Aufzug', NULL, 1),
              ('b-wc', 'tx-b', 'barrierefreies-wc', 'Barrierefreies WC', NULL, 2),
              ('r-11', 'tx-r', 'sgb-xi', 'SGB XI', NULL, 1),
              ('r-kf', 'tx-r', 'kostenfrei', 'kostenfrei', NULL, 2);
            """)
    }

    /// Adds an organization and returns its id.
    @discardableResult
    func organization(_ name: String, kind: String = "traeger", membership: String = "member", reviewDue: String? = nil) throws -> String {
        counter += 1
        let id = "org-\(counter)"
        try store.pool.write { db in
            try db.execute("""
                INSERT INTO organization(id, name, kind, membership_status, next_review_due, created_at, last_modified)
                VALUES (?, ?, ?, ?, ?, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')
                """, id, name, kind, membership, reviewDue)
        }
        return id
    }

    /// Adds a service with one location (in `area`, with `visibility`) and returns its id.
    @discardableResult
    func service(_ name: String, organization: String, description: String = "", area: String? = nil,
                 street: String? = nil, visibility: String = "public", terms: [String] = [], locationTerms: [String] = [],
                 coverage: [String] = [], languages: [String] = [], capacity: String = "unknown", reviewDue: String? = nil,
                 status: String = "active", hidden: Bool = false, schedule: (String, String, String)? = nil,
                 modified: String = "2026-01-01T00:00:00Z") throws -> String {
        counter += 1
        let id = "svc-\(counter)"
        try store.pool.write { db in
            try db.execute("""
                INSERT INTO service(id, organization_id, name, description, status, capacity_status, next_review_due, hidden,
                    created_at, last_modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '2026-01-01T00:00:00Z', ?)
                """, id, organization, name, description, status, capacity, reviewDue, hidden, modified)
            if let area {
                let location = "loc-\(counter)"
                try db.execute("INSERT INTO location(id, organization_id, name, sozialraum_id, visibility) VALUES (?, ?, ?, ?, ?)",
                               location, organization, "Standort \(name)", area, visibility)
                if let street {
                    try db.execute("""
                        INSERT INTO address(id, location_id, address_1, city, postal_code) VALUES (?, ?, ?, 'Dresden', '01307')
                        """, "adr-\(counter)", location, street)
                }
                try db.execute("INSERT INTO service_at_location(id, service_id, location_id) VALUES (?, ?, ?)", "sal-\(counter)", id, location)
                for term in locationTerms {
                    try db.execute("INSERT INTO attribute(id, link_id, link_entity, taxonomy_term_id) VALUES (?, ?, 'location', ?)",
                                   "la-\(counter)-\(term)", location, term)
                }
            }
            for term in terms {
                try db.execute("INSERT INTO attribute(id, link_id, link_entity, taxonomy_term_id) VALUES (?, ?, 'service', ?)",
                               "sa-\(counter)-\(term)", id, term)
            }
            for (index, area) in coverage.enumerated() {
                try db.execute("INSERT INTO service_area(id, service_id, sozialraum_id) VALUES (?, ?, ?)", "area-\(counter)-\(index)", id, area)
            }
            for code in languages {
                try db.execute("INSERT INTO language(id, service_id, code, name) VALUES (?, ?, ?, ?)", "lang-\(counter)-\(code)", id, code, code)
            }
            if let schedule {
                try db.execute("INSERT INTO schedule(id, service_id, freq, byday, opens_at, closes_at) VALUES (?, ?, 'WEEKLY', ?, ?, ?)",
                               "sch-\(counter)", id, schedule.0, schedule.1, schedule.2)
            }
            try SearchDocuments.refresh(db)
        }
        return id
    }

    /// Runs a query on a freshly built index, checks that the total agrees with the page
    /// when everything fits on it, and returns the ids in order.
    func search(_ query: SearchQuery, now: Date = Fixture.now) throws -> [String] {
        let result = try store.pool.read { db in try SearchIndex.build(db, now: now).search(query, now: now) }
        if query.offset == 0 && result.total <= query.limit {
            #expect(result.total == result.serviceIDs.count, "total \(result.total) but page \(result.serviceIDs) for \(query)")
        }
        return result.serviceIDs
    }

    /// Shortcut: search by text.
    func search(_ text: String) throws -> [String] { try search(SearchQuery(text: text)) }

    /// A fixed "now": Wednesday 2026-11-18, 10:30 in Berlin.
    static let now = Timestamp.parse("2026-11-18T09:30:00Z")!
}
