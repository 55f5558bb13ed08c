// SearchIndex+Build: loads a snapshot from the database in one read transaction — listed
// services in default order, their folded words by field, the synonym list, facet
// memberships, places and opening blocks — and turns them into postings and bitsets. The
// same database state always gives the same snapshot (ordinals, word ids, postings).
import Foundation
import SQLite

extension SearchIndex {
    /// Builds a snapshot from `db` (call inside a read transaction). `now` fixes the date
    /// used for staleness and schedule validity.
    public static func build(_ db: Database, now: Date = Date()) throws -> SearchIndex {
        // The joins below probe the service and term indexes for every attribute row; a
        // bigger page cache for the build keeps them in memory. It is given back afterwards.
        let cacheSize = try db.scalarInt("PRAGMA cache_size") ?? -2000
        try db.execute("PRAGMA cache_size = -16384")
        defer { try? db.execute("PRAGMA cache_size = \(cacheSize)") }
        let today = BerlinTime(now).dateString
        let generation = Int(try db.scalarString("SELECT value FROM lotse_meta WHERE key = 'directory_generation'") ?? "0") ?? 0

        var ids: [String] = []
        var ordinalOfRowID = RowIDMap()
        var staleMembers: [Int] = []
        var kindMembers: [OrganizationKind: [Int]] = [:]
        var capacityMembers: [CapacityStatus: [Int]] = [:]
        var organizationOrdinals: [String: [Int32]] = [:]
        var lastModified: [String] = []
        var text = TextPostings()
        var nameLengths: [UInt8] = []

        try db.cached("""
            SELECT s.id, s.capacity_status, o.kind, s.organization_id, s.last_modified,
                   coalesce(s.next_review_due, o.next_review_due), s.rowid,
                   d.name, d.terms, d.description, d.organization, d.place, d.extra
            FROM service s JOIN organization o ON o.id = s.organization_id
            JOIN search_document d ON d.service_id = s.id
            WHERE \(Listing.condition)
            ORDER BY d.sort_key, s.id
            """).forEach { row in
            let ordinal = Int32(ids.count)
            ids.append(row.string(0))
            ordinalOfRowID[row.int64(6)] = ordinal
            if let status = CapacityStatus(rawValue: row.string(1)) { capacityMembers[status, default: []].append(Int(ordinal)) }
            if let kind = OrganizationKind(rawValue: row.string(2)) { kindMembers[kind, default: []].append(Int(ordinal)) }
            organizationOrdinals[row.string(3), default: []].append(ordinal)
            lastModified.append(row.string(4))
            if let due = row.optionalString(5), due < today { staleMembers.append(Int(ordinal)) }
            row.withUTF8(7) { name in nameLengths.append(UInt8(min(255, name.reduce(1) { $0 + ($1 == 32 ? 1 : 0) }))) }
            for field in SearchField.allCases {
                row.withUTF8(7 + field.rawValue) { text.add($0, ordinal: ordinal, field: field) }
            }
        }
        let synonyms = try SearchSynonyms.lookup(db)
        let count = ids.count

        // Taxonomy terms and their service memberships, propagated to ancestors.
        var vocabulary = TermVocabulary()
        var parentIDs: [String?] = []
        var termOfRowID = RowIDMap()
        try db.cached("""
            SELECT t.id, t.code, t.name, x.code, t.position, t.parent_id, t.rowid
            FROM taxonomy_term t LEFT JOIN taxonomy x ON x.id = t.taxonomy_id
            """).forEach { row in
            termOfRowID[row.int64(6)] = Int32(vocabulary.ids.count)
            vocabulary.append(id: row.string(0), code: row.optionalString(1), name: row.string(2),
                              taxonomy: row.optionalString(3), position: row.int(4))
            parentIDs.append(row.optionalString(5))
        }
        for (index, parentID) in parentIDs.enumerated() {
            if let parentID, let parent = vocabulary.indexByID[parentID] { vocabulary.parents[index] = parent }
        }
        breakCycles(&vocabulary.parents)
        for index in vocabulary.ids.indices where vocabulary.parents[index] >= 0 {
            vocabulary.children[vocabulary.parents[index]].append(index)
        }
        var termBits = Array(repeating: Bitset(count: count), count: vocabulary.ids.count)
        try db.cached("""
            SELECT s.rowid, t.rowid FROM attribute a JOIN service s ON s.id = a.link_id
            JOIN taxonomy_term t ON t.id = a.taxonomy_term_id WHERE a.link_entity = 'service'
            """).forEach { row in
            guard let ordinal = ordinalOfRowID[row.int64(0)], let found = termOfRowID[row.int64(1)] else { return }
            var term = Int(found)
            termBits[term].insert(Int(ordinal))
            while vocabulary.parents[term] >= 0 {
                term = vocabulary.parents[term]
                termBits[term].insert(Int(ordinal))
            }
        }
        var accessibilityBits: [Int: Bitset] = [:]
        try db.cached("""
            SELECT s.rowid, t.rowid
            FROM service_at_location sal CROSS JOIN location l ON l.id = sal.location_id
            CROSS JOIN attribute a ON a.link_entity = 'location' AND a.link_id = l.id
            JOIN service s ON s.id = sal.service_id JOIN taxonomy_term t ON t.id = a.taxonomy_term_id
            WHERE l.visibility = 'public'
            """).forEach { row in
            guard let ordinal = ordinalOfRowID[row.int64(0)], let term = termOfRowID[row.int64(1)] else { return }
            accessibilityBits[Int(term), default: Bitset(count: count)].insert(Int(ordinal))
        }

        // Languages of the service and of its public locations.
        var languageBits: [String: Bitset] = [:]
        var languageNames: [String: String] = [:]
        try db.cached("""
            SELECT s.rowid, lg.code, lg.name FROM language lg JOIN service s ON s.id = lg.service_id WHERE lg.code IS NOT NULL
            UNION ALL
            SELECT s.rowid, lg.code, lg.name FROM service_at_location sal JOIN location l ON l.id = sal.location_id
            JOIN language lg ON lg.location_id = l.id JOIN service s ON s.id = sal.service_id
            WHERE l.visibility = 'public' AND lg.code IS NOT NULL
            """).forEach { row in
            let code = row.string(1)
            if languageNames[code] == nil, let name = row.optionalString(2), !name.isEmpty { languageNames[code] = name }
            guard let ordinal = ordinalOfRowID[row.int64(0)] else { return }
            languageBits[code, default: Bitset(count: count)].insert(Int(ordinal))
        }

        // The Sozialraum tree and where services are (public locations) and what they cover.
        var areas = AreaTree()
        var areaParentIDs: [String?] = []
        var areaOfRowID = RowIDMap()
        try db.cached("SELECT id, code, name, level, position, parent_id, rowid FROM sozialraum").forEach { row in
            let index = areas.ids.count
            areaOfRowID[row.int64(6)] = Int32(index)
            areas.ids.append(row.string(0))
            areas.codes.append(row.string(1))
            areas.names.append(row.string(2))
            areas.levels.append(row.string(3))
            areas.positions.append(row.int(4))
            areas.parents.append(-1)
            areas.children.append([])
            areas.indexByID[row.string(0)] = index
            areas.indexByCode[row.string(1)] = index
            areaParentIDs.append(row.optionalString(5))
        }
        for (index, parentID) in areaParentIDs.enumerated() {
            if let parentID, let parent = areas.indexByID[parentID] { areas.parents[index] = parent }
        }
        breakCycles(&areas.parents)
        for index in areas.ids.indices where areas.parents[index] >= 0 {
            areas.children[areas.parents[index]].append(index)
        }
        var locatedSubtree = Array(repeating: Bitset(count: count), count: areas.ids.count)
        var areaExact = Array(repeating: Bitset(count: count), count: areas.ids.count)
        try db.cached("""
            SELECT s.rowid, sr.rowid, 0 FROM service_at_location sal JOIN location l ON l.id = sal.location_id
            JOIN service s ON s.id = sal.service_id JOIN sozialraum sr ON sr.id = l.sozialraum_id
            WHERE l.visibility = 'public'
            UNION ALL
            SELECT s.rowid, sr.rowid, 1 FROM service_area sa JOIN service s ON s.id = sa.service_id
            JOIN sozialraum sr ON sr.id = sa.sozialraum_id
            """).forEach { row in
            guard let ordinal = ordinalOfRowID[row.int64(0)], let area = areaOfRowID[row.int64(1)] else { return }
            if row.bool(2) { areaExact[Int(area)].insert(Int(ordinal)) } else { locatedSubtree[Int(area)].insert(Int(ordinal)) }
        }
        var areaSubtree = areaExact
        for node in areas.postOrder where areas.parents[node] >= 0 {
            let parent = areas.parents[node]
            locatedSubtree[parent].formUnion(locatedSubtree[node])
            areaSubtree[parent].formUnion(areaSubtree[node])
        }

        let openingBlocks = try loadOpeningBlocks(db, ordinalOf: ordinalOfRowID, today: today)
        let serviceIDs = FlatStrings(strings: ids)
        let organizations = organizationOrdinals.map { (key: Array($0.key.utf8), value: $0.value) }
            .sorted { $0.key.lexicographicallyPrecedes($1.key) }
        return SearchIndex(
            generation: generation, builtForDate: today, serviceIDs: serviceIDs, idOrder: idOrder(of: serviceIDs),
            text: text.finish(), nameLengths: FlatArray(nameLengths), synonyms: synonyms, vocabulary: vocabulary, termBits: termBits,
            accessibilityBits: accessibilityBits,
            kindBits: kindMembers.mapValues { Bitset(count: count, members: $0) },
            capacityBits: capacityMembers.mapValues { Bitset(count: count, members: $0) },
            languageBits: languageBits, languageNames: languageNames,
            staleBits: Bitset(count: count, members: staleMembers),
            organizationIDs: FlatStrings(organizations.map(\.key)), organizationServices: FlatLists(organizations.map(\.value)),
            lastModified: FlatStrings(strings: lastModified), areas: areas,
            locatedSubtree: FlatBitsets(members: count, locatedSubtree), areaSubtree: FlatBitsets(members: count, areaSubtree),
            areaExact: FlatBitsets(members: count, areaExact), openingBlocks: openingBlocks.map { OpeningDay($0) })
    }

