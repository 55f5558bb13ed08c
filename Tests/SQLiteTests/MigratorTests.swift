// Tests of the Migrator on fresh temporary databases.
import Testing
@testable import SQLite

@Suite struct MigratorTests {
    let migrations = [
        Migration("001_a", sql: "CREATE TABLE a (id INTEGER PRIMARY KEY, x TEXT NOT NULL);"),
        Migration("002_b", sql: "CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a(id));"),
    ]

    @Test func appliesEachMigrationOnceInOrder() throws {
        let db = try Database(path: ":memory:")
        let migrator = Migrator(migrations)
        #expect(try migrator.migrate(db) == ["001_a", "002_b"])
        #expect(try migrator.appliedMigrations(db) == ["001_a", "002_b"])
        #expect(try db.scalarInt("SELECT count(*) FROM sqlite_schema WHERE name IN ('a', 'b')") == 2)
    }

    @Test func rerunIsANoOp() throws {
        let db = try Database(path: ":memory:")
        let migrator = Migrator(migrations)
        try migrator.migrate(db)
        let changesBefore = db.totalChanges
        #expect(try migrator.migrate(db).isEmpty)
        #expect(db.totalChanges == changesBefore)
    }

    @Test func appliesOnlyNewMigrationsAfterAnUpgrade() throws {
        let db = try Database(path: ":memory:")
        try Migrator(Array(migrations.prefix(1))).migrate(db)
        #expect(try Migrator(migrations).pendingMigrations(db) == ["002_b"])
        #expect(try Migrator(migrations).migrate(db) == ["002_b"])
    }

    @Test func failingMigrationRollsBackAndIsNotRecorded() throws {
        let db = try Database(path: ":memory:")
        let broken = migrations + [Migration("003_broken", sql: "CREATE TABLE c (id INTEGER); CREATE TABLE c (id INTEGER);")]
        #expect(throws: SQLiteError.self) { try Migrator(broken).migrate(db) }
        #expect(try Migrator(broken).appliedMigrations(db) == ["001_a", "002_b"])
        #expect(try db.scalarInt("SELECT count(*) FROM sqlite_schema WHERE name = 'c'") == 0)
    }

    @Test func refusesADatabaseFromANewerProgram() throws {
        let db = try Database(path: ":memory:")
        try Migrator(migrations + [Migration("003_future", sql: "CREATE TABLE f (id INTEGER);")]).migrate(db)
        #expect(throws: Migrator.UnknownMigrationsError.self) { try Migrator(migrations).migrate(db) }
    }
}
