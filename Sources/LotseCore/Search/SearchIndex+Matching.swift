// SearchIndex+Matching: which words of the vocabulary a query term matches, how well, and the
// resulting per-service scores. A term matches, best first: the word itself (1.0), a word it
// is part of, as in compounds (0.8), a word containing its stem or its stem without umlauts —
// plural, case and verb forms (0.7) —, a synonym from the coordinators' list (0.6), and, only
// when all that finds no service at all, a word that contains it with one typo (two from ten
// letters on; terms of five letters or more, 0.4). A service's score for the term is the best
// quality times the weight of the field the word is in (`SearchField`). A query needs
// ⌈60 %⌉ of its terms, fewer when that leaves too few services (`textMatches`).
import Foundation

/// The fields of a search document and their weights.
enum SearchField: Int, CaseIterable {
    case name, terms, description, organization, place, extra

    /// The bit of the field in a posting's field mask.
    var bit: UInt8 { 1 << UInt8(rawValue) }

    /// Service name above need and target-group terms above description above organization
    /// and place; accessibility features and building names count least.
    var weight: Float {
        switch self {
        case .name: 10
        case .terms: 6
        case .description: 3
        case .organization, .place: 1.5
        case .extra: 0.5
        }
    }

    /// The weight of the best field in a mask, by mask.
    static let weightOfMask: [Float] = (0..<64).map { mask in
        allCases.filter { mask & Int($0.bit) != 0 }.map(\.weight).max() ?? 0
    }
}

extension SearchIndex {
    /// Match qualities.
    enum Quality {
        static let exact: Float = 1.0
        static let part: Float = 0.8
        static let stem: Float = 0.7
        static let synonym: Float = 0.6
        static let typo: Float = 0.4
    }

    /// Typo tolerance is tried for a term that matches fewer services than this.
    static let typoThreshold = 1

    /// The services a query's terms match.
    struct TextMatches {
        /// Every matching service.
        var matches: Bitset
        /// The services matching the required share when `matches` was widened beyond them
        /// (they rank first); nil when it was not.
        var full: Bitset?
    }

    /// Services matching at least `SearchTerms.required(of:)` of the terms; when fewer than
    /// `SearchTerms.enoughMatches` do, the requirement drops one term at a time (to one at
    /// least) until enough services match.
    func textMatches(_ terms: [SearchTerm]) -> TextMatches {
        let required = SearchTerms.required(of: terms.count)
        // atLeast[k]: services matching at least k + 1 of the terms seen so far.
        var atLeast = Array(repeating: Bitset(count: count), count: required)
        for term in terms {
            let bits = match(term).any
            for level in stride(from: required - 1, through: 1, by: -1) {
                atLeast[level].formUnion(atLeast[level - 1].intersection(bits))
            }
            atLeast[0].formUnion(bits)
        }
        var level = required - 1
        while level > 0 && atLeast[level].cardinality < SearchTerms.enoughMatches { level -= 1 }
        return TextMatches(matches: atLeast[level], full: level == required - 1 ? nil : atLeast[required - 1])
    }

    /// The services matching `term` with their scores (cached per term).
    func match(_ term: SearchTerm) -> TermMatch {
        let key = (term.isPrefix ? "^" : "~") + term.text
        if let cached = termCache.withLock({ $0[key] }) { return cached }
        var quality: [Int32: Float] = [:]
        func add(_ words: [Int32], _ value: Float) {
            for word in words where (quality[word] ?? 0) < value { quality[word] = value }
        }
        let needle = Array(term.text.utf8)
        if term.isPrefix {
            for word in wordsWithPrefix(needle) { add([word], words[Int(word)].equals(needle) ? Quality.exact : Quality.part) }
        } else {
            for word in wordsContaining(needle) { add([word], words[Int(word)].equals(needle) ? Quality.exact : Quality.part) }
            add(stemWords(term.stem), Quality.stem)
            if let stem = term.stemWithoutUmlauts { add(stemWords(stem), Quality.stem) }
            // "Kitas" is a plural the stemmer keeps (s after a vowel): try the word without it.
            let singular = term.text.hasSuffix("s") ? synonyms[String(term.text.dropLast())] : nil
            for synonym in synonyms[term.text] ?? synonyms["~" + term.stem] ?? singular ?? [] {
                add(wordsContaining(Array(synonym.utf8)), Quality.synonym)
                add(stemWords(GermanStemmer.stem(synonym)), Quality.synonym * 0.9)
            }
        }
        var best = [Float](repeating: 0, count: count)
        var matched = score(quality, into: &best)
        if !term.isPrefix && matched < SearchIndex.typoThreshold && needle.count >= 5 {
            var typos: [Int32: Float] = [:]
            for word in typoWords(needle, maximumEdits: needle.count >= 10 ? 2 : 1) where quality[word] == nil {
                typos[word] = Quality.typo
            }
            matched += score(typos, into: &best)
        }
        var any = Bitset(count: count)
        var ordinals: [Int32] = []
        var scores: [Float] = []
        ordinals.reserveCapacity(matched)
        scores.reserveCapacity(matched)
        for (ordinal, value) in best.enumerated() where value > 0 {
            any.insert(ordinal)
            ordinals.append(Int32(ordinal))
            scores.append(value)
        }
        let weight = Float(1 + log(Double(count + 1) / Double(ordinals.count + 1)))
        let result = TermMatch(any: any, ordinals: ordinals, scores: scores, weight: weight)
        termCache.withLock { cache in
            if cache.count >= 512 { cache.removeAll(keepingCapacity: true) }
            cache[key] = result
        }
        return result
    }

