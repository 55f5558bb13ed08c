// SearchOptionsTests: `lotse search`'s filter options are the table's (SearchFilter) — one
// option per filter, and every filter round-trips through the option parsing.
import Foundation
import LotseCore
import LotseCommandLine
import Testing
@testable import lotse

@Suite struct SearchOptionsTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func optionsAreTheTablesFilters() {
        #expect(SearchCommand.filterOptions.map(\.name) == SearchFilter.names(on: .cli))
        #expect(SearchCommand.filterOptions.filter { $0.value == nil }.map(\.name) == ["open-now"])
    }

    @Test func everyFilterRoundTripsThroughTheOptions() throws {
        for filter in SearchFilter.all {
            var query = SearchQuery(text: "pflege")
            let values: [String] = switch filter.shape {
            case .flag: ["1"]
            case .code: ["dresden-gruna"]
            case .codes: filter.closedValues.map { Array($0.prefix(2)) } ?? ["a.b", "c"]
            }
            try filter.apply(values, on: .cli, to: &query, now: Self.now)
            var arguments = ["pflege"]
            for (name, value) in SearchFilter.pairs(for: query, on: .cli) {
                arguments += filter.shape == .flag ? ["--" + name] : ["--" + name, value]
            }
            let parsed = try SearchCommand.makeQuery(try Arguments(arguments, command: SearchCommand.spec), now: Self.now)
            #expect(parsed == query, "\(filter.key)")
        }
    }

    @Test func badValuesAreUsageErrors() throws {
        let arguments = try Arguments(["--capacity", "zzz"], command: SearchCommand.spec)
        #expect(throws: UsageError.self) { try SearchCommand.makeQuery(arguments) }
    }
}
