// SearchIndex+Snapshot: the index as a file in the state directory, so that a restarted
// server answers its first search without a build. The file (0600) starts with a header — a
// format version, the database's path and inode, the directory generation and the Berlin date
// the index was built for — and ends with a checksum of everything before it. A snapshot is
// used only when the header matches the database as it is now; anything else (another
// database, another generation or day, an older format, a damaged file) is ignored and the
// index is built afresh, so a snapshot can never answer with a stale directory.
// The big tables (words, postings, trigram lists, service ids) are flat arrays at 8-byte
// aligned offsets: loading maps the file read-only, checks the checksum and the tables' bounds
// once, and the index then reads them in place (`FlatArray`) — nothing is copied or decoded
// per entry, and only the pages searches touch stay resident. The file is written in small
// pieces so that the page cache holds it in small pages: a search that touches one byte then
// maps (and counts as resident) a few kilobytes, not a large page of two megabytes.
// A server reads the file while it opens the database (`SearchSnapshotPrefetch`) and matches
// the header once the database is open.
import Foundation
import SQLite

extension SearchIndex {
    /// Bumped whenever the layout of the file or of the index changes.
    static let snapshotFormat: UInt32 = 4
    private static let snapshotMagic: [UInt8] = Array("LOTSE-SUCHINDEX\n".utf8)

    /// Where the snapshot of the database at `databasePath` lives: in the state directory
    /// (by default beside the database), named after the database file.
    public static func snapshotPath(forDatabase databasePath: String,
                                    environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let directory = KeyRing.stateDirectory(forDatabase: databasePath, environment: environment)
        return directory + "/" + (databasePath as NSString).lastPathComponent + ".suchindex"
    }

    /// What a snapshot must match to be used.
    struct SnapshotHeader: Equatable {
        let path: String
        let file: Int
        let generation: Int
        let date: String

        /// The header for the database `db` now (call inside a read transaction); nil for a
        /// database without a file.
        static func current(_ db: Database, now: Date) throws -> SnapshotHeader? {
            guard let file = fileNumber(db.path) else { return nil }
            return SnapshotHeader(path: db.path, file: file, generation: try directoryGeneration(db),
                                  date: BerlinTime(now).dateString)
        }
    }

    /// The database's `directory_generation`.
    static func directoryGeneration(_ db: Database) throws -> Int {
        Int(try db.scalarString("SELECT value FROM lotse_meta WHERE key = 'directory_generation'") ?? "0") ?? 0
    }

    /// The file's inode, so that a database recreated at the same path is not mistaken for
    /// the old one; nil for in-memory databases.
    static func fileNumber(_ path: String) -> Int? {
        guard !path.isEmpty, path != ":memory:",
              let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        return (attributes[.systemFileNumber] as? NSNumber)?.intValue
    }

    /// Writes the index of the database at `databasePath` to `path` (0600, replaced atomically).
    public func writeSnapshot(to path: String, databasePath: String) throws {
        guard let file = SearchIndex.fileNumber(databasePath) else { return }
        var out = try SnapshotWriter(path: path)
        out.bytes(SearchIndex.snapshotMagic)
        out.u32(SearchIndex.snapshotFormat)
        out.string(databasePath)
        out.int(file)
        out.int(generation)
        out.string(builtForDate)
        encode(into: &out)
        try out.finish()
    }

    /// The snapshot at `path` if it matches the database `db` now (call inside a read
    /// transaction); nil when it does not or cannot be read.
    public static func loadSnapshot(from path: String, for db: Database, now: Date) throws -> SearchIndex? {
        guard let header = try SnapshotHeader.current(db, now: now) else { return nil }
        return loadSnapshot(from: path, matching: header)
    }

    /// The snapshot at `path` if it matches `header`; nil when it is missing, foreign, of
    /// another generation, day or format, or damaged.
    static func loadSnapshot(from path: String, matching header: SnapshotHeader) -> SearchIndex? {
        readSnapshot(from: path, accepting: { $0 == header })?.index
    }

