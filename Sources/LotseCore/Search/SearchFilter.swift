// SearchFilter: the one table of search filters — each filter's name on the HTML form, the
// HSDS API and the CLI, its value set, its parser (with each surface's German errors) and the
// SearchQuery field it reads and sets. Surfaces only fetch raw values and hand them over.
import Foundation

/// Where a search is asked for; each surface has its own parameter names and conventions.
public enum SearchSurface: String, Sendable, CaseIterable {
    /// The public search pages (`/suche?bedarf=…`), German names.
    case html
    /// The HSDS API (`/api/services?need=…`), English names.
    case api
    /// `lotse search` and `lotse export` options (`--need …`).
    case cli
}

/// One filter of the directory search, as every surface names and parses it.
public struct SearchFilter: Sendable {
    /// How many values a filter takes.
    public enum Shape: Sendable, Equatable {
        /// Any number of codes (alternatives; repeatable, commas split too on the web).
        case codes
        /// One code.
        case code
        /// On or off.
        case flag
    }

    /// A stable key of the filter (the SearchQuery field it sets).
    public let key: String
    /// The HTML form's parameter name.
    public let html: String
    /// The HSDS API's parameter name.
    public let api: String
    /// The CLI option name (without dashes).
    public let cli: String
    /// How many values it takes.
    public let shape: Shape
    /// The allowed values when the set is closed (organization kinds, capacity states).
    public let closedValues: [String]?
    /// The CLI help's value placeholder (nil for a flag).
    public let placeholder: String?
    /// One line of German help (the CLI's).
    public let help: String
    /// What an unknown value is called in errors (HTML form, CLI), for closed value sets.
    let noun: (html: String, cli: String)?
    /// The values the query holds for this filter.
    let read: @Sendable (SearchQuery) -> [String]
    /// Sets the (valid) values; `now` is the instant of "open now".
    let write: @Sendable (inout SearchQuery, [String], Date) -> Void

    /// The filter's name on `surface`.
    public func name(on surface: SearchSurface) -> String {
        switch surface {
        case .html: html
        case .api: api
        case .cli: cli
        }
    }

    /// True when the parameter may be given more than once.
    public var isRepeatable: Bool { shape == .codes }

    /// Parses the raw values a surface found for this filter into `query`: a single-valued
    /// filter takes the first, a closed value set rejects unknown values (400/usage error with
    /// the surface's German message), a flag reads the surface's spelling of "on".
    public func apply(_ raw: [String], on surface: SearchSurface, to query: inout SearchQuery, now: Date) throws {
        switch shape {
        case .flag:
            guard let value = raw.first else { return }
            switch surface {
            case .html:
                guard value == "1" || value == "jetzt" else { throw LotseError(.invalidInput, "\(html) erwartet 1") }
                write(&query, ["1"], now)
            case .api:
                switch value.lowercased() {
                case "true", "1": write(&query, ["1"], now)
                case "false", "0": return
                default: throw LotseError(.invalidInput, "\(api) muss true oder false sein, nicht »\(value)«")
                }
            case .cli:
                write(&query, ["1"], now)
            }
        case .code:
            if let value = raw.first { write(&query, [value], now) }
        case .codes:
            if let allowed = closedValues, let bad = raw.first(where: { !allowed.contains($0) }) {
                throw LotseError(.invalidInput, invalidValueMessage(bad, on: surface))
            }
            write(&query, raw, now)
        }
    }

    /// The German error for an unknown value of a closed value set.
    public func invalidValueMessage(_ value: String, on surface: SearchSurface) -> String {
        let allowed = (closedValues ?? []).joined(separator: ", ")
        switch surface {
        case .html: return "Unbekannte \(noun?.html ?? html): \(value)"
        case .api: return "\(api) muss einer von \(allowed) sein, nicht »\(value)«"
        case .cli: return "Unbekannte \(noun?.cli ?? cli) »\(value)« (\(allowed))."
        }
    }

    /// The raw values that express this filter of `query` on `surface` (empty when unset; a
    /// set flag is "1" on the form and the CLI, "true" in the API).
    public func values(of query: SearchQuery, on surface: SearchSurface) -> [String] {
        let values = read(query)
        guard shape == .flag else { return values }
        return values.isEmpty ? [] : [surface == .api ? "true" : "1"]
    }
}

extension SearchFilter {
    /// The filter with `name` on `surface`, if any.
    public static func named(_ name: String, on surface: SearchSurface) -> SearchFilter? {
        all.first { $0.name(on: surface) == name }
    }

    /// The names of all filters on `surface`, in table order.
    public static func names(on surface: SearchSurface) -> [String] { all.map { $0.name(on: surface) } }

    /// Applies every filter to `query`, in table order, with the raw values `raw` fetches for
    /// each (the surface's way of reading its request or arguments).
    public static func apply(on surface: SearchSurface, to query: inout SearchQuery, now: Date,
                             raw: (SearchFilter) throws -> [String]) throws {
        for filter in all { try filter.apply(try raw(filter), on: surface, to: &query, now: now) }
    }

    /// The name/value pairs of every filter set in `query` on `surface`, in table order.
    public static func pairs(for query: SearchQuery, on surface: SearchSurface) -> [(String, String)] {
        all.flatMap { filter in filter.values(of: query, on: surface).map { (filter.name(on: surface), $0) } }
    }
}
