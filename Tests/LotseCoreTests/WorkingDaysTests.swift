// Working days and public holidays: Easter by the Gregorian computus, the federal holidays,
// Berlin's Frauentag, Bremen's and Saxony's Reformationstag and Saxony's Buß- und Bettag over
// several years, and deadlines that run across weekends and holidays.
import Testing
@testable import LotseCore

@Suite struct WorkingDaysTests {
    func date(_ day: Int) -> String { WorkingDays.dateString(day) }

    @Test func easterMatchesKnownDates() {
        let known = [(2019, 4, 21), (2020, 4, 12), (2021, 4, 4), (2022, 4, 17), (2023, 4, 9), (2024, 3, 31), (2025, 4, 20),
                     (2026, 4, 5), (2027, 3, 28), (2028, 4, 16), (2029, 4, 1), (2030, 4, 21), (2038, 4, 25), (2285, 3, 22)]
        for (year, month, day) in known {
            let easter = GermanHolidays.easterSunday(year: year)
            #expect(easter.month == month && easter.day == day, "\(year)")
        }
    }

    @Test func bussUndBettagIsTheWednesdayBeforeNovember23() {
        let known = ["2024-11-20", "2025-11-19", "2026-11-18", "2027-11-17", "2028-11-22", "2029-11-21"]
        for (offset, expected) in known.enumerated() {
            #expect(date(GermanHolidays.bussUndBettag(year: 2024 + offset)) == expected)
        }
    }

    @Test func holidaysPerLand() {
        func names(_ year: Int, _ state: String?) -> [String: String] {
            Dictionary(uniqueKeysWithValues: GermanHolidays.holidays(year: year, stateCode: state).map { (date($0.day), $0.name) })
        }
        let federal2026 = names(2026, nil)
        #expect(federal2026.count == 9)
        #expect(federal2026["2026-04-03"] == "Karfreitag" && federal2026["2026-04-06"] == "Ostermontag")
        #expect(federal2026["2026-05-14"] == "Christi Himmelfahrt" && federal2026["2026-05-25"] == "Pfingstmontag")
        #expect(federal2026["2026-10-03"] != nil && federal2026["2026-12-26"] != nil && federal2026["2026-05-01"] != nil)
        #expect(names(2027, "BE")["2027-03-08"] == "Internationaler Frauentag" && names(2027, "HB")["2027-03-08"] == nil)
        #expect(names(2025, "HB")["2025-10-31"] == "Reformationstag" && names(2025, "BE")["2025-10-31"] == nil)
        #expect(names(2026, "SN")["2026-11-18"] == "Buß- und Bettag" && names(2026, "SN")["2026-10-31"] == "Reformationstag")
        #expect(names(2027, "SN").count == 11 && names(2027, "BE").count == 10 && names(2027, "HB").count == 10)
    }

    @Test func workingDaysSkipWeekendsAndTheLandsHolidays() {
        let berlin = WorkingDays(stateCode: "BE"), bremen = WorkingDays(stateCode: "HB"), saxony = WorkingDays(stateCode: "SN")
        #expect(!berlin.isWorkingDay("2027-03-08") && bremen.isWorkingDay("2027-03-08"))
        #expect(!bremen.isWorkingDay("2025-10-31") && berlin.isWorkingDay("2025-10-31") && !saxony.isWorkingDay("2025-10-31"))
        #expect(!saxony.isWorkingDay("2026-11-18") && berlin.isWorkingDay("2026-11-18"))
        #expect(!berlin.isWorkingDay("2026-11-21") && !berlin.isWorkingDay("2026-11-22"), "weekend")
        #expect(!berlin.isWorkingDay("2028-05-25"), "Christi Himmelfahrt 2028")
    }

    @Test func deadlinesRunAcrossWeekendsAndHolidays() {
        let berlin = WorkingDays(stateCode: "BE"), saxony = WorkingDays(stateCode: "SN"), bremen = WorkingDays(stateCode: "HB")
        #expect(berlin.adding(3, to: "2026-12-23") == "2026-12-29")          // 24, (25, 26, 27), 28, 29
        #expect(berlin.adding(1, to: "2026-04-02") == "2026-04-07")          // Karfreitag … Ostermontag
        #expect(saxony.adding(1, to: "2026-11-17") == "2026-11-19" && berlin.adding(1, to: "2026-11-17") == "2026-11-18")
        #expect(saxony.adding(3, to: "2026-11-18") == "2026-11-23")          // from a holiday: Thu, Fri, Mon
        #expect(bremen.adding(2, to: "2025-10-30") == "2025-11-04")          // Fri 31 Reformationstag, weekend
        #expect(berlin.adding(5, to: "2026-11-20") == "2026-11-27")
        #expect(berlin.adding(0, to: "2026-11-21") == "2026-11-23")
        #expect(berlin.count(from: "2026-12-23", to: "2026-12-29") == 3 && berlin.count(from: "2026-12-29", to: "2026-12-23") == 0)
        #expect(saxony.count(from: "2026-11-13", to: "2026-11-20") == 4)      // 16, 17, (18), 19, 20
        #expect(WorkingDays(stateCode: nil).adding(1, to: "2027-01-01") == "2027-01-04")
    }

    @Test func aSentReferralGetsTheServicesRespondByInTheLandsWorkingDays() throws {
        let network = try ReferralFixture()
        let id = try network.sent(to: [network.serviceA])[0]
        #expect(try network.referral(id).respondBy == "2026-11-23", "sent on Buß- und Bettag in Dresden: Thu, Fri, Mon")
        try network.fixture.sql("UPDATE service SET respond_by_days = 5 WHERE id = '\(network.serviceB)'")
        let five = try network.sent(to: [network.serviceB])[0]
        #expect(try network.referral(five).respondBy == "2026-11-25")
        let fixed = try network.sent(to: [network.serviceC]) { $0.respondBy = "2026-11-20" }[0]
        #expect(try network.referral(fixed).respondBy == "2026-11-20")
    }
}
