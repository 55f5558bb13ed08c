// Schema: the whole Lotse database schema as commented DDL, one named forward-only migration
// per step. Read this file to know the data; every other file reads and writes these tables.
import SQLite

/// The database schema and its migrations.
public enum Schema {
    /// `PRAGMA application_id` of every Lotse database ("LOTS" in ASCII), so that a foreign
    /// SQLite file is recognised before anything is written to it.
    public static let applicationID: Int32 = 0x4C4F_5453

    /// All migrations, in order. Append new ones; never edit or reorder applied ones.
    public static let migrations: [Migration] = [directory, accounts, referrals, digests, readerIndexes, mailOutbox, noteCategories,
                                                 linkRevocation, auditMAC, accessGrants, urgencyAndLand, notificationMail, oneSearchEngine,
                                                 notificationKinds, referralAppointment, housingOffers, housingHolds,
                                                 housingHoldSteps, membershipApplications, cooperationMap, neighbourhoodHelp, maeRounds]

    /// The migrator for `migrations`.
    public static let migrator = Migrator(migrations)

    // MARK: 001 — the directory (HSDS 3.1 + the German profile)

    /// The directory: HSDS 3.1 tables (organization → service ↔ location through
    /// service_at_location, with their details) plus the DE profile (organization kinds,
    /// membership, cooperations, Sozialraum tree, capacity, verification, visibility).
    ///
    /// Conventions: ids are UUID strings (HSDS); timestamps are ISO 8601 UTC text
    /// (`2026-11-21T09:30:00Z`), dates are `YYYY-MM-DD`; booleans are 0/1; enumerations are
    /// CHECKed; every column name that exists in HSDS has the HSDS name.
    static let directory = Migration("001_directory", sql: """
        -- Instance settings: network name, Land for public holidays, sample-data marker.
        CREATE TABLE lotse_meta (
            key   TEXT PRIMARY KEY NOT NULL,
            value TEXT NOT NULL
        ) WITHOUT ROWID;

        -- The Sozialraum tree: city → Bezirk/Stadtbezirk → Stadtteil/Ortsteil → Quartier
        -- (Berlin: LOR Planungsraum). Every location lies in one Sozialraum; services cover
        -- areas (service_area.sozialraum_id). Retired areas stay for old references.
        CREATE TABLE sozialraum (
            id           TEXT PRIMARY KEY NOT NULL,
            code         TEXT NOT NULL UNIQUE,              -- stable slug, e.g. 'dresden-johannstadt'
            parent_id    TEXT REFERENCES sozialraum(id),
            name         TEXT NOT NULL,
            level        TEXT NOT NULL CHECK (level IN ('stadt', 'bezirk', 'stadtteil', 'quartier')),
            kind         TEXT NOT NULL DEFAULT '',          -- local word: Stadtbezirk, Ortsteil, Planungsraum …
            official_key TEXT,                              -- e.g. LOR number or statistical key
            state_code   TEXT,                              -- Land (ISO 3166-2 suffix: BE, HB, SN) on cities
            latitude     REAL,                              -- centroid, for "kurze Wege"
            longitude    REAL,
            population   INTEGER,
            position     INTEGER NOT NULL DEFAULT 0,
            retired_at   TEXT,
            CHECK (parent_id IS NOT NULL OR level = 'stadt'),
            CHECK (parent_id IS NULL OR parent_id <> id)
        );
        CREATE INDEX sozialraum_parent ON sozialraum(parent_id);

        -- Every (descendant, ancestor, distance) pair of the tree, the node itself at 0 (depth is
        -- capped so that a cycle in bad data cannot make it endless).
        CREATE VIEW sozialraum_closure(descendant, ancestor, distance) AS
            WITH RECURSIVE closure(descendant, ancestor, distance) AS (
                SELECT id, id, 0 FROM sozialraum
                UNION ALL
                SELECT closure.descendant, sozialraum.parent_id, closure.distance + 1
                FROM closure JOIN sozialraum ON sozialraum.id = closure.ancestor
                WHERE sozialraum.parent_id IS NOT NULL AND closure.distance < 16)
            SELECT descendant, ancestor, distance FROM closure;

        -- HSDS taxonomy. Lotse's own vocabularies are taxonomies with a stable code:
        -- 'bedarf' (needs, two levels), 'zielgruppe' (target groups), 'barrierefreiheit'
        -- (accessibility features), 'rechtsgrundlage' (legal basis / funding).
        CREATE TABLE taxonomy (
            id          TEXT PRIMARY KEY NOT NULL,
            code        TEXT UNIQUE,                        -- NULL for imported foreign taxonomies
            name        TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            uri         TEXT,
            version     TEXT
        );

        -- HSDS taxonomy_term. `code` is stable within its taxonomy; retired terms keep their
        -- references but are no longer offered.
        CREATE TABLE taxonomy_term (
            id          TEXT PRIMARY KEY NOT NULL,
            taxonomy_id TEXT REFERENCES taxonomy(id),
            code        TEXT,
            name        TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            parent_id   TEXT REFERENCES taxonomy_term(id),
            taxonomy    TEXT,                               -- HSDS free-text taxonomy name
            language    TEXT,
            term_uri    TEXT,
            position    INTEGER NOT NULL DEFAULT 0,
            retired_at  TEXT,
            UNIQUE (taxonomy_id, code),
            CHECK (parent_id IS NULL OR parent_id <> id)
        );
        CREATE INDEX taxonomy_term_parent ON taxonomy_term(parent_id);

        -- HSDS organization + DE profile: kind, network membership, verification.
        CREATE TABLE organization (
            id                     TEXT PRIMARY KEY NOT NULL,
            name                   TEXT NOT NULL,
            alternate_name         TEXT,
            description            TEXT NOT NULL DEFAULT '',
            email                  TEXT,
            website                TEXT,
            tax_status             TEXT,
            tax_id                 TEXT,
            year_incorporated      INTEGER,
            legal_status           TEXT,
            logo                   TEXT,
            uri                    TEXT,
            parent_organization_id TEXT REFERENCES organization(id),
            kind                   TEXT NOT NULL DEFAULT 'traeger' CHECK (kind IN (
                                       'traeger', 'housing_company', 'housing_cooperative', 'dlz',
                                       'quartiersmanagement', 'initiative', 'public_office', 'cooperative')),
            membership_status      TEXT NOT NULL DEFAULT 'member' CHECK (membership_status IN (
                                       'applicant', 'member', 'suspended', 'left')),
            member_since           TEXT,
            verified_at            TEXT,                    -- last human confirmation (an edit is not one)
            verified_by            TEXT,
            verification_method    TEXT CHECK (verification_method IN (
                                       'self_confirmation', 'coordinator_review', 'phone', 'site_visit', 'import')),
            next_review_due        TEXT,                    -- default verified_at + 12 months
            hidden                 INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
            created_at             TEXT NOT NULL,
            last_modified          TEXT NOT NULL,
            CHECK (parent_organization_id IS NULL OR parent_organization_id <> id)
        );

        -- Cooperations between members (DE profile): first-class data, not a note. Stored
        -- once per pair and topic; read in both directions.
        CREATE TABLE cooperation (
            id              TEXT PRIMARY KEY NOT NULL,
            organization_id TEXT NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
            partner_id      TEXT NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
            sozialraum_id   TEXT REFERENCES sozialraum(id),
            topic           TEXT NOT NULL,
            since           TEXT,
            description     TEXT,
            CHECK (organization_id <> partner_id),
            UNIQUE (organization_id, partner_id, topic)
        );
        CREATE INDEX cooperation_partner ON cooperation(partner_id);

        -- HSDS organization_identifier (e.g. Vereinsregister number).
        CREATE TABLE organization_identifier (
            id                TEXT PRIMARY KEY NOT NULL,
            organization_id   TEXT NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
            identifier_scheme TEXT,
            identifier_type   TEXT NOT NULL,
            identifier        TEXT NOT NULL
        );
        CREATE INDEX organization_identifier_org ON organization_identifier(organization_id);

        -- HSDS program: a group of services of one organization.
        CREATE TABLE program (
            id              TEXT PRIMARY KEY NOT NULL,
            organization_id TEXT NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
            name            TEXT NOT NULL,
            alternate_name  TEXT,
            description     TEXT NOT NULL DEFAULT ''
        );

        -- HSDS service + DE profile: capacity (HL7 Gravity model), verification, respond-by.
        CREATE TABLE service (
            id                      TEXT PRIMARY KEY NOT NULL,
            organization_id         TEXT NOT NULL REFERENCES organization(id),
            program_id              TEXT REFERENCES program(id) ON DELETE SET NULL,
            name                    TEXT NOT NULL,
            alternate_name          TEXT,
            description             TEXT NOT NULL DEFAULT '',
            url                     TEXT,
            email                   TEXT,
            status                  TEXT NOT NULL DEFAULT 'active' CHECK (status IN (
                                        'active', 'inactive', 'defunct', 'temporarily closed')),
            interpretation_services TEXT,
            application_process     TEXT,
            fees_description        TEXT,
            wait_time               TEXT,
            fees                    TEXT,
            accreditations          TEXT,
            eligibility_description TEXT,
            minimum_age             REAL,
            maximum_age             REAL,
            assured_date            TEXT,
            assurer_email           TEXT,
            licenses                TEXT,
            alert                   TEXT,
            capacity_status         TEXT NOT NULL DEFAULT 'unknown' CHECK (capacity_status IN (
                                        'available', 'unavailable', 'waitlist', 'assessment', 'unknown')),
            capacity_note           TEXT,                   -- e.g. waitlist length or next free date
            capacity_updated_at     TEXT,
            verified_at             TEXT,
            verified_by             TEXT,
            verification_method     TEXT CHECK (verification_method IN (
                                        'self_confirmation', 'coordinator_review', 'phone', 'site_visit', 'import')),
            next_review_due         TEXT,
            respond_by_days         INTEGER NOT NULL DEFAULT 3 CHECK (respond_by_days BETWEEN 1 AND 60),
            hidden                  INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
            created_at              TEXT NOT NULL,
            last_modified           TEXT NOT NULL,
            CHECK (minimum_age IS NULL OR maximum_age IS NULL OR minimum_age <= maximum_age)
        );
        CREATE INDEX service_organization ON service(organization_id);

        -- HSDS location + DE profile: its Sozialraum and its visibility. 'public' is shown to
        -- everyone, 'network' to logged-in professionals, 'internal' to its own organization and
        -- coordinators (a women's shelter's address).
        CREATE TABLE location (
            id                       TEXT PRIMARY KEY NOT NULL,
            organization_id          TEXT REFERENCES organization(id) ON DELETE CASCADE,
            location_type            TEXT NOT NULL DEFAULT 'physical' CHECK (location_type IN ('physical', 'postal', 'virtual')),
            url                      TEXT,
            name                     TEXT,
            alternate_name           TEXT,
            description              TEXT,
            transportation           TEXT,
            latitude                 REAL CHECK (latitude IS NULL OR latitude BETWEEN -90 AND 90),
            longitude                REAL CHECK (longitude IS NULL OR longitude BETWEEN -180 AND 180),
            external_identifier      TEXT,
            external_identifier_type TEXT,
            sozialraum_id            TEXT REFERENCES sozialraum(id),
            visibility               TEXT NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'network', 'internal'))
        );
        CREATE INDEX location_organization ON location(organization_id);
        CREATE INDEX location_sozialraum ON location(sozialraum_id);

        -- HSDS address (visibility of its location).
        CREATE TABLE address (
            id             TEXT PRIMARY KEY NOT NULL,
            location_id    TEXT REFERENCES location(id) ON DELETE CASCADE,
            attention      TEXT,
            address_1      TEXT NOT NULL,
            address_2      TEXT,
            city           TEXT NOT NULL,
            region         TEXT,
            state_province TEXT NOT NULL DEFAULT '',
            postal_code    TEXT NOT NULL,
            country        TEXT NOT NULL DEFAULT 'DE',
            address_type   TEXT NOT NULL DEFAULT 'physical' CHECK (address_type IN ('physical', 'postal', 'virtual'))
        );
        CREATE INDEX address_location ON address(location_id);

        -- HSDS service_at_location: where a service is offered.
        CREATE TABLE service_at_location (
            id          TEXT PRIMARY KEY NOT NULL,
            service_id  TEXT NOT NULL REFERENCES service(id) ON DELETE CASCADE,
            location_id TEXT NOT NULL REFERENCES location(id) ON DELETE CASCADE,
            description TEXT,
            UNIQUE (service_id, location_id)
        );
        CREATE INDEX service_at_location_location ON service_at_location(location_id);

        -- HSDS contact + DE visibility (a named person may be network-only).
        CREATE TABLE contact (
            id                     TEXT PRIMARY KEY NOT NULL,
            organization_id        TEXT REFERENCES organization(id) ON DELETE CASCADE,
            service_id             TEXT REFERENCES service(id) ON DELETE CASCADE,
            service_at_location_id TEXT REFERENCES service_at_location(id) ON DELETE CASCADE,
            location_id            TEXT REFERENCES location(id) ON DELETE CASCADE,
            name                   TEXT,
            title                  TEXT,
            department             TEXT,
            email                  TEXT,
            visibility             TEXT NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'network', 'internal'))
        );
        CREATE INDEX contact_organization ON contact(organization_id);
        CREATE INDEX contact_service ON contact(service_id);
        CREATE INDEX contact_location ON contact(location_id);

        -- HSDS phone + DE visibility; a phone is also hidden when its location or contact is.
        CREATE TABLE phone (
            id                     TEXT PRIMARY KEY NOT NULL,
            location_id            TEXT REFERENCES location(id) ON DELETE CASCADE,
            service_id             TEXT REFERENCES service(id) ON DELETE CASCADE,
            organization_id        TEXT REFERENCES organization(id) ON DELETE CASCADE,
            contact_id             TEXT REFERENCES contact(id) ON DELETE CASCADE,
            service_at_location_id TEXT REFERENCES service_at_location(id) ON DELETE CASCADE,
            number                 TEXT NOT NULL,
            extension              TEXT,
            type                   TEXT CHECK (type IS NULL OR type IN ('text', 'voice', 'fax', 'cell', 'video', 'pager', 'textphone')),
            description            TEXT,
            visibility             TEXT NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'network', 'internal'))
        );
        CREATE INDEX phone_location ON phone(location_id);
        CREATE INDEX phone_service ON phone(service_id);
        CREATE INDEX phone_organization ON phone(organization_id);
        CREATE INDEX phone_contact ON phone(contact_id);

        -- HSDS schedule (RFC 5545 style). `tzid` keeps the IANA zone; exports give HSDS its
        -- numeric offset.
        CREATE TABLE schedule (
            id                     TEXT PRIMARY KEY NOT NULL,
            service_id             TEXT REFERENCES service(id) ON DELETE CASCADE,
            location_id            TEXT REFERENCES location(id) ON DELETE CASCADE,
            service_at_location_id TEXT REFERENCES service_at_location(id) ON DELETE CASCADE,
            valid_from             TEXT,
            valid_to               TEXT,
            dtstart                TEXT,
            tzid                   TEXT NOT NULL DEFAULT 'Europe/Berlin',
            until                  TEXT,
            count                  INTEGER,
            wkst                   TEXT CHECK (wkst IS NULL OR wkst IN ('MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU')),
            freq                   TEXT CHECK (freq IS NULL OR freq IN ('WEEKLY', 'MONTHLY')),
            interval               INTEGER,
            byday                  TEXT,                    -- e.g. 'MO,TU,TH' or '1MO'
            byweekno               TEXT,
            bymonthday             TEXT,
            byyearday              TEXT,
            description            TEXT,
            opens_at               TEXT,                    -- 'HH:MM' or 'HH:MM:SS', local time
            closes_at              TEXT,
            schedule_link          TEXT,
            attending_type         TEXT,
            notes                  TEXT
        );
        CREATE INDEX schedule_service ON schedule(service_id);
        CREATE INDEX schedule_location ON schedule(location_id);
        CREATE INDEX schedule_service_at_location ON schedule(service_at_location_id);

        -- HSDS service_area + DE: the Sozialraum a service covers.
        CREATE TABLE service_area (
            id                     TEXT PRIMARY KEY NOT NULL,
            service_id             TEXT REFERENCES service(id) ON DELETE CASCADE,
            service_at_location_id TEXT REFERENCES service_at_location(id) ON DELETE CASCADE,
            name                   TEXT,
            description            TEXT,
            extent                 TEXT,
            extent_type            TEXT,
            uri                    TEXT,
            sozialraum_id          TEXT REFERENCES sozialraum(id)
        );
        CREATE INDEX service_area_service ON service_area(service_id);
        CREATE INDEX service_area_sozialraum ON service_area(sozialraum_id);

        -- HSDS language (ISO 639 code) of a service, location or phone.
        CREATE TABLE language (
            id          TEXT PRIMARY KEY NOT NULL,
            service_id  TEXT REFERENCES service(id) ON DELETE CASCADE,
            location_id TEXT REFERENCES location(id) ON DELETE CASCADE,
            phone_id    TEXT REFERENCES phone(id) ON DELETE CASCADE,
            name        TEXT,
            code        TEXT,
            note        TEXT
        );
        CREATE INDEX language_service ON language(service_id);
        CREATE INDEX language_location ON language(location_id);

        -- HSDS accessibility: free text per location. The feature vocabulary is the
        -- 'barrierefreiheit' taxonomy, linked through attribute.
        CREATE TABLE accessibility (
            id          TEXT PRIMARY KEY NOT NULL,
            location_id TEXT REFERENCES location(id) ON DELETE CASCADE,
            description TEXT,
            details     TEXT,
            url         TEXT
        );
        CREATE INDEX accessibility_location ON accessibility(location_id);

        -- HSDS funding (free text source); the coded legal basis is an attribute.
        CREATE TABLE funding (
            id              TEXT PRIMARY KEY NOT NULL,
            organization_id TEXT REFERENCES organization(id) ON DELETE CASCADE,
            service_id      TEXT REFERENCES service(id) ON DELETE CASCADE,
            source          TEXT
        );
        CREATE INDEX funding_service ON funding(service_id);

        -- HSDS cost_option.
        CREATE TABLE cost_option (
            id                 TEXT PRIMARY KEY NOT NULL,
            service_id         TEXT NOT NULL REFERENCES service(id) ON DELETE CASCADE,
            valid_from         TEXT,
            valid_to           TEXT,
            option             TEXT,
            currency           TEXT,
            amount             REAL,
            amount_description TEXT
        );
        CREATE INDEX cost_option_service ON cost_option(service_id);

        -- HSDS required_document ("what to bring").
        CREATE TABLE required_document (
            id         TEXT PRIMARY KEY NOT NULL,
            service_id TEXT REFERENCES service(id) ON DELETE CASCADE,
            document   TEXT,
            uri        TEXT
        );
        CREATE INDEX required_document_service ON required_document(service_id);

        -- HSDS unit and service_capacity (counts, e.g. free places); the coarse DE capacity
        -- status lives on service.
        CREATE TABLE unit (
            id         TEXT PRIMARY KEY NOT NULL,
            name       TEXT NOT NULL,
            scheme     TEXT,
            identifier TEXT,
            uri        TEXT
        );
        CREATE TABLE service_capacity (
            id          TEXT PRIMARY KEY NOT NULL,
            service_id  TEXT NOT NULL REFERENCES service(id) ON DELETE CASCADE,
            unit_id     TEXT NOT NULL REFERENCES unit(id),
            available   REAL NOT NULL,
            maximum     REAL,
            description TEXT,
            updated     TEXT NOT NULL
        );
        CREATE INDEX service_capacity_service ON service_capacity(service_id);

        -- HSDS url: additional web addresses of an organization or service.
        CREATE TABLE url (
            id              TEXT PRIMARY KEY NOT NULL,
            label           TEXT,
            url             TEXT NOT NULL,
            organization_id TEXT REFERENCES organization(id) ON DELETE CASCADE,
            service_id      TEXT REFERENCES service(id) ON DELETE CASCADE
        );

        -- HSDS attribute: links any record to a taxonomy term. Lotse's needs, target groups,
        -- legal bases (on services) and accessibility features (on locations) live here.
        -- link_id is polymorphic, so deletes are cleaned up by triggers below.
        CREATE TABLE attribute (
            id               TEXT PRIMARY KEY NOT NULL,
            link_id          TEXT NOT NULL,
            link_entity      TEXT NOT NULL,                 -- 'service', 'location', 'organization', …
            link_type        TEXT,
            taxonomy_term_id TEXT NOT NULL REFERENCES taxonomy_term(id),
            value            TEXT,
            label            TEXT,
            UNIQUE (link_entity, link_id, taxonomy_term_id)
        );
        CREATE INDEX attribute_term ON attribute(taxonomy_term_id);

        CREATE TRIGGER service_delete_attributes AFTER DELETE ON service BEGIN
            DELETE FROM attribute WHERE link_entity = 'service' AND link_id = OLD.id;
        END;
        CREATE TRIGGER location_delete_attributes AFTER DELETE ON location BEGIN
            DELETE FROM attribute WHERE link_entity = 'location' AND link_id = OLD.id;
        END;
        CREATE TRIGGER organization_delete_attributes AFTER DELETE ON organization BEGIN
            DELETE FROM attribute WHERE link_entity = 'organization' AND link_id = OLD.id;
        END;

        -- HSDS metadata: the field-level change history (who, when, old → new).
        CREATE TABLE metadata (
            id                TEXT PRIMARY KEY NOT NULL,
            resource_id       TEXT NOT NULL,
            resource_type     TEXT NOT NULL,
            last_action_date  TEXT NOT NULL,
            last_action_type  TEXT NOT NULL,
            field_name        TEXT NOT NULL,
            previous_value    TEXT NOT NULL,
            replacement_value TEXT NOT NULL,
            updated_by        TEXT NOT NULL
        );
        CREATE INDEX metadata_resource ON metadata(resource_id, last_action_date);

        -- Search. search_document holds each service's case-, umlaut- and ß-folded text in two
        -- fields (name: service and organization names; body: everything else public);
        -- search_fts is its FTS5 trigram index, kept in sync by the triggers below. The
        -- directory triggers further down mark services whose text may have changed in
        -- search_dirty; SearchDocuments.refresh rewrites them in the same transaction.
        CREATE TABLE search_document (
            rowid      INTEGER PRIMARY KEY,
            service_id TEXT NOT NULL UNIQUE REFERENCES service(id) ON DELETE CASCADE,
            sort_key   TEXT NOT NULL,                       -- folded name, the default order
            name       TEXT NOT NULL,
            body       TEXT NOT NULL
        );
        CREATE INDEX search_document_sort ON search_document(sort_key, service_id);
        CREATE VIRTUAL TABLE search_fts USING fts5(
            name, body, content = 'search_document', content_rowid = 'rowid', tokenize = 'trigram');
        CREATE TRIGGER search_document_insert AFTER INSERT ON search_document BEGIN
            INSERT INTO search_fts(rowid, name, body) VALUES (NEW.rowid, NEW.name, NEW.body);
        END;
        CREATE TRIGGER search_document_delete AFTER DELETE ON search_document BEGIN
            INSERT INTO search_fts(search_fts, rowid, name, body) VALUES ('delete', OLD.rowid, OLD.name, OLD.body);
        END;
        CREATE TRIGGER search_document_update AFTER UPDATE ON search_document BEGIN
            INSERT INTO search_fts(search_fts, rowid, name, body) VALUES ('delete', OLD.rowid, OLD.name, OLD.body);
            INSERT INTO search_fts(rowid, name, body) VALUES (NEW.rowid, NEW.name, NEW.body);
        END;

        CREATE TABLE search_dirty (service_id TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID;

        -- Every change that can alter a service's search text or facets marks it dirty.
        CREATE TRIGGER dirty_service_insert AFTER INSERT ON service BEGIN
            INSERT OR IGNORE INTO search_dirty VALUES (NEW.id);
        END;
        CREATE TRIGGER dirty_service_update AFTER UPDATE ON service BEGIN
            INSERT OR IGNORE INTO search_dirty VALUES (NEW.id);
        END;
        CREATE TRIGGER dirty_organization_update AFTER UPDATE ON organization BEGIN
            INSERT OR IGNORE INTO search_dirty SELECT id FROM service WHERE organization_id = NEW.id;
        END;
        CREATE TRIGGER dirty_attribute_insert AFTER INSERT ON attribute BEGIN
            INSERT OR IGNORE INTO search_dirty
                SELECT NEW.link_id WHERE NEW.link_entity = 'service' AND EXISTS (SELECT 1 FROM service WHERE id = NEW.link_id)
                UNION SELECT service_id FROM service_at_location WHERE NEW.link_entity = 'location' AND location_id = NEW.link_id;
        END;
        CREATE TRIGGER dirty_attribute_delete AFTER DELETE ON attribute BEGIN
            INSERT OR IGNORE INTO search_dirty
                SELECT OLD.link_id WHERE OLD.link_entity = 'service' AND EXISTS (SELECT 1 FROM service WHERE id = OLD.link_id)
                UNION SELECT service_id FROM service_at_location WHERE OLD.link_entity = 'location' AND location_id = OLD.link_id;
        END;
        CREATE TRIGGER dirty_term_update AFTER UPDATE OF name, parent_id, retired_at ON taxonomy_term BEGIN
            INSERT OR IGNORE INTO search_dirty
                SELECT link_id FROM attribute WHERE taxonomy_term_id = NEW.id AND link_entity = 'service';
        END;
        CREATE TRIGGER dirty_service_at_location_insert AFTER INSERT ON service_at_location BEGIN
            INSERT OR IGNORE INTO search_dirty VALUES (NEW.service_id);
        END;
        CREATE TRIGGER dirty_service_at_location_delete AFTER DELETE ON service_at_location BEGIN
            INSERT OR IGNORE INTO search_dirty SELECT OLD.service_id WHERE EXISTS (SELECT 1 FROM service WHERE id = OLD.service_id);
        END;
        CREATE TRIGGER dirty_location_update AFTER UPDATE ON location BEGIN
            INSERT OR IGNORE INTO search_dirty SELECT service_id FROM service_at_location WHERE location_id = NEW.id;
        END;
        CREATE TRIGGER dirty_address_insert AFTER INSERT ON address BEGIN
            INSERT OR IGNORE INTO search_dirty SELECT service_id FROM service_at_location WHERE location_id = NEW.location_id;
        END;
        CREATE TRIGGER dirty_address_update AFTER UPDATE ON address BEGIN
            INSERT OR IGNORE INTO search_dirty SELECT service_id FROM service_at_location WHERE location_id IN (OLD.location_id, NEW.location_id);
        END;
        CREATE TRIGGER dirty_address_delete AFTER DELETE ON address BEGIN
            INSERT OR IGNORE INTO search_dirty SELECT service_id FROM service_at_location WHERE location_id = OLD.location_id;
        END;
        CREATE TRIGGER dirty_language_insert AFTER INSERT ON language BEGIN
            INSERT OR IGNORE INTO search_dirty SELECT NEW.service_id WHERE NEW.service_id IS NOT NULL
                UNION SELECT service_id FROM service_at_location WHERE location_id = NEW.location_id;
        END;
        CREATE TRIGGER dirty_language_delete AFTER DELETE ON language BEGIN
            INSERT OR IGNORE INTO search_dirty SELECT OLD.service_id WHERE EXISTS (SELECT 1 FROM service WHERE id = OLD.service_id)
                UNION SELECT service_id FROM service_at_location WHERE location_id = OLD.location_id;
        END;
        CREATE TRIGGER dirty_service_area_insert AFTER INSERT ON service_area BEGIN
            INSERT OR IGNORE INTO search_dirty SELECT NEW.service_id WHERE NEW.service_id IS NOT NULL;
        END;
        CREATE TRIGGER dirty_service_area_update AFTER UPDATE ON service_area BEGIN
            INSERT OR IGNORE INTO search_dirty SELECT NEW.service_id WHERE NEW.service_id IS NOT NULL;
        END;
        CREATE TRIGGER dirty_service_area_delete AFTER DELETE ON service_area BEGIN
            INSERT OR IGNORE INTO search_dirty SELECT OLD.service_id WHERE EXISTS (SELECT 1 FROM service WHERE id = OLD.service_id);
        END;
        CREATE TRIGGER dirty_schedule_change AFTER INSERT ON schedule BEGIN
            INSERT OR IGNORE INTO search_dirty SELECT NEW.service_id WHERE NEW.service_id IS NOT NULL
                UNION SELECT service_id FROM service_at_location WHERE id = NEW.service_at_location_id;
        END;
        CREATE TRIGGER dirty_schedule_update AFTER UPDATE ON schedule BEGIN
            INSERT OR IGNORE INTO search_dirty SELECT NEW.service_id WHERE NEW.service_id IS NOT NULL
                UNION SELECT service_id FROM service_at_location WHERE id = NEW.service_at_location_id;
        END;
        CREATE TRIGGER dirty_schedule_delete AFTER DELETE ON schedule BEGIN
            INSERT OR IGNORE INTO search_dirty SELECT OLD.service_id WHERE EXISTS (SELECT 1 FROM service WHERE id = OLD.service_id)
                UNION SELECT service_id FROM service_at_location WHERE id = OLD.service_at_location_id;
        END;
        CREATE TRIGGER dirty_sozialraum_update AFTER UPDATE OF name, parent_id, retired_at ON sozialraum BEGIN
            INSERT OR IGNORE INTO search_dirty
                SELECT sal.service_id FROM location l JOIN service_at_location sal ON sal.location_id = l.id
                WHERE l.sozialraum_id = NEW.id
                UNION SELECT service_id FROM service_area WHERE sozialraum_id = NEW.id AND service_id IS NOT NULL;
        END;

        -- Bumped by every search refresh; readers rebuild their in-memory index when it moves.
        INSERT INTO lotse_meta(key, value) VALUES ('directory_generation', '0');
        """)

