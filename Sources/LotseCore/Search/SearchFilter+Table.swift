// SearchFilter+Table: the filters themselves, in the order the HTML form serializes them
// (links keep their parameter order). Add a filter here and every surface offers it.
import Foundation

extension SearchFilter {
    /// Every search filter, in serialization order.
    public static let all: [SearchFilter] = [
        codes("needs", html: "bedarf", api: "need", cli: "need", placeholder: "CODE",
              help: "Bedarf (Code, z. B. pflege.tagespflege; schließt Unterbegriffe ein)", \.needs),
        codes("targetGroups", html: "zielgruppe", api: "target_group", cli: "target-group", placeholder: "CODE",
              help: "Zielgruppe (z. B. senioren)", \.targetGroups),
        codes("legalBases", html: "rechtsgrundlage", api: "legal_basis", cli: "legal-basis", placeholder: "CODE",
              help: "Rechtsgrundlage (z. B. sgb-xi)", \.legalBases),
        codes("accessibility", html: "barrierefrei", api: "accessibility", cli: "accessibility", placeholder: "CODE",
              help: "Barrierefreiheit (alle müssen zutreffen, z. B. aufzug)", \.accessibility),
        code("sozialraum", html: "sozialraum", api: "sozialraum", cli: "area", placeholder: "CODE",
             help: "Sozialraum mit Teilgebieten (z. B. dresden-johannstadt)", \.sozialraum),
        code("near", html: "nahe", api: "near", cli: "near", placeholder: "CODE",
             help: "nach Nähe zu diesem Sozialraum ordnen (Standard: --area)", \.near),
        SearchFilter(key: "organizationKinds", html: "art", api: "kind", cli: "kind", shape: .codes,
                     closedValues: OrganizationKind.allCases.map(\.rawValue), placeholder: "ART",
                     help: "Organisationsart (\(OrganizationKind.allCases.map(\.rawValue).joined(separator: ", ")))",
                     noun: ("Organisationsart", "Organisationsart"),
                     read: { $0.organizationKinds.map(\.rawValue) },
                     write: { query, values, _ in query.organizationKinds = values.compactMap(OrganizationKind.init(rawValue:)) }),
        codes("languages", html: "sprache", api: "language", cli: "language", placeholder: "CODE",
              help: "Sprache (ISO 639, z. B. tr)", \.languages),
        SearchFilter(key: "capacity", html: "kapazitaet", api: "capacity", cli: "capacity", shape: .codes,
                     closedValues: CapacityStatus.allCases.map(\.rawValue), placeholder: "STATUS",
                     help: "Kapazität (\(CapacityStatus.allCases.map(\.rawValue).joined(separator: ", ")))",
                     noun: ("Angabe zur Kapazität", "Kapazität"),
                     read: { $0.capacity.map(\.rawValue) },
                     write: { query, values, _ in query.capacity = values.compactMap(CapacityStatus.init(rawValue:)) }),
        code("organizationID", html: "organisation", api: "organization_id", cli: "organization", placeholder: "ID",
             help: "nur Angebote dieser Organisation", \.organizationID),
        SearchFilter(key: "openAt", html: "offen", api: "open_now", cli: "open-now", shape: .flag, closedValues: nil,
                     placeholder: nil, help: "nur jetzt geöffnete Angebote", noun: nil,
                     read: { $0.openAt == nil ? [] : ["1"] },
                     write: { query, values, now in query.openAt = values.isEmpty ? nil : now }),
    ]

    /// A filter of any number of open codes stored in a `[String]` field.
    private static func codes(_ key: String, html: String, api: String, cli: String, placeholder: String, help: String,
                              _ field: WritableKeyPath<SearchQuery, [String]> & Sendable) -> SearchFilter {
        SearchFilter(key: key, html: html, api: api, cli: cli, shape: .codes, closedValues: nil, placeholder: placeholder,
                     help: help, noun: nil, read: { $0[keyPath: field] }, write: { query, values, _ in query[keyPath: field] = values })
    }

    /// A filter of one open code stored in a `String?` field.
    private static func code(_ key: String, html: String, api: String, cli: String, placeholder: String, help: String,
                             _ field: WritableKeyPath<SearchQuery, String?> & Sendable) -> SearchFilter {
        SearchFilter(key: key, html: html, api: api, cli: cli, shape: .code, closedValues: nil, placeholder: placeholder,
                     help: help, noun: nil, read: { $0[keyPath: field].map { [$0] } ?? [] },
                     write: { query, values, _ in query[keyPath: field] = values.first })
    }
}
