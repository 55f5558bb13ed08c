// OpeningHours, GermanFormat and the URL helpers: German sentences for schedule rules, German
// number and date forms, and links that never carry unsafe schemes.
import Foundation
import Testing
@testable import LotseWeb

@Suite struct OpeningHoursTests {
    @Test func weeklyDaysBecomeRangesAndLists() {
        #expect(OpeningHours.weekly(byDay: ["MO", "TU", "WE", "TH", "FR"], interval: 1) == "Montag bis Freitag")
        #expect(OpeningHours.weekly(byDay: ["TU", "TH"], interval: 1) == "Dienstag und Donnerstag")
        #expect(OpeningHours.weekly(byDay: ["MO", "TU", "TH", "FR"], interval: 1) == "Montag, Dienstag, Donnerstag und Freitag")
        #expect(OpeningHours.weekly(byDay: ["MO", "TU", "WE", "FR"], interval: 1) == "Montag bis Mittwoch und Freitag")
        #expect(OpeningHours.weekly(byDay: ["SU", "MO", "TU", "WE", "TH", "FR", "SA"], interval: 1) == "täglich")
        #expect(OpeningHours.weekly(byDay: ["MO"], interval: 2) == "alle zwei Wochen montags")
        #expect(OpeningHours.weekly(byDay: ["MO", "FR"], interval: 3) == "alle drei Wochen montags und freitags")
        #expect(OpeningHours.weekly(byDay: [], interval: 1) == nil)
    }

    @Test func monthlyRulesNameTheWeekOfTheMonth() {
        #expect(OpeningHours.monthly(byDay: ["1WE"], byMonthDay: nil, interval: 1) == "jeden 1. Mittwoch im Monat")
        #expect(OpeningHours.monthly(byDay: ["1SA", "3SA"], byMonthDay: nil, interval: 1) == "jeden 1. und 3. Samstag im Monat")
        #expect(OpeningHours.monthly(byDay: ["-1FR"], byMonthDay: nil, interval: 1) == "jeden letzten Freitag im Monat")
        #expect(OpeningHours.monthly(byDay: ["2TH"], byMonthDay: nil, interval: 2) == "jeden 2. Donnerstag alle zwei Monate")
        #expect(OpeningHours.monthly(byDay: [], byMonthDay: "15", interval: 1) == "am 15. jedes Monats")
    }

    @Test func hoursAndAllDay() {
        #expect(OpeningHours.hours(opens: "09:00", closes: "12:00") == "09:00–12:00 Uhr")
        #expect(OpeningHours.hours(opens: "00:00", closes: "23:59") == "rund um die Uhr")
        #expect(OpeningHours.hours(opens: "14:00", closes: nil) == "ab 14:00 Uhr")
        #expect(OpeningHours.hours(opens: nil, closes: nil) == nil)
        #expect(GermanFormat.time("9:05:00") == "09:05")
        #expect(GermanFormat.time("25:00") == nil)
    }

    @Test func germanNumbersDatesAndLists() {
        #expect(GermanFormat.date("2026-06-29") == "29.06.2026")
        // 23:30 UTC on 31 Dec is already New Year in Berlin.
        #expect(GermanFormat.date("2026-12-31T23:30:00Z") == "01.01.2027")
        #expect(GermanFormat.date("kein Datum") == nil)
        #expect(GermanFormat.money(3.5, currency: "EUR") == "3,50 €")
        #expect(GermanFormat.money(1234.5, currency: nil) == "1.234,50 €")
        #expect(GermanFormat.number(36000) == "36.000")
        #expect(GermanFormat.number(2.5) == "2,5")
        #expect(GermanFormat.list(["a", "b", "c"]) == "a, b und c")
        #expect(GermanFormat.count(1, "Angebot", "Angebote") == "1 Angebot")
        #expect(GermanFormat.count(1200, "Angebot", "Angebote") == "1.200 Angebote")
        #expect(GermanFormat.coordinates(latitude: 53.09115, longitude: 8.79148) == "53,09115° N, 8,79148° O")
    }

    @Test func linksOnlyWithSafeSchemes() {
        #expect(URLs.external("https://example.org/a") == "https://example.org/a")
        #expect(URLs.external("javascript:alert(1)") == nil)
        #expect(URLs.external(" JavaScript:alert(1)") == nil)
        #expect(URLs.external("data:text/html,x") == nil)
        #expect(URLs.tel("+49 40 66969 746") == "tel:+494066969746")
        #expect(URLs.tel("keine") == nil)
        #expect(URLs.mailto("leitung@example.org") == "mailto:leitung@example.org")
        #expect(URLs.mailto("a\"b@example.org") == nil)
        #expect(URLs.mailto("<script>@x.org") == nil)
        #expect(URLs.search(need: "pflege", sozialraum: "bremen") == "/suche?bedarf=pflege&sozialraum=bremen")
    }
}