    // MARK: 002 — accounts, sessions, review queue

    /// People and what they may do: accounts with roles, the organizations a provider editor
    /// edits, sessions and one-time links (stored only as SHA-256 hashes), login attempts for
    /// throttling, the review queue of provider changes and suggested corrections.
    static let accounts = Migration("002_accounts", sql: """
        -- A person using Lotse. Roles (docs/domain.md §3): counselor, provider (editor of one or more
        -- organizations), coordinator, admin. password_hash holds the KDF and its parameters
        -- ("scrypt$ln$r$p$salt$hash", base64) so they can be raised later; NULL means the person
        -- logs in by e-mail link only.
        CREATE TABLE account (
            id              TEXT PRIMARY KEY NOT NULL,
            email           TEXT NOT NULL UNIQUE COLLATE NOCASE,
            display_name    TEXT NOT NULL,
            role            TEXT NOT NULL CHECK (role IN ('counselor', 'provider', 'coordinator', 'admin')),
            password_hash   TEXT,
            status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('invited', 'active', 'disabled')),
            organization_id TEXT REFERENCES organization(id),  -- a counselor's own organization
            created_at      TEXT NOT NULL,
            last_login_at   TEXT,
            disabled_at     TEXT
        );

        -- The organizations a provider editor may edit.
        CREATE TABLE account_organization (
            account_id      TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            organization_id TEXT NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
            PRIMARY KEY (account_id, organization_id)
        ) WITHOUT ROWID;

        -- The Sozialräume a counselor or coordinator works in (digests, defaults).
        CREATE TABLE account_area (
            account_id    TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            sozialraum_id TEXT NOT NULL REFERENCES sozialraum(id),
            PRIMARY KEY (account_id, sozialraum_id)
        ) WITHOUT ROWID;

        -- A login session. Only the SHA-256 of the 256-bit token is stored; the CSRF token of
        -- its forms is kept with it. Idle and absolute expiry are checked on every request.
        CREATE TABLE session (
            token_hash   TEXT PRIMARY KEY NOT NULL,
            account_id   TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            csrf_token   TEXT NOT NULL,
            created_at   TEXT NOT NULL,
            last_seen_at TEXT NOT NULL,
            expires_at   TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX session_account ON session(account_id);

        -- One-time links sent by e-mail: log in, reset a password, accept an invitation.
        -- Stored as SHA-256 hashes; single use; expiring.
        CREATE TABLE login_token (
            token_hash TEXT PRIMARY KEY NOT NULL,
            account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            purpose    TEXT NOT NULL CHECK (purpose IN ('login', 'reset', 'invite')),
            next_path  TEXT,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            used_at    TEXT
        ) WITHOUT ROWID;
        CREATE INDEX login_token_account ON login_token(account_id);

        -- Login attempts for throttling per account and per address (kept one day).
        CREATE TABLE login_attempt (
            id        INTEGER PRIMARY KEY,
            email     TEXT NOT NULL COLLATE NOCASE,
            address   TEXT NOT NULL,
            kind      TEXT NOT NULL CHECK (kind IN ('password', 'link')),
            succeeded INTEGER NOT NULL CHECK (succeeded IN (0, 1)),
            at        TEXT NOT NULL
        );
        CREATE INDEX login_attempt_email ON login_attempt(email, at);
        CREATE INDEX login_attempt_address ON login_attempt(address, at);

        -- The review queue: a provider's structural change (new service, new name, new address
        -- …) waits here; the public keeps seeing the last approved version until a coordinator
        -- approves or returns it. `changes` is a JSON object {table: {column: value}} per row.
        CREATE TABLE change_request (
            id              TEXT PRIMARY KEY NOT NULL,
            organization_id TEXT NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
            entity          TEXT NOT NULL,          -- table of the changed record
            entity_id       TEXT NOT NULL,          -- its id (new id for a new record)
            action          TEXT NOT NULL CHECK (action IN ('create', 'update')),
            summary         TEXT NOT NULL,          -- German one-liner for the queue
            changes         TEXT NOT NULL,          -- JSON
            submitted_by    TEXT NOT NULL REFERENCES account(id),
            submitted_at    TEXT NOT NULL,
            status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'returned', 'withdrawn')),
            reviewed_by     TEXT REFERENCES account(id),
            reviewed_at     TEXT,
            review_comment  TEXT
        );
        CREATE INDEX change_request_status ON change_request(status, submitted_at);
        CREATE INDEX change_request_entity ON change_request(entity_id, status);

        -- "Korrektur vorschlagen" on a public service page: lands in the owning organization's
        -- queue (and the coordinators'). No personal data is asked for.
        CREATE TABLE correction (
            id              TEXT PRIMARY KEY NOT NULL,
            service_id      TEXT NOT NULL REFERENCES service(id) ON DELETE CASCADE,
            organization_id TEXT NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
            text            TEXT NOT NULL,
            created_at      TEXT NOT NULL,
            status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dismissed')),
            handled_by      TEXT REFERENCES account(id),
            handled_at      TEXT
        );
        CREATE INDEX correction_organization ON correction(organization_id, status);
        """)

