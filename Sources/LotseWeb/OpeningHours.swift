// OpeningHours: German sentences for HSDS schedules (RFC 5545 style rules), e.g.
// "Montag bis Freitag 09:00–12:00 Uhr", "jeden 1. Mittwoch im Monat 14:00–17:00 Uhr",
// "alle zwei Wochen montags 18:30–20:00 Uhr".
import Foundation
import LotseCore
import Templating

/// Renders schedules as German text.
enum OpeningHours {
    /// RFC 5545 weekday codes in week order.
    static let weekdayCodes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
    /// German weekday names in week order.
    static let weekdayNames = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
    /// German adverbs ("montags") in week order.
    static let weekdayAdverbs = ["montags", "dienstags", "mittwochs", "donnerstags", "freitags", "samstags", "sonntags"]

    /// The template context of the schedules that still apply on `today` (`YYYY-MM-DD`):
    /// `label` (the schedule's own description), `when` (the rule in German), `validity`,
    /// `notes`, `attendance`. Schedules whose `valid_to` lies before today are left out.
    static func context(_ schedules: [Record], today: String) -> [TemplateValue] {
        schedules.compactMap { schedule in
            if let end = GermanFormat.isoDate(schedule.text("valid_to")), end < today { return nil }
            let when = describe(schedule)
            guard when != nil || schedule.text("description") != nil else { return nil }
            return .object([
                "label": TemplateValue(schedule.text("description")),
                "when": TemplateValue(when),
                "validity": TemplateValue(validity(schedule, today: today)),
                "notes": TemplateValue(schedule.text("notes")),
                "attendance": TemplateValue(schedule.text("attending_type")),
            ])
        }
    }

    /// The rule of one schedule in German, or nil when it has no usable rule.
    static func describe(_ schedule: Record) -> String? {
        let interval = max(1, Int(schedule.text("interval") ?? "1") ?? 1)
        let byDay = (schedule.text("byday") ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
        var days: String?
        if schedule.text("freq")?.uppercased() == "MONTHLY" {
            days = monthly(byDay: byDay, byMonthDay: schedule.text("bymonthday"), interval: interval)
        } else {
            days = weekly(byDay: byDay, interval: interval)
        }
        let hours = self.hours(opens: GermanFormat.time(schedule.text("opens_at")), closes: GermanFormat.time(schedule.text("closes_at")))
        let parts = [days, hours].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    /// "Montag bis Freitag", "Dienstag und Donnerstag", "täglich"; with an interval above one
    /// "alle zwei Wochen montags und freitags".
    static func weekly(byDay: [String], interval: Int) -> String? {
        let indexes = Set(byDay.compactMap { weekdayCodes.firstIndex(of: $0) }).sorted()
        guard !indexes.isEmpty else { return interval > 1 ? "alle \(GermanFormat.word(interval)) Wochen" : nil }
        if interval > 1 {
            return "alle \(GermanFormat.word(interval)) Wochen " + GermanFormat.list(indexes.map { weekdayAdverbs[$0] })
        }
        if indexes.count == 7 { return "täglich" }
        var runs: [[Int]] = []
        for index in indexes {
            if let last = runs.last?.last, last + 1 == index { runs[runs.count - 1].append(index) } else { runs.append([index]) }
        }
        let phrases = runs.flatMap { run -> [String] in
            run.count >= 3 ? ["\(weekdayNames[run[0]]) bis \(weekdayNames[run[run.count - 1]])"] : run.map { weekdayNames[$0] }
        }
        return GermanFormat.list(phrases)
    }

    /// "jeden 1. Mittwoch im Monat", "jeden letzten Freitag im Monat", "am 15. jedes Monats";
    /// with an interval above one "… alle zwei Monate".
    static func monthly(byDay: [String], byMonthDay: String?, interval: Int) -> String? {
        var ordinalsByDay: [Int: [Int]] = [:]
        for entry in byDay {
            let code = String(entry.suffix(2))
            guard let day = weekdayCodes.firstIndex(of: code) else { continue }
            let ordinal = Int(entry.dropLast(2)) ?? 0
            ordinalsByDay[day, default: []].append(ordinal)
        }
        let period = interval > 1 ? "alle \(GermanFormat.word(interval)) Monate" : "im Monat"
        if !ordinalsByDay.isEmpty {
            let phrases = ordinalsByDay.keys.sorted().map { day -> String in
                let ordinals = ordinalsByDay[day]!.filter { $0 != 0 }.sorted { ($0 < 0 ? 100 - $0 : $0) < ($1 < 0 ? 100 - $1 : $1) }
                if ordinals.isEmpty { return "jeden \(weekdayNames[day])" }
                let words = ordinals.map { $0 == -1 ? "letzten" : $0 < 0 ? "\(-$0).-letzten" : "\($0)." }
                return "jeden \(GermanFormat.list(words)) \(weekdayNames[day])"
            }
            return GermanFormat.list(phrases) + " " + period
        }
        let monthDays = (byMonthDay ?? "").split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        if !monthDays.isEmpty {
            let words = monthDays.map { $0 == -1 ? "letzten Tag" : "\($0)." }
            return "am " + GermanFormat.list(words) + (interval > 1 ? " " + period : " jedes Monats")
        }
        return interval > 1 ? period : "monatlich"
    }

    /// "09:00–12:00 Uhr", "ab 09:00 Uhr", "bis 12:00 Uhr", "rund um die Uhr".
    static func hours(opens: String?, closes: String?) -> String? {
        switch (opens, closes) {
        case let (open?, close?):
            if open == "00:00" && (close == "23:59" || close == "24:00" || close == "00:00") { return "rund um die Uhr" }
            return "\(open)–\(close) Uhr"
        case let (open?, nil): return "ab \(open) Uhr"
        case let (nil, close?): return "bis \(close) Uhr"
        case (nil, nil): return nil
        }
    }

    /// "vom 01.11.2026 bis 31.03.2027", "ab 01.01.2027" (only when it starts after today),
    /// "bis 31.03.2027"; nil when the schedule is not limited in time.
    static func validity(_ schedule: Record, today: String) -> String? {
        let from = GermanFormat.isoDate(schedule.text("valid_from")).flatMap { $0 > today ? $0 : nil }
        let to = GermanFormat.isoDate(schedule.text("valid_to"))
        switch (from.flatMap(GermanFormat.date), to.flatMap(GermanFormat.date)) {
        case let (start?, end?): return "vom \(start) bis \(end)"
        case let (start?, nil): return "ab \(start)"
        case let (nil, end?):
            let start = GermanFormat.date(schedule.text("valid_from"))
            return start.map { "vom \($0) bis \(end)" } ?? "bis \(end)"
        case (nil, nil): return nil
        }
    }
}
