// FlatArray: the search index's large tables as flat, read-only arrays of plain values — in
// memory the index built, or straight in the mapped snapshot file (SearchIndex+Snapshot), so
// that loading a snapshot copies nothing and only the pages a search touches are resident.
// A list of lists (postings, trigram lists, words as bytes) is one array of values and one of
// offsets (`FlatLists`), never an object per entry.
import Foundation

/// The memory flat arrays point into: a read-only mapping of a snapshot file, or an
/// allocation owned by one array. Freed (unmapped) with the last array that uses it.
final class FlatStorage: @unchecked Sendable {
    let base: UnsafeRawPointer
    let length: Int
    private let mapped: Bool

    /// Takes over a mapping made with `mmap` (unmapped on deinit).
    init(mapping base: UnsafeRawPointer, length: Int) {
        self.base = base
        self.length = length
        mapped = true
    }

    /// Takes over an allocation (freed on deinit).
    init(allocation base: UnsafeMutableRawPointer, length: Int) {
        self.base = UnsafeRawPointer(base)
        self.length = length
        mapped = false
    }

    deinit {
        if mapped { munmap(UnsafeMutableRawPointer(mutating: base), length) } else { UnsafeMutableRawPointer(mutating: base).deallocate() }
    }
}

/// A read-only array of plain values in a `FlatStorage`.
struct FlatArray<Element: BitwiseCopyable>: RandomAccessCollection, @unchecked Sendable {
    private let storage: FlatStorage
    private let base: UnsafePointer<Element>
    let count: Int

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    /// A copy of `values` in its own allocation.
    init(_ values: [Element]) {
        let bytes = Swift.max(1, values.count) * MemoryLayout<Element>.stride
        let raw = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: Swift.max(8, MemoryLayout<Element>.alignment))
        let typed = raw.bindMemory(to: Element.self, capacity: Swift.max(1, values.count))
        _ = values.withUnsafeBufferPointer { UnsafeMutableBufferPointer(start: typed, count: values.count).initialize(from: $0) }
        storage = FlatStorage(allocation: raw, length: bytes)
        base = UnsafePointer(typed)
        count = values.count
    }

    /// `count` values at `byteOffset` (aligned for `Element`, checked by the caller to lie
    /// inside the storage).
    init(storage: FlatStorage, byteOffset: Int, count: Int) {
        self.storage = storage
        base = (storage.base + byteOffset).assumingMemoryBound(to: Element.self)
        self.count = count
    }

    subscript(position: Int) -> Element {
        precondition(position >= 0 && position < count, "FlatArray index out of range")
        return base[position]
    }

    /// The values as a buffer, valid while `self` is alive (the caller holds it).
    var buffer: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

    /// Runs `body` with the values as a buffer.
    func withBuffer<Result>(_ body: (UnsafeBufferPointer<Element>) throws -> Result) rethrows -> Result {
        try withExtendedLifetime(storage) { try body(buffer) }
    }
}

/// A list of lists of plain values: list `i` is `values[offsets[i]..<offsets[i + 1]]`.
struct FlatLists<Element: BitwiseCopyable>: @unchecked Sendable {
    let offsets: FlatArray<UInt32>
    let values: FlatArray<Element>

    /// Number of lists.
    var count: Int { offsets.count - 1 }

    /// The lists, concatenated (fewer than 2³² values in all).
    init<Lists: Collection>(_ lists: Lists) where Lists.Element: Collection, Lists.Element.Element == Element {
        var offsets: [UInt32] = [0]
        offsets.reserveCapacity(lists.count + 1)
        var values: [Element] = []
        values.reserveCapacity(lists.reduce(0) { $0 + $1.count })
        for list in lists {
            values.append(contentsOf: list)
            offsets.append(UInt32(values.count))
        }
        self.offsets = FlatArray(offsets)
        self.values = FlatArray(values)
    }

    /// Lists read from a snapshot; nil when the offsets do not describe `values` (they must
    /// start at 0, never decrease and end at `values.count`).
    init?(offsets: FlatArray<UInt32>, values: FlatArray<Element>) {
        guard offsets.count >= 1, offsets[0] == 0, Int(offsets[offsets.count - 1]) == values.count else { return nil }
        let ordered = offsets.withBuffer { buffer in
            var previous: UInt32 = 0
            for offset in buffer {
                if offset < previous { return false }
                previous = offset
            }
            return true
        }
        guard ordered else { return nil }
        self.offsets = offsets
        self.values = values
    }

    /// List `index` as a buffer, valid while `self` is alive.
    subscript(index: Int) -> UnsafeBufferPointer<Element> {
        precondition(index >= 0 && index < count, "FlatLists index out of range")
        let start = Int(offsets.buffer[index]), end = Int(offsets.buffer[index + 1])
        return UnsafeBufferPointer(rebasing: values.buffer[start..<end])
    }
}

extension FlatLists where Element == UInt8 {
    /// UTF-8 strings as byte lists.
    init(strings: [String]) { self.init(strings.map { Array($0.utf8) }) }

    /// List `index` as a String.
    func string(_ index: Int) -> String { String(decoding: self[index], as: UTF8.self) }
}

/// Words, service ids and other byte strings of the index.
typealias FlatStrings = FlatLists<UInt8>

extension UnsafeBufferPointer where Element == UInt8 {
    /// True when the bytes equal `other`.
    func equals(_ other: [UInt8]) -> Bool { elementsEqual(other) }
}

/// Equal-sized bitsets stored back to back (the Sozialraum tables): `table[i]` is a copy of
/// bitset `i`, so tables read in place from a snapshot are resident only where used.
struct FlatBitsets: @unchecked Sendable {
    /// Members per bitset.
    let members: Int
    /// Number of bitsets.
    let count: Int
    let words: FlatArray<UInt64>

    private var wordsPerSet: Int { (members + 63) / 64 }

    init(members: Int, _ sets: [Bitset]) {
        self.members = members
        count = sets.count
        words = FlatArray(sets.flatMap(\.words))
    }

    /// `count` bitsets read from a snapshot; nil when the words are not exactly that many.
    init?(members: Int, count: Int, words: FlatArray<UInt64>) {
        guard count >= 0, words.count == count * ((members + 63) / 64) else { return nil }
        self.members = members
        self.count = count
        self.words = words
    }

    subscript(index: Int) -> Bitset {
        precondition(index >= 0 && index < count, "FlatBitsets index out of range")
        let start = index * wordsPerSet
        return Bitset(count: members, words: Array(words.buffer[start..<(start + wordsPerSet)]))
    }
}