    /// Weekly opening blocks of the service and its service_at_locations, valid today.
    static func loadOpeningBlocks(_ db: Database, ordinalOf: RowIDMap, today: String) throws -> [[OpeningBlock]] {
        var blocks = Array(repeating: [OpeningBlock](), count: 7)
        let codes = ["MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6]
        try db.cached("""
            SELECT s.rowid, sc.byday, sc.opens_at, sc.closes_at FROM schedule sc JOIN service s ON s.id = sc.service_id
            WHERE coalesce(sc.freq, 'WEEKLY') = 'WEEKLY'
              AND (sc.valid_from IS NULL OR sc.valid_from <= ?1) AND (sc.valid_to IS NULL OR sc.valid_to >= ?1)
            UNION
            SELECT s.rowid, sc.byday, sc.opens_at, sc.closes_at FROM schedule sc
            JOIN service_at_location sal ON sal.id = sc.service_at_location_id JOIN service s ON s.id = sal.service_id
            WHERE coalesce(sc.freq, 'WEEKLY') = 'WEEKLY'
              AND (sc.valid_from IS NULL OR sc.valid_from <= ?1) AND (sc.valid_to IS NULL OR sc.valid_to >= ?1)
            """).forEach([today]) { row in
            guard let ordinal = ordinalOf[row.int64(0)],
                  let opens = minutes(row.optionalString(2)), let closes = minutes(row.optionalString(3)) else { return }
            let byday = row.string(1).filter { $0 != " " }
            let days = byday.isEmpty ? Array(0..<7) : byday.split(separator: ",").compactMap { codes[String($0)] }
            for day in Set(days) {
                blocks[day].append(OpeningBlock(ordinal: ordinal, opens: Int16(opens), closes: Int16(closes)))
            }
        }
        return blocks
    }

    /// Minutes since midnight of an `HH:MM[:SS]` time.
    static func minutes(_ text: String?) -> Int? {
        guard let text, text.utf8.count >= 5 else { return nil }
        let bytes = Array(text.utf8.prefix(5))
        guard bytes[2] == 58, let hours = Int(String(decoding: bytes[0..<2], as: UTF8.self)),
              let minutes = Int(String(decoding: bytes[3..<5], as: UTF8.self)) else { return nil }
        return hours * 60 + minutes
    }

    /// Cuts parent links that form cycles (bad data), making the node a root.
    static func breakCycles(_ parents: inout [Int]) {
        for start in parents.indices {
            var node = start
            var steps = 0
            while parents[node] >= 0 {
                node = parents[node]
                steps += 1
                if steps > parents.count { parents[start] = -1; break }
            }
        }
    }
}

/// Maps SQLite rowids (small positive integers) to indexes without hashing.
struct RowIDMap {
    private var slots: [Int32] = []