    /// Raises `best` by the words' postings; returns how many services got a first score.
    private func score(_ quality: [Int32: Float], into best: inout [Float]) -> Int {
        var fresh = 0
        let weights = SearchField.weightOfMask
        let masks = fieldMasks.buffer
        best.withUnsafeMutableBufferPointer { best in
            for (word, value) in quality {
                let ordinals = postings[Int(word)]
                let first = Int(postings.offsets[Int(word)])
                for index in ordinals.indices {
                    let ordinal = Int(ordinals[index])
                    let candidate = weights[Int(masks[first + index] & 63)] * value
                    if best[ordinal] == 0 { fresh += 1 }
                    if candidate > best[ordinal] { best[ordinal] = candidate }
                }
            }
        }
        return fresh
    }

    /// Words with the stem in them: stems of four or more letters anywhere, shorter ones at
    /// the start of a word (so "ess" from "essen" does not find "Adresse").
    func stemWords(_ stem: String) -> [Int32] {
        let bytes = Array(stem.utf8)
        if bytes.count >= 4 { return wordsContaining(bytes) }
        return bytes.count == 3 ? wordsWithPrefix(bytes) : []
    }

    /// Word ids whose text contains `needle` (three or more bytes), via the trigram index.
    func wordsContaining(_ needle: [UInt8]) -> [Int32] {
        guard needle.count >= 3 else { return [] }
        var smallest: UnsafeBufferPointer<Int32>?
        for start in 0...(needle.count - 3) {
            guard let list = trigramList(SearchIndex.trigram(needle[start], needle[start + 1], needle[start + 2])) else { return [] }
            if smallest == nil || list.count < smallest!.count { smallest = list }
        }
        guard let candidates = smallest else { return [] }
        if needle.count == 3 { return Array(candidates) }
        return candidates.filter { SearchIndex.contains(words[Int($0)], needle) }
    }

    /// The words containing a trigram, by binary search of the sorted keys.
    func trigramList(_ key: UInt32) -> UnsafeBufferPointer<Int32>? {
        let keys = trigramKeys.buffer
        var low = 0, high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low < keys.count && keys[low] == key ? trigramWords[low] : nil
    }

    /// Word ids starting with `prefix`, by binary search of the sorted vocabulary.
    func wordsWithPrefix(_ prefix: [UInt8]) -> [Int32] {
        var low = 0, high = wordsByBytes.count
        while low < high {
            let middle = (low + high) / 2
            if words[Int(wordsByBytes[middle])].lexicographicallyPrecedes(prefix) { low = middle + 1 } else { high = middle }
        }
        var result: [Int32] = []
        while low < wordsByBytes.count, words[Int(wordsByBytes[low])].starts(with: prefix) {
            result.append(wordsByBytes[low])
            low += 1
        }
        return result
    }

    /// Word ids containing `needle` with at most `maximumEdits` typos (a letter wrong, missing,
    /// added, or two neighbours swapped).
    func typoWords(_ needle: [UInt8], maximumEdits: Int) -> [Int32] {
        var result: [Int32] = []
        let length = needle.count
        var previous2 = [Int](repeating: 0, count: length + 1)
        var previous = [Int](repeating: 0, count: length + 1)
        var current = [Int](repeating: 0, count: length + 1)
        for id in 0..<words.count {
            let word = words[id]
            guard word.count + maximumEdits >= length else { continue }
            // Sellers' approximate substring search (a match may start anywhere in the word),
            // with transpositions.
            for row in 0...length { previous[row] = row; previous2[row] = row }
            var found = previous[length] <= maximumEdits
            var column = 0
            while column < word.count && !found {
                let letter = word[column]
                current[0] = 0
                for row in 1...length {
                    var cost = previous[row - 1] + (needle[row - 1] == letter ? 0 : 1)
                    cost = min(cost, previous[row] + 1, current[row - 1] + 1)
                    if row > 1 && column > 0 && needle[row - 1] == word[column - 1] && needle[row - 2] == letter {
                        cost = min(cost, previous2[row - 2] + 1)
                    }
                    current[row] = cost
                }
                found = current[length] <= maximumEdits
                swap(&previous2, &previous)
                swap(&previous, &current)
                column += 1
            }
            if found { result.append(Int32(id)) }
        }
        return result
    }
}
