// SearchParameters: the German query parameters of the public search pages (`q`, `bedarf`,
// `sozialraum`, …) to and from a SearchQuery, with clear errors for bad values.
import Foundation
import HTTP
import LotseCore

/// Reads and writes the search page's URL parameters.
public enum SearchParameters {
    /// Results per page on the HTML results page.
    public static let perPage = 20

    /// Every parameter the search page understands.
    public static let names: Set<String> = [
        "q", "bedarf", "zielgruppe", "rechtsgrundlage", "barrierefrei", "sozialraum", "nahe", "art", "sprache",
        "kapazitaet", "offen", "seite",
    ]

    /// Builds a query from a request; unknown enumeration values and page numbers are input
    /// errors (400). Codes of terms and areas are checked by the search itself.
    public static func query(from request: Request, now: Date = Date()) throws -> (query: SearchQuery, page: Int) {
        var query = SearchQuery(text: request.queryValue("q") ?? "")
        func values(_ name: String) -> [String] {
            request.queryValues(name).flatMap { $0.split(separator: ",") }.map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        query.needs = values("bedarf")
        query.targetGroups = values("zielgruppe")
        query.legalBases = values("rechtsgrundlage")
        query.accessibility = values("barrierefrei")
        query.languages = values("sprache")
        query.sozialraum = values("sozialraum").first
        query.near = values("nahe").first
        query.organizationKinds = try values("art").map { value in
            guard let kind = OrganizationKind(rawValue: value) else { throw LotseError(.invalidInput, "Unbekannte Organisationsart: \(value)") }
            return kind
        }
        query.capacity = try values("kapazitaet").map { value in
            guard let status = CapacityStatus(rawValue: value) else { throw LotseError(.invalidInput, "Unbekannte Angabe zur Kapazität: \(value)") }
            return status
        }
        if let open = request.queryValue("offen"), !open.isEmpty {
            guard open == "1" || open == "jetzt" else { throw LotseError(.invalidInput, "offen erwartet 1") }
            query.openAt = now
        }
        var page = 1
        if let text = request.queryValue("seite"), !text.isEmpty {
            guard let number = Int(text), number >= 1, number <= 10_000 else {
                throw LotseError(.invalidInput, "Seite muss eine Zahl von 1 bis 10000 sein")
            }
            page = number
        }
        query.limit = perPage
        query.offset = (page - 1) * perPage
        return (query, page)
    }

    /// The parameters of a query (without defaults), for links.
    public static func pairs(for query: SearchQuery, page: Int) -> [(String, String)] {
        var pairs: [(String, String)] = []
        if !query.text.isEmpty { pairs.append(("q", query.text)) }
        pairs += query.needs.map { ("bedarf", $0) }
        pairs += query.targetGroups.map { ("zielgruppe", $0) }
        pairs += query.legalBases.map { ("rechtsgrundlage", $0) }
        pairs += query.accessibility.map { ("barrierefrei", $0) }
        if let area = query.sozialraum { pairs.append(("sozialraum", area)) }
        if let near = query.near { pairs.append(("nahe", near)) }
        pairs += query.organizationKinds.map { ("art", $0.rawValue) }
        pairs += query.languages.map { ("sprache", $0) }
        pairs += query.capacity.map { ("kapazitaet", $0.rawValue) }
        if query.openAt != nil { pairs.append(("offen", "1")) }
        if page > 1 { pairs.append(("seite", String(page))) }
        return pairs
    }
}
