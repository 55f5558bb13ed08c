// SozialraumDemandSection: the demand side of the Sozialraum page, for signed-in coordinators
// only — cases recorded, met and unmet per need category and need in a chosen month, quarter
// or year (`?zeitraum=`), per 1,000 residents where the population is known, read from
// `DistrictDemand` and so suppressed like the report ("<5"). Everyone else gets no section and
// the page ignores the parameter.
import HTTP
import LotseCore
import Templating

/// The coordinators' demand section of the Sozialraum page.
enum SozialraumDemandSection {
    /// The section's template context for area `code`, or nil when the viewer is no coordinator.
    /// An unknown `zeitraum` is refused (400) with a German message.
    static func context(_ request: PageRequest, code: String) throws -> TemplateValue? {
        guard request.viewer.account?.role == .coordinator else { return nil }
        let reporting = UnmetNeedsReporting(store: request.context.store, now: request.context.now())
        let chosen = try reporting.period(request.queryValue("zeitraum"))
        let demand = try reporting.demand(sozialraum: code, period: chosen)
        let thisYear = Int(BerlinTime(request.context.now()).dateString.prefix(4)) ?? chosen.year
        let choices = ReportPeriod.choices(years: min(chosen.year, thisYear - 4)...max(chosen.year, thisYear))
        let known = demand.population.map { $0 > 0 } ?? false
        func count(_ value: Int?) -> String { value.map { GermanFormat.number(Double($0)) } ?? "<5" }
        func rate(_ row: DistrictDemand.Row, _ value: Int?) -> String {
            row.perThousand(value, population: demand.population).map { GermanFormat.number($0, fractionDigits: 1) } ?? "–"
        }
        func line(_ row: DistrictDemand.Row) -> TemplateValue {
            .object([
                "label": .string(row.label), "isCategory": .bool(row.isCategory), "isNeed": .bool(!row.isCategory && !row.need.isEmpty),
                "recorded": .string(count(row.recorded)), "met": .string(count(row.met)), "unmet": .string(count(row.unmet)),
                "recordedRate": .string(rate(row, row.recorded)), "metRate": .string(rate(row, row.met)), "unmetRate": .string(rate(row, row.unmet)),
            ])
        }
        let all = [demand.total] + demand.rows
        return .object([
            "period": .string(chosen.label),
            "periods": .array(choices.map { choice in
                .object(["value": .string(choice.parameter), "label": .string(choice.label), "selected": .bool(choice == chosen)])
            }),
            "action": .string(URLs.sozialraum(code)),
            "residents": TemplateValue(known ? demand.population.map { GermanFormat.number(Double($0)) } : nil),
            "perThousand": .bool(known),
            "total": line(demand.total),
            "rows": .array(demand.rows.map(line)),
            "hasSuppressed": .bool(all.contains { $0.recorded == nil || $0.met == nil || $0.unmet == nil }),
            "threshold": .int(UnmetNeedsReport.suppressionThreshold),
        ])
    }
}
