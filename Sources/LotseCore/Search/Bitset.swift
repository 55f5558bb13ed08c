// Bitset: a fixed-size set of service ordinals as 64-bit words; the currency of the in-memory
// search index (filters, terms and rank tiers are all bitsets, combined word by word).

/// A set of integers in `0..<count`, stored as bits.
public struct Bitset: Sendable, Equatable {
    /// The number of representable members.
    public let count: Int
    /// The bit words, least significant bit first.
    public private(set) var words: [UInt64]

    /// An empty set (`full: false`) or the set of all members (`full: true`).
    public init(count: Int, full: Bool = false) {
        self.count = count
        let wordCount = (count + 63) / 64
        words = Array(repeating: full ? ~0 : 0, count: wordCount)
        if full { clearTail() }
    }

    /// A set with the given members (which must be in range).
    public init<S: Sequence>(count: Int, members: S) where S.Element: BinaryInteger {
        self.init(count: count)
        for member in members { insert(Int(member)) }
    }

    /// A set from its bit words (as `words` gives them; bits past `count` are cleared).
    init(count: Int, words: [UInt64]) {
        precondition(words.count == (count + 63) / 64)
        self.count = count
        self.words = words
        clearTail()
    }

    private mutating func clearTail() {
        let extra = words.count * 64 - count
        if extra > 0, !words.isEmpty { words[words.count - 1] &= ~0 >> UInt64(extra) }
    }

    /// Adds a member.
    @inline(__always)
    public mutating func insert(_ member: Int) {
        words[member >> 6] |= 1 << UInt64(member & 63)
    }

    /// True when `member` is in the set.
    @inline(__always)
    public func contains(_ member: Int) -> Bool {
        words[member >> 6] & (1 << UInt64(member & 63)) != 0
    }

    /// The number of members.
    public var cardinality: Int {
        var total = 0
        for word in words { total &+= word.nonzeroBitCount }
        return total
    }

    /// True when the set has no members.
    public var isEmpty: Bool { !words.contains { $0 != 0 } }

    /// Keeps only members also in `other`.
    public mutating func formIntersection(_ other: Bitset) {
        precondition(other.count == count)
        words.withUnsafeMutableBufferPointer { mine in
            other.words.withUnsafeBufferPointer { theirs in
                for index in mine.indices { mine[index] &= theirs[index] }
            }
        }
    }

    /// Adds the members of `other`.
    public mutating func formUnion(_ other: Bitset) {
        precondition(other.count == count)
        words.withUnsafeMutableBufferPointer { mine in
            other.words.withUnsafeBufferPointer { theirs in
                for index in mine.indices { mine[index] |= theirs[index] }
            }
        }
    }

    /// Removes the members of `other`.
    public mutating func subtract(_ other: Bitset) {
        precondition(other.count == count)
        words.withUnsafeMutableBufferPointer { mine in
            other.words.withUnsafeBufferPointer { theirs in
                for index in mine.indices { mine[index] &= ~theirs[index] }
            }
        }
    }

    /// The intersection with `other`.
    public func intersection(_ other: Bitset) -> Bitset {
        var copy = self
        copy.formIntersection(other)
        return copy
    }

    /// The union with `other`.
    public func union(_ other: Bitset) -> Bitset {
        var copy = self
        copy.formUnion(other)
        return copy
    }

    /// `|self ∩ other|` without building the intersection.
    public func intersectionCount(_ other: Bitset) -> Int {
        precondition(other.count == count)
        var total = 0
        words.withUnsafeBufferPointer { mine in
            other.words.withUnsafeBufferPointer { theirs in
                for index in mine.indices { total &+= (mine[index] & theirs[index]).nonzeroBitCount }
            }
        }
        return total
    }

    /// Calls `body` with members in ascending order until it returns false.
    public func forEachMember(_ body: (Int) -> Bool) {
        for (index, word) in words.enumerated() where word != 0 {
            var remaining = word
            while remaining != 0 {
                let bit = remaining.trailingZeroBitCount
                if !body(index << 6 | bit) { return }
                remaining &= remaining - 1
            }
        }
    }

    /// The members in ascending order.
    public var members: [Int] {
        var result: [Int] = []
        forEachMember { result.append($0); return true }
        return result
    }
}
