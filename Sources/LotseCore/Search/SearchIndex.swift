// SearchIndex: the one search engine — an immutable in-memory snapshot of the listed
// directory. Services get ordinals in default order (folded name), so every filter is a
// bitset; text terms match words of the vocabulary (substring, stem, synonym, typo) and give
// each matching service a field-weighted score (SearchIndex+Matching); a page of text matches
// is the top of those scores (SearchIndex+Ranking), a page without text is read off rank tiers.
import Foundation
import Synchronization

/// A snapshot of the listed services, built by `SearchIndex.build(_:now:)`.
public final class SearchIndex: Sendable {
    /// `directory_generation` the snapshot was built from.
    public let generation: Int
    /// The Berlin date the staleness marks and schedule validity were computed for.
    public let builtForDate: String
    /// Number of listed services.
    public let count: Int
    /// Ordinal → service id, in default order.
    let serviceIDs: FlatStrings
    /// The ordinals sorted by service id bytes (for id → ordinal by binary search).
    let idOrder: FlatArray<Int32>
    let all: Bitset

    // Text: vocabulary of folded words and their postings.
    let words: FlatStrings
    /// Word ids in byte order of the words.
    let wordsByBytes: FlatArray<Int32>
    /// Sorted trigram keys and, parallel, the ids of the words containing each.
    let trigramKeys: FlatArray<UInt32>
    let trigramWords: FlatLists<Int32>
    /// Per word: the ordinals of the services it occurs in.
    let postings: FlatLists<Int32>
    /// Parallel to `postings.values`: the fields (`SearchField` bits) the word occurs in.
    let fieldMasks: FlatArray<UInt8>
    /// Per ordinal: words in the service's name (shorter names rank first among equals).
    let nameLengths: FlatArray<UInt8>
    /// Folded word (and "~" + stem) → the other words of its synonym groups.
    let synonyms: [String: [String]]

    // Facets.
    let vocabulary: TermVocabulary
    /// Per term index: services with the term or one of its descendants.
    let termBits: [Bitset]
    /// Per accessibility term index: services with the feature at a public location.
    let accessibilityBits: [Int: Bitset]
    let kindBits: [OrganizationKind: Bitset]
    let capacityBits: [CapacityStatus: Bitset]
    let languageBits: [String: Bitset]
    let languageNames: [String: String]
    let staleBits: Bitset
    /// Organization ids in byte order and, parallel, the ordinals of their services.
    let organizationIDs: FlatStrings
    let organizationServices: FlatLists<Int32>
    /// Per ordinal: the service's last_modified.
    let lastModified: FlatStrings

    // Sozialraum tree and places.
    let areas: AreaTree
    let locatedSubtree: FlatBitsets
    let areaSubtree: FlatBitsets
    let areaExact: FlatBitsets

    /// Per ISO weekday (index 0 = Monday): opening blocks (ordinal, opens, closes) in minutes.
    let openingBlocks: [OpeningDay]

    let termCache = Mutex<[String: TermMatch]>([:])
    /// Facet groups of recent queries (SearchIndex+Facets); gone with the snapshot.
    let facetCache = Mutex<[FacetKey: [FacetGroup]]>([:])
    /// Tree depths of need and Sozialraum codes, computed on first use.
    let depthCache = Mutex<[String: Int]?>(nil)
    /// Zeroed score arrays (one per directory entry) for concurrent queries to reuse.
    private let scratchArrays = Mutex<[[Float]]>([])

    /// The opening blocks of one weekday as flat tables: ordinals and, parallel, opening and
    /// closing minute packed as `opens << 16 | closes`.
    struct OpeningDay: Sendable {
        let ordinals: FlatArray<Int32>
        let times: FlatArray<Int32>

        init(ordinals: FlatArray<Int32>, times: FlatArray<Int32>) {
            self.ordinals = ordinals
            self.times = times
        }

        init(_ blocks: [OpeningBlock]) {
            ordinals = FlatArray(blocks.map(\.ordinal))
            times = FlatArray(blocks.map { Int32($0.opens) << 16 | Int32(UInt16(bitPattern: $0.closes)) })
        }
    }

    struct OpeningBlock: Sendable {
        let ordinal: Int32
        let opens: Int16
        let closes: Int16
    }

    /// The services a term matches and their scores for it, in ordinal order.
    struct TermMatch: Sendable {
        let any: Bitset
        let ordinals: [Int32]
        let scores: [Float]
        /// Inverse document frequency: rarer terms weigh more in a query of several terms.
        let weight: Float
    }

    /// The flat tables of the text index (the bulk of a snapshot).
    struct TextTables {
        var words: FlatStrings
        var wordsByBytes: FlatArray<Int32>
        var trigramKeys: FlatArray<UInt32>
        var trigramWords: FlatLists<Int32>
        var postings: FlatLists<Int32>
        var fieldMasks: FlatArray<UInt8>
    }

