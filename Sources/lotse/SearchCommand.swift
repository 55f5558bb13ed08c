// SearchCommand: `lotse search TEXT [filters]` prints ranked results (or JSON), using the SQL
// engine by default or the in-memory index with --engine index.
import Foundation
import LotseCommandLine
import LotseCore

/// `lotse search`.
enum SearchCommand {
    static let filterOptions: [OptionSpec] = [
        OptionSpec(name: "need", value: "CODE", help: "Bedarf (Code, z. B. pflege.tagespflege; schließt Unterbegriffe ein)", repeatable: true),
        OptionSpec(name: "target-group", value: "CODE", help: "Zielgruppe (z. B. senioren)", repeatable: true),
        OptionSpec(name: "area", value: "CODE", help: "Sozialraum mit Teilgebieten (z. B. dresden-johannstadt)"),
        OptionSpec(name: "near", value: "CODE", help: "nach Nähe zu diesem Sozialraum ordnen (Standard: --area)"),
        OptionSpec(name: "kind", value: "ART", help: "Organisationsart (\(OrganizationKind.allCases.map(\.rawValue).joined(separator: ", ")))", repeatable: true),
        OptionSpec(name: "language", value: "CODE", help: "Sprache (ISO 639, z. B. tr)", repeatable: true),
        OptionSpec(name: "accessibility", value: "CODE", help: "Barrierefreiheit (alle müssen zutreffen, z. B. aufzug)", repeatable: true),
        OptionSpec(name: "legal-basis", value: "CODE", help: "Rechtsgrundlage (z. B. sgb-xi)", repeatable: true),
        OptionSpec(name: "capacity", value: "STATUS", help: "Kapazität (\(CapacityStatus.allCases.map(\.rawValue).joined(separator: ", ")))", repeatable: true),
        OptionSpec(name: "organization", value: "ID", help: "nur Angebote dieser Organisation"),
        OptionSpec(name: "open-now", value: nil, help: "nur jetzt geöffnete Angebote"),
    ]

    static let spec = CommandSpec(
        name: "search", abstract: "im Verzeichnis suchen", usage: "lotse search [TEXT] [Filter] [--json]",
        options: filterOptions + [
            OptionSpec(name: "page", value: "N", help: "Seite (ab 1)"),
            OptionSpec(name: "per-page", value: "N", help: "Treffer je Seite (Standard 20)"),
            OptionSpec(name: "json", value: nil, help: "als JSON ausgeben"),
            OptionSpec(name: "engine", value: "sql|index", help: "Suchmaschine: SQL/FTS5 (Standard) oder Index im Speicher"),
        ],
        discussion: """
            Findet Wortteile ab drei Buchstaben (»beratung« findet »Schuldnerberatung«), kürzere
            Suchbegriffe am Wortanfang; Groß-/Kleinschreibung, Umlaute und ß sind gleichgültig
            (»strasse« findet »Straße«). Sortiert nach Treffern im Namen, dann nach Nähe zum
            Sozialraum, dann Aktualität, dann Name.
            """,
        run: { arguments, console in
            var query = try makeQuery(arguments)
            let perPage = try arguments.int("per-page", default: 20, in: 1...1000)
            let page = try arguments.int("page", default: 1, in: 1...100_000)
            query.limit = perPage
            query.offset = (page - 1) * perPage
            let engine = arguments.value("engine") ?? "sql"
            guard ["sql", "index"].contains(engine) else { throw UsageError(message: "--engine erwartet sql oder index.") }
            let store = try Store.open(path: console.databasePath(arguments), create: false)
            let today = BerlinTime(Date()).dateString
            let (result, summaries) = try store.pool.read { db in
                let result: SearchResult
                do {
                    result = engine == "sql" ? try SQLSearch.search(query, in: db) : try SearchIndex.build(db).search(query)
                } catch let error as LotseError where error.kind == .invalidInput {
                    throw UsageError(message: error.message)
                }
                return (result, try ServiceSummary.load(result.serviceIDs, from: db, today: today))
            }
            if arguments.flag("json") {
                let object: [String: Any] = [
                    "total": result.total, "page": page, "per_page": perPage, "terms": result.terms,
                    "results": summaries.map { summary -> [String: Any] in
                        ["id": summary.id, "name": summary.name, "organization": summary.organizationName,
                         "organization_id": summary.organizationID, "places": summary.places, "cities": summary.cities,
                         "capacity_status": summary.capacityStatus.rawValue, "stale": summary.isStale,
                         "next_review_due": summary.nextReviewDue ?? NSNull()]
                    },
                ]
                let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
                console.out(String(decoding: data, as: UTF8.self))
                return .success
            }
            console.out("\(result.total) Treffer" + (result.terms.isEmpty ? "" : " für »\(result.terms.joined(separator: " "))«")
                        + (result.total > perPage ? " (Seite \(page) von \((result.total + perPage - 1) / perPage))" : ""))
            for (offset, summary) in summaries.enumerated() {
                var line = "\(query.offset + offset + 1). \(summary.name) — \(summary.organizationName)"
                let place = (summary.cities + summary.places).joined(separator: ", ")
                if !place.isEmpty { line += " · \(place)" }
                if summary.capacityStatus != .unknown { line += " [\(summary.capacityStatus.label)]" }
                if summary.isStale { line += " (Prüfung überfällig)" }
                console.out(line)
            }
            return .success
        })

    /// Builds a query from the text and filter options.
    static func makeQuery(_ arguments: Arguments) throws -> SearchQuery {
        var query = SearchQuery(text: arguments.positional.joined(separator: " "))
        query.needs = arguments.values("need")
        query.targetGroups = arguments.values("target-group")
        query.sozialraum = arguments.value("area")
        query.near = arguments.value("near")
        query.languages = arguments.values("language")
        query.accessibility = arguments.values("accessibility")
        query.legalBases = arguments.values("legal-basis")
        query.organizationID = arguments.value("organization")
        query.organizationKinds = try arguments.values("kind").map { value in
            guard let kind = OrganizationKind(rawValue: value) else {
                throw UsageError(message: "Unbekannte Organisationsart »\(value)« (\(OrganizationKind.allCases.map(\.rawValue).joined(separator: ", "))).")
            }
            return kind
        }
        query.capacity = try arguments.values("capacity").map { value in
            guard let status = CapacityStatus(rawValue: value) else {
                throw UsageError(message: "Unbekannte Kapazität »\(value)« (\(CapacityStatus.allCases.map(\.rawValue).joined(separator: ", "))).")
            }
            return status
        }
        if arguments.flag("open-now") { query.openAt = Date() }
        return query
    }
}
