// EngagementFiguresPage: `/koordination/engagement` — the coordinators' figures of
// neighbourhood help: requests met and unmet by Sozialraum and kind of help, each count under 5
// hidden (NeighbourhoodHelpFigures, the same suppression as the unmet-needs report). Counts
// only: no request, citizen or helper.
import HTTP
import LotseCore
import Templating

/// The neighbourhood-help figures.
enum EngagementFiguresPage {
    /// `GET /koordination/engagement`.
    static func show(_ request: PageRequest) throws -> Response {
        _ = try request.account
        let figures = try request.context.store.neighbourhoodHelpFigures()
        func count(_ value: Int?) -> TemplateValue { value.map { .string(String($0)) } ?? .string("< \(figures.threshold)") }
        return try request.page("koordination/engagement", title: "Nachbarschaftshilfe in Zahlen", context: [
            "lines": .array(figures.lines.map { line in
                .object(["area": .string(line.areaName), "kind": .string(line.kind?.label ?? "alle Arten"), "isTotal": .bool(line.kind == nil),
                         "met": count(line.met), "unmet": count(line.unmet), "total": count(line.total)])
            }),
            "threshold": .int(figures.threshold),
        ])
    }
}