    /// The snapshot at `path` with its header, if `accept` takes the header (asked before the
    /// checksum is computed); nil when the file is missing, of another format, refused or
    /// damaged. The caller still has to match the header against the database.
    static func readSnapshot(from path: String, accepting accept: (SnapshotHeader) -> Bool = { _ in true })
        -> (header: SnapshotHeader, index: SearchIndex)? {
        guard let storage = SnapshotReader.map(path), storage.length > 8 else { return nil }
        let body = storage.length - 8
        let stored = UInt64(littleEndian: storage.base.loadUnaligned(fromByteOffset: body, as: UInt64.self))
        var input = SnapshotReader(storage: storage, end: body)
        do {
            guard try input.bytes(snapshotMagic.count) == snapshotMagic, try input.u32() == snapshotFormat else { return nil }
            let found = SnapshotHeader(path: try input.string(), file: try input.int(), generation: try input.int(),
                                       date: try input.string())
            guard accept(found) else { return nil }
            let bytes = UnsafeBufferPointer(start: storage.base.assumingMemoryBound(to: UInt8.self), count: body)
            guard SnapshotChecksum.of(bytes) == stored else { return nil }
            let index = try decode(&input, generation: found.generation, date: found.date)
            guard input.position == body else { return nil }
            // Checked: the pages go back to the page cache, and come in again as searches read them.
            madvise(UnsafeMutableRawPointer(mutating: storage.base), storage.length, MADV_DONTNEED)
            return (found, index)
        } catch {
            return nil
        }
    }

    private func encode(into out: inout SnapshotWriter) {
        out.flatLists(serviceIDs)
        out.flat(idOrder)
        out.flatLists(words)
        out.flat(wordsByBytes)
        out.flat(trigramKeys)
        out.flatLists(trigramWords)
        out.flatLists(postings)
        out.flat(fieldMasks)
        out.flat(nameLengths)
        out.int(synonyms.count)
        for (key, list) in synonyms.sorted(by: { $0.key < $1.key }) { out.string(key); out.strings(list) }
        // Facets.
        out.strings(vocabulary.ids)
        out.strings(vocabulary.codes)
        out.strings(vocabulary.names)
        out.strings(vocabulary.taxonomies)
        out.ints(vocabulary.positions)
        out.ints(vocabulary.parents)
        out.int(vocabulary.indexByCode.count)
        for (key, value) in vocabulary.indexByCode { out.string(key); out.int(value) }
        out.bitsets(termBits)
        out.int(accessibilityBits.count)
        for (key, bits) in accessibilityBits { out.int(key); out.bitset(bits) }
        out.int(kindBits.count)
        for (key, bits) in kindBits { out.string(key.rawValue); out.bitset(bits) }
        out.int(capacityBits.count)
        for (key, bits) in capacityBits { out.string(key.rawValue); out.bitset(bits) }
        out.int(languageBits.count)
        for (key, bits) in languageBits { out.string(key); out.bitset(bits) }
        out.int(languageNames.count)
        for (key, name) in languageNames { out.string(key); out.string(name) }
        out.bitset(staleBits)
        out.flatLists(organizationIDs)
        out.flatLists(organizationServices)
        out.flatLists(lastModified)
        // Areas and opening hours.
        out.strings(areas.ids)
        out.strings(areas.codes)
        out.strings(areas.names)
        out.strings(areas.levels)
        out.ints(areas.positions)
        out.ints(areas.parents)
        for table in [locatedSubtree, areaSubtree, areaExact] { out.int(table.count); out.flat(table.words) }
        out.int(openingBlocks.count)
        for day in openingBlocks {
            out.flat(day.ordinals)
            out.flat(day.times)
        }
    }