    // MARK: 003 — referrals, consent, routing, notifications, audit, retention

    /// The referral desk (docs/domain.md §5–§6): referrals with their timeline, notes and recipients; consent per recipient; routing rules; notifications for screens and
    /// digests; the idempotency marks of the deadline jobs; the hash-chained audit log; and the
    /// log of retention runs.
    ///
    /// Personal data lives only in the columns marked "personal" below; retention empties them
    /// (and deletes notes) once a closed referral is past its period. No personal column is
    /// indexed, and nothing here is copied into the directory search. Need codes are a column
    /// of the referral, so reports aggregate a million referrals in one table scan.
    static let referrals = Migration("003_referrals", sql: """
        -- A referral of a (pseudonymous) citizen from a counselor to one service, or to a pool
        -- of services claimed by the first that accepts. Parallel offers are one referral per
        -- candidate sharing group_id (the first acceptance cancels the siblings). status is the
        -- FHIR Task status; business_status holds the finer provider steps. Referrals are never
        -- deleted: mistakes become 'entered-in-error', which can be reopened.
        CREATE TABLE referral (
            id                        TEXT PRIMARY KEY NOT NULL,
            group_id                  TEXT NOT NULL,            -- = id of the first referral of the group
            status                    TEXT NOT NULL DEFAULT 'draft' CHECK (status IN (
                                          'draft', 'requested', 'accepted', 'rejected', 'in-progress', 'on-hold',
                                          'cancelled', 'failed', 'completed', 'entered-in-error')),
            previous_status           TEXT,                     -- the status before 'entered-in-error' (reopening)
            business_status           TEXT CHECK (business_status IS NULL OR business_status IN (
                                          'read', 'waitlist', 'appointment', 'contact-failed')),
            reason                    TEXT CHECK (reason IS NULL OR reason IN (
                                          'capacity', 'not-eligible', 'outside-service-area', 'missing-information',
                                          'citizen-declined', 'could-not-contact', 'other',
                                          'no-response', 'sibling-accepted', 'consent-withdrawn')),
            reason_text               TEXT,                     -- personal (free text)
            declined_by               TEXT CHECK (declined_by IS NULL OR declined_by IN ('provider', 'citizen')),
            urgency                   TEXT NOT NULL DEFAULT 'routine' CHECK (urgency IN ('routine', 'urgent')),
            requester_account_id      TEXT NOT NULL REFERENCES account(id),
            requester_organization_id TEXT REFERENCES organization(id),
            service_id                TEXT REFERENCES service(id),      -- target; for a pool, set when claimed
            organization_id           TEXT REFERENCES organization(id), -- the target service's organization
            pool_kind                 TEXT,                     -- pool: organization kind …
            pool_sozialraum_id        TEXT REFERENCES sozialraum(id),   -- … located in or covering this area
            sozialraum_id             TEXT REFERENCES sozialraum(id),   -- where the citizen lives
            needs                     TEXT NOT NULL DEFAULT '', -- comma-separated 'bedarf' codes, sorted
            target_groups             TEXT NOT NULL DEFAULT '', -- comma-separated 'zielgruppe' codes
            preferred_language        TEXT,                     -- ISO 639 code
            accessibility_needs       TEXT NOT NULL DEFAULT '', -- comma-separated 'barrierefreiheit' codes
            desired_from              TEXT,                     -- desired window, YYYY-MM-DD
            desired_until             TEXT,
            respond_by                TEXT,                     -- YYYY-MM-DD, working days after sending
            do_not_contact            INTEGER NOT NULL DEFAULT 0 CHECK (do_not_contact IN (0, 1)),
            case_reference            TEXT,                     -- personal: the counselor's pseudonym
            citizen_name              TEXT,                     -- personal, only where needed
            citizen_phone             TEXT,                     -- personal
            citizen_email             TEXT,                     -- personal
            citizen_address           TEXT,                     -- personal
            outcome                   TEXT CHECK (outcome IS NULL OR outcome IN ('helped', 'partly-helped', 'not-helped', 'unknown')),
            outcome_text              TEXT,                     -- personal (free text)
            citizen_feedback          TEXT,                     -- personal (free text)
            created_at                TEXT NOT NULL,
            sent_at                   TEXT,
            responded_at              TEXT,                     -- first accept or reject
            status_changed_at         TEXT NOT NULL,
            closed_at                 TEXT,                     -- when it became terminal
            loop_closed_at            TEXT,                     -- when the counselor recorded the outcome
            anonymised_at             TEXT                      -- retention emptied the personal columns
        );
        CREATE INDEX referral_group ON referral(group_id);
        CREATE INDEX referral_status ON referral(status, respond_by);
        CREATE INDEX referral_service ON referral(service_id, status);
        CREATE INDEX referral_organization ON referral(organization_id, status);
        CREATE INDEX referral_requester ON referral(requester_organization_id, status);
        CREATE INDEX referral_closed ON referral(closed_at) WHERE anonymised_at IS NULL;
        -- Reports scan this narrow covering index instead of the wide rows (no personal column).
        CREATE INDEX referral_report ON referral(created_at, sozialraum_id, needs, status, reason, service_id, sent_at, responded_at);

        -- Referrals are never deleted: mistakes become 'entered-in-error', retention anonymises.
        CREATE TRIGGER referral_never_deleted BEFORE DELETE ON referral BEGIN
            SELECT RAISE(ABORT, 'referrals are never deleted');
        END;

        -- Who a sent referral is addressed to: one row for a direct referral, one per pool
        -- member for a pool ('offered' until one claims it; the others become 'released').
        CREATE TABLE referral_recipient (
            referral_id     TEXT NOT NULL REFERENCES referral(id),
            service_id      TEXT NOT NULL REFERENCES service(id),
            organization_id TEXT NOT NULL REFERENCES organization(id),
            state           TEXT NOT NULL DEFAULT 'offered' CHECK (state IN ('offered', 'claimed', 'released')),
            PRIMARY KEY (referral_id, service_id)
        ) WITHOUT ROWID;
        CREATE INDEX referral_recipient_organization ON referral_recipient(organization_id, state);

        -- The timeline: one row per change (status, business status, claim, reopening, note,
        -- closing the loop): who, in which role and organization, when, from → to, why.
        CREATE TABLE referral_event (
            id              INTEGER PRIMARY KEY,
            referral_id     TEXT NOT NULL REFERENCES referral(id),
            at              TEXT NOT NULL,
            kind            TEXT NOT NULL CHECK (kind IN ('status', 'business', 'claim', 'reopen', 'note', 'loop')),
            account_id      TEXT REFERENCES account(id),      -- NULL for the system (jobs)
            role            TEXT NOT NULL CHECK (role IN ('counselor', 'provider', 'coordinator', 'admin', 'system')),
            organization_id TEXT,
            from_status     TEXT,
            to_status       TEXT,
            business_status TEXT,
            reason          TEXT,
            reason_text     TEXT                              -- personal (free text)
        );
        CREATE INDEX referral_event_referral ON referral_event(referral_id, id);

        -- The notes thread of a referral.
        CREATE TABLE referral_note (
            id              INTEGER PRIMARY KEY,
            referral_id     TEXT NOT NULL REFERENCES referral(id),
            at              TEXT NOT NULL,
            account_id      TEXT NOT NULL REFERENCES account(id),
            role            TEXT NOT NULL,
            organization_id TEXT,
            body            TEXT NOT NULL                     -- personal
        );
        CREATE INDEX referral_note_referral ON referral_note(referral_id, id);

        -- Consent (docs/domain.md §6.1), recorded on a referral group before sending: who
        -- consented, for which recipient organizations (consent_recipient), which data
        -- categories, purpose, form, date, expiry, information-text version, release from
        -- professional secrecy (Schweigepflichtentbindung). Withdrawal keeps the row.
        CREATE TABLE consent (
            id                      TEXT PRIMARY KEY NOT NULL,
            group_id                TEXT NOT NULL,
            consented_by            TEXT NOT NULL CHECK (consented_by IN ('citizen', 'representative')),
            consenting_person       TEXT,                     -- personal (a representative's name)
            categories              TEXT NOT NULL,            -- comma-separated: needs, identity, contact, health
            purpose                 TEXT NOT NULL,            -- personal (free text)
            form                    TEXT NOT NULL CHECK (form IN ('signed', 'electronic', 'verbal-recorded')),
            given_on                TEXT NOT NULL,            -- YYYY-MM-DD
            expires_on              TEXT,                     -- YYYY-MM-DD, last valid day
            information_version     TEXT NOT NULL,
            confidentiality_release INTEGER NOT NULL DEFAULT 0 CHECK (confidentiality_release IN (0, 1)),
            recorded_by             TEXT NOT NULL REFERENCES account(id),
            recorded_at             TEXT NOT NULL,
            withdrawn_at            TEXT,
            withdrawn_by            TEXT REFERENCES account(id)
        );
        CREATE INDEX consent_group ON consent(group_id);
        CREATE TABLE consent_recipient (
            consent_id      TEXT NOT NULL REFERENCES consent(id),
            organization_id TEXT NOT NULL REFERENCES organization(id),
            PRIMARY KEY (consent_id, organization_id)
        ) WITHOUT ROWID;

        -- Notifications for screens and digests, to an account or to every editor of an
        -- organization. They carry codes and ids only, never personal data.
        CREATE TABLE notification (
            id              INTEGER PRIMARY KEY,
            account_id      TEXT REFERENCES account(id),
            organization_id TEXT REFERENCES organization(id),
            referral_id     TEXT REFERENCES referral(id),
            kind            TEXT NOT NULL CHECK (kind IN (
                                'referral-received', 'respond-reminder', 'no-response-alert', 'auto-cancelled',
                                'status-requested', 'status-changed', 'sibling-cancelled', 'consent-withdrawn',
                                'pool-claimed')),
            detail          TEXT NOT NULL DEFAULT '',         -- e.g. alternative service ids
            created_at      TEXT NOT NULL,
            read_at         TEXT,
            CHECK (account_id IS NOT NULL OR organization_id IS NOT NULL)
        );
        CREATE INDEX notification_account ON notification(account_id, read_at);
        CREATE INDEX notification_organization ON notification(organization_id, read_at);
        CREATE INDEX notification_referral ON notification(referral_id);

        -- Deadline and escalation steps already taken (each happens once per referral).
        CREATE TABLE referral_job_step (
            referral_id TEXT NOT NULL REFERENCES referral(id),
            step        TEXT NOT NULL,                        -- 'reminder', 'alert', 'auto-cancel', 'stalled:<date>'
            done_at     TEXT NOT NULL,
            PRIMARY KEY (referral_id, step)
        ) WITHOUT ROWID;

        -- Routing rules kept by coordinators: need term × Sozialraum → an ordered list of
        -- services (routing_rule_service) or a pool (organization kind + area).
        CREATE TABLE routing_rule (
            id                 TEXT PRIMARY KEY NOT NULL,
            need_code          TEXT NOT NULL,
            sozialraum_id      TEXT NOT NULL REFERENCES sozialraum(id),
            target_kind        TEXT NOT NULL CHECK (target_kind IN ('services', 'pool')),
            pool_kind          TEXT,
            pool_sozialraum_id TEXT REFERENCES sozialraum(id),
            note               TEXT NOT NULL DEFAULT '',
            created_by         TEXT REFERENCES account(id),
            created_at         TEXT NOT NULL,
            UNIQUE (need_code, sozialraum_id),
            CHECK (target_kind = 'services' OR (pool_kind IS NOT NULL AND pool_sozialraum_id IS NOT NULL))
        );
        CREATE TABLE routing_rule_service (
            rule_id    TEXT NOT NULL REFERENCES routing_rule(id) ON DELETE CASCADE,
            position   INTEGER NOT NULL,
            service_id TEXT NOT NULL REFERENCES service(id) ON DELETE CASCADE,
            PRIMARY KEY (rule_id, position)
        ) WITHOUT ROWID;

        -- The audit log of every read, change, export and disclosure of referral data.
        -- Hash-chained: hash = SHA-256 of the row's canonical serialisation including
        -- prev_hash (the previous row's hash), so `lotse audit verify` finds a changed,
        -- deleted, inserted or reordered row. It holds ids and field names, never the data.
        -- Its own retention prunes the oldest rows and records the last pruned row in
        -- audit_anchor, where the chain then starts.
        CREATE TABLE audit_log (
            seq             INTEGER PRIMARY KEY,
            at              TEXT NOT NULL,
            account_id      TEXT,
            role            TEXT NOT NULL,
            organization_id TEXT,
            action          TEXT NOT NULL CHECK (action IN ('read', 'change', 'export', 'disclosure', 'retention')),
            referral_id     TEXT,
            what            TEXT NOT NULL,
            purpose         TEXT NOT NULL,
            prev_hash       TEXT NOT NULL,
            hash            TEXT NOT NULL
        );
        CREATE INDEX audit_log_referral ON audit_log(referral_id, seq);
        CREATE TABLE audit_anchor (
            id        INTEGER PRIMARY KEY CHECK (id = 1),
            seq       INTEGER NOT NULL,                       -- the last pruned row
            hash      TEXT NOT NULL,
            pruned_at TEXT NOT NULL
        );

        -- One row per retention run (also in the audit log).
        CREATE TABLE retention_run (
            id                    INTEGER PRIMARY KEY,
            at                    TEXT NOT NULL,
            dry_run               INTEGER NOT NULL CHECK (dry_run IN (0, 1)),
            referral_cutoff       TEXT NOT NULL,              -- closed before this instant
            referrals_anonymised  INTEGER NOT NULL,
            notes_deleted         INTEGER NOT NULL,
            consents_anonymised   INTEGER NOT NULL,
            audit_rows_pruned     INTEGER NOT NULL,
            notifications_deleted INTEGER NOT NULL
        );
        """)