    init(generation: Int, builtForDate: String, serviceIDs: FlatStrings, idOrder: FlatArray<Int32>, text: TextTables,
         nameLengths: FlatArray<UInt8>, synonyms: [String: [String]],
         vocabulary: TermVocabulary,
         termBits: [Bitset], accessibilityBits: [Int: Bitset], kindBits: [OrganizationKind: Bitset],
         capacityBits: [CapacityStatus: Bitset], languageBits: [String: Bitset], languageNames: [String: String],
         staleBits: Bitset, organizationIDs: FlatStrings, organizationServices: FlatLists<Int32>, lastModified: FlatStrings,
         areas: AreaTree, locatedSubtree: FlatBitsets, areaSubtree: FlatBitsets, areaExact: FlatBitsets, openingBlocks: [OpeningDay]) {
        self.generation = generation
        self.builtForDate = builtForDate
        self.count = serviceIDs.count
        self.serviceIDs = serviceIDs
        self.idOrder = idOrder
        self.all = Bitset(count: serviceIDs.count, full: true)
        self.words = text.words
        self.wordsByBytes = text.wordsByBytes
        self.trigramKeys = text.trigramKeys
        self.trigramWords = text.trigramWords
        self.postings = text.postings
        self.fieldMasks = text.fieldMasks
        self.nameLengths = nameLengths
        self.synonyms = synonyms
        self.vocabulary = vocabulary
        self.termBits = termBits
        self.accessibilityBits = accessibilityBits
        self.kindBits = kindBits
        self.capacityBits = capacityBits
        self.languageBits = languageBits
        self.languageNames = languageNames
        self.staleBits = staleBits
        self.organizationIDs = organizationIDs
        self.organizationServices = organizationServices
        self.lastModified = lastModified
        self.areas = areas
        self.locatedSubtree = locatedSubtree
        self.areaSubtree = areaSubtree
        self.areaExact = areaExact
        self.openingBlocks = openingBlocks
    }

    /// The ordinals sorted by the bytes of their service ids.
    static func idOrder(of serviceIDs: FlatStrings) -> FlatArray<Int32> {
        FlatArray((0..<Int32(serviceIDs.count)).sorted {
            serviceIDs[Int($0)].lexicographicallyPrecedes(serviceIDs[Int($1)])
        })
    }

    /// The index of `key` in `sorted` (indexes into `strings`, in byte order), by binary search.
    static func find(_ key: String, in strings: FlatStrings, sorted: FlatArray<Int32>?) -> Int? {
        var key = key
        return key.withUTF8 { needle -> Int? in
            var low = 0, high = strings.count
            while low < high {
                let middle = (low + high) / 2
                let entry = sorted.map { Int($0[middle]) } ?? middle
                if strings[entry].lexicographicallyPrecedes(needle) { low = middle + 1 } else { high = middle }
            }
            guard low < strings.count else { return nil }
            let entry = sorted.map { Int($0[low]) } ?? low
            return strings[entry].elementsEqual(needle) ? entry : nil
        }
    }

    /// The ordinal of a listed service.
    func ordinal(of serviceID: String) -> Int? { SearchIndex.find(serviceID, in: serviceIDs, sorted: idOrder) }

    /// The service id at an ordinal.
    func serviceID(at ordinal: Int) -> String { serviceIDs.string(ordinal) }

    /// Runs `body` with a zeroed array of `count` scores, which `body` must leave zeroed; the
    /// array is kept for the next query (a few, for concurrent queries).
    func withScratch<Result>(_ body: (inout [Float]) -> Result) -> Result {
        var scratch = scratchArrays.withLock { $0.popLast() } ?? [Float](repeating: 0, count: count)
        defer { scratchArrays.withLock { if $0.count < 4 { $0.append(scratch) } } }
        return body(&scratch)
    }

    /// Empties the term and facet caches (benchmarks measure cold queries with it).
    public func clearCache() {
        termCache.withLock { $0.removeAll() }
        facetCache.withLock { $0.removeAll() }
    }

    /// True when `serviceID` is listed (visible in the public directory).
    public func isListed(_ serviceID: String) -> Bool { ordinal(of: serviceID) != nil }

    /// True when the listed service is past its review date.
    public func isStale(_ serviceID: String) -> Bool {
        guard let ordinal = ordinal(of: serviceID) else { return false }
        return staleBits.contains(ordinal)
    }

    /// Runs `query`; with `facets`, also counts every facet value.
    public func search(_ query: SearchQuery, facets: Bool = false, now: Date = Date()) throws -> SearchResult {
        let terms = SearchTerms.parse(query.text)
        let text = terms.isEmpty ? nil : textMatches(terms)
        let filters = try filterBits(query, terms: terms, now: now, text: text)
        var matches = all
        for bits in filters.values { matches.formIntersection(bits) }
        let total = matches.cardinality
        var ids: [String] = []
        if query.limit > 0 && total > query.offset {
            ids = page(of: matches, query: query, terms: terms, full: text?.full)
        }
        var result = SearchResult(total: total, serviceIDs: ids, terms: terms.map(\.text))
        if facets { result.facets = facetGroups(query, filters: filters, now: now) }
        return result
    }

