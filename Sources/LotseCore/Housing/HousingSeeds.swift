// HousingSeeds: the sample network's flat offers and rent limits (`Seeds/housing_offers.csv`,
// `Seeds/housing_rent_limits.csv`, fictitious like all seeds). They are no HSDS tables, so the
// data package does not list them; SeedLoader loads them after the package in the same
// transaction.
import Foundation
import SQLite

/// Loads the housing seeds.
enum HousingSeeds {
    /// Loads both files from `seeds` when present (an older seed folder has neither).
    static func load(_ seeds: FileTree, into db: Database, now: Date) throws {
        let stamp = Timestamp.string(now)
        for fields in try rows(seeds, "housing_rent_limits.csv", columns: 5) {
            try db.execute("""
                INSERT INTO housing_rent_limit(id, sozialraum_id, household_size, gross_cold_cents, valid_from, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, 'Beispieldaten', ?)
                """, fields[0], fields[1], Int(fields[2]), Int(fields[3]), fields[4], stamp)
        }
        for fields in try rows(seeds, "housing_offers.csv", columns: 19) {
            var values: [SQLBindable?] = Array(fields[0..<6])
            for index in 6..<12 { values.append(Int(fields[index])) }
            values.append(fields[12])
            for index in 13..<16 { values.append(Int(fields[index])) }
            values.append(fields[16].isEmpty ? nil : fields[16])
            values.append(fields[17].isEmpty ? nil : fields[17])
            values += [stamp, stamp, stamp]
            try db.execute("""
                INSERT INTO housing_offer(id, organization_id, sozialraum_id, street, house_number, postal_code, show_street, rooms_tenths,
                    size_tenths, cold_rent_cents, running_costs_cents, heating_cents, available_from, wbs_required, household_min,
                    household_max, quota, description, status, status_changed_at, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'available', ?, ?, ?)
                """, values: values)
            try HousingOffers.writeFeatures(db, id: fields[0], fields[18].split(separator: ";").map(String.init))
        }
        try HousingQuotaSeeds.load(seeds, into: db, now: now)
    }

    /// The data rows of `name` (header skipped), each with `columns` fields.
    static func rows(_ seeds: FileTree, _ name: String, columns: Int) throws -> [[String]] {
        guard let bytes = seeds.contents(name) else { return [] }
        let reader = CSVReader(bytes: bytes)
        var rows: [[String]] = []
        _ = try reader.next()
        while let record = try reader.next() {
            guard record.fields.count == columns else {
                throw LotseError(.unusableData, "\(name), Zeile \(record.line): \(columns) Spalten erwartet, \(record.fields.count) gefunden.")
            }
            rows.append(record.fields)
        }
        return rows
    }
}