    subscript(rowid: Int64) -> Int32? {
        get { rowid >= 0 && rowid < slots.count && slots[Int(rowid)] >= 0 ? slots[Int(rowid)] : nil }
        set {
            guard rowid >= 0, rowid < 1 << 31 else { return }
            if Int(rowid) >= slots.count { slots += Array(repeating: -1, count: Int(rowid) - slots.count + 1 + slots.count / 2) }
            slots[Int(rowid)] = newValue ?? -1
        }
    }
}

/// Accumulates word postings while services are read in ordinal order. Words are interned
/// in an open-addressing table over a byte arena, so no String is made per word occurrence.
struct TextPostings {
    private var arena: [UInt8] = []
    private var starts: [Int32] = []
    private var table = [Int32](repeating: -1, count: 1 << 16)
    var postings: [[Int32]] = []
    var fieldMasks: [[UInt8]] = []
    private var lastOrdinal: [Int32] = []

    private var wordCount: Int { starts.count }

    private func bytes(of word: Int) -> ArraySlice<UInt8> {
        let end = word + 1 < starts.count ? Int(starts[word + 1]) : arena.count
        return arena[Int(starts[word])..<end]
    }

    /// The id of a word, adding it when new.
    private mutating func intern(_ word: UnsafeBufferPointer<UInt8>) -> Int32 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in word { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        var slot = Int(hash & UInt64(table.count - 1))
        while table[slot] >= 0 {
            let candidate = Int(table[slot])
            if bytes(of: candidate).elementsEqual(word) { return Int32(candidate) }
            slot = (slot + 1) & (table.count - 1)
        }
        let id = Int32(wordCount)
        starts.append(Int32(arena.count))
        arena.append(contentsOf: word)
        table[slot] = id
        postings.append([])
        fieldMasks.append([])
        lastOrdinal.append(-1)
        if wordCount * 2 > table.count { grow() }
        return id
    }