    private static func decode(_ input: inout SnapshotReader, generation: Int, date: String) throws -> SearchIndex {
        let serviceIDs: FlatStrings = try input.flatLists()
        let count = serviceIDs.count
        let idOrder: FlatArray<Int32> = try input.flat(below: count)
        guard idOrder.count == count else { throw SnapshotReader.Damaged() }
        let words: FlatStrings = try input.flatLists()
        let wordsByBytes: FlatArray<Int32> = try input.flat(below: words.count)
        let trigramKeys: FlatArray<UInt32> = try input.flat()
        let trigramWords: FlatLists<Int32> = try input.flatLists(below: words.count)
        let postings: FlatLists<Int32> = try input.flatLists(below: count)
        let fieldMasks: FlatArray<UInt8> = try input.flat(below: 64)
        guard wordsByBytes.count == words.count, trigramWords.count == trigramKeys.count, postings.count == words.count,
              fieldMasks.count == postings.values.count else { throw SnapshotReader.Damaged() }
        let nameLengths: FlatArray<UInt8> = try input.flat()
        guard nameLengths.count == count else { throw SnapshotReader.Damaged() }
        var synonyms: [String: [String]] = [:]
        for _ in 0..<(try input.count()) { synonyms[try input.string()] = try input.strings() }

        var vocabulary = TermVocabulary()
        vocabulary.ids = try input.strings()
        vocabulary.codes = try input.strings()
        vocabulary.names = try input.strings()
        vocabulary.taxonomies = try input.strings()
        vocabulary.positions = try input.ints()
        vocabulary.parents = try input.ints()
        let terms = vocabulary.ids.count
        guard [vocabulary.codes.count, vocabulary.names.count, vocabulary.taxonomies.count, vocabulary.positions.count,
               vocabulary.parents.count].allSatisfy({ $0 == terms }),
              vocabulary.parents.allSatisfy({ $0 >= -1 && $0 < terms }) else { throw SnapshotReader.Damaged() }
        for _ in 0..<(try input.count()) {
            let key = try input.string(), value = try input.int()
            guard value >= 0 && value < terms else { throw SnapshotReader.Damaged() }
            vocabulary.indexByCode[key] = value
        }
        vocabulary.children = Array(repeating: [], count: terms)
        for index in 0..<terms {
            vocabulary.indexByID[vocabulary.ids[index]] = index
            if vocabulary.parents[index] >= 0 { vocabulary.children[vocabulary.parents[index]].append(index) }
        }
        let termBits = try input.bitsets(count: count)
        guard termBits.count == terms else { throw SnapshotReader.Damaged() }
        var accessibilityBits: [Int: Bitset] = [:]
        for _ in 0..<(try input.count()) { accessibilityBits[try input.int()] = try input.bitset(count: count) }
        var kindBits: [OrganizationKind: Bitset] = [:]
        for _ in 0..<(try input.count()) {
            guard let kind = OrganizationKind(rawValue: try input.string()) else { throw SnapshotReader.Damaged() }
            kindBits[kind] = try input.bitset(count: count)
        }
        var capacityBits: [CapacityStatus: Bitset] = [:]
        for _ in 0..<(try input.count()) {
            guard let status = CapacityStatus(rawValue: try input.string()) else { throw SnapshotReader.Damaged() }
            capacityBits[status] = try input.bitset(count: count)
        }
        var languageBits: [String: Bitset] = [:]
        for _ in 0..<(try input.count()) { languageBits[try input.string()] = try input.bitset(count: count) }
        var languageNames: [String: String] = [:]
        for _ in 0..<(try input.count()) { languageNames[try input.string()] = try input.string() }
        let staleBits = try input.bitset(count: count)
        let organizationIDs: FlatStrings = try input.flatLists()
        let organizationServices: FlatLists<Int32> = try input.flatLists(below: count)
        let lastModified: FlatStrings = try input.flatLists()
        guard organizationServices.count == organizationIDs.count, lastModified.count == count else { throw SnapshotReader.Damaged() }

        var areas = AreaTree()
        areas.ids = try input.strings()
        areas.codes = try input.strings()
        areas.names = try input.strings()
        areas.levels = try input.strings()
        areas.positions = try input.ints()
        areas.parents = try input.ints()
        let areaCount = areas.ids.count
        guard [areas.codes.count, areas.names.count, areas.levels.count, areas.positions.count, areas.parents.count]
            .allSatisfy({ $0 == areaCount }), areas.parents.allSatisfy({ $0 >= -1 && $0 < areaCount }) else {
            throw SnapshotReader.Damaged()
        }
        areas.children = Array(repeating: [], count: areaCount)
        for index in 0..<areaCount {
            areas.indexByID[areas.ids[index]] = index
            areas.indexByCode[areas.codes[index]] = index
            if areas.parents[index] >= 0 { areas.children[areas.parents[index]].append(index) }
        }
        let tables = try (0..<3).map { _ -> FlatBitsets in
            guard try input.int() == areaCount, let table = FlatBitsets(members: count, count: areaCount, words: try input.flat()) else {
                throw SnapshotReader.Damaged()
            }
            return table
        }
        let (locatedSubtree, areaSubtree, areaExact) = (tables[0], tables[1], tables[2])
        var openingBlocks: [OpeningDay] = []
        guard try input.count() == 7 else { throw SnapshotReader.Damaged() }
        for _ in 0..<7 {
            let ordinals: FlatArray<Int32> = try input.flat(below: count)
            let times: FlatArray<Int32> = try input.flat()
            guard times.count == ordinals.count else { throw SnapshotReader.Damaged() }
            openingBlocks.append(OpeningDay(ordinals: ordinals, times: times))
        }
        let text = TextTables(words: words, wordsByBytes: wordsByBytes, trigramKeys: trigramKeys, trigramWords: trigramWords,
                              postings: postings, fieldMasks: fieldMasks)
        return SearchIndex(
            generation: generation, builtForDate: date, serviceIDs: serviceIDs, idOrder: idOrder, text: text,
            nameLengths: nameLengths, synonyms: synonyms, vocabulary: vocabulary, termBits: termBits,
            accessibilityBits: accessibilityBits, kindBits: kindBits, capacityBits: capacityBits, languageBits: languageBits,
            languageNames: languageNames, staleBits: staleBits, organizationIDs: organizationIDs,
            organizationServices: organizationServices, lastModified: lastModified, areas: areas,
            locatedSubtree: locatedSubtree, areaSubtree: areaSubtree, areaExact: areaExact, openingBlocks: openingBlocks)
    }
}

