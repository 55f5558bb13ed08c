// ByteKeyTable: numbers short byte strings (the UTF-8 of a column value: an id, a code, a status)
// densely, looked up straight from SQLite's buffer, so a scan over a million rows does not build a
// String per row and value only to find a number it has seen before.

/// Byte strings numbered 0, 1, 2, … in the order they were inserted.
struct ByteKeyTable {
    /// The keys' bytes, one after another.
    private var bytes: [UInt8] = []
    /// Where key n starts in `bytes` (and n + 1, where it ends).
    private var starts: [Int] = [0]
    /// Open-addressing slots: key number + 1, 0 for empty.
    private var slots: [Int32]

    /// An empty table.
    init() {
        slots = [Int32](repeating: 0, count: 64)
    }

    /// The number of keys.
    var count: Int { starts.count - 1 }

    /// The number of `key`, if it was inserted.
    func find(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        let mask = slots.count - 1
        var slot = Self.hash(key) & mask
        while slots[slot] != 0 {
            let number = Int(slots[slot]) - 1
            if matches(number, key) { return number }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// The number of `key`, inserting it when new.
    @discardableResult
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        if let known = find(key) { return known }
        if (count + 1) * 2 > slots.count { grow() }
        let number = count
        bytes.append(contentsOf: key)
        starts.append(bytes.count)
        place(number, hash: Self.hash(key))
        return number
    }

    /// The number of `key`, inserting it when new.
    @discardableResult
    mutating func insert(_ key: String) -> Int {
        var key = key
        return key.withUTF8 { insert($0) }
    }

    private func matches(_ number: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[number], end = starts[number + 1]
        guard end - start == key.count else { return false }
        for offset in 0..<key.count where bytes[start + offset] != key[offset] { return false }
        return true
    }

    private mutating func place(_ number: Int, hash: Int) {
        let mask = slots.count - 1
        var slot = hash & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(number + 1)
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        for number in 0..<count {
            let hash = bytes.withUnsafeBufferPointer { all in
                Self.hash(UnsafeBufferPointer(rebasing: all[starts[number]..<starts[number + 1]]))
            }
            place(number, hash: hash)
        }
    }

    /// FNV-1a.
    private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: hash ^ (hash >> 29))
    }
}
