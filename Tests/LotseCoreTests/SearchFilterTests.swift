// SearchFilterTests: the table of search filters — every filter round-trips on every surface,
// all surfaces offer the same filters, closed value sets and flags keep each surface's errors.
import Foundation
import Testing
@testable import LotseCore

@Suite struct SearchFilterTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// A query with `filter` set to sample values.
    static func sample(_ filter: SearchFilter) throws -> SearchQuery {
        var query = SearchQuery()
        let values: [String] = switch filter.shape {
        case .flag: ["1"]
        case .code: ["dresden-gruna"]
        case .codes: filter.closedValues.map { Array($0.prefix(2)) } ?? ["a.b", "c"]
        }
        try filter.apply(values, on: .cli, to: &query, now: now)
        return query
    }

    @Test func everyFilterRoundTripsOnEverySurface() throws {
        for filter in SearchFilter.all {
            let query = try Self.sample(filter)
            #expect(query != SearchQuery(), "\(filter.key) sets nothing")
            for surface in SearchSurface.allCases {
                let pairs = SearchFilter.pairs(for: query, on: surface)
                #expect(!pairs.isEmpty && pairs.allSatisfy { $0.0 == filter.name(on: surface) })
                var parsed = SearchQuery()
                try SearchFilter.apply(on: surface, to: &parsed, now: Self.now) { other in
                    pairs.filter { $0.0 == other.name(on: surface) }.map(\.1)
                }
                #expect(parsed == query, "\(filter.key) on \(surface)")
            }
        }
    }

    @Test func surfacesOfferTheSameFiltersUnderDistinctNames() {
        for surface in SearchSurface.allCases {
            let names = SearchFilter.names(on: surface)
            #expect(names.count == SearchFilter.all.count && Set(names).count == names.count, "\(surface)")
            for filter in SearchFilter.all { #expect(SearchFilter.named(filter.name(on: surface), on: surface)?.key == filter.key) }
        }
        #expect(Set(SearchFilter.all.map(\.key)).count == SearchFilter.all.count)
    }

    @Test func namesStayAsTheSurfacesPublishedThem() {
        #expect(SearchFilter.names(on: .html) == ["bedarf", "zielgruppe", "rechtsgrundlage", "barrierefrei", "sozialraum", "nahe", "art",
                                                 "sprache", "kapazitaet", "organisation", "offen"])
        #expect(Set(SearchFilter.names(on: .api)) == ["need", "target_group", "legal_basis", "accessibility", "sozialraum", "near", "kind",
                                                     "language", "capacity", "organization_id", "open_now"])
        #expect(Set(SearchFilter.names(on: .cli)) == ["need", "target-group", "legal-basis", "accessibility", "area", "near", "kind",
                                                     "language", "capacity", "organization", "open-now"])
        #expect(Set(SearchFilter.all.filter(\.isRepeatable).map { $0.name(on: .api) })
                == ["need", "target_group", "legal_basis", "accessibility", "language", "capacity", "kind"])
    }

    @Test func unknownClosedValuesFailWithEachSurfacesMessage() throws {
        let kind = try #require(SearchFilter.named("art", on: .html))
        let capacity = try #require(SearchFilter.named("kapazitaet", on: .html))
        func message(_ filter: SearchFilter, _ surface: SearchSurface) -> String? {
            var query = SearchQuery()
            do { try filter.apply(["zzz"], on: surface, to: &query, now: Self.now) } catch let error as LotseError {
                #expect(error.kind == .invalidInput)
                return error.message
            } catch { return nil }
            return nil
        }
        #expect(message(kind, .html) == "Unbekannte Organisationsart: zzz")
        #expect(message(capacity, .html) == "Unbekannte Angabe zur Kapazität: zzz")
        #expect(message(capacity, .api) == "capacity muss einer von available, unavailable, waitlist, assessment, unknown sein, nicht »zzz«")
        #expect(message(capacity, .cli) == "Unbekannte Kapazität »zzz« (available, unavailable, waitlist, assessment, unknown).")
        #expect(message(kind, .cli)?.hasPrefix("Unbekannte Organisationsart »zzz« (traeger, ") == true)
    }

    @Test func flagsReadEachSurfacesSpelling() throws {
        let open = try #require(SearchFilter.named("offen", on: .html))
        func parse(_ value: String, _ surface: SearchSurface) throws -> Bool {
            var query = SearchQuery()
            try open.apply([value], on: surface, to: &query, now: Self.now)
            return query.openAt == Self.now
        }
        #expect(try parse("jetzt", .html) && parse("1", .html))
        #expect(throws: LotseError.self) { try parse("ja", .html) }
        #expect(try parse("TRUE", .api) && !parse("false", .api) && !parse("0", .api))
        #expect(throws: LotseError.self) { try parse("ja", .api) }
        #expect(try parse("1", .cli))
        var query = SearchQuery()
        query.openAt = Self.now
        #expect(open.values(of: query, on: .html) == ["1"] && open.values(of: query, on: .api) == ["true"])
    }
}
