// SozialraumPage: `GET /sozialraeume/:code`, "Was es in <Name> gibt" — the area's path and
// sub-areas, the supply per need category (services located in or covering the area, counted
// by the search so that each number matches its linked result list) and the organizations
// located there; for signed-in coordinators also the demand (SozialraumDemandSection). Unknown
// codes are 404.
import HTTP
import LotseCore
import Templating

/// The Sozialraum page.
enum SozialraumPage {
    /// Renders the profile of the area, or throws `notFound` for an unknown code.
    static func handle(_ request: PageRequest) throws -> Response {
        let code = request.parameter("code")
        let (loaded, needs) = try request.context.read(.public) { reader in
            (try reader.sozialraumProfile(code), try reader.outline(.need))
        }
        guard let profile = loaded else { throw LotseError(.notFound, "Diesen Sozialraum gibt es nicht.") }
        let demand = try SozialraumDemandSection.context(request, code: code)
        var query = SearchQuery(limit: 0)
        query.sozialraum = code
        let supply = try request.context.search.search(query, facets: true)
        var counts: [String: Int] = [:]
        for value in supply.facets.first(where: { $0.name == "need" })?.values ?? [] { counts[value.code] = value.count }

        let area = profile.area
        let name = area.text("name") ?? code
        func link(_ record: Record) -> TemplateValue {
            .object([
                "name": .string(record.text("name") ?? ""),
                "kind": TemplateValue(record.text("kind")),
                "url": .string(URLs.sozialraum(record.text("code") ?? "")),
            ])
        }
        let categories = needs.filter { $0.depth == 0 }.map { category -> TemplateValue in
            let count = counts[category.code] ?? 0
            return .object([
                "code": .string(category.code),
                "name": .string(category.name),
                "count": .int(count),
                "countText": .string(GermanFormat.count(count, "Angebot", "Angebote")),
                "url": TemplateValue(count > 0 ? URLs.search(need: category.code, sozialraum: code) : nil),
            ])
        }
        var page: [String: TemplateValue] = [
            "code": .string(code),
            "name": .string(name),
            "areaName": .string(name),
            "url": .string(URLs.sozialraum(code)),
            "kind": TemplateValue(area.text("kind")),
            "level": TemplateValue(area.text("level")),
            "population": TemplateValue(area.number("population").map { GermanFormat.number($0) }),
            "officialKey": TemplateValue(area.text("official_key")),
            "breadcrumb": .array(profile.ancestors.map(link)),
            "children": .array(profile.children.map(link)),
            "total": .int(supply.total),
            "totalText": .string(GermanFormat.count(supply.total, "Angebot", "Angebote")),
            "searchURL": .string(URLs.search(need: nil, sozialraum: code)),
            "needs": .array(categories),
            "organizations": .array(profile.organizations.map { organization in
                var link = ServiceView.organizationLink(organization)
                if case .object(var fields) = link { fields["id"] = .string(organization.id); link = .object(fields) }
                return link
            }),
        ]
        if let demand { page["demand"] = demand }
        return try request.context.site.page("sozialraum", title: "Was es in \(name) gibt", context: page, request: request)
    }
}