/// A fast 64-bit checksum (word-wise multiply-xor in four independent lanes, so that the
/// processor works on four words at once; then the lanes and the length), to reject damaged
/// files; fed in pieces whose lengths are multiples of eight bytes, except the last.
struct SnapshotChecksum {
    private var lanes: (UInt64, UInt64, UInt64, UInt64) = (0x9E37_79B9_7F4A_7C15, 0xC2B2_AE3D_27D4_EB4F,
                                                           0x1656_67B1_9E37_79F9, 0x85EB_CA77_C2B2_AE63)
    private var length = 0
    private static let prime: UInt64 = 0x100_0000_01B3

    @inline(__always) private static func mix(_ hash: UInt64, _ word: UInt64) -> UInt64 {
        let product = (hash ^ word) &* prime
        return product ^ (product >> 29)
    }

    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        let words = bytes.count / 8
        let raw = UnsafeRawBufferPointer(bytes)
        func word(_ index: Int) -> UInt64 { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)) }
        var (a, b, c, d) = lanes
        // Word n of the whole input goes to lane n % 4 (the pieces before were whole words).
        var index = 0
        var lane = (length / 8) & 3
        while index < words && lane != 0 {
            switch lane {
            case 1: b = Self.mix(b, word(index))
            case 2: c = Self.mix(c, word(index))
            default: d = Self.mix(d, word(index))
            }
            index += 1
            lane = (lane + 1) & 3
        }
        while index + 4 <= words {
            a = Self.mix(a, word(index))
            b = Self.mix(b, word(index + 1))
            c = Self.mix(c, word(index + 2))
            d = Self.mix(d, word(index + 3))
            index += 4
        }
        if index < words { a = Self.mix(a, word(index)); index += 1 }
        if index < words { b = Self.mix(b, word(index)); index += 1 }
        if index < words { c = Self.mix(c, word(index)) }
        for index in (words * 8)..<bytes.count { a = (a ^ UInt64(bytes[index])) &* Self.prime }
        lanes = (a, b, c, d)
        length += bytes.count
    }

    var value: UInt64 {
        let combined = Self.mix(Self.mix(Self.mix(lanes.0, lanes.1), lanes.2), lanes.3)
        return (combined ^ UInt64(length)) &* Self.prime
    }

    static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var checksum = SnapshotChecksum()
        checksum.add(bytes)
        return checksum.value
    }
}