    // MARK: 004 — weekly digests

    /// Digest preferences, the delivery log that makes every run idempotent per recipient and
    /// ISO week, and the uses of single-use signed links.
    static let digests = Migration("004_digests", sql: """
        -- Per person: whether the weekly digest is wanted, and whether also when there is
        -- nothing to report. No row means the defaults (wanted, not when empty).
        CREATE TABLE digest_preference (
            account_id TEXT PRIMARY KEY NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            enabled    INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
            send_empty INTEGER NOT NULL DEFAULT 0 CHECK (send_empty IN (0, 1)),
            updated_at TEXT NOT NULL
        ) WITHOUT ROWID;

        -- One row per recipient and ISO week. A message is prepared (rendered and stored) once,
        -- so a rerun sends the very same bytes; 'sending' is written before the sendmail pipe
        -- runs and 'sent' after it succeeded; 'failed' is retried by the next run; 'skipped'
        -- records that there was nothing to report. Digests hold counts and links only.
        CREATE TABLE digest_delivery (
            account_id  TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            week        TEXT NOT NULL,                 -- ISO week, e.g. '2026-W48'
            status      TEXT NOT NULL CHECK (status IN ('prepared', 'sending', 'sent', 'failed', 'skipped')),
            message_id  TEXT,
            message     BLOB,                          -- the rendered message
            attempts    INTEGER NOT NULL DEFAULT 0,
            last_error  TEXT,
            prepared_at TEXT NOT NULL,
            sent_at     TEXT,
            PRIMARY KEY (account_id, week)
        ) WITHOUT ROWID;
        CREATE INDEX digest_delivery_week ON digest_delivery(week, status);

        -- Uses of single-use signed links (confirm unchanged, log in and go to).
        CREATE TABLE signed_link_use (
            token_hash TEXT PRIMARY KEY NOT NULL,
            purpose    TEXT NOT NULL,
            used_at    TEXT NOT NULL
        ) WITHOUT ROWID;
        """)

