// MAESeeds: the sample network's MAE round (`Seeds/mae_rounds.csv`, `mae_applications.csv`,
// `mae_comments.csv`, fictitious like all seeds): one round whose proposal is under comment,
// with three members' applications and one comment. The comment period ends 14 days after the
// seeds are loaded, so a fresh sample network always has a round open for comment. No HSDS
// tables, so the data package does not list them; SeedLoader loads them after the package.
import Foundation
import SQLite

/// Loads the MAE seeds.
enum MAESeeds {
    /// The account stamped on seeded rows.
    static let author = "Beispieldaten"

    /// Loads the three files from `seeds` when present (an older seed folder has none).
    static func load(_ seeds: FileTree, into db: Database, now: Date) throws {
        let stamp = Timestamp.string(now)
        let today = BerlinTime(now)
        let deadline = BerlinTime.civilFromDays(BerlinTime.daysFromCivil(year: today.year, month: today.month, day: today.day) + 14)
        let commentUntil = BerlinTime.format(year: deadline.year, month: deadline.month, day: deadline.day)
        for fields in try HousingSeeds.rows(seeds, "mae_rounds.csv", columns: 9) {
            let state = fields[8]
            try db.execute("""
                INSERT INTO mae_round(id, job_centre, places, hours_per_week, period_from, period_until, comment_until, note, state,
                    created_by, created_at, proposed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, fields[0], fields[1], Int(fields[2]), Int(fields[3]), fields[4], fields[5], commentUntil, fields[7].isEmpty ? nil : fields[7],
                           state, author, stamp, state == "open" ? nil : stamp)
            for field in fields[6].split(separator: ";") {
                try db.execute("INSERT INTO mae_round_field(round_id, field) VALUES (?, ?)", fields[0], String(field))
            }
        }
        for fields in try HousingSeeds.rows(seeds, "mae_applications.csv", columns: 5) {
            try db.execute("INSERT INTO mae_application(round_id, organization_id, purpose, applied_by, applied_at) VALUES (?, ?, ?, ?, ?)",
                           fields[0], fields[1], fields[2], author, stamp)
            for pair in fields[3].split(separator: ";") {
                let parts = pair.split(separator: "=")
                guard parts.count == 2, MAEField(rawValue: String(parts[0])) != nil, let places = Int(parts[1]) else {
                    throw LotseError(.unusableData, "mae_applications.csv: »\(pair)« ist kein Tätigkeitsfeld mit Platzzahl (feld=zahl).")
                }
                try db.execute("INSERT INTO mae_application_field(round_id, organization_id, field, places) VALUES (?, ?, ?, ?)",
                               fields[0], fields[1], String(parts[0]), places)
            }
            if let proposed = Int(fields[4]) {
                try db.execute("INSERT INTO mae_allocation(round_id, organization_id, proposed) VALUES (?, ?, ?)", fields[0], fields[1], proposed)
            }
        }
        for fields in try HousingSeeds.rows(seeds, "mae_comments.csv", columns: 4) {
            try db.execute("INSERT INTO mae_comment(id, round_id, organization_id, account_id, body, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                           fields[0], fields[1], fields[2], author, fields[3], stamp)
        }
    }
}
