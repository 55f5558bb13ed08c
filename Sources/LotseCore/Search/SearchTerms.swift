// SearchTerms: splits a query into folded terms. Terms of three or more characters match any
// part of a word (so "beratung" finds "Schuldnerberatung"); shorter ones match word starts.
// Gendered forms are reduced to the plain word ("Nutzer:innen", "NutzerInnen", "Mieterin" →
// "nutzer", "mieter"), and every term carries its stem for inflected forms (a feminine
// singular in "-in" stemmed without it: "Lesepatin" finds "Lesepat:innen").

/// A folded query term and how it matches.
public struct SearchTerm: Sendable, Hashable {
    /// The folded term (gendered forms reduced).
    public let text: String
    /// True when the term matches the start of a word only (1–2 characters).
    public let isPrefix: Bool
    /// The German stem of the term (`GermanStemmer`), equal to `text` when nothing is cut off;
    /// a feminine singular is stemmed without its "-in" (`SearchTerms.feminineBase`).
    public let stem: String
    /// The stem with umlauts as bare vowels (`GermanStemmer.withoutUmlauts`), nil when the
    /// stem has none.
    public let stemWithoutUmlauts: String?

    /// Creates a term; shorter than three characters means prefix matching.
    public init(_ text: String) {
        self.text = text
        self.isPrefix = text.count < 3
        self.stem = isPrefix ? text : GermanStemmer.stem(SearchTerms.feminineBase(text) ?? text)
        self.stemWithoutUmlauts = isPrefix ? nil : GermanStemmer.withoutUmlauts(stem)
    }
}

/// Turns query text into terms.
public enum SearchTerms {
    /// The most terms a query uses; the rest are ignored.
    public static let maximumTerms = 8

    /// The share of a query's terms a service must match (at least one; rounded up).
    public static let requiredShare = 0.6

    /// When fewer services than this match the required share, services matching fewer terms
    /// are added after them (`SearchIndex.textMatches`): a long query must not come back
    /// nearly empty because no text holds all of its words.
    public static let enoughMatches = 10

    /// How many of `count` terms a service must match: ⌈60 %⌉, so one of one, two of two,
    /// two of three, three of four and of five.
    public static func required(of count: Int) -> Int {
        max(1, Int((Double(count) * requiredShare - 1e-9).rounded(.up)))
    }

    /// Folded, de-duplicated terms. German function words ("für", "und", "in") and the
    /// gender suffix written apart ("Mieter*innen" folds to "mieter innen") are dropped unless
    /// the query has nothing else.
    public static func parse(_ text: String) -> [SearchTerm] {
        let words = TextFolding.words(TextFolding.fold(text)).map(String.init)
        let content = words.filter { !stopWords.contains($0) }
        var seen = Set<String>()
        var terms: [SearchTerm] = []
        for word in (content.isEmpty ? words : content).map(plainForm) where seen.insert(word).inserted {
            terms.append(SearchTerm(word))
            if terms.count == maximumTerms { break }
        }
        return terms
    }

    /// The plain form of a gendered folded word: "nutzerinnen" → "nutzer",
    /// "mieterin" → "mieter"; other words unchanged.
    public static func plainForm(_ word: String) -> String {
        if word.hasSuffix("innen") && word.utf8.count >= 9 { return String(word.dropLast(5)) }
        if word.hasSuffix("erin") && word.utf8.count >= 7 { return String(word.dropLast(2)) }
        return word
    }

    /// The masculine base of a feminine singular in "-in" after a consonant, with at least
    /// five letters left: "lesepatin" → "lesepat" (Lesepate, Lesepat:innen), "lotsin" is too
    /// short, "aerztin" → "aerzt"; nil for other words ("verein", "termin"). Only the stem is
    /// taken from it: the word as typed still matches itself ("medizin" also finds "mediz…").
    /// "-erin" is already cut by `plainForm`.
    public static func feminineBase(_ word: String) -> String? {
        let bytes = Array(word.utf8)
        guard bytes.count >= 7, bytes[bytes.count - 2] == UInt8(ascii: "i"), bytes[bytes.count - 1] == UInt8(ascii: "n"),
              !"aeiouy".utf8.contains(bytes[bytes.count - 3]) else { return nil }
        return String(decoding: bytes.dropLast(2), as: UTF8.self)
    }

    /// Folded German function words (articles, conjunctions, prepositions, personal and
    /// reflexive pronouns) and query filler.
    static let stopWords: Set<String> = [
        "und", "oder", "der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines",
        "einem", "einen", "fuer", "in", "im", "ins", "am", "an", "ans", "auf", "aus", "bei", "beim",
        "mit", "nach", "von", "vom", "zu", "zum", "zur", "ueber", "unter", "um", "durch", "vor",
        "seit", "wegen", "ist", "sind", "wie", "was", "wo", "ich", "mich", "mir", "mein", "meine",
        "du", "dich", "dir", "wir", "uns", "ihr", "euch", "sie", "ihn", "ihm", "ihnen", "er", "es",
        "sich", "nicht", "auch", "als", "bis", "ohne", "gegen", "innen", "gibt", "suche", "brauche",
        "welche", "wer", "kann", "man", "habe", "hat",
    ]
}
