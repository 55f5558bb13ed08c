// AccountStore: creates, finds, lists and disables accounts inside a transaction; validates
// e-mail, name, role and password with German messages.
import Foundation
import SQLite

/// Account records on one connection.
public struct AccountStore {
    let db: Database
    let now: Date

    /// Creates a store on `db` (inside a transaction for writes).
    public init(db: Database, now: Date = Date()) {
        self.db = db
        self.now = now
    }

    /// Creates an account. Provider editors need at least one organization.
    @discardableResult
    public func create(email: String, displayName: String, role: Role, organizationID: String? = nil,
                       organizations: [String] = [], password: String? = nil, status: Account.Status = .active,
                       hasher: PasswordHasher = .standard) throws -> Account {
        let email = email.trimmingCharacters(in: .whitespaces)
        guard Self.isValidEmail(email) else { throw LotseError(.invalidInput, "»\(email)« ist keine gültige E-Mail-Adresse.") }
        let name = displayName.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 200 else { throw LotseError(.invalidInput, "Bitte einen Namen angeben (höchstens 200 Zeichen).") }
        guard try account(email: email) == nil else { throw LotseError(.conflict, "Es gibt schon ein Konto für \(email).") }
        if role == .provider && organizations.isEmpty {
            throw LotseError(.invalidInput, "Ein Anbieter-Konto braucht mindestens eine Organisation.")
        }
        for organization in organizations + [organizationID].compactMap({ $0 }) {
            guard try db.scalarInt("SELECT count(*) FROM organization WHERE id = ?", organization) == 1 else {
                throw LotseError(.notFound, "Organisation \(organization) gibt es nicht.")
            }
        }
        if let password { try Self.checkPassword(password) }
        let id = UUID().uuidString.lowercased()
        try db.execute("""
            INSERT INTO account(id, email, display_name, role, password_hash, status, organization_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, id, email, name, role.rawValue, password.map(hasher.hash), status.rawValue, organizationID, Timestamp.string(now))
        for organization in Set(organizations) {
            try db.execute("INSERT INTO account_organization(account_id, organization_id) VALUES (?, ?)", id, organization)
        }
        return try account(id: id)!
    }

    /// The account with this id.
    public func account(id: String) throws -> Account? {
        try load("a.id = ?", id).first
    }

    /// The account with this e-mail address (case-insensitive).
    public func account(email: String) throws -> Account? {
        try load("a.email = ?", email.trimmingCharacters(in: .whitespaces)).first
    }

    /// All accounts, by e-mail.
    public func list() throws -> [Account] {
        try load("1")
    }

    /// The stored password hash of an account, if any.
    public func passwordHash(id: String) throws -> String? {
        try db.scalarString("SELECT password_hash FROM account WHERE id = ?", id)
    }

    /// Sets a new password (checked for length), ends every session of the account and revokes
    /// the links e-mailed to it (`LinkRevocation`).
    public func setPassword(id: String, to password: String, hasher: PasswordHasher = .standard) throws {
        try Self.checkPassword(password)
        try db.execute("UPDATE account SET password_hash = ?, status = CASE status WHEN 'invited' THEN 'active' ELSE status END WHERE id = ?",
                       hasher.hash(password), id)
        try db.execute("DELETE FROM session WHERE account_id = ?", id)
        try LinkRevocation.revokeAll(accountID: id, db: db, now: now)
    }

    /// Stores a re-hashed password (parameter upgrade at login) without ending sessions.
    public func upgradeHash(id: String, password: String, hasher: PasswordHasher) throws {
        try db.execute("UPDATE account SET password_hash = ? WHERE id = ?", hasher.hash(password), id)
    }

    /// Disables an account and ends its sessions and links.
    public func disable(id: String) throws {
        try db.execute("UPDATE account SET status = 'disabled', disabled_at = ? WHERE id = ?", Timestamp.string(now), id)
        try db.execute("DELETE FROM session WHERE account_id = ?", id)
        try db.execute("DELETE FROM login_token WHERE account_id = ?", id)
        try LinkRevocation.revokeAll(accountID: id, db: db, now: now)
    }

    /// Activates an invited or disabled account.
    public func activate(id: String) throws {
        try db.execute("UPDATE account SET status = 'active', disabled_at = NULL WHERE id = ?", id)
    }

    /// Changes the display name (as given; accepting an invitation confirms it).
    public func rename(id: String, to displayName: String) throws {
        try db.execute("UPDATE account SET display_name = ? WHERE id = ?", displayName, id)
    }

    /// The last login of every account that has logged in (id → timestamp).
    public func lastLogins() throws -> [String: String] {
        Dictionary(try db.query("SELECT id, last_login_at FROM account WHERE last_login_at IS NOT NULL") { ($0.string(0), $0.string(1)) },
                   uniquingKeysWith: { first, _ in first })
    }

    /// Records a successful login.
    public func noteLogin(id: String) throws {
        try db.execute("UPDATE account SET last_login_at = ? WHERE id = ?", Timestamp.string(now), id)
    }

    private func load(_ condition: String, _ values: SQLBindable?...) throws -> [Account] {
        let rows = try db.query("""
            SELECT a.id, a.email, a.display_name, a.role, a.status, a.organization_id, a.password_hash IS NOT NULL,
                   (SELECT group_concat(organization_id) FROM account_organization WHERE account_id = a.id)
            FROM account a WHERE \(condition) ORDER BY a.email
            """, values: values) { row in
            Account(id: row.string(0), email: row.string(1), displayName: row.string(2),
                    role: Role(rawValue: row.string(3)) ?? .counselor, status: Account.Status(rawValue: row.string(4)) ?? .disabled,
                    organizationID: row.optionalString(5),
                    organizations: Set((row.optionalString(7) ?? "").split(separator: ",").map(String.init)),
                    hasPassword: row.bool(6))
        }
        return rows
    }

    /// Rejects passwords shorter than `PasswordHasher.minimumLength` or longer than 1024.
    public static func checkPassword(_ password: String) throws {
        guard password.count >= PasswordHasher.minimumLength else {
            throw LotseError(.invalidInput, "Das Passwort muss mindestens \(PasswordHasher.minimumLength) Zeichen lang sein.")
        }
        guard password.utf8.count <= 1024 else { throw LotseError(.invalidInput, "Das Passwort ist zu lang.") }
    }

    /// A plausible e-mail address: ASCII only (headers carry it unencoded), one @, no spaces,
    /// a dot in the domain (or the domain `localhost`, for local delivery), at most 254 bytes.
    public static func isValidEmail(_ email: String) -> Bool {
        guard email.utf8.allSatisfy({ $0 > 32 && $0 < 127 }) else { return false }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains(".") || parts[1].lowercased() == "localhost",
              !parts[1].hasPrefix("."), !parts[1].hasSuffix("."), email.utf8.count <= 254 else { return false }
        return !email.contains { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," || $0 == ";" || $0 == "\"" }
    }
}