    // MARK: 005 — indexes for reading whole trees

    /// Indexes on the foreign keys that DirectoryReader follows when it builds full HSDS trees
    /// (exports read every organization and service that way); without them each lookup scans
    /// its table, which made exports quadratic in the directory's size.
    static let readerIndexes = Migration("005_reader_indexes", sql: """
        CREATE INDEX language_phone ON language(phone_id);
        CREATE INDEX contact_service_at_location ON contact(service_at_location_id);
        CREATE INDEX phone_service_at_location ON phone(service_at_location_id);
        CREATE INDEX service_area_service_at_location ON service_area(service_at_location_id);
        CREATE INDEX url_organization ON url(organization_id);
        CREATE INDEX url_service ON url(service_id);
        CREATE INDEX funding_organization ON funding(organization_id);
        CREATE INDEX program_organization ON program(organization_id);
        """)

    // MARK: 006 — the mail outbox and rate limits of anonymous forms

    /// The outbox of account e-mails (login links, password resets, invitations): a request
    /// only enqueues a row in its own transaction, and the background sender (`MailQueue`)
    /// issues the link, sends the message and deletes the row, so that a request answers in
    /// the same time whether the account exists or not. No token is stored here: the sender
    /// issues it when it sends. `rate_event` counts anonymous form submissions per client
    /// address (correction suggestions) for one day.
    static let mailOutbox = Migration("006_mail_outbox", sql: """
        -- One account e-mail to send; deleted once sent (or given up after repeated failures).
        CREATE TABLE mail_outbox (
            id           INTEGER PRIMARY KEY,
            kind         TEXT NOT NULL CHECK (kind IN ('login', 'reset', 'invite')),
            account_id   TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            next_path    TEXT,                         -- login: where to continue afterwards
            organization TEXT,                         -- invite: the organization's name
            invited_by   TEXT,                         -- invite: who invited
            attempts     INTEGER NOT NULL DEFAULT 0,
            last_error   TEXT,
            created_at   TEXT NOT NULL,
            due_at       TEXT NOT NULL                 -- next attempt (claimed rows: lease end)
        );
        CREATE INDEX mail_outbox_due ON mail_outbox(due_at);

        -- Submissions of anonymous forms per client address, for rate limits (kept one day).
        CREATE TABLE rate_event (
            id      INTEGER PRIMARY KEY,
            kind    TEXT NOT NULL,                     -- e.g. 'correction'
            address TEXT NOT NULL,
            at      TEXT NOT NULL
        );
        CREATE INDEX rate_event_address ON rate_event(kind, address, at);
        """)

