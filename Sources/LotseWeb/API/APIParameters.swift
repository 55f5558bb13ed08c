// APIParameters: strict reading of API query parameters — an unknown parameter, a repeated
// single parameter or a malformed value is a 400 with a JSON error, never silently ignored.
import HTTP
import LotseCore

/// The query parameters of one API request.
struct APIParameters {
    let request: PageRequest

    /// Fails with 400 when the request has a parameter outside `allowed`.
    init(_ request: PageRequest, allowed: Set<String>) throws {
        self.request = request
        var seen = Set<String>()
        for (name, _) in request.query {
            guard allowed.contains(name) else {
                throw LotseError(.invalidInput, "Unbekannter Parameter \(name) (erlaubt: \(allowed.sorted().joined(separator: ", ")))")
            }
            if !APIParameters.repeatable.contains(name) && !seen.insert(name).inserted {
                throw LotseError(.invalidInput, "Parameter \(name) darf nur einmal vorkommen")
            }
        }
    }

    /// Parameters that may repeat (filters with several values).
    static let repeatable: Set<String> = Set(SearchFilter.all.filter(\.isRepeatable).map { $0.name(on: .api) })

    /// A text parameter (empty counts as absent).
    func string(_ name: String) -> String? {
        guard let value = request.queryValue(name), !value.isEmpty else { return nil }
        return value
    }

    /// All values of a repeatable parameter, commas splitting too.
    func strings(_ name: String) -> [String] {
        request.queryValues(name).flatMap { $0.split(separator: ",") }.map(String.init).filter { !$0.isEmpty }
    }

    /// The raw values of a search filter: all of a repeatable one, else the single value.
    func values(_ filter: SearchFilter) -> [String] {
        let name = filter.name(on: .api)
        return filter.isRepeatable ? strings(name) : string(name).map { [$0] } ?? []
    }

    /// An integer parameter within `range`.
    func int(_ name: String, default value: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let text = string(name) else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw LotseError(.invalidInput, "\(name) muss eine ganze Zahl von \(range.lowerBound) bis \(range.upperBound) sein, nicht »\(text)«")
        }
        return number
    }

    /// A boolean parameter (`true`/`false`/`1`/`0`).
    func bool(_ name: String) throws -> Bool {
        guard let text = string(name) else { return false }
        switch text.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: throw LotseError(.invalidInput, "\(name) muss true oder false sein, nicht »\(text)«")
        }
    }

    /// A date-time parameter, normalised to `YYYY-MM-DDTHH:MM:SSZ`.
    func datetime(_ name: String) throws -> String? {
        guard let text = string(name) else { return nil }
        guard let date = Timestamp.parse(text) else {
            throw LotseError(.invalidInput, "\(name) muss ein Zeitpunkt nach ISO 8601 sein (z. B. 2026-01-31T12:00:00Z), nicht »\(text)«")
        }
        return Timestamp.string(date)
    }

    /// `page` and `per_page` (defaults 1 and 50, at most 1000 per page).
    func paging() throws -> (page: Int, perPage: Int) {
        (try int("page", default: 1, in: 1...1_000_000), try int("per_page", default: 50, in: 1...1000))
    }

    /// `format`: json (default) or ndjson.
    func isNDJSON() throws -> Bool {
        switch string("format") ?? "json" {
        case "json": return false
        case "ndjson": return true
        case let other: throw LotseError(.invalidInput, "format muss json oder ndjson sein, nicht »\(other)«")
        }
    }
}
