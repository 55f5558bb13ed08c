// OpeningHours: German sentences for schedule rules (weekly ranges and lists, fortnightly,
// monthly by week of the month, all day).
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
}