/// Little-endian encoding of a snapshot, buffered up to about a megabyte and written in pieces
/// of 64 KB (the page cache keeps a file in pages no larger than the writes that filled it) to
/// a new private file beside the target, which `finish` renames into place.
struct SnapshotWriter {
    private var buffer: [UInt8] = []
    private var checksum = SnapshotChecksum()
    private let path: String
    private let temporary: String
    private let fd: Int32
    private var failed = false
    /// Bytes already written out (the buffer follows them).
    private var flushed = 0

    init(path: String) throws {
        self.path = path
        temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw LotseError(.unusableData, "\(path) kann nicht geschrieben werden: \(String(cString: strerror(errno)))")
        }
        buffer.reserveCapacity(1 << 20 + 4096)
    }

    mutating func bytes(_ values: [UInt8]) { buffer.append(contentsOf: values); spill() }
    mutating func u32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }; spill() }
    mutating func u64(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }; spill() }
    mutating func int(_ value: Int) { u64(UInt64(bitPattern: Int64(value))) }
    mutating func ints(_ values: [Int]) { int(values.count); for value in values { int(value) } }
    mutating func bytesWithCount(_ values: [UInt8]) { int(values.count); bytes(values) }
    mutating func string(_ value: String) { bytesWithCount(Array(value.utf8)) }
    mutating func strings(_ values: [String]) { int(values.count); for value in values { string(value) } }

    mutating func bitset(_ bits: Bitset) {
        int(bits.count)
        for word in bits.words { withUnsafeBytes(of: word.littleEndian) { buffer.append(contentsOf: $0) } }
        spill()
    }

    mutating func bitsets(_ list: [Bitset]) { int(list.count); for bits in list { bitset(bits) } }

    /// Zero bytes up to the next multiple of eight (flat tables start there).
    mutating func align() {
        let padding = (8 - (flushed + buffer.count) % 8) % 8
        buffer.append(contentsOf: repeatElement(0, count: padding))
    }

    /// A flat table: its count, then (aligned) its values as they are in memory.
    mutating func flat<Element>(_ values: FlatArray<Element>) {
        int(values.count)
        align()
        values.withBuffer { buffer.append(contentsOf: UnsafeRawBufferPointer($0)) }
        spill()
    }

    mutating func flatLists<Element>(_ lists: FlatLists<Element>) {
        flat(lists.offsets)
        flat(lists.values)
    }

    /// Writes out whole eight-byte words once the buffer holds a megabyte.
    private mutating func spill(all: Bool = false) {
        guard all || buffer.count >= 1 << 20 else { return }
        let length = all ? buffer.count : buffer.count / 8 * 8
        buffer.withUnsafeBufferPointer { bytes in
            let piece = UnsafeBufferPointer(rebasing: bytes[0..<length])
            checksum.add(piece)
            writeOut(UnsafeRawBufferPointer(piece))
        }
        buffer.removeFirst(length)
        flushed += length
    }

    /// Writes `bytes` in pieces of at most 64 KB.
    private mutating func writeOut(_ bytes: UnsafeRawBufferPointer) {
        var written = 0
        while written < bytes.count && !failed {
            let result = write(fd, bytes.baseAddress! + written, Swift.min(bytes.count - written, SnapshotWriter.writeSize))
            if result <= 0 { failed = true } else { written += result }
        }
    }

    /// The largest single write.
    static let writeSize = 64 * 1024

    /// Writes the rest and the checksum and moves the file into place.
    mutating func finish() throws {
        spill(all: true)
        withUnsafeBytes(of: checksum.value.littleEndian) { buffer.append(contentsOf: $0) }
        buffer.withUnsafeBytes { writeOut($0) }
        close(fd)
        guard !failed, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw LotseError(.unusableData, "\(path) kann nicht geschrieben werden: \(String(cString: strerror(errno)))")
        }
    }
}

/// Reads what `SnapshotWriter` wrote, from the mapped file; every read is bounds-checked and
/// throws `Damaged`. Flat tables are not copied: they point into the mapping.
struct SnapshotReader {
    struct Damaged: Error {}

    let storage: FlatStorage
    let end: Int
    private(set) var position = 0

    init(storage: FlatStorage, end: Int) {
        self.storage = storage
        self.end = end
    }

