// HousingFigures+CSV: the planning figures as rows for a page and as a CSV download
// (semicolon-separated, as German spreadsheets expect; one line per company, period and
// figure; suppressed counts as "<5"; text protected against formula injection by CSVCell).

extension HousingFigures {
    /// The rows of the figures: all companies first, then each (only `company` when given).
    public func rows(company: String? = nil) -> [Company] {
        company.map { id in companies.filter { $0.id == id } } ?? [all] + companies
    }

    /// The figures as CSV, one line per company, period and figure; CRLF line ends.
    public func csv(company: String? = nil) -> String {
        func field(_ cell: String) -> String {
            let text = CSVCell.protect(cell)
            return text.contains { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }
                ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        func count(_ value: Int?) -> String { value.map(String.init) ?? "<\(Self.threshold)" }
        var lines = ["unternehmen_id;unternehmen;zeitraum;kennzahl;kennzahl_text;wert"]
        for row in rows(company: company) {
            func line(_ period: String, _ code: String, _ label: String, _ value: String) {
                lines.append([row.id, row.name, period, code, label, value].map(field).joined(separator: ";"))
            }
            for kind in HouseholdClass.allCases {
                if let flats = row.quota?.flats[kind] { line(String(year), "quote_\(kind.rawValue)", "Quote \(kind.label)", String(flats)) }
            }
            for cell in row.quarters + [row.year] {
                let period = cell.period.parameter
                line(period, "angebote", "Angebote eingestellt", String(cell.offered))
                line(period, "vorgeschlagen", "Haushalte vorgeschlagen", count(cell.count(.proposed)))
                line(period, "reserviert", "Reservierungen", count(cell.count(.held)))
                line(period, "kostenuebernahme", "Kostenübernahmen bewilligt", count(cell.count(.approved)))
                line(period, "vermietet", "Vermietungen", count(cell.count(.lettings)))
                for kind in HouseholdClass.allCases {
                    line(period, "vermietet_\(kind.rawValue)", "Vermietungen \(kind.label)", count(cell.count(.lettingsIn(kind))))
                }
                line(period, "beendet", "Vorschläge beendet", count(cell.count(.ended)))
                for reason in EndReason.allCases {
                    line(period, "beendet_\(reason.rawValue)", "Beendet: \(reason.label)", count(cell.count(.endedFor(reason))))
                }
                for span in Span.allCases {
                    line(period, "anzahl_\(span.rawValue)", "Anzahl \(span.label)", count(cell.count(.durations(span))))
                    line(period, "median_tage_\(span.rawValue)", "Median Tage \(span.label)", cell.medians[span].map { String($0) } ?? "")
                }
            }
            if let share = row.fulfilment() { line(String(year), "erfuellung_prozent", "Erfüllung der Quote in Prozent", String(Int((share * 100).rounded()))) }
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
