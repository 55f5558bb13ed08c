// Tests of TextFolding and SearchTerms.
import Testing
@testable import LotseCore

@Suite struct TextFoldingTests {
    @Test(arguments: [
        ("Straße", "strasse"), ("STRASSE", "strasse"), ("Übergang", "uebergang"), ("Pflege", "pflege"),
        ("Café Öztürk", "cafe oeztuerk"), ("Kultur- und Nachbarschaftszentrum", "kultur und nachbarschaftszentrum"),
        ("§ 7a SGB XI", "7a sgb xi"), ("  a,,b  ", "a b"), ("Łódź", "lodz"), ("ẞ", "ss"), ("Senior:innen", "senior innen"),
    ])
    func folds(_ input: String, _ expected: String) {
        #expect(TextFolding.fold(input) == expected)
    }

    @Test func addsTheBareVowelSpellingOfUmlautWords() {
        #expect(TextFolding.foldWithVariants("Übergang Pflege") == "uebergang pflege ubergang")
        #expect(TextFolding.foldWithVariants("Pflege") == "pflege")
    }

    @Test func termsDropFunctionWordsUnlessNothingElseIsLeft() {
        #expect(SearchTerms.parse("Beratung für Senioren in Gruna").map(\.text) == ["beratung", "senioren", "gruna"])
        #expect(SearchTerms.parse("für").map(\.text) == ["fuer"])
        #expect(SearchTerms.parse("Ü sc Pflege pflege").map { "\($0.text)\($0.isPrefix ? "^" : "")" } == ["ue^", "sc^", "pflege"])
    }

    @Test func termCountIsCapped() {
        #expect(SearchTerms.parse("a1 b2 c3 d4 e5 f6 g7 h8 i9 j10").count == SearchTerms.maximumTerms)
    }
}
