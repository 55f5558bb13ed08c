// SearchCommand: `lotse search TEXT [filters]` prints ranked results (or JSON) from the search
// index, ranked exactly as on the web and in the API.
import Foundation
import LotseCommandLine
import LotseCore

/// `lotse search`.
enum SearchCommand {
    /// The filter options, one per search filter (SearchFilter), also offered by `lotse export`.
    static let filterOptions: [OptionSpec] = SearchFilter.all.map { filter in
        OptionSpec(name: filter.cli, value: filter.placeholder, help: filter.help, repeatable: filter.isRepeatable)
    }

    static let spec = CommandSpec(
        name: "search", abstract: "im Verzeichnis suchen", usage: "lotse search [TEXT] [Filter] [--json]",
        options: filterOptions + [
            OptionSpec(name: "page", value: "N", help: "Seite (ab 1)"),
            OptionSpec(name: "per-page", value: "N", help: "Treffer je Seite (Standard 20)"),
            OptionSpec(name: "json", value: nil, help: "als JSON ausgeben"),
            OptionSpec(name: "engine", value: "index", help: "veraltet, ohne Wirkung: es gibt nur noch die Suche im Index"),
        ],
        discussion: """
            Findet Wortteile ab drei Buchstaben (»beratung« findet »Schuldnerberatung«), kürzere
            Suchbegriffe am Wortanfang; Groß-/Kleinschreibung, Umlaute und ß sind gleichgültig
            (»strasse« findet »Straße«), ebenso Beugungsformen (»Wohnungen«, »beraten«), gegenderte
            Formen (»Nutzer:innen«), Synonyme aus der Synonymliste und – wenn sonst wenig gefunden
            wird – Tippfehler. Bei mehreren Wörtern genügen 60 % davon; haben die weniger als zehn
            Angebote, folgen ihnen Angebote mit weniger der Wörter. Sortiert nach Relevanz
            (Name vor Bedarf/Zielgruppe vor Beschreibung vor Träger und Ort), dann nach Nähe zum
            Sozialraum, dann Aktualität, dann Name.
            """,
        run: { arguments, console in
            var query = try makeQuery(arguments)
            let perPage = try arguments.int("per-page", default: 20, in: 1...1000)
            let page = try arguments.int("page", default: 1, in: 1...100_000)
            query.limit = perPage
            query.offset = (page - 1) * perPage
            if let engine = arguments.value("engine"), !["sql", "index"].contains(engine) {
                throw UsageError(message: "--engine erwartet index.")
            }
            let store = try Store.open(path: console.databasePath(arguments), create: false)
            let today = BerlinTime(Date()).dateString
            let (result, summaries) = try store.pool.read { db in
                let result: SearchResult
                do {
                    result = try SearchIndex.current(db).search(query)
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
    static func makeQuery(_ arguments: Arguments, now: Date = Date()) throws -> SearchQuery {
        var query = SearchQuery(text: arguments.positional.joined(separator: " "))
        do {
            try SearchFilter.apply(on: .cli, to: &query, now: now) { filter in
                switch filter.shape {
                case .flag: arguments.flag(filter.cli) ? ["1"] : []
                case .code: arguments.value(filter.cli).map { [$0] } ?? []
                case .codes: arguments.values(filter.cli)
                }
            }
        } catch let error as LotseError where error.kind == .invalidInput {
            throw UsageError(message: error.message)
        }
        return query
    }
}
