// SearchTerms: splits a query into folded terms. Terms of three or more characters match any
// part of a word (so "beratung" finds "Schuldnerberatung"); shorter ones match word starts.

/// A folded query term and how it matches.
public struct SearchTerm: Sendable, Hashable {
    /// The folded term.
    public let text: String
    /// True when the term matches the start of a word only (1–2 characters).
    public let isPrefix: Bool

    /// Creates a term; shorter than three characters means prefix matching.
    public init(_ text: String) {
        self.text = text
        self.isPrefix = text.count < 3
    }
}

/// Turns query text into terms.
public enum SearchTerms {
    /// The most terms a query uses; the rest are ignored.
    public static let maximumTerms = 8

    /// Folded, de-duplicated terms. German function words ("für", "und", "in") are dropped
    /// unless the query has nothing else.
    public static func parse(_ text: String) -> [SearchTerm] {
        let words = TextFolding.words(TextFolding.fold(text)).map(String.init)
        let content = words.filter { !stopWords.contains($0) }
        var seen = Set<String>()
        var terms: [SearchTerm] = []
        for word in (content.isEmpty ? words : content) where seen.insert(word).inserted {
            terms.append(SearchTerm(word))
            if terms.count == maximumTerms { break }
        }
        return terms
    }

    /// Folded German function words.
    static let stopWords: Set<String> = [
        "und", "oder", "der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines",
        "einem", "einen", "fuer", "in", "im", "am", "an", "auf", "aus", "bei", "mit", "nach", "von",
        "vom", "zu", "zum", "zur", "ist", "sind", "wie", "was", "wo", "ich", "mich", "mir", "mein",
        "meine", "wir", "uns", "sie", "er", "es", "nicht", "auch", "als", "bis", "ohne", "gegen",
    ]
}