    // MARK: 007 — the consent category of a referral note

    /// Every note of a referral's thread carries the consent category it belongs to (needs,
    /// identity, contact, health; docs/domain.md §6.2): a recipient reads a note only when its
    /// consent covers that category. Notes written before this migration count as `health`,
    /// the most protective category, so none reaches a recipient it was not meant for.
    static let noteCategories = Migration("007_note_categories", sql: """
        ALTER TABLE referral_note ADD COLUMN category TEXT NOT NULL DEFAULT 'health'
            CHECK (category IN ('needs', 'identity', 'contact', 'health'));
        """)

    // MARK: 008 — revoking the links in e-mails

    /// Links in e-mails are narrow keys that can be taken back: `links_valid_after` is moved
    /// on by logout everywhere, a password change and disabling, and a signed link issued
    /// before it is refused. Sent digests keep no copy: stored messages of sent and failed
    /// deliveries from before this migration (with links that would still work) are removed.
    static let linkRevocation = Migration("008_link_revocation", sql: """
        -- Signed links (confirm, unsubscribe, preferences) issued at or before this instant
        -- are refused. NULL: no link of the account was revoked yet.
        ALTER TABLE account ADD COLUMN links_valid_after TEXT;

        -- Copies of sent digests carried working links; only the delivery log stays.
        UPDATE digest_delivery SET message = NULL WHERE status IN ('sent', 'skipped');
        """)

    // MARK: 009 — keyed audit chain, secrets out of the database

    /// The audit chain becomes a chain of HMAC-SHA256 links keyed with the audit key of the key
    /// file (KeyRing); existing unkeyed rows end in an anchor vouched for by an authenticated
    /// "migrated" entry (`AuditLog.startKeyedSegment`). The anchor may only move forward. The
    /// former link secret leaves the database: links signed with it are no longer accepted.
    static let auditMAC = Migration("009_audit_mac", sql: """
        DELETE FROM lotse_meta WHERE key = 'link_secret';
        CREATE TRIGGER audit_anchor_forward BEFORE UPDATE ON audit_anchor WHEN NEW.seq < OLD.seq
        BEGIN SELECT RAISE(ABORT, 'the audit anchor only moves forward'); END;
        CREATE TRIGGER audit_anchor_kept BEFORE DELETE ON audit_anchor
        BEGIN SELECT RAISE(ABORT, 'the audit anchor cannot be deleted'); END;
        """, then: { db in try AuditLog(db: db).startKeyedSegment() })

    // MARK: 010 — access grants

    /// Four eyes for referral-content access: a provider editor of an organization or a
    /// counselor in its team is a pending grant until another person confirms it.
    static let accessGrants = Migration("010_access_grants", sql: """
        CREATE TABLE access_grant (
            id                TEXT PRIMARY KEY,
            email             TEXT NOT NULL,
            display_name      TEXT NOT NULL,
            role              TEXT NOT NULL CHECK (role IN ('provider', 'counselor')),
            organization_id   TEXT NOT NULL,
            origin            TEXT NOT NULL CHECK (origin IN ('invitation', 'administration')),
            requested_by      TEXT NOT NULL,              -- account id
            requested_by_name TEXT NOT NULL,
            requested_at      TEXT NOT NULL,
            status            TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'refused')),
            decided_by        TEXT,
            decided_at        TEXT
        );
        CREATE INDEX access_grant_status ON access_grant(status, organization_id);
        """)

    // MARK: 011 — the Land at the top of the Sozialraum tree

    /// The Land whose public holidays stop the referral clock is an attribute of the top level
    /// of the Sozialraum tree (a city) and inherited by every area below it; coordinators set
    /// it. A city without one takes the Land an area below it carried, else the network's
    /// (`lotse_meta.state_code`); the column is emptied below the top level. Urgent referrals
    /// need no column: `referral.urgency` exists, its shorter deadline is a setting.
    static let urgencyAndLand = Migration("011_urgency_and_land", sql: """
        UPDATE sozialraum SET state_code = (
            SELECT upper(trim(coalesce(
                (SELECT d.state_code FROM sozialraum_closure c JOIN sozialraum d ON d.id = c.descendant
                 WHERE c.ancestor = sozialraum.id AND d.state_code IS NOT NULL AND trim(d.state_code) <> ''
                 ORDER BY c.distance LIMIT 1),
                (SELECT value FROM lotse_meta WHERE key = 'state_code')))))
        WHERE parent_id IS NULL;
        UPDATE sozialraum SET state_code = NULL WHERE parent_id IS NOT NULL;
        """)

    // MARK: 012 — notification e-mails and crash-safe digest delivery

    /// Notification e-mails: each account chooses per kind of notification whether it is
    /// mailed at once, in a daily summary or only counted in the weekly digest; every
    /// notification is mailed at most once per account. Digest and notification deliveries
    /// record the sendmail process group a message was handed to, so that a rerun after a crash
    /// waits for a surviving sendmail instead of sending the message again.
    static let notificationMail = Migration("012_notification_mail", sql: """
        -- The sendmail process group the message was handed to while 'sending' (NULL before the
        -- hand-over), and when the scheduler tries a 'failed' message again (back-off).
        ALTER TABLE digest_delivery ADD COLUMN sendmail_pid INTEGER;
        ALTER TABLE digest_delivery ADD COLUMN next_attempt_at TEXT;

        -- An account's choice per notification kind (no row: the default of its role).
        CREATE TABLE notification_preference (
            account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            kind       TEXT NOT NULL,                  -- notification.kind
            mode       TEXT NOT NULL CHECK (mode IN ('sofort', 'taeglich', 'woechentlich')),
            updated_at TEXT NOT NULL,
            PRIMARY KEY (account_id, kind)
        ) WITHOUT ROWID;

        -- One notification to be mailed to one account, at once or in the daily summary;
        -- unique per notification and account, so nothing is mailed twice. 'sending' with a
        -- sendmail_pid: handed over; a rerun waits for that process group and counts it sent.
        -- batch: the message it went out in (a daily summary carries several rows).
        CREATE TABLE notification_mail (
            id              INTEGER PRIMARY KEY,
            notification_id INTEGER NOT NULL REFERENCES notification(id) ON DELETE CASCADE,
            account_id      TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            mode            TEXT NOT NULL CHECK (mode IN ('sofort', 'taeglich')),
            urgent          INTEGER NOT NULL DEFAULT 0,
            status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'dropped')),
            batch           TEXT,
            sendmail_pid    INTEGER,
            attempts        INTEGER NOT NULL DEFAULT 0,
            last_error      TEXT,
            created_at      TEXT NOT NULL,
            due_at          TEXT NOT NULL,                 -- next attempt ('sending': end of the claim)
            sent_at         TEXT,
            UNIQUE (notification_id, account_id)
        );
        CREATE INDEX notification_mail_due ON notification_mail(status, due_at);
        """)

