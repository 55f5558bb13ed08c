// SearchTerms: splits a query into folded terms. Terms of three or more characters match any
// part of a word (so "beratung" finds "Schuldnerberatung"); shorter ones match word starts.
// Gendered forms are reduced to the plain word ("Nutzer:innen", "NutzerInnen", "Mieterin" →
// "nutzer", "mieter"), and every term carries its stem for inflected forms.

/// A folded query term and how it matches.
public struct SearchTerm: Sendable, Hashable {
    /// The folded term (gendered forms reduced).
    public let text: String
    /// True when the term matches the start of a word only (1–2 characters).
    public let isPrefix: Bool
    /// The German stem of the term (`GermanStemmer`), equal to `text` when nothing is cut off.
    public let stem: String

    /// Creates a term; shorter than three characters means prefix matching.
    public init(_ text: String) {
        self.text = text
        self.isPrefix = text.count < 3
        self.stem = isPrefix ? text : GermanStemmer.stem(text)
    }
}

/// Turns query text into terms.
public enum SearchTerms {
    /// The most terms a query uses; the rest are ignored.
    public static let maximumTerms = 8

    /// The share of a query's terms a service must match (at least one; rounded up).
    public static let requiredShare = 0.6

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

    /// Folded German function words and query filler.
    static let stopWords: Set<String> = [
        "und", "oder", "der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines",
        "einem", "einen", "fuer", "in", "im", "am", "an", "auf", "aus", "bei", "mit", "nach", "von",
        "vom", "zu", "zum", "zur", "ist", "sind", "wie", "was", "wo", "ich", "mich", "mir", "mein",
        "meine", "wir", "uns", "sie", "er", "es", "nicht", "auch", "als", "bis", "ohne", "gegen",
        "innen", "gibt", "suche", "brauche", "welche", "wer", "kann", "man", "habe", "hat",
    ]
}
