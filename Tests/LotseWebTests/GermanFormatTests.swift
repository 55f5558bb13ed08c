// GermanFormat: German dates (Berlin days of UTC timestamps), money, numbers, lists, counts.
import Foundation
import Testing
@testable import LotseWeb

@Suite struct GermanFormatTests {
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
}
