// Database+BulkLoad: helpers for filling empty tables fast inside one transaction — suspending
// their plain secondary indexes (rebuilt by one sort each instead of a random insert per row)
// and asking whether deferred foreign keys are still unresolved before a commit.
import CSQLite

extension Database {
    /// Drops the plain (non-unique, explicitly created) indexes of `tables` in `schema` and
    /// returns their SQL for `restoreIndexes`. Unique indexes and those of primary keys stay, so
    /// every constraint is still checked row by row. Inside a transaction, so that a rollback
    /// brings them back too.
    public func dropPlainIndexes(on tables: [String], schema: String = "main") throws -> [String] {
        guard !tables.isEmpty else { return [] }
        let quotedSchema = "\"\(schema.replacingOccurrences(of: "\"", with: "\"\""))\""
        var dropped: [String] = []
        for table in tables {
            let indexes = try query("""
                SELECT name, sql FROM \(quotedSchema).sqlite_schema
                WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL AND upper(sql) NOT LIKE 'CREATE UNIQUE%'
                ORDER BY name
                """, table) { ($0.string(0), $0.string(1)) }
            for (name, sql) in indexes {
                try execute("DROP INDEX \(quotedSchema).\"\(name.replacingOccurrences(of: "\"", with: "\"\""))\"")
                dropped.append(sql)
            }
        }
        return dropped
    }

    /// Creates indexes of the main schema again from the SQL that `dropPlainIndexes` returned.
    public func restoreIndexes(_ sql: [String]) throws {
        for statement in sql { try execute(statement) }
    }

    /// The number of foreign key violations deferred in the open transaction (which its
    /// commit would refuse).
    public var deferredForeignKeyViolations: Int {
        var current: Int32 = 0, highest: Int32 = 0
        sqlite3_db_status(handle, SQLITE_DBSTATUS_DEFERRED_FKS, &current, &highest, 0)
        return Int(current)
    }
}
