// HousingFiguresPage: `/koordination/wohnungen` (and its JSON twin) — the planning figure for the
// cooperation talks with the housing industry: per housing company and quarter the flats
// offered, households proposed, holds, cost approvals, lettings against the yearly quota and
// ended proposals by reason, and the median days from proposal to approval to letting; every
// count from households under the threshold suppressed (HousingFigures). Filters: year and
// company; an unknown value is refused (400). `wohnungen.csv` downloads the same figures (an
// audited export of aggregates).
import HTTP
import LotseCore
import Templating

/// The housing planning figures.
enum HousingFiguresPage {
    /// The year and company of a request (`jahr`, `unternehmen`), refused in German when unknown.
    static func parameters(_ request: PageRequest) throws -> (year: Int, company: String?) {
        let reporting = HousingFiguresReporting(store: request.context.store, now: request.context.now())
        return (try reporting.year(request.queryValue("jahr")), try reporting.company(request.queryValue("unternehmen")))
    }

    /// `GET /koordination/wohnungen`.
    static func show(_ request: PageRequest) throws -> Response {
        let (year, company) = try parameters(request)
        let reporting = HousingFiguresReporting(store: request.context.store, now: request.context.now())
        let figures = try reporting.figures(year: year)
        let thisYear = BerlinTime(request.context.now()).year
        let companies = try HousingQuotas(store: request.context.store, now: request.context.now()).companies()
        var query = [("jahr", String(year))]
        if let company { query.append(("unternehmen", company)) }
        let page: [String: TemplateValue] = [
            "year": .int(year),
            "years": .array((min(year, thisYear - 4)...max(year, thisYear + 1)).reversed().map { choice in
                .object(["value": .int(choice), "selected": .bool(choice == year)])
            }),
            "companies": .array(companies.map { .object(["value": .string($0.id), "label": .string($0.name), "selected": .bool($0.id == company)]) }),
            "allSelected": .bool(company == nil),
            "threshold": .int(HousingFigures.threshold),
            "periods": .array((1...4).map { .string(ReportPeriod.quarter($0, of: year).label) } + [.string("Jahr \(year)")]),
            "classes": .array(HouseholdClass.allCases.map { .string($0.label) }),
            "sections": .array(figures.rows(company: company).map { section($0, year: year) }),
            "csvURL": .string(URLs.housingFiguresCSV(query)), "action": .string(URLs.housingFigures()),
            "quotasURL": .string(URLs.housingQuotas([("jahr", String(year))])),
        ]
        return try request.page("wohnungen/zahlen", title: "Planungszahlen Wohnungen \(year)", context: page)
    }

    /// A count as shown: the number, or "<5" when suppressed.
    static func count(_ value: Int?) -> String {
        value.map { GermanFormat.number(Double($0)) } ?? "<\(HousingFigures.threshold)"
    }

    /// The template context of one company (or all).
    static func section(_ row: HousingFigures.Company, year: Int) -> TemplateValue {
        let cells = row.quarters + [row.year]
        func percent(_ share: Double?) -> String { share.map { GermanFormat.number(($0 * 100).rounded()) + " %" } ?? "–" }
        var quota: [TemplateValue] = []
        if let recorded = row.quota {
            for kind in HouseholdClass.allCases {
                quota.append(.object(["label": .string(kind.label), "flats": .string(recorded.flats[kind].map(String.init) ?? "–"),
                                      "lettings": .string(count(row.year.count(.lettingsIn(kind)))), "fulfilment": .string(percent(row.fulfilment(kind)))]))
            }
            quota.append(.object(["label": .string("zusammen"), "flats": .string(String(recorded.total)),
                                  "lettings": .string(count(row.year.count(.lettings))), "fulfilment": .string(percent(row.fulfilment()))]))
        }
        func median(_ cell: HousingFigures.Cell, _ span: HousingFigures.Span) -> String {
            guard let number = cell.count(.durations(span)) else { return "<\(HousingFigures.threshold) Fälle" }
            guard let days = cell.medians[span], number > 0 else { return "–" }
            return GermanFormat.number(days) + " Tage (" + GermanFormat.count(number, "Fall", "Fälle") + ")"
        }
        return .object([
            "name": .string(row.name), "isAll": .bool(row.id.isEmpty), "year": .int(year),
            "quota": .array(quota), "hasQuota": .bool(row.quota != nil),
            "quarters": .array(cells.map { cell in
                .object(["label": .string(cell.period.kind == .year ? "Jahr \(year)" : cell.period.label), "offered": .string(GermanFormat.number(Double(cell.offered))),
                         "proposed": .string(count(cell.count(.proposed))), "held": .string(count(cell.count(.held))),
                         "approved": .string(count(cell.count(.approved))), "lettings": .string(count(cell.count(.lettings))),
                         "ended": .string(count(cell.count(.ended)))])
            }),
            "reasons": .array(HousingFigures.EndReason.allCases.map { reason in
                .object(["label": .string(reason.label), "cells": .array(cells.map { .string(count($0.count(.endedFor(reason)))) })])
            }),
            "spans": .array(HousingFigures.Span.allCases.map { span in
                .object(["label": .string(span.label), "cells": .array(cells.map { .string(median($0, span)) })])
            }),
        ])
    }

    /// `GET /koordination/wohnungen.csv`: the figures as a CSV download (semicolon-separated,
    /// UTF-8), logged in the audit log as an export of aggregates.
    static func csv(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let (year, company) = try parameters(request)
        let reporting = HousingFiguresReporting(store: request.context.store, now: request.context.now())
        let figures = try reporting.figures(year: year)
        try reporting.recordCSVExport(year: year, company: company, by: account)
        var response = Response(status: 200, bytes: Array(figures.csv(company: company).utf8))
        response.headers["Content-Type"] = "text/csv; charset=utf-8"
        response.headers["Content-Disposition"] = "attachment; filename=\"planungszahlen-wohnungen-\(year).csv\""
        return response
    }
}
