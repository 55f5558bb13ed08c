// SearchIndex+Build: loads a snapshot from the database in one read transaction — listed
// services in default order, their folded words, facet memberships, places and opening
// blocks — and turns them into postings and bitsets.
import Foundation
import SQLite

extension SearchIndex {
    /// Builds a snapshot from `db` (call inside a read transaction). `now` fixes the date
    /// used for staleness and schedule validity.
    public static func build(_ db: Database, now: Date = Date()) throws -> SearchIndex {
        let today = BerlinTime(now).dateString
        let generation = Int(try db.scalarString("SELECT value FROM lotse_meta WHERE key = 'directory_generation'") ?? "0") ?? 0

        var ids: [String] = []
        var ordinalOf: [String: Int32] = [:]
        var staleMembers: [Int] = []
        var kindMembers: [OrganizationKind: [Int]] = [:]
        var capacityMembers: [CapacityStatus: [Int]] = [:]
        var organizationOrdinals: [String: [Int32]] = [:]
        var lastModified: [String] = []
        var text = TextPostings()

        try db.cached("""
            SELECT s.id, d.name, d.body, s.capacity_status, o.kind, s.organization_id, s.last_modified,
                   coalesce(s.next_review_due, o.next_review_due)
            FROM service s JOIN organization o ON o.id = s.organization_id
            JOIN search_document d ON d.service_id = s.id
            WHERE \(SQLSearch.listedCondition)
            ORDER BY d.sort_key, s.id
            """).forEach { row in
            let ordinal = Int32(ids.count)
            let id = row.string(0)
            ids.append(id)
            ordinalOf[id] = ordinal
            row.withUTF8(1) { text.add($0, ordinal: ordinal, inName: true) }
            row.withUTF8(2) { text.add($0, ordinal: ordinal, inName: false) }
            if let status = CapacityStatus(rawValue: row.string(3)) { capacityMembers[status, default: []].append(Int(ordinal)) }
            if let kind = OrganizationKind(rawValue: row.string(4)) { kindMembers[kind, default: []].append(Int(ordinal)) }
            organizationOrdinals[row.string(5), default: []].append(ordinal)
            lastModified.append(row.string(6))
            if let due = row.optionalString(7), due < today { staleMembers.append(Int(ordinal)) }
        }
        let count = ids.count

        // Taxonomy terms and their service memberships, propagated to ancestors.
        var vocabulary = TermVocabulary()
        var parentIDs: [String?] = []
        try db.cached("""
            SELECT t.id, t.code, t.name, x.code, t.position, t.parent_id
            FROM taxonomy_term t LEFT JOIN taxonomy x ON x.id = t.taxonomy_id
            """).forEach { row in
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
        try db.cached("SELECT link_id, taxonomy_term_id FROM attribute WHERE link_entity = 'service'").forEach { row in
            guard let ordinal = ordinalOf[row.string(0)], var term = vocabulary.indexByID[row.string(1)] else { return }
            termBits[term].insert(Int(ordinal))
            while vocabulary.parents[term] >= 0 {
                term = vocabulary.parents[term]
                termBits[term].insert(Int(ordinal))
            }
        }
        var accessibilityBits: [Int: Bitset] = [:]
        try db.cached("""
            SELECT sal.service_id, a.taxonomy_term_id
            FROM service_at_location sal JOIN location l ON l.id = sal.location_id
            JOIN attribute a ON a.link_entity = 'location' AND a.link_id = l.id
            WHERE l.visibility = 'public'
            """).forEach { row in
            guard let ordinal = ordinalOf[row.string(0)], let term = vocabulary.indexByID[row.string(1)] else { return }
            accessibilityBits[term, default: Bitset(count: count)].insert(Int(ordinal))
        }

        // Languages of the service and of its public locations.
        var languageBits: [String: Bitset] = [:]
        var languageNames: [String: String] = [:]
        try db.cached("""
            SELECT service_id, code, name FROM language WHERE service_id IS NOT NULL AND code IS NOT NULL
            UNION ALL
            SELECT sal.service_id, lg.code, lg.name FROM service_at_location sal JOIN location l ON l.id = sal.location_id
            JOIN language lg ON lg.location_id = l.id WHERE l.visibility = 'public' AND lg.code IS NOT NULL
            """).forEach { row in
            let code = row.string(1)
            if languageNames[code] == nil, let name = row.optionalString(2), !name.isEmpty { languageNames[code] = name }
            guard let ordinal = ordinalOf[row.string(0)] else { return }
            languageBits[code, default: Bitset(count: count)].insert(Int(ordinal))
        }

        // The Sozialraum tree and where services are (public locations) and what they cover.
        var areas = AreaTree()
        var areaParentIDs: [String?] = []
        try db.cached("SELECT id, code, name, level, position, parent_id FROM sozialraum").forEach { row in
            let index = areas.ids.count
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
            SELECT sal.service_id, l.sozialraum_id, 0 FROM service_at_location sal JOIN location l ON l.id = sal.location_id
            WHERE l.visibility = 'public' AND l.sozialraum_id IS NOT NULL
            UNION ALL
            SELECT service_id, sozialraum_id, 1 FROM service_area WHERE service_id IS NOT NULL AND sozialraum_id IS NOT NULL
            """).forEach { row in
            guard let ordinal = ordinalOf[row.string(0)], let area = areas.indexByID[row.string(1)] else { return }
            if row.bool(2) { areaExact[area].insert(Int(ordinal)) } else { locatedSubtree[area].insert(Int(ordinal)) }
        }
        var areaSubtree = areaExact
        for node in areas.postOrder where areas.parents[node] >= 0 {
            let parent = areas.parents[node]
            locatedSubtree[parent].formUnion(locatedSubtree[node])
            areaSubtree[parent].formUnion(areaSubtree[node])
        }

        let openingBlocks = try loadOpeningBlocks(db, ordinalOf: ordinalOf, today: today)
        let finished = text.finish()
        return SearchIndex(
            generation: generation, builtForDate: today, serviceIDs: ids, words: finished.words,
            wordsByBytes: finished.sorted, trigrams: finished.trigrams, postings: text.postings,
            namePostings: text.namePostings, vocabulary: vocabulary, termBits: termBits,
            accessibilityBits: accessibilityBits,
            kindBits: kindMembers.mapValues { Bitset(count: count, members: $0) },
            capacityBits: capacityMembers.mapValues { Bitset(count: count, members: $0) },
            languageBits: languageBits, languageNames: languageNames,
            staleBits: Bitset(count: count, members: staleMembers), organizationOrdinals: organizationOrdinals,
            lastModified: lastModified, areas: areas, locatedSubtree: locatedSubtree, areaSubtree: areaSubtree,
            areaExact: areaExact, openingBlocks: openingBlocks)
    }

    /// Weekly opening blocks of the service and its service_at_locations, valid today.
    static func loadOpeningBlocks(_ db: Database, ordinalOf: [String: Int32], today: String) throws -> [[OpeningBlock]] {
        var blocks = Array(repeating: [OpeningBlock](), count: 7)
        let codes = ["MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6]
        try db.cached("""
            SELECT sc.service_id, sc.byday, sc.opens_at, sc.closes_at FROM schedule sc
            WHERE sc.service_id IS NOT NULL AND coalesce(sc.freq, 'WEEKLY') = 'WEEKLY'
              AND (sc.valid_from IS NULL OR sc.valid_from <= ?1) AND (sc.valid_to IS NULL OR sc.valid_to >= ?1)
            UNION
            SELECT sal.service_id, sc.byday, sc.opens_at, sc.closes_at FROM schedule sc
            JOIN service_at_location sal ON sal.id = sc.service_at_location_id
            WHERE coalesce(sc.freq, 'WEEKLY') = 'WEEKLY'
              AND (sc.valid_from IS NULL OR sc.valid_from <= ?1) AND (sc.valid_to IS NULL OR sc.valid_to >= ?1)
            """).forEach([today]) { row in
            guard let ordinal = ordinalOf[row.string(0)],
                  let opens = minutes(row.optionalString(2)), let closes = minutes(row.optionalString(3)) else { return }
            let byday = row.string(1).replacingOccurrences(of: " ", with: "")
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

/// Accumulates word postings while services are read in ordinal order.
struct TextPostings {
    var wordIDs: [String: Int32] = [:]
    var words: [[UInt8]] = []
    var postings: [[Int32]] = []
    var namePostings: [[Int32]] = []
    private var lastOrdinal: [Int32] = []
    private var lastNameOrdinal: [Int32] = []

    /// Adds the space-separated folded words of one field of a service.
    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>, ordinal: Int32, inName: Bool) {
        var start = 0
        let count = bytes.count
        while start < count {
            while start < count && bytes[start] == 32 { start += 1 }
            var end = start
            while end < count && bytes[end] != 32 { end += 1 }
            if end > start {
                let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                let id: Int32
                if let known = wordIDs[word] {
                    id = known
                } else {
                    id = Int32(words.count)
                    wordIDs[word] = id
                    words.append(Array(bytes[start..<end]))
                    postings.append([])
                    namePostings.append([])
                    lastOrdinal.append(-1)
                    lastNameOrdinal.append(-1)
                }
                if lastOrdinal[Int(id)] != ordinal {
                    lastOrdinal[Int(id)] = ordinal
                    postings[Int(id)].append(ordinal)
                }
                if inName && lastNameOrdinal[Int(id)] != ordinal {
                    lastNameOrdinal[Int(id)] = ordinal
                    namePostings[Int(id)].append(ordinal)
                }
            }
            start = end
        }
    }

    /// The vocabulary, its byte order and its trigram index.
    func finish() -> (words: [[UInt8]], sorted: [Int32], trigrams: [UInt32: [Int32]]) {
        let sorted = (0..<Int32(words.count)).sorted { words[Int($0)].lexicographicallyPrecedes(words[Int($1)]) }
        var trigrams: [UInt32: [Int32]] = [:]
        for (id, word) in words.enumerated() where word.count >= 3 {
            var seen = Set<UInt32>()
            for start in 0...(word.count - 3) {
                let key = SearchIndex.trigram(word[start], word[start + 1], word[start + 2])
                if seen.insert(key).inserted { trigrams[key, default: []].append(Int32(id)) }
            }
        }
        return (words, sorted, trigrams)
    }
}
