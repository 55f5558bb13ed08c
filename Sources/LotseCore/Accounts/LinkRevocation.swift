// LinkRevocation: taking back every link that was e-mailed to an account. Logout everywhere, a
// password change and disabling call it: unused login, reset and invitation links are deleted,
// and `links_valid_after` moves on, so that every signed link issued until now (confirm
// unchanged, unsubscribe, preferences) is refused by `SignedLink.verify`.
import Foundation
import SQLite

/// Revocation of the links sent to an account.
public enum LinkRevocation {
    /// Revokes every link issued to `accountID` up to `now` (inside the caller's transaction).
    public static func revokeAll(accountID: String, db: Database, now: Date) throws {
        try db.execute("UPDATE account SET links_valid_after = ? WHERE id = ?", Timestamp.string(now), accountID)
        try db.execute("DELETE FROM login_token WHERE account_id = ? AND used_at IS NULL", accountID)
    }

    /// Whether a signed link issued at `issued` to `accountID` still stands: the account exists,
    /// is active, and its links were not revoked at or after `issued` (whole seconds).
    static func stands(accountID: String, issued: Date, db: Database) throws -> Bool {
        guard let row = try db.queryFirst("SELECT status, links_valid_after FROM account WHERE id = ?", accountID,
                                          transform: { ($0.string(0), $0.optionalString(1)) }),
              row.0 == Account.Status.active.rawValue else { return false }
        guard let validAfter = row.1 else { return true }
        return Timestamp.string(issued) > validAfter
    }
}
