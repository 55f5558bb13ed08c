// EngagementSeeds: the sample network's helper opportunities and helpers
// (`Seeds/engagement_opportunities.csv`, `Seeds/helpers.csv`; fictitious people, like all
// seeds). They are no HSDS tables, so SeedLoader loads them after the data package.
import Foundation
import SQLite

/// Loads the neighbourhood-help seeds.
enum EngagementSeeds {
    /// Loads both files from `seeds` when present (an older seed folder has neither).
    static func load(_ seeds: FileTree, into db: Database, now: Date) throws {
        let stamp = Timestamp.string(now)
        for fields in try HousingSeeds.rows(seeds, "engagement_opportunities.csv", columns: 11) {
            try db.execute("""
                INSERT INTO helper_opportunity(id, organization_id, title, kind, description, sozialraum_id, schedule, frequency, languages,
                    accessibility, contact, status, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'published', 'Beispieldaten', ?, ?)
                """, values: fields.map { $0 as SQLBindable? } + [stamp, stamp])
        }
        for fields in try HousingSeeds.rows(seeds, "helpers.csv", columns: 10) {
            let values: [SQLBindable?] = fields.map { $0.isEmpty ? nil : $0 as SQLBindable? }
            try db.execute("""
                INSERT INTO helper(id, organization_id, name, email, phone, availability, sozialraum_id, languages, kinds, police_certificate_on,
                    created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, coalesce(?, ''), coalesce(?, ''), ?, ?, ?)
                """, values: values + [stamp, stamp])
        }
    }
}
