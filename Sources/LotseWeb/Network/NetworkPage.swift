// NetworkPage: `GET /netzwerk` — the cooperation network of the members as a server-rendered
// SVG picture (NetworkMapSVG), the same members and cooperations as tables, and the gaps (needs
// in a Sozialraum that no member there covers through a cooperation), narrowed by a GET form to
// one Sozialraum and one need category. Public: cooperations between listed members are no
// personal data and the organization pages show them already.
import HTTP
import LotseCore
import Templating

/// The network map page.
enum NetworkPage {
    /// `GET /netzwerk?sozialraum=CODE&thema=CODE`; an unknown code is a 400 page.
    static func show(_ request: PageRequest) throws -> Response {
        let filter = NetworkMap.Filter(sozialraum: nonEmpty(request.queryValue("sozialraum")), topic: nonEmpty(request.queryValue("thema")))
        let today = BerlinTime(request.context.now()).dateString
        let store = request.context.store
        let (areas, topics) = try (SozialraumTree(store: store).areas(), Cooperations(store: store).topics())
        let choices = try SozialraumTree(store: store).choices()
        let codes = Dictionary(uniqueKeysWithValues: areas.map { ($0.id, $0.code) })
        var map: NetworkMap?
        var problem: String?
        do {
            map = try store.pool.read { try NetworkMap.load($0, filter: filter, today: today) }
        } catch let error as LotseError where error.kind == .invalidInput {
            problem = error.message
        }
        let areaOptions = [TemplateValue.object(["value": .string(""), "label": .string("Alle Sozialräume"), "selected": .bool(filter.sozialraum == nil)])]
            + choices.compactMap { choice -> TemplateValue? in
                guard let code = codes[choice.id] else { return nil }
                return .object(["value": .string(code), "label": .string(choice.label), "selected": .bool(code == filter.sozialraum)])
            }
        let topicOptions = [TemplateValue.object(["value": .string(""), "label": .string("Alle Bedarfe"), "selected": .bool(filter.topic == nil)])]
            + topics.map { .object(["value": .string($0.code), "label": .string($0.name), "selected": .bool($0.code == filter.topic)]) }
        var page: [String: TemplateValue] = ["areaOptions": .array(areaOptions), "topicOptions": .array(topicOptions),
                                             "problem": TemplateValue(problem), "action": .string(URLs.network)]
        if let map {
            let picture = NetworkMapSVG(map: map)
            page["heading"] = .string(picture.title)
            page["svg"] = map.members.isEmpty ? .null : .string(picture.render())
            page["members"] = .array(map.members.map { member in
                .object(["number": .int(member.number), "name": .string(member.name), "kind": .string(member.kind.label),
                         "shape": .string(NetworkMapSVG.style(member.kind).shape.rawValue), "url": .string(URLs.organization(member.id)),
                         "inGap": .bool(member.inGap)])
            })
            page["edges"] = .array(map.edges.map { edge in
                func end(_ id: String) -> TemplateValue {
                    let member = map.member(id)
                    return .object(["name": .string(member?.name ?? ""), "number": TemplateValue(member.map { String($0.number) }),
                                    "url": .string(URLs.organization(id))])
                }
                return .object(["first": end(edge.from), "second": end(edge.to), "topic": .string(edge.topic), "need": TemplateValue(edge.need),
                                "quartier": TemplateValue(edge.quartier), "since": TemplateValue(GermanFormat.date(edge.since)),
                                "until": TemplateValue(GermanFormat.date(edge.until)), "binding": .string(edge.binding ? "ja" : "nein")])
            })
            page["bindingCount"] = .int(map.edges.filter(\.binding).count)
            page["edgeCount"] = .int(map.edges.count)
            page["gaps"] = .array(map.gaps.map { gap in
                .object(["area": .string(gap.areaName), "url": .string(URLs.sozialraum(gap.areaCode)),
                         "needs": .string(gap.needs.joined(separator: ", ")), "count": .int(gap.needs.count)])
            })
        }
        return try request.context.site.page("netzwerk", title: (problem == nil ? "" : "Fehler: ") + "Kooperationsnetz", context: page,
                                             request: request, status: problem == nil ? 200 : 400)
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }
}