    /// The bitset of every active filter, keyed by facet name ("text" for the terms, from
    /// `text` when already matched).
    func filterBits(_ query: SearchQuery, terms: [SearchTerm], now: Date, text: TextMatches? = nil) throws -> [String: Bitset] {
        var filters: [String: Bitset] = [:]
        if !terms.isEmpty { filters["text"] = (text ?? textMatches(terms)).matches }
        if !query.needs.isEmpty { filters["need"] = try unionOfTerms(query.needs, taxonomy: .need, label: "Bedarf") }
        if !query.targetGroups.isEmpty {
            filters["targetGroup"] = try unionOfTerms(query.targetGroups, taxonomy: .targetGroup, label: "Zielgruppe")
        }
        if !query.legalBases.isEmpty {
            filters["legalBasis"] = try unionOfTerms(query.legalBases, taxonomy: .legalBasis, label: "Rechtsgrundlage")
        }
        if !query.accessibility.isEmpty {
            var bits = all
            for code in query.accessibility {
                guard let index = vocabulary.index(taxonomy: .accessibility, code: code) else {
                    throw LotseError(.invalidInput, "Unbekannter Wert für Barrierefreiheit: \(code)")
                }
                bits.formIntersection(accessibilityBits[index] ?? Bitset(count: count))
            }
            filters["accessibility"] = bits
        }
        if !query.termIDs.isEmpty {
            var bits = Bitset(count: count)
            for id in query.termIDs {
                if let index = vocabulary.indexByID[id] { bits.formUnion(termBits[index]) }
            }
            filters["term"] = bits
        }
        if let code = query.sozialraum {
            guard let node = areas.index(code: code) else { throw LotseError(.invalidInput, "Unbekannter Sozialraum: \(code)") }
            filters["sozialraum"] = areaFilter(node)
        }
        if let code = query.near, areas.index(code: code) == nil {
            throw LotseError(.invalidInput, "Unbekannter Sozialraum: \(code)")
        }
        if !query.organizationKinds.isEmpty {
            var bits = Bitset(count: count)
            for kind in query.organizationKinds { if let kindSet = kindBits[kind] { bits.formUnion(kindSet) } }
            filters["organizationKind"] = bits
        }
        if !query.capacity.isEmpty {
            var bits = Bitset(count: count)
            for status in query.capacity { if let statusSet = capacityBits[status] { bits.formUnion(statusSet) } }
            filters["capacity"] = bits
        }
        if !query.languages.isEmpty {
            var bits = Bitset(count: count)
            for code in query.languages { if let languageSet = languageBits[code] { bits.formUnion(languageSet) } }
            filters["language"] = bits
        }
        if let organizationID = query.organizationID {
            let services = SearchIndex.find(organizationID, in: organizationIDs, sorted: nil).map { organizationServices[$0] }
            filters["organization"] = Bitset(count: count, members: services.map { Array($0) } ?? [])
        }
        if let modifiedAfter = query.modifiedAfter {
            var bits = Bitset(count: count)
            let after = Array(modifiedAfter.utf8)
            for ordinal in 0..<count where !lastModified[ordinal].lexicographicallyPrecedes(after) { bits.insert(ordinal) }
            filters["modifiedAfter"] = bits
        }
        if let openAt = query.openAt { filters["openNow"] = openBits(BerlinTime(openAt)) }
        return filters
    }

    private func unionOfTerms(_ codes: [String], taxonomy: TaxonomyCode, label: String) throws -> Bitset {
        var bits = Bitset(count: count)
        for code in codes {
            guard let index = vocabulary.index(taxonomy: taxonomy, code: code) else {
                throw LotseError(.invalidInput, "Unbekannter Wert für \(label): \(code)")
            }
            bits.formUnion(termBits[index])
        }
        return bits
    }

    /// Services located in the area's subtree (public locations), or with a service area in
    /// the subtree or at an enclosing area.
    func areaFilter(_ node: Int) -> Bitset {
        var bits = locatedSubtree[node].union(areaSubtree[node])
        var ancestor = areas.parents[node]
        while ancestor >= 0 {
            bits.formUnion(areaExact[ancestor])
            ancestor = areas.parents[ancestor]
        }
        return bits
    }

    /// Services open at a Berlin wall-clock moment.
    func openBits(_ time: BerlinTime) -> Bitset {
        var bits = Bitset(count: count)
        let minute = Int16(time.minuteOfDay)
        let day = openingBlocks[time.weekday - 1]
        let ordinals = day.ordinals.buffer, times = day.times.buffer
        for index in 0..<Swift.min(ordinals.count, times.count) {
            let opens = Int16(truncatingIfNeeded: times[index] >> 16), closes = Int16(bitPattern: UInt16(truncatingIfNeeded: times[index]))
            if opens <= minute && (minute < closes || closes <= opens) { bits.insert(Int(ordinals[index])) }
        }
        return bits
    }

    static func trigram(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt32 {
        UInt32(a) << 16 | UInt32(b) << 8 | UInt32(c)
    }

    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        if needle.isEmpty { return true }
        let first = needle[0]
        var index = 0
        while index <= haystack.count - needle.count {
            if haystack[index] == first {
                var offset = 1
                while offset < needle.count && haystack[index + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return true }
            }
            index += 1
        }
        return false
    }
}
