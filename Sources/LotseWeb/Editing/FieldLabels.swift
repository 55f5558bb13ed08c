// FieldLabels: German names of the directory's tables and columns for the review queue's
// diffs and the change history, and readable forms of stored values (enumerations, term and
// location ids, booleans; names behind ids come from a RecordLookup).
import LotseCore

/// German labels of tables, columns and values.
enum FieldLabels {
    /// The German name of a table (record kind).
    static func table(_ table: String) -> String {
        switch table {
        case "organization": "Organisation"
        case "service": "Angebot"
        case "location": "Standort"
        case "address": "Adresse"
        case "contact": "Kontakt"
        case "phone": "Telefon"
        case "schedule": "Öffnungszeit"
        case "service_at_location": "Angebot am Standort"
        case "attribute": "Zuordnung"
        case "language": "Sprache"
        case "service_capacity": "Plätze"
        case "taxonomy_term": "Begriff"
        case "sozialraum": "Sozialraum"
        case "cooperation": "Kooperation"
        default: table
        }
    }

    /// German labels of columns (shared by all tables).
    static let columns: [String: String] = [
        "name": "Name", "alternate_name": "Auch bekannt als", "description": "Beschreibung", "email": "E-Mail",
        "url": "Website", "website": "Website", "status": "Status", "alert": "Hinweis", "application_process": "So melden Sie sich an",
        "eligibility_description": "Voraussetzungen", "minimum_age": "Mindestalter", "maximum_age": "Höchstalter",
        "fees_description": "Kosten", "wait_time": "Wartezeit", "interpretation_services": "Dolmetschen",
        "legal_status": "Rechtsform", "year_incorporated": "Gründungsjahr", "kind": "Art", "membership_status": "Mitgliedschaft",
        "member_since": "Mitglied seit", "hidden": "Ausgeblendet", "verified_at": "Geprüft am", "verified_by": "Geprüft von",
        "verification_method": "Prüfart", "next_review_due": "Nächste Prüfung", "capacity_status": "Freie Plätze",
        "capacity_note": "Hinweis zu Plätzen", "capacity_updated_at": "Plätze Stand", "transportation": "Anfahrt",
        "location_type": "Art des Standorts", "sozialraum_id": "Sozialraum", "visibility": "Sichtbarkeit",
        "address_1": "Straße und Hausnummer", "address_2": "Adresszusatz", "postal_code": "Postleitzahl", "city": "Ort",
        "title": "Funktion", "department": "Abteilung", "number": "Telefonnummer", "byday": "Wochentage", "opens_at": "von",
        "closes_at": "bis", "freq": "Rhythmus", "taxonomy_term_id": "Begriff", "location_id": "Standort", "service_id": "Angebot",
        "organization_id": "Organisation", "contact_id": "Kontakt", "code": "Code", "parent_id": "Übergeordnet",
        "retired_at": "Ausgemustert am", "level": "Ebene", "topic": "Thema", "since": "Seit", "partner_id": "Partner",
        "available": "Frei", "maximum": "Insgesamt", "updated": "Stand", "link_id": "Gehört zu", "link_entity": "Art",
        "*": "Eintrag",
    ]

    /// The German name of a column (the column name when none is known).
    static func column(_ column: String) -> String { columns[column] ?? column }

    /// Columns not worth showing in a diff or history.
    static let quiet: Set<String> = ["id", "created_at", "last_modified", "link_entity", "link_type", "tzid", "position", "taxonomy"]

    /// A readable form of a stored value: labels of enumerations, names behind ids, German dates.
    static func value(_ column: String, _ value: String, names: RecordLookup) -> String {
        guard !value.isEmpty else { return "" }
        switch column {
        case "visibility": return Visibility(rawValue: value)?.label ?? value
        case "capacity_status": return CapacityStatus(rawValue: value)?.label ?? value
        case "status": return ServiceStatus(rawValue: value)?.label ?? Corrections.Status(rawValue: value)?.label ?? value
        case "kind": return OrganizationKind(rawValue: value)?.label ?? value
        case "membership_status": return MembershipStatus(rawValue: value)?.label ?? value
        case "verification_method": return VerificationMethod(rawValue: value)?.label ?? value
        case "hidden": return value == "1" ? "ja" : "nein"
        case "level": return Hierarchy.levelLabel(value)
        case "byday": return OpeningHoursForm.dayLabels(value)
        case "location_type": return LocationForm.typeLabel(value)
        case "verified_at", "capacity_updated_at", "retired_at", "updated", "next_review_due", "since", "member_since":
            return GermanFormat.date(value) ?? value
        case _ where RecordLookup.referenceTables[column] != nil:
            return names.name(column: column, id: value) ?? value
        default: return value
        }
    }
}