    private mutating func grow() {
        table = [Int32](repeating: -1, count: table.count * 2)
        for word in 0..<wordCount {
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325
            for byte in bytes(of: word) { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
            var slot = Int(hash & UInt64(table.count - 1))
            while table[slot] >= 0 { slot = (slot + 1) & (table.count - 1) }
            table[slot] = Int32(word)
        }
    }

    /// Adds the space-separated folded words of one field of a service (services in ordinal
    /// order, so a word already seen for this service is the last posting of the word).
    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>, ordinal: Int32, field: SearchField) {
        var start = 0
        let count = bytes.count
        while start < count {
            while start < count && bytes[start] == 32 { start += 1 }
            var end = start
            while end < count && bytes[end] != 32 { end += 1 }
            if end > start {
                let id = Int(intern(UnsafeBufferPointer(rebasing: bytes[start..<end])))
                if lastOrdinal[id] != ordinal {
                    lastOrdinal[id] = ordinal
                    postings[id].append(ordinal)
                    fieldMasks[id].append(field.bit)
                } else {
                    fieldMasks[id][fieldMasks[id].count - 1] |= field.bit
                }
            }
            start = end
        }
    }

    /// The vocabulary, its byte order, its trigram index and the postings, as flat tables.
    func finish() -> SearchIndex.TextTables {
        let words = FlatStrings((0..<wordCount).map { bytes(of: $0) })
        let sorted = (0..<Int32(words.count)).sorted { words[Int($0)].lexicographicallyPrecedes(words[Int($1)]) }
        var trigrams: [UInt32: [Int32]] = [:]
        for id in 0..<words.count {
            let word = words[id]
            guard word.count >= 3 else { continue }
            var seen = Set<UInt32>()
            for start in 0...(word.count - 3) {
                let key = SearchIndex.trigram(word[start], word[start + 1], word[start + 2])
                if seen.insert(key).inserted { trigrams[key, default: []].append(Int32(id)) }
            }
        }
        let keys = trigrams.keys.sorted()
        return SearchIndex.TextTables(
            words: words, wordsByBytes: FlatArray(sorted), trigramKeys: FlatArray(keys),
            trigramWords: FlatLists(keys.map { trigrams[$0]! }), postings: FlatLists(postings),
            fieldMasks: FlatArray(fieldMasks.flatMap { $0 }))
    }
}
