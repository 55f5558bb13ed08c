// GermanHolidays: the public holidays that stop the referral clock — the nine federal ones
// plus those of each of the sixteen Länder, one-off days such as Berlin's 8 May 2025 included —
// with Easter computed by the anonymous Gregorian (Meeus/Jones/Butcher) algorithm, so no
// calendar data is needed.

/// Public holidays in Germany.
public enum GermanHolidays {
    /// Easter Sunday of `year` as (month, day).
    public static func easterSunday(year: Int) -> (month: Int, day: Int) {
        let a = year % 19
        let b = year / 100, c = year % 100
        let d = b / 4, e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return (month, day)
    }

    /// The holidays of `year` for a Land (`stateCode` such as "BE"; nil or unknown: federal
    /// only), as day numbers since 1970-01-01 with their German names, in date order.
    public static func holidays(year: Int, stateCode: String?) -> [(day: Int, name: String)] {
        holidays(year: year, land: GermanLand(code: stateCode))
    }

    /// The holidays of `year` in `land` (nil: the nine federal ones), in date order.
    ///
    /// Rules as the Länder's holiday laws give them for the whole Land. Days that only some
    /// municipalities keep are left out (Fronleichnam in a few Sorbian communities of Saxony and
    /// in Thuringia's Eichsfeld, Augsburg's Friedensfest), except Mariä Himmelfahrt in Bavaria,
    /// which most municipalities keep: a deadline a day later errs on the side of the provider.
    /// Brandenburg's Easter and Whit Sundays are listed although they stop no working day.
    public static func holidays(year: Int, land: GermanLand?) -> [(day: Int, name: String)] {
        func day(_ month: Int, _ day: Int) -> Int { BerlinTime.daysFromCivil(year: year, month: month, day: day) }
        let easter = easterSunday(year: year)
        let easterDay = day(easter.month, easter.day)
        var list: [(Int, String)] = [
            (day(1, 1), "Neujahr"),
            (easterDay - 2, "Karfreitag"),
            (easterDay + 1, "Ostermontag"),
            (day(5, 1), "Tag der Arbeit"),
            (easterDay + 39, "Christi Himmelfahrt"),
            (easterDay + 50, "Pfingstmontag"),
            (day(10, 3), "Tag der Deutschen Einheit"),
            (day(12, 25), "1. Weihnachtstag"),
            (day(12, 26), "2. Weihnachtstag"),
        ]
        let epiphany = (day(1, 6), "Heilige Drei Könige")
        let corpusChristi = (easterDay + 60, "Fronleichnam")
        let assumption = (day(8, 15), "Mariä Himmelfahrt")
        let allSaints = (day(11, 1), "Allerheiligen")
        // Reformation Day: a holiday in the eastern Länder since 1990, in the four northern
        // ones since 2018.
        let reformation = (day(10, 31), "Reformationstag")
        let womensDay = (day(3, 8), "Internationaler Frauentag")
        switch land {
        case .bw?: list += [epiphany, corpusChristi, allSaints]
        case .by?: list += [epiphany, corpusChristi, assumption, allSaints]
        case .be?:
            if year >= 2019 { list.append(womensDay) }
            // One-off: the 75th and 80th anniversaries of the end of the Second World War.
            if year == 2020 || year == 2025 { list.append((day(5, 8), "Tag der Befreiung")) }
        case .bb?: list += [(easterDay, "Ostersonntag"), (easterDay + 49, "Pfingstsonntag"), reformation]
        case .hb?, .hh?, .ni?, .sh?: if year >= 2018 { list.append(reformation) }
        case .he?: list.append(corpusChristi)
        case .mv?:
            list.append(reformation)
            if year >= 2023 { list.append(womensDay) }
        case .nw?, .rp?: list += [corpusChristi, allSaints]
        case .sl?: list += [corpusChristi, assumption, allSaints]
        case .sn?: list += [reformation, (bussUndBettag(year: year), "Buß- und Bettag")]
        case .st?: list += [epiphany, reformation]
        case .th?:
            if year >= 2019 { list.append((day(9, 20), "Weltkindertag")) }
            list.append(reformation)
        case nil: break
        }
        return list.sorted { $0.0 < $1.0 }
    }

    /// Buß- und Bettag: the Wednesday before 23 November (day number).
    public static func bussUndBettag(year: Int) -> Int {
        let november23 = BerlinTime.daysFromCivil(year: year, month: 11, day: 23)
        let weekday = ((november23 % 7) + 7 + 3) % 7 + 1        // ISO: 1 = Monday
        var back = (weekday - 3 + 7) % 7                          // days since the last Wednesday
        if back == 0 { back = 7 }
        return november23 - back
    }
}
