// StartPage: `GET /`, the search form (text, need category, Sozialraum) and quick links to
// the need categories and the cities of the network, with the number of listed services.
import HTTP
import LotseCore
import Templating

/// The start page.
enum StartPage {
    /// Renders the start page.
    static func handle(_ request: PageRequest) throws -> Response {
        // While the first index builds (large directories, just after start) the page goes
        // without counts instead of waiting.
        let ready = request.context.search.readyIndex() != nil
        let overview = !ready
            ? SearchResult(total: 0, serviceIDs: [], terms: [])
            : try request.context.search.search(SearchQuery(limit: 0), facets: true)
        let (needs, areas) = try request.context.read(.public) { reader in
            (try reader.outline(.need), try reader.areaOutline())
        }
        var counts: [String: Int] = [:]
        for group in overview.facets where group.name == "need" || group.name == "sozialraum" {
            for value in group.values { counts[group.name + ":" + value.code] = value.count }
        }
        let categories = needs.filter { $0.depth == 0 }.map { category -> TemplateValue in
            .object([
                "code": .string(category.code),
                "name": .string(category.name),
                "count": .int(counts["need:" + category.code] ?? 0),
                "countText": .string(ready ? GermanFormat.count(counts["need:" + category.code] ?? 0, "Angebot", "Angebote") : ""),
                "url": .string(URLs.search(need: category.code)),
            ])
        }
        let cities = areas.filter { $0.depth == 0 }.map { city -> TemplateValue in
            .object([
                "code": .string(city.code),
                "name": .string(city.name),
                "count": .int(counts["sozialraum:" + city.code] ?? 0),
                "url": .string(URLs.sozialraum(city.code)),
                "searchURL": .string(URLs.search(need: nil, sozialraum: city.code)),
            ])
        }
        let page: [String: TemplateValue] = [
            "total": .int(overview.total),
            "totalText": .string(ready ? GermanFormat.count(overview.total, "Angebot", "Angebote") : "Angebote"),
            "formAction": .string(URLs.searchPage),
            "needOptions": .array(optionGroups(needs, all: { "\($0) (alle)" })),
            "areaOptions": .array(optionGroups(areas, all: { "\($0) (ganze Stadt)" })),
            "categories": .array(categories),
            "cities": .array(cities),
        ]
        return try request.context.site.page("start", title: "Angebote finden", context: page, request: request)
    }

    /// Picker groups: one per top entry (`label`), with the top entry itself first and every
    /// descendant after it (`code`, `label`; deeper areas name their parent).
    static func optionGroups(_ entries: [DirectoryOutline.Entry], all: (String) -> String) -> [TemplateValue] {
        var names: [String: String] = [:]
        for entry in entries { names[entry.code] = entry.name }
        var groups: [TemplateValue] = []
        var current: (label: String, options: [TemplateValue])?
        for entry in entries {
            if entry.depth == 0 {
                if let current { groups.append(.object(["label": .string(current.label), "options": .array(current.options)])) }
                current = (entry.name, [.object(["code": .string(entry.code), "label": .string(all(entry.name))])])
            } else {
                let parent = entry.depth > 1 ? entry.parentCode.flatMap { names[$0] } : nil
                let label = parent.map { "\(entry.name) (\($0))" } ?? entry.name
                current?.options.append(.object(["code": .string(entry.code), "label": .string(label)]))
            }
        }
        if let current { groups.append(.object(["label": .string(current.label), "options": .array(current.options)])) }
        return groups
    }
}
