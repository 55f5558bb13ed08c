// UnmetNeedsReport+Output: the report as a CSV download (semicolon-separated, as German
// spreadsheets expect; suppressed cells as "<5"; text protected against formula injection by
// CSVCell) and as data for server-rendered SVG charts.

import Foundation

extension UnmetNeedsReport {
    /// The statuses counted as "need not met".
    public static let unmetStatuses: Set<ReferralStatus> = [.rejected, .cancelled, .failed]

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

    /// Bars of unmet referral–need pairs (rejected, cancelled, failed) per need, largest
    /// first; a need whose count is under 5 shows as suppressed.
    public func unmetByNeed() -> [SVGBarChart.Bar] {
        bars(key: \.need, label: \.needName)
    }

    /// Bars of unmet referral–need pairs per Sozialraum, largest first.
    public func unmetByArea() -> [SVGBarChart.Bar] {
        bars(key: \.sozialraum, label: \.sozialraumName)
    }

    private func bars(key: KeyPath<Cell, String>, label: KeyPath<Cell, String>) -> [SVGBarChart.Bar] {
        var sums: [String: (label: String, count: Int, hidden: Bool)] = [:]
        for cell in cells where Self.unmetStatuses.contains(cell.status) {
            var entry = sums[cell[keyPath: key]] ?? (cell[keyPath: label], 0, false)
            if let count = cell.count { entry.count += count } else { entry.hidden = true }
            sums[cell[keyPath: key]] = entry
        }
        // A sum that includes suppressed cells is a lower bound; show it only when it is
        // itself large enough, never the suppressed part.
        return sums.values.map { entry in
            SVGBarChart.Bar(label: entry.label, value: entry.count >= Self.suppressionThreshold ? entry.count : nil,
                            note: entry.hidden ? "mindestens" : nil)
        }.sorted { ($0.value ?? 0, $1.label) > ($1.value ?? 0, $0.label) }
    }
}
