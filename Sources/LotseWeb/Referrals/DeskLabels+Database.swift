// DeskLabels+Database: the connection-taking initializer, kept only for the coordination's
// routing rules page until it reads its labels through `Store.referralLabels`.
import LotseCore
import SQLite

extension DeskLabels {
    /// Reads the labels on `db` (transitional; referral screens use `desk.labels()`).
    init(db: Database) throws { self.init(try ReferralLabels(db: db)) }
}
