// Schema: the whole Lotse database schema as commented DDL, one named forward-only migration
// per step. Read this file to know the data; every other file reads and writes these tables.
import SQLite

/// The database schema and its migrations.
public enum Schema {
    /// `PRAGMA application_id` of every Lotse database ("LOTS" in ASCII), so that a foreign
    /// SQLite file is recognised before anything is written to it.
    public static let applicationID: Int32 = 0x4C4F_5453

    /// All migrations, in order. Append new ones; never edit or reorder applied ones.
    public static let migrations: [Migration] = [directory, readerIndexes]

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

    // MARK: 002 — indexes for reading whole trees

    /// Indexes on the foreign keys that DirectoryReader follows when it builds full HSDS trees
    /// (exports read every organization and service that way); without them each lookup scans
    /// its table, which made exports quadratic in the directory's size.
    static let readerIndexes = Migration("002_reader_indexes", sql: """
        CREATE INDEX language_phone ON language(phone_id);
        CREATE INDEX contact_service_at_location ON contact(service_at_location_id);
        CREATE INDEX phone_service_at_location ON phone(service_at_location_id);
        CREATE INDEX service_area_service_at_location ON service_area(service_at_location_id);
        CREATE INDEX url_organization ON url(organization_id);
        CREATE INDEX url_service ON url(service_id);
        CREATE INDEX funding_organization ON funding(organization_id);
        CREATE INDEX program_organization ON program(organization_id);
        """)
}
