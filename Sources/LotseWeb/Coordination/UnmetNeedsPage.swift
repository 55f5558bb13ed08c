// UnmetNeedsPage: `/koordination/bericht` — the coordinators' aggregate view: cases (needs)
// recorded, met, unmet and open per need and per Sozialraum, exact where shown, unmet cases as
// server-rendered SVG bar charts with title, description and text labels; the offer cells by
// Sozialraum × need × status × reason (on the page those with a count, the suppressed ones
// counted), needs with no provider in an area, and reply times; every count under 5
// suppressed, with secondary suppression. Unknown parameter values are refused (400).
// `bericht.csv` downloads the cells (an audited export of aggregates).
import HTTP
import LotseCore
import Templating

/// The unmet-needs report.
enum UnmetNeedsPage {
    /// The Sozialraum levels the report rolls areas up to.
    static let levels: [(value: String, label: String, singular: String)] = [
        ("bezirk", "Bezirke", "Bezirk"), ("stadtteil", "Stadtteile", "Stadtteil"), ("quartier", "Quartiere", "Quartier"),
    ]

    /// The period and level of a request (`zeitraum`: `2026`, `2026-Q3` or `2026-11`; `ebene`).
    /// Free ranges (`von`, `bis`), any other period and any other level are refused with a
    /// German message.
    static func parameters(_ request: PageRequest) throws -> (period: ReportPeriod, level: String) {
        if request.queryValue("von") != nil || request.queryValue("bis") != nil {
            throw LotseError(.invalidInput, "Den Bericht gibt es nur für ganze Monate, Quartale und Jahre – bitte einen Zeitraum wählen.")
        }
        let reporting = UnmetNeedsReporting(store: request.context.store, now: request.context.now())
        return (try reporting.period(request.queryValue("zeitraum")), try reporting.level(request.queryValue("ebene")))
    }

    /// The report for the request's period and level.
    static func report(_ request: PageRequest) throws -> UnmetNeedsReport {
        let (period, level) = try parameters(request)
        return try UnmetNeedsReporting(store: request.context.store, now: request.context.now()).report(index: try request.context.search.index(), period: period, level: level)
    }

    /// `GET /koordination/bericht`.
    static func show(_ request: PageRequest) throws -> Response {
        let (chosen, level) = try parameters(request)
        let report = try report(request)
        func count(_ value: Int?) -> String { value.map { GermanFormat.number(Double($0)) } ?? "<5" }
        func hours(_ value: Double?) -> String { value.map { GermanFormat.number(($0 * 10).rounded() / 10) } ?? "–" }
        let period = chosen.label
        let thisYear = Int(BerlinTime(request.context.now()).dateString.prefix(4)) ?? chosen.year
        let choices = ReportPeriod.choices(years: min(chosen.year, thisYear - 4)...max(chosen.year, thisYear))
        let levelLabel = levels.first { $0.value == level }?.label ?? level
        var byNeed = SVGBarChart(title: "Ungedeckte Bedarfe", description: "Abgeschlossene Fälle ohne angenommenes Angebot je Bedarf"
                                 + ", \(period)" + ". Werte unter 5 sind unterdrückt.", bars: report.unmetByNeed())
        byNeed.idPrefix = "diagramm-bedarf"
        var byArea = SVGBarChart(title: "Ungedeckte Bedarfe nach Sozialraum", description: "Abgeschlossene Fälle ohne angenommenes Angebot je \(levels.first { $0.value == level }?.singular ?? level)"
                                 + ", \(period)" + ". Werte unter 5 sind unterdrückt.", bars: report.unmetByArea())
        byArea.idPrefix = "diagramm-gebiet"
        let gapsWithDemand = report.gaps.filter { $0.cases != 0 }
        func cases(_ totals: [UnmetNeedsReport.CaseCounts]) -> TemplateValue {
            .array(totals.map { total in
                .object(["label": .string(total.label), "recorded": .string(count(total.recorded)), "met": .string(count(total.met)),
                         "unmet": .string(count(total.unmet)), "open": .string(count(total.open))])
            })
        }
        let query = [("zeitraum", chosen.parameter), ("ebene", level)]
        let page: [String: TemplateValue] = [
            "periods": .array(choices.map { choice in
                .object(["value": .string(choice.parameter), "label": .string(choice.label), "selected": .bool(choice == chosen)])
            }),
            "period": .string(period),
            "levels": .array(levels.map { .object(["value": .string($0.value), "label": .string($0.label), "selected": .bool($0.value == level)]) }),
            "levelLabel": .string(levelLabel), "total": .string(count(report.referralTotal)),
            "cases": .string(count(report.caseTotal.recorded)), "casesMet": .string(count(report.caseTotal.met)),
            "casesUnmet": .string(count(report.caseTotal.unmet)), "casesOpen": .string(count(report.caseTotal.open)),
            "byNeed": cases(report.needTotals), "byAreaCases": cases(report.areaTotals),
            "threshold": .int(UnmetNeedsReport.suppressionThreshold),
            "charts": .array([byNeed, byArea].map { chart in
                .object(["svg": chart.bars.isEmpty ? .null : .string(chart.render()), "title": .string(chart.title)])
            }),
            // Suppressed cells stay in the CSV (as "<5"); the page lists the ones with a count.
            "suppressedCells": .string(GermanFormat.count(report.cells.filter { $0.count == nil }.count, "Kombination", "Kombinationen")),
            "hasSuppressed": .bool(report.cells.contains { $0.count == nil }),
            "cells": .array(report.cells.filter { $0.count != nil }.map { cell in
                .object(["area": .string(cell.sozialraumName), "need": .string(cell.needName), "status": .string(cell.status.label),
                         "reason": .string(cell.reason?.label ?? "–"), "count": .string(count(cell.count))])
            }),
            "gaps": .array(gapsWithDemand.map { gap in
                .object(["area": .string(gap.sozialraumName), "need": .string(gap.needName), "cases": .string(count(gap.cases))])
            }),
            "otherGaps": .string(GermanFormat.count(report.gaps.count - gapsWithDemand.count, "weitere Kombination", "weitere Kombinationen")),
            "byArea": .array(report.responseTimesByArea.map { time in
                .object(["label": .string(time.label), "answered": .string(count(time.answered)), "median": .string(hours(time.medianHours)),
                         "p90": .string(hours(time.p90Hours))])
            }),
            "byService": .array(report.responseTimesByService.filter { $0.answered != nil }.map { time in
                .object(["label": .string(time.label), "answered": .string(count(time.answered)), "median": .string(hours(time.medianHours)),
                         "p90": .string(hours(time.p90Hours))])
            }),
            "csvURL": .string(URLs.reportCSV(query)), "action": .string(URLs.report()),
        ]
        return try request.context.site.page("koordination/bericht", title: "Bericht: ungedeckte Bedarfe", context: page, request: request)
    }

    /// `GET /koordination/bericht.csv`: the cells as a CSV download (semicolon-separated,
    /// UTF-8), logged in the audit log as an export of aggregates.
    static func csv(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let (period, level) = try parameters(request)
        let report = try report(request)
        try UnmetNeedsReporting(store: request.context.store, now: request.context.now()).recordCSVExport(period: period, level: level, by: account)
        let name = "ungedeckte-bedarfe-\(level)-\(period.parameter).csv"
        var response = Response(status: 200, bytes: Array(report.csv().utf8))
        response.headers["Content-Type"] = "text/csv; charset=utf-8"
        response.headers["Content-Disposition"] = "attachment; filename=\"\(name)\""
        return response
    }
}