    // MARK: 013 — one search engine

    /// The in-memory search index is the only search engine: the FTS5 index and its triggers
    /// go. `search_document` keeps each service's folded text by field, so that matches rank
    /// by where they are (name above need and target-group terms above description above
    /// organization and place, building names and accessibility features least), and is
    /// rewritten for every service (`SearchDocuments.refresh` after migrating). The synonym
    /// list of search moves into the database, editable by coordinators.
    static let oneSearchEngine = Migration("013_one_search_engine", sql: """
        DROP TRIGGER IF EXISTS search_document_insert;
        DROP TRIGGER IF EXISTS search_document_delete;
        DROP TRIGGER IF EXISTS search_document_update;
        DROP TABLE IF EXISTS search_fts;
        DROP TABLE search_document;

        -- Search. search_document holds each service's case-, umlaut- and ß-folded text by
        -- field (name: service names; terms: its need, target-group and other taxonomy terms;
        -- description: description and eligibility; organization: organization names; place:
        -- addresses, Sozialräume, covered areas, languages; extra: public building names and
        -- accessibility features). The directory triggers mark services whose text may have
        -- changed in search_dirty; SearchDocuments.refresh rewrites them in the same
        -- transaction. The search index (in memory) is built from this table.
        CREATE TABLE search_document (
            rowid        INTEGER PRIMARY KEY,
            service_id   TEXT NOT NULL UNIQUE REFERENCES service(id) ON DELETE CASCADE,
            sort_key     TEXT NOT NULL,                     -- folded name, the default order
            name         TEXT NOT NULL,
            terms        TEXT NOT NULL,
            description  TEXT NOT NULL,
            organization TEXT NOT NULL,
            place        TEXT NOT NULL,
            extra        TEXT NOT NULL
        );
        CREATE INDEX search_document_sort ON search_document(sort_key, service_id);
        INSERT OR IGNORE INTO search_dirty SELECT id FROM service;

        -- Synonym groups of search, one row per group: its single words as entered,
        -- comma-separated ("obdachlos, wohnungslos"). Seeded from Seeds/synonyme.csv.
        CREATE TABLE search_synonym (
            id    INTEGER PRIMARY KEY,
            words TEXT NOT NULL
        );
        """)

    // MARK: 014 — notification e-mails about access grants

    /// Notification e-mails also announce pending access grants to those who may confirm them:
    /// a row refers to a notification or to a grant (the table is rebuilt for the nullable
    /// notification id; nothing refers to it, so dropping the old one cascades nowhere).
    static let notificationKinds = Migration("014_notification_kinds", sql: """
        CREATE TABLE notification_mail_new (
            id              INTEGER PRIMARY KEY,
            notification_id INTEGER REFERENCES notification(id) ON DELETE CASCADE,
            grant_id        TEXT REFERENCES access_grant(id) ON DELETE CASCADE,
            account_id      TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            mode            TEXT NOT NULL CHECK (mode IN ('sofort', 'taeglich')),
            urgent          INTEGER NOT NULL DEFAULT 0,
            status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'dropped')),
            batch           TEXT,
            sendmail_pid    INTEGER,
            attempts        INTEGER NOT NULL DEFAULT 0,
            last_error      TEXT,
            created_at      TEXT NOT NULL,
            due_at          TEXT NOT NULL,                 -- next attempt ('sending': end of the claim)
            sent_at         TEXT,
            UNIQUE (notification_id, account_id),
            UNIQUE (grant_id, account_id),
            CHECK ((notification_id IS NULL) <> (grant_id IS NULL))
        );
        INSERT INTO notification_mail_new(id, notification_id, account_id, mode, urgent, status, batch, sendmail_pid, attempts,
                                          last_error, created_at, due_at, sent_at)
            SELECT id, notification_id, account_id, mode, urgent, status, batch, sendmail_pid, attempts, last_error, created_at, due_at, sent_at
            FROM notification_mail;
        DROP TABLE notification_mail;
        ALTER TABLE notification_mail_new RENAME TO notification_mail;
        CREATE INDEX notification_mail_due ON notification_mail(status, due_at);
        """)

    // MARK: 015 — appointments on referrals

    /// The appointment a referral can carry (date, time, place), entered by the requesting
    /// team and printed on the citizen's slip; a provider sees it from acceptance on, under the
    /// consent category `needs`. One per referral; retention deletes it with the referral's
    /// personal fields.
    static let referralAppointment = Migration("015_referral_appointment", sql: """
        CREATE TABLE referral_appointment (
            referral_id TEXT PRIMARY KEY NOT NULL REFERENCES referral(id),
            on_date     TEXT NOT NULL CHECK (on_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            at_time     TEXT NOT NULL CHECK (at_time GLOB '[0-2][0-9]:[0-5][0-9]'),
            place       TEXT,                                 -- personal (may name a home visit)
            set_by      TEXT NOT NULL REFERENCES account(id),
            set_at      TEXT NOT NULL
        ) WITHOUT ROWID;
        """)

    // MARK: 016 — flat offers of housing companies and the benefit rent limits

    /// Flat offers that housing companies and cooperatives keep for the network (never in the
    /// directory tables, so no export, public page or API reads them), their barrier-free
    /// features, and the coordinators' rent limits for housing costs per area and household
    /// size with a valid-from date. `held_by_organization_id` names the team of the counselor
    /// who holds the flat (set only by the hold workflow); street and house number are shown
    /// beyond the company only to that team.
    static let housingOffers = Migration("016_housing_offers", sql: """
        CREATE TABLE housing_offer (
            id                      TEXT PRIMARY KEY NOT NULL,
            organization_id         TEXT NOT NULL REFERENCES organization(id),
            sozialraum_id           TEXT NOT NULL REFERENCES sozialraum(id),
            street                  TEXT NOT NULL,
            house_number            TEXT NOT NULL DEFAULT '',
            postal_code             TEXT NOT NULL DEFAULT '',
            show_street             INTEGER NOT NULL DEFAULT 0 CHECK (show_street IN (0, 1)),
            rooms_tenths            INTEGER NOT NULL CHECK (rooms_tenths BETWEEN 5 AND 200),
            size_tenths             INTEGER NOT NULL CHECK (size_tenths BETWEEN 50 AND 50000),
            cold_rent_cents         INTEGER NOT NULL CHECK (cold_rent_cents >= 0),
            running_costs_cents     INTEGER NOT NULL CHECK (running_costs_cents >= 0),
            heating_cents           INTEGER NOT NULL CHECK (heating_cents >= 0),
            available_from          TEXT NOT NULL,
            wbs_required            INTEGER NOT NULL DEFAULT 0 CHECK (wbs_required IN (0, 1)),
            household_min           INTEGER NOT NULL CHECK (household_min BETWEEN 1 AND 12),
            household_max           INTEGER NOT NULL CHECK (household_max BETWEEN household_min AND 12),
            quota                   TEXT,
            description             TEXT,
            status                  TEXT NOT NULL DEFAULT 'available' CHECK (status IN ('available', 'held', 'let', 'withdrawn')),
            held_by_organization_id TEXT REFERENCES organization(id),
            status_changed_at       TEXT NOT NULL,
            created_at              TEXT NOT NULL,
            updated_at              TEXT NOT NULL,
            CHECK ((status = 'held') = (held_by_organization_id IS NOT NULL))
        );
        CREATE INDEX housing_offer_listing ON housing_offer(status, sozialraum_id);
        CREATE INDEX housing_offer_owner ON housing_offer(organization_id);
        CREATE TABLE housing_offer_feature (
            offer_id TEXT NOT NULL REFERENCES housing_offer(id) ON DELETE CASCADE,
            feature  TEXT NOT NULL,
            PRIMARY KEY (offer_id, feature)
        ) WITHOUT ROWID;
        CREATE TABLE housing_rent_limit (
            id                TEXT PRIMARY KEY NOT NULL,
            sozialraum_id     TEXT NOT NULL REFERENCES sozialraum(id),
            household_size    INTEGER NOT NULL CHECK (household_size BETWEEN 1 AND 12),
            gross_cold_cents  INTEGER NOT NULL CHECK (gross_cold_cents > 0),
            valid_from        TEXT NOT NULL,
            created_by        TEXT NOT NULL,
            created_at        TEXT NOT NULL,
            UNIQUE (sozialraum_id, household_size, valid_from)
        );
        """)

    // MARK: 017 — holds while the cost approval is pending, and the yearly quotas

