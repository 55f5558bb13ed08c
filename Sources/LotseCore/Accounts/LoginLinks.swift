// LoginLinks: single-use, expiring links sent by e-mail — log in, reset the password, accept an
// invitation. Only hashes are stored; a used, expired or unknown link is refused with a reason
// the page can show. Issuing a link withdraws the unused older ones of the same purpose, and
// `LinkRevocation` withdraws them all (logout everywhere, password change, disabling).
import Foundation
import SQLite

/// One-time links on one connection.
public struct LoginLinks {
    let db: Database
    let now: Date

    /// What a link is for.
    public enum Purpose: String, Sendable {
        case login, reset, invite

        /// How long a link stays valid.
        public var lifetime: TimeInterval {
            switch self {
            case .login: 20 * 60
            case .reset: 60 * 60
            case .invite: 7 * 24 * 3600
            }
        }
    }

    /// Why a link was refused.
    public enum Refusal: Error, Sendable, Equatable {
        case unknown, used, expired, wrongPurpose

        /// German explanation for the page.
        public var message: String {
            switch self {
            case .unknown, .wrongPurpose: "Dieser Link ist ungültig."
            case .used: "Dieser Link wurde schon benutzt. Jeder Link gilt nur einmal."
            case .expired: "Dieser Link ist abgelaufen."
            }
        }
    }

    /// Creates links on `db`.
    public init(db: Database, now: Date = Date()) {
        self.db = db
        self.now = now
    }

    /// Issues a link token for an account, withdrawing its unused older links of the same
    /// purpose; `next` is a site path to continue to after login.
    public func issue(accountID: String, purpose: Purpose, next: String? = nil) throws -> String {
        let token = SecretToken.make()
        try db.execute("DELETE FROM login_token WHERE account_id = ? AND purpose = ? AND used_at IS NULL", accountID, purpose.rawValue)
        try db.execute("""
            INSERT INTO login_token(token_hash, account_id, purpose, next_path, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
            """, SecretToken.hash(token), accountID, purpose.rawValue, next.flatMap(Self.safePath), Timestamp.string(now),
                       Timestamp.string(now.addingTimeInterval(purpose.lifetime)))
        return token
    }

    /// Checks a link without using it (for the confirmation page).
    public func check(_ token: String, purpose: Purpose) throws -> Result<(accountID: String, next: String?), Refusal> {
        guard SecretToken.isWellFormed(token),
              let row = try db.queryFirst("SELECT account_id, purpose, next_path, expires_at, used_at FROM login_token WHERE token_hash = ?",
                                          SecretToken.hash(token), transform: { ($0.string(0), $0.string(1), $0.optionalString(2), $0.string(3), $0.optionalString(4)) })
        else { return .failure(.unknown) }
        guard row.1 == purpose.rawValue else { return .failure(.wrongPurpose) }
        guard row.4 == nil else { return .failure(.used) }
        guard row.3 > Timestamp.string(now) else { return .failure(.expired) }
        return .success((row.0, row.2))
    }

    /// Uses a link: marks it used (inside the caller's transaction) and returns its account.
    public func consume(_ token: String, purpose: Purpose) throws -> Result<(accountID: String, next: String?), Refusal> {
        let checked = try check(token, purpose: purpose)
        guard case .success = checked else { return checked }
        try db.execute("UPDATE login_token SET used_at = ? WHERE token_hash = ? AND used_at IS NULL", Timestamp.string(now), SecretToken.hash(token))
        guard db.changes == 1 else { return .failure(.used) }
        return checked
    }

    /// Withdraws an unused link (its mail could not be sent).
    public func revoke(_ token: String) throws {
        guard SecretToken.isWellFormed(token) else { return }
        try db.execute("DELETE FROM login_token WHERE token_hash = ? AND used_at IS NULL", SecretToken.hash(token))
    }

    /// A site-relative path safe to redirect to, else nil: the syntactic half of the redirect
    /// rule (LotseWeb's RedirectTarget adds "names a route Lotse serves"). Browsers parse a
    /// Location value by the WHATWG URL rules — they drop ASCII tab and newline anywhere, trim
    /// C0 controls and spaces, read `\` as `/` — so `/\t/evil.example` or `/\\evil` leave the
    /// site. Accepted is only a path that needs none of that and that the server would not
    /// rewrite: printable ASCII (0x21–0x7E) without `\`, one leading `/` (never `//`), in the
    /// path part no empty, `.` or `..` segment and no escaped `/`, `\`, `.` or control
    /// character, under 1000 bytes; the query and fragment stay as they are.
    public static func safePath(_ path: String) -> String? {
        let bytes = Array(path.utf8)
        guard bytes.count < 1000, bytes.first == 0x2F, bytes.count == 1 || bytes[1] != 0x2F,
              bytes.allSatisfy({ $0 >= 0x21 && $0 <= 0x7E && $0 != 0x5C }) else { return nil }
        let pathPart = bytes.prefix { $0 != 0x3F && $0 != 0x23 }   // up to "?" or "#"
        let segments = pathPart.split(separator: 0x2F, omittingEmptySubsequences: false).dropFirst()
        for (offset, segment) in segments.enumerated() {
            if segment.isEmpty && offset != segments.count - 1 { return nil }   // "a//b"; a trailing "/" is fine
            if segment.elementsEqual([0x2E]) || segment.elementsEqual([0x2E, 0x2E]) { return nil }
            guard let escaped = escapedBytes(segment),
                  !escaped.contains(where: { $0 < 0x21 || $0 == 0x7F || $0 == 0x2F || $0 == 0x5C || $0 == 0x2E }) else { return nil }
        }
        return path
    }

    /// The bytes a segment's percent escapes stand for, or nil when an escape is malformed.
    private static func escapedBytes(_ segment: ArraySlice<UInt8>) -> [UInt8]? {
        var result: [UInt8] = []
        var index = segment.startIndex
        while let percent = segment[index...].firstIndex(of: 0x25) {
            guard segment.endIndex - percent >= 3, let high = hexValue(segment[percent + 1]),
                  let low = hexValue(segment[percent + 2]) else { return nil }
            result.append(high << 4 | low)
            index = percent + 3
        }
        return result
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}
