// Migrator: named, forward-only migrations, each in its own transaction, recorded in a table.

/// One named schema step. Names are recorded once applied and must never change.
public struct Migration: Sendable {
    /// The unique, stable name, e.g. "001_directory".
    public let name: String
    /// The SQL script that performs the step.
    public let sql: String
    /// Work in Swift after the script, in the same transaction (nil for most migrations).
    public let then: (@Sendable (Database) throws -> Void)?

    /// Creates a migration.
    public init(_ name: String, sql: String, then: (@Sendable (Database) throws -> Void)? = nil) {
        self.name = name
        self.sql = sql
        self.then = then
    }
}

/// Applies migrations in order. Each runs in its own transaction and is recorded in
/// `schema_migration`; applied ones are skipped, so a rerun is a no-op.
public struct Migrator: Sendable {
    /// The migrations, in the order they must run.
    public let migrations: [Migration]

    /// A database whose applied migrations are not a prefix of the known ones.
    public struct UnknownMigrationsError: Error, CustomStringConvertible {
        /// Names recorded in the database that this program does not know.
        public let names: [String]
        public var description: String {
            "the database has migrations this program does not know (\(names.joined(separator: ", "))): it was written by a newer version"
        }
    }

    /// Creates a migrator; traps on duplicate names (a programming error).
    public init(_ migrations: [Migration]) {
        precondition(Set(migrations.map(\.name)).count == migrations.count, "duplicate migration names")
        self.migrations = migrations
    }

    /// Names of the migrations already applied to `db`, in order of application.
    public func appliedMigrations(_ db: Database) throws -> [String] {
        try ensureTable(db)
        return try db.query("SELECT name FROM schema_migration ORDER BY rowid") { $0.string(0) }
    }

    /// Names of migrations not yet applied.
    public func pendingMigrations(_ db: Database) throws -> [String] {
        let applied = Set(try appliedMigrations(db))
        return migrations.map(\.name).filter { !applied.contains($0) }
    }

    /// Fails if the database records migrations this program does not know.
    public func checkCompatible(_ db: Database) throws {
        let known = Set(migrations.map(\.name))
        let unknown = try appliedMigrations(db).filter { !known.contains($0) }
        if !unknown.isEmpty { throw UnknownMigrationsError(names: unknown) }
    }

    /// Applies every pending migration and returns the names applied.
    @discardableResult
    public func migrate(_ db: Database, now: () -> String = { "" }) throws -> [String] {
        try checkCompatible(db)
        var applied: [String] = []
        for migration in migrations where try !isApplied(migration.name, db) {
            try db.transaction(.immediate) {
                try db.executeScript(migration.sql)
                try migration.then?(db)
                try db.execute("INSERT INTO schema_migration(name, applied_at) VALUES (?, ?)",
                               migration.name, now().isEmpty ? nil : now())
            }
            applied.append(migration.name)
        }
        return applied
    }

    private func isApplied(_ name: String, _ db: Database) throws -> Bool {
        try db.scalarInt("SELECT count(*) FROM schema_migration WHERE name = ?", name) == 1
    }

    private func ensureTable(_ db: Database) throws {
        try db.executeScript("""
            CREATE TABLE IF NOT EXISTS schema_migration (
                name TEXT PRIMARY KEY NOT NULL,
                applied_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
            )
            """)
    }
}