    /// A housing proposal is a referral to the housing company (`referral` row, same consent,
    /// gating and audit) plus its business state here: the flat, the household's size and
    /// pot, the cost bearer's office, the hold and the cost-approval steps, and how it ended.
    /// `housing_quota` holds each company's yearly commitment by household-size class;
    /// `cost_bearer_office` the offices whose contact gets the reminders (no personal data).
    static let housingHolds = Migration("017_housing_holds", sql: """
        CREATE TABLE cost_bearer_office (
            id            TEXT PRIMARY KEY NOT NULL,
            name          TEXT NOT NULL,
            pot           TEXT NOT NULL CHECK (pot IN ('sgb2', 'sgb12', 'sgb9')),
            email         TEXT,
            sozialraum_id TEXT REFERENCES sozialraum(id),
            created_at    TEXT NOT NULL,
            updated_at    TEXT NOT NULL
        );
        CREATE TABLE housing_proposal (
            referral_id             TEXT PRIMARY KEY NOT NULL REFERENCES referral(id),
            offer_id                TEXT NOT NULL REFERENCES housing_offer(id),
            company_organization_id TEXT NOT NULL REFERENCES organization(id),
            household_size          INTEGER NOT NULL CHECK (household_size BETWEEN 1 AND 12),
            pot                     TEXT NOT NULL CHECK (pot IN ('sgb2', 'sgb12', 'sgb9')),
            cost_bearer_office_id   TEXT REFERENCES cost_bearer_office(id),
            state                   TEXT NOT NULL DEFAULT 'proposed' CHECK (state IN (
                                        'proposed', 'held', 'approved', 'let', 'declined', 'lapsed', 'withdrawn')),
            proposed_at             TEXT NOT NULL,            -- ISO timestamp
            held_at                 TEXT,                     -- ISO timestamp
            hold_until              TEXT,                     -- YYYY-MM-DD
            extended_at             TEXT,                     -- at most once
            extension_reason        TEXT,
            approval_applied_on     TEXT,                     -- YYYY-MM-DD
            documents_missing       TEXT,
            approved_on             TEXT,                     -- YYYY-MM-DD
            refused_on              TEXT,                     -- YYYY-MM-DD
            let_on                  TEXT,                     -- YYYY-MM-DD
            ended_at                TEXT,                     -- ISO timestamp, for every end but 'let'
            end_reason              TEXT CHECK (end_reason IS NULL OR end_reason IN (
                                        'approval-too-late', 'approval-refused', 'household-declined',
                                        'company-declined', 'offer-withdrawn', 'consent-withdrawn', 'other')),
            reminded_at             TEXT,
            CHECK ((state IN ('declined', 'lapsed', 'withdrawn')) = (end_reason IS NOT NULL))
        );
        CREATE INDEX housing_proposal_offer ON housing_proposal(offer_id, state);
        CREATE INDEX housing_proposal_company ON housing_proposal(company_organization_id, proposed_at);
        CREATE INDEX housing_proposal_hold ON housing_proposal(state, hold_until);
        CREATE TABLE housing_quota (
            organization_id TEXT NOT NULL REFERENCES organization(id),
            year            INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
            household_class TEXT NOT NULL CHECK (household_class IN ('1', '2', '3-4', '5+')),
            flats           INTEGER NOT NULL CHECK (flats >= 0),
            created_by      TEXT NOT NULL,
            updated_at      TEXT NOT NULL,
            PRIMARY KEY (organization_id, year, household_class)
        ) WITHOUT ROWID;
        """)

    // MARK: 018 — the reminders to the cost bearers' offices before a hold ends

    /// One reminder e-mail per hold (and per extension) to the contact address of the cost
    /// bearer's office: no personal data, only the area, the dates and the proposing team.
    /// `lotse jobs run` and `lotse serve` send the pending ones.
    static let housingHoldSteps = Migration("018_housing_hold_steps", sql: """
        CREATE TABLE housing_hold_mail (
            id          INTEGER PRIMARY KEY,
            referral_id TEXT NOT NULL REFERENCES housing_proposal(referral_id),
            email       TEXT NOT NULL,
            hold_until  TEXT NOT NULL,               -- YYYY-MM-DD, the hold date reminded of
            created_at  TEXT NOT NULL,
            sent_at     TEXT,
            attempts    INTEGER NOT NULL DEFAULT 0,
            last_error  TEXT,
            UNIQUE (referral_id, hold_until)
        );
        CREATE INDEX housing_hold_mail_pending ON housing_hold_mail(sent_at, id);
        """)

    // MARK: 020 — applications for membership, leaving and rejoining

    /// `membership_application`: the public application form's submissions — organization
    /// data and first services (JSON), the contact person who becomes the first editor (name
    /// and e-mail only, erased a retention period after the decision), the double opt-in
    /// (`token_hash` of the link mailed to the contact; 'unconfirmed' until it is used) and the
    /// coordinators' decision. `membership_event`: leaving and rejoining with date and reason.
    static let membershipApplications = Migration("020_membership_applications", sql: """
        CREATE TABLE membership_application (
            id                TEXT PRIMARY KEY NOT NULL,
            status            TEXT NOT NULL DEFAULT 'unconfirmed' CHECK (status IN ('unconfirmed', 'open', 'admitted', 'rejected')),
            organization_name TEXT NOT NULL,
            kind              TEXT NOT NULL,
            street            TEXT NOT NULL,
            postal_code       TEXT NOT NULL,
            city              TEXT NOT NULL,
            sozialraum_id     TEXT REFERENCES sozialraum(id),
            website           TEXT,
            description       TEXT NOT NULL,
            services          TEXT NOT NULL,              -- JSON: [{name, description, needs: [term id]}]
            contact_name      TEXT,                       -- personal data: NULL once erased
            contact_email     TEXT,
            token_hash        TEXT UNIQUE,                -- the confirmation link's hash
            created_at        TEXT NOT NULL,
            confirmed_at      TEXT,
            decided_at        TEXT,
            decided_by        TEXT,
            reason            TEXT,                       -- why rejected
            organization_id   TEXT REFERENCES organization(id) ON DELETE SET NULL,
            erased_at         TEXT
        );
        CREATE INDEX membership_application_status ON membership_application(status, created_at);
        CREATE TABLE membership_event (
            id              INTEGER PRIMARY KEY,
            organization_id TEXT NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
            kind            TEXT NOT NULL CHECK (kind IN ('left', 'rejoined')),
            on_date         TEXT NOT NULL,                -- YYYY-MM-DD
            reason          TEXT,
            recorded_by     TEXT NOT NULL,
            recorded_at     TEXT NOT NULL
        );
        CREATE INDEX membership_event_organization ON membership_event(organization_id, on_date);
        """)

    // MARK: 022 — neighbourhood help

    /// Neighbourhood help (docs/domain.md, "Neighbourhood help"): helper opportunities that
    /// members publish (organization data, public at /engagement), helpers (people: personal
    /// data seen only by the brokering member's staff), help requests (the brokering side of a
    /// referral to the DLZ that covers the citizen's area, so consent and gating are the
    /// referral's) and placements of a helper for a request.
    static let neighbourhoodHelp = Migration("022_neighbourhood_help", sql: """
        -- A member's published opportunity to help: what, where, when, how often. Organization data.
        CREATE TABLE helper_opportunity (
            id              TEXT PRIMARY KEY NOT NULL,
            organization_id TEXT NOT NULL REFERENCES organization(id),
            title           TEXT NOT NULL,
            kind            TEXT NOT NULL,                   -- HelpKind code
            description     TEXT NOT NULL DEFAULT '',
            sozialraum_id   TEXT NOT NULL REFERENCES sozialraum(id),
            schedule        TEXT NOT NULL,                   -- when, e.g. "dienstags 15–17 Uhr"
            frequency       TEXT NOT NULL CHECK (frequency IN ('once', 'weekly', 'monthly', 'flexible')),
            languages       TEXT NOT NULL DEFAULT '',        -- comma-separated ISO 639 codes
            accessibility   TEXT NOT NULL DEFAULT '',        -- how accessible the place and task are
            contact         TEXT NOT NULL,                   -- the organization's office contact, never a private one
            status          TEXT NOT NULL DEFAULT 'published' CHECK (status IN ('published', 'withdrawn')),
            created_by      TEXT NOT NULL,
            created_at      TEXT NOT NULL,
            updated_at      TEXT NOT NULL
        );
        CREATE INDEX helper_opportunity_listed ON helper_opportunity(status, sozialraum_id);

        -- A registered helper of a brokering member. Personal: only that member's staff read it.
        CREATE TABLE helper (
            id                     TEXT PRIMARY KEY NOT NULL,
            organization_id        TEXT NOT NULL REFERENCES organization(id),  -- the brokering member
            name                   TEXT,                    -- personal
            email                  TEXT,                    -- personal
            phone                  TEXT,                    -- personal
            availability           TEXT,                    -- personal
            sozialraum_id          TEXT REFERENCES sozialraum(id),
            languages              TEXT NOT NULL DEFAULT '',
            kinds                  TEXT NOT NULL DEFAULT '', -- comma-separated HelpKind codes
            police_certificate_on  TEXT,                    -- YYYY-MM-DD, where required
            status                 TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'ended')),
            ended_at               TEXT,
            created_at             TEXT NOT NULL,
            updated_at             TEXT NOT NULL,
            anonymised_at          TEXT                     -- retention emptied the personal columns
        );
        CREATE INDEX helper_organization ON helper(organization_id, status);

        -- The brokering side of a help request: a referral to the DLZ covering the citizen's area.
        CREATE TABLE help_request (
            referral_id               TEXT PRIMARY KEY NOT NULL REFERENCES referral(id),
            brokering_organization_id TEXT NOT NULL REFERENCES organization(id),
            kind                      TEXT NOT NULL,        -- HelpKind code
            languages                 TEXT NOT NULL DEFAULT '',
            schedule                  TEXT,                 -- when help is wanted (released with 'needs')
            created_at                TEXT NOT NULL
        );
        CREATE INDEX help_request_broker ON help_request(brokering_organization_id);

        -- A helper proposed for a help request: proposed → agreed → running → ended (with reason).
        CREATE TABLE help_placement (
            id          TEXT PRIMARY KEY NOT NULL,
            referral_id TEXT NOT NULL REFERENCES help_request(referral_id),
            helper_id   TEXT REFERENCES helper(id),         -- emptied by retention after the end
            state       TEXT NOT NULL DEFAULT 'proposed' CHECK (state IN ('proposed', 'agreed', 'running', 'ended')),
            end_reason  TEXT CHECK (end_reason IS NULL OR end_reason IN (
                            'completed', 'helper-declined', 'citizen-declined', 'no-longer-needed', 'other')),
            proposed_at TEXT NOT NULL,
            agreed_at   TEXT,
            started_at  TEXT,
            ended_at    TEXT,
            asked_at    TEXT,                               -- the helper was asked by e-mail
            CHECK ((state = 'ended') = (end_reason IS NOT NULL))
        );
        CREATE INDEX help_placement_request ON help_placement(referral_id, state);
        CREATE INDEX help_placement_helper ON help_placement(helper_id, state);
        """)
}
