// MAESchema: migration 023 — the tables of MAE rounds (work opportunities with compensation for
// additional expenses, § 16d SGB II) that the network distributes among its members: the round
// a job centre grants, its fields of activity, the members' applications, the proposed and
// decided allocation per member (with reasons and the filled count), and the members' comments.
// Counts only: no table has a field for a participant.
import SQLite

extension Schema {
    static let maeRounds = Migration("023_mae_rounds", sql: """
        CREATE TABLE mae_round (
            id             TEXT PRIMARY KEY NOT NULL,
            job_centre     TEXT NOT NULL,
            places         INTEGER NOT NULL CHECK (places BETWEEN 1 AND 9999),
            hours_per_week INTEGER NOT NULL CHECK (hours_per_week BETWEEN 1 AND 39),
            period_from    TEXT NOT NULL,                    -- YYYY-MM-DD
            period_until   TEXT NOT NULL,                    -- YYYY-MM-DD
            comment_until  TEXT NOT NULL,                    -- YYYY-MM-DD, last day for comments on the proposal
            note           TEXT,
            state          TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'proposed', 'decided', 'closed')),
            created_by     TEXT NOT NULL,
            created_at     TEXT NOT NULL,
            proposed_at    TEXT,
            decided_at     TEXT,
            closed_at      TEXT,
            CHECK (period_from <= period_until)
        );
        CREATE TABLE mae_round_field (
            round_id TEXT NOT NULL REFERENCES mae_round(id),
            field    TEXT NOT NULL,
            PRIMARY KEY (round_id, field)
        ) WITHOUT ROWID;
        CREATE TABLE mae_application (
            round_id        TEXT NOT NULL REFERENCES mae_round(id),
            organization_id TEXT NOT NULL REFERENCES organization(id),
            purpose         TEXT NOT NULL,
            applied_by      TEXT NOT NULL,                   -- account id
            applied_at      TEXT NOT NULL,
            PRIMARY KEY (round_id, organization_id)
        ) WITHOUT ROWID;
        CREATE TABLE mae_application_field (
            round_id        TEXT NOT NULL,
            organization_id TEXT NOT NULL,
            field           TEXT NOT NULL,
            places          INTEGER NOT NULL CHECK (places BETWEEN 1 AND 9999),
            PRIMARY KEY (round_id, organization_id, field),
            FOREIGN KEY (round_id, organization_id) REFERENCES mae_application(round_id, organization_id)
        ) WITHOUT ROWID;
        CREATE TABLE mae_allocation (
            round_id        TEXT NOT NULL REFERENCES mae_round(id),
            organization_id TEXT NOT NULL REFERENCES organization(id),
            proposed        INTEGER NOT NULL CHECK (proposed >= 0),
            decided         INTEGER CHECK (decided >= 0),
            reason          TEXT,
            filled          INTEGER NOT NULL DEFAULT 0 CHECK (filled >= 0),
            filled_at       TEXT,
            filled_by       TEXT,                            -- account id
            PRIMARY KEY (round_id, organization_id),
            CHECK ((decided IS NULL) = (reason IS NULL)),
            CHECK (decided IS NULL OR filled <= decided)
        ) WITHOUT ROWID;
        CREATE TABLE mae_comment (
            id              TEXT PRIMARY KEY NOT NULL,
            round_id        TEXT NOT NULL REFERENCES mae_round(id),
            organization_id TEXT NOT NULL REFERENCES organization(id),
            account_id      TEXT NOT NULL,
            body            TEXT NOT NULL,
            created_at      TEXT NOT NULL
        );
        CREATE INDEX mae_comment_round ON mae_comment(round_id, created_at);
        """)
}
