// HousingQuotaSeeds: the sample network's yearly quotas of its housing companies
// (`Seeds/housing_quotas.csv`, fictitious like all seeds: organization, year, household-size
// class, flats). Loaded by HousingSeeds with the offers and rent limits.
import Foundation
import SQLite

/// Loads the quota seeds.
enum HousingQuotaSeeds {
    /// Loads `housing_quotas.csv` from `seeds` when present.
    static func load(_ seeds: FileTree, into db: Database, now: Date) throws {
        let stamp = Timestamp.string(now)
        for fields in try HousingSeeds.rows(seeds, "housing_quotas.csv", columns: 4) {
            guard let year = Int(fields[1]), let flats = Int(fields[3]), HouseholdClass(rawValue: fields[2]) != nil else {
                throw LotseError(.unusableData, "housing_quotas.csv: »\(fields.joined(separator: ","))« ist keine Quote (Jahr, Klasse 1, 2, 3-4 oder 5+, Zahl).")
            }
            try db.execute("""
                INSERT INTO housing_quota(organization_id, year, household_class, flats, created_by, updated_at)
                VALUES (?, ?, ?, ?, 'Beispieldaten', ?)
                """, fields[0], year, fields[2], flats, stamp)
        }
    }
}
