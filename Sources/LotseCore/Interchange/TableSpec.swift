// TableSpec: how each directory table is exchanged — its HSDS resource name, default file,
// dependency order and column kinds. Columns, NOT NULL and foreign keys are read from the
// schema itself (PRAGMA table_info / foreign_key_list), so Schema.swift stays the one source.
import SQLite

/// The value kind of an exchanged column.
public enum ColumnKind: Sendable, Equatable {
    case text, integer, real, date, datetime, time, boolean
    /// One of a closed set of values (the column's CHECK constraint).
    case enumeration([String])
}

/// One exchanged column.
public final class ColumnSpec: Sendable, Equatable {
    /// The column (and HSDS field) name.
    public let name: String
    /// Its kind.
    public let kind: ColumnKind
    /// True when an import must supply a value.
    public let required: Bool
    /// The table it references, if it is a foreign key.
    public let references: String?
    /// The schema default of a NOT NULL column, used when an import leaves it empty (an empty
    /// CSV cell or a missing XML element means "default", not NULL).
    public let defaultValue: SQLValue?

    // A class: an import passes each row's column specs around, and copying a struct of
    // strings and arrays per cell cost more than checking the cell.
    public init(name: String, kind: ColumnKind, required: Bool, references: String?, defaultValue: SQLValue? = nil) {
        self.name = name
        self.kind = kind
        self.required = required
        self.references = references
        self.defaultValue = defaultValue
    }

    public static func == (lhs: ColumnSpec, rhs: ColumnSpec) -> Bool {
        lhs.name == rhs.name && lhs.kind == rhs.kind && lhs.required == rhs.required
            && lhs.references == rhs.references && lhs.defaultValue == rhs.defaultValue
    }
}

/// One exchanged table.
public struct TableSpec: Sendable {
    /// Table and resource name (HSDS singular, e.g. `service`).
    public let name: String
    /// Default CSV file name in a data package.
    public let file: String
    /// Columns in schema order.
    public let columns: [ColumnSpec]
    /// True when the table has created_at/last_modified columns filled on import.
    public let hasTimestamps: Bool

    public init(name: String, file: String, columns: [ColumnSpec]) {
        self.name = name
        self.file = file
        self.columns = columns
        hasTimestamps = columns.contains { $0.name == "last_modified" } && columns.contains { $0.name == "created_at" }
    }

    /// The column with this name.
    public func column(_ name: String) -> ColumnSpec? { columns.first { $0.name == name } }
}

/// The exchanged tables in dependency order (a table only references tables before it, or
/// itself).
public struct TableSpecs: Sendable {
    /// Tables in dependency order.
    public let tables: [TableSpec]

    /// The table with this name.
    public func table(_ name: String) -> TableSpec? { tables.first { $0.name == name } }

    /// (table, default file) in dependency order.
    public static let order: [(String, String)] = [
        ("sozialraum", "sozialraeume.csv"), ("taxonomy", "taxonomies.csv"), ("taxonomy_term", "taxonomy_terms.csv"),
        ("organization", "organizations.csv"), ("cooperation", "cooperations.csv"),
        ("organization_identifier", "organization_identifiers.csv"), ("program", "programs.csv"),
        ("service", "services.csv"), ("location", "locations.csv"), ("address", "addresses.csv"),
        ("service_at_location", "service_at_location.csv"), ("contact", "contacts.csv"), ("phone", "phones.csv"),
        ("schedule", "schedules.csv"), ("service_area", "service_areas.csv"), ("language", "languages.csv"),
        ("accessibility", "accessibility.csv"), ("funding", "funding.csv"), ("cost_option", "cost_options.csv"),
        ("required_document", "required_documents.csv"), ("unit", "units.csv"),
        ("service_capacity", "service_capacity.csv"), ("url", "url.csv"), ("attribute", "attributes.csv"),
        ("metadata", "metadata.csv"),
    ]

    /// Columns filled by the importer when absent.
    static let autofilled: Set<String> = ["created_at", "last_modified"]

    /// Kinds that the declared SQLite type does not tell.
    static let kindOverrides: [String: ColumnKind] = [
        "assured_date": .date, "valid_from": .date, "valid_to": .date, "dtstart": .date, "until": .date,
        "member_since": .date, "since": .date, "next_review_due": .date, "last_action_date": .date,
        "created_at": .datetime, "last_modified": .datetime, "verified_at": .datetime,
        "capacity_updated_at": .datetime, "updated": .datetime, "retired_at": .datetime,
        "opens_at": .time, "closes_at": .time, "hidden": .boolean, "binding": .boolean,
    ]

    /// Closed value sets, as CHECKed in Schema.swift (`table.column` or `column`).
    static let enumerations: [String: [String]] = [
        "sozialraum.level": ["stadt", "bezirk", "stadtteil", "quartier"],
        "organization.kind": OrganizationKind.allCases.map(\.rawValue),
        "organization.membership_status": MembershipStatus.allCases.map(\.rawValue),
        "verification_method": VerificationMethod.allCases.map(\.rawValue),
        "service.status": ServiceStatus.allCases.map(\.rawValue),
        "service.capacity_status": CapacityStatus.allCases.map(\.rawValue),
        "visibility": Visibility.allCases.map(\.rawValue),
        "location.location_type": ["physical", "postal", "virtual"],
        "address.address_type": ["physical", "postal", "virtual"],
        "phone.type": ["text", "voice", "fax", "cell", "video", "pager", "textphone"],
        "schedule.wkst": ["MO", "TU", "WE", "TH", "FR", "SA", "SU"],
        "schedule.freq": ["WEEKLY", "MONTHLY"],
    ]

    /// The value of a simple SQL default literal (`''`, `'text'`, `3`), nil for anything else.
    static func defaultLiteral(_ literal: String) -> SQLValue? {
        if literal.count >= 2, literal.hasPrefix("'"), literal.hasSuffix("'") {
            return .text(String(literal.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'"))
        }
        return Int64(literal).map(SQLValue.integer)
    }

    /// Reads the column definitions of every exchanged table from `db`'s schema.
    public static func load(_ db: Database) throws -> TableSpecs {
        var tables: [TableSpec] = []
        for (name, file) in order {
            var references: [String: String] = [:]
            try db.query("SELECT \"from\", \"table\" FROM pragma_foreign_key_list(?)", name) { row in
                references[row.string(0)] = row.string(1)
            }.forEach { _ in }
            let columns = try db.query("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid", name) { row -> ColumnSpec in
                let column = row.string(0)
                let declared = row.string(1).uppercased()
                let kind = enumerations["\(name).\(column)"].map(ColumnKind.enumeration)
                    ?? enumerations[column].map(ColumnKind.enumeration)
                    ?? kindOverrides[column]
                    ?? (declared == "INTEGER" ? .integer : declared == "REAL" ? .real : .text)
                let required = (row.bool(2) || row.int(4) == 1) && row.isNull(3) && !autofilled.contains(column)
                let fallback = row.bool(2) ? row.optionalString(3).flatMap(defaultLiteral) : nil
                return ColumnSpec(name: column, kind: kind, required: required, references: references[column], defaultValue: fallback)
            }
            tables.append(TableSpec(name: name, file: file, columns: columns))
        }
        return TableSpecs(tables: tables)
    }
}
