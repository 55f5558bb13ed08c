// Migration 021: what the cooperation map needs of a cooperation — until when it runs, whether
// it rests on a binding agreement, and the need category (a top-level `bedarf` term) it serves.
import SQLite

extension Schema {
    // MARK: 021 — the cooperation map

    /// `until` (a date; a cooperation that ended stays recorded), `binding` (a written,
    /// binding agreement: 1) and `need_term_id` (the need category the cooperation serves, the
    /// topic vocabulary of the map's filter).
    static let cooperationMap = Migration("021_cooperation_map", sql: """
        ALTER TABLE cooperation ADD COLUMN until TEXT;
        ALTER TABLE cooperation ADD COLUMN binding INTEGER NOT NULL DEFAULT 0 CHECK (binding IN (0, 1));
        ALTER TABLE cooperation ADD COLUMN need_term_id TEXT REFERENCES taxonomy_term(id);
        CREATE INDEX cooperation_need ON cooperation(need_term_id);
        """)
}
