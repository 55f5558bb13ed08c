// UnmetNeedsReport+Output: the report as a CSV download (semicolon-separated, as German
// spreadsheets expect; suppressed cells as "<5"; text protected against formula injection by
// CSVCell) and as data for server-rendered SVG charts.

import Foundation

extension UnmetNeedsReport {
    /// The cells as CSV with a header line; CRLF line ends, fields quoted where needed.
    public func csv() -> String {
        func field(_ cell: String) -> String {
            let text = CSVCell.protect(cell)
            return text.contains { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }
                ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        var lines = ["sozialraum_code;sozialraum;bedarf_code;bedarf;status;status_text;grund;grund_text;anzahl"]
        for cell in cells {
            lines.append([cell.sozialraum, cell.sozialraumName, cell.need, cell.needName, cell.status.rawValue, cell.status.label,
                          cell.reason?.rawValue ?? "", cell.reason?.label ?? "", cell.count.map(String.init) ?? "<5"]
                .map(field).joined(separator: ";"))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// Bars of unmet cases per need, largest first: exact counts, a suppressed one without a
    /// value. An offer cancelled because a parallel one was accepted never counts.
    public func unmetByNeed() -> [SVGBarChart.Bar] {
        bars(needTotals)
    }

    /// Bars of unmet cases per Sozialraum, largest first.
    public func unmetByArea() -> [SVGBarChart.Bar] {
        bars(areaTotals)
    }

    private func bars(_ totals: [CaseCounts]) -> [SVGBarChart.Bar] {
        totals.filter { $0.unmet != 0 }.map { SVGBarChart.Bar(label: $0.label, value: $0.unmet) }
            .sorted { ($0.value ?? 0, $1.label) > ($1.value ?? 0, $0.label) }
    }
}