    /// The file at `path` mapped read-only, nil when unreadable or empty. Not populated up
    /// front: the checksum faults the pages in as it reads them (a few hundred faults), while
    /// populating would hold the process's memory-map lock and stall the other start-up
    /// threads for as long.
    static func map(_ path: String) -> FlatStorage? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0, status.st_size > 0, status.st_size < 1 << 34 else { return nil }
        let size = Int(status.st_size)
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else { return nil }
        return FlatStorage(mapping: UnsafeRawPointer(base), length: size)
    }

    private mutating func take(_ length: Int) throws -> Int {
        guard length >= 0, length <= end - position else { throw Damaged() }
        defer { position += length }
        return position
    }

    mutating func bytes(_ length: Int) throws -> [UInt8] {
        let start = try take(length)
        return Array(UnsafeRawBufferPointer(start: storage.base + start, count: length))
    }

    mutating func u32() throws -> UInt32 {
        let start = try take(4)
        return UInt32(littleEndian: storage.base.loadUnaligned(fromByteOffset: start, as: UInt32.self))
    }

    mutating func u64() throws -> UInt64 {
        let start = try take(8)
        return UInt64(littleEndian: storage.base.loadUnaligned(fromByteOffset: start, as: UInt64.self))
    }

    mutating func int() throws -> Int { Int(Int64(bitPattern: try u64())) }

    /// A count: not negative and not more than the bytes left.
    mutating func count() throws -> Int {
        let value = try int()
        guard value >= 0, value <= end - position else { throw Damaged() }
        return value
    }

    mutating func ints() throws -> [Int] { try (0..<count()).map { _ in try int() } }
    mutating func bytesWithCount() throws -> [UInt8] { try bytes(try count()) }
    mutating func string() throws -> String { String(decoding: try bytesWithCount(), as: UTF8.self) }
    mutating func strings() throws -> [String] { try (0..<count()).map { _ in try string() } }

    /// A flat table in place.
    mutating func flat<Element: BitwiseCopyable>() throws -> FlatArray<Element> {
        let length = try count()
        let padding = (8 - position % 8) % 8
        _ = try take(padding)
        let start = try take(length * MemoryLayout<Element>.stride)
        return FlatArray(storage: storage, byteOffset: start, count: length)
    }

    /// A flat table of integers, each in `0..<limit`.
    mutating func flat<Element: BinaryInteger & BitwiseCopyable>(below limit: Int) throws -> FlatArray<Element> {
        let values: FlatArray<Element> = try flat()
        guard values.withBuffer({ Self.all($0, below: limit) }) else { throw Damaged() }
        return values
    }

    /// True when every value lies in `0..<limit`; one pass for the lowest and the highest
    /// value, which the compiler turns into vector instructions.
    static func all<Element: BinaryInteger>(_ values: UnsafeBufferPointer<Element>, below limit: Int) -> Bool {
        guard let first = values.first else { return true }
        var lowest = first, highest = first
        for value in values {
            lowest = Swift.min(lowest, value)
            highest = Swift.max(highest, value)
        }
        return lowest >= 0 && (Int(exactly: highest).map { $0 < limit } ?? false)
    }

    mutating func flatLists<Element: BitwiseCopyable>() throws -> FlatLists<Element> {
        guard let lists = FlatLists<Element>(offsets: try flat(), values: try flat()) else { throw Damaged() }
        return lists
    }

    mutating func flatLists<Element: BinaryInteger & BitwiseCopyable>(below limit: Int) throws -> FlatLists<Element> {
        guard let lists = FlatLists<Element>(offsets: try flat(), values: try flat(below: limit)) else { throw Damaged() }
        return lists
    }

    /// A bitset of exactly `count` members.
    mutating func bitset(count expected: Int) throws -> Bitset {
        guard try int() == expected else { throw Damaged() }
        let wordCount = (expected + 63) / 64
        let start = try take(wordCount * 8)
        let words = [UInt64](unsafeUninitializedCapacity: wordCount) { buffer, initialized in
            for index in 0..<wordCount {
                buffer[index] = UInt64(littleEndian: storage.base.loadUnaligned(fromByteOffset: start + index * 8, as: UInt64.self))
            }
            initialized = wordCount
        }
        return Bitset(count: expected, words: words)
    }

    mutating func bitsets(count expected: Int) throws -> [Bitset] {
        try (0..<count()).map { _ in try bitset(count: expected) }
    }
}
