// IPAddress: a numeric IPv4 or IPv6 address as 4 or 16 bytes, parsed strictly from text
// (inet_pton; IPv4-mapped IPv6 addresses count as IPv4), and CIDR ranges of them.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A numeric IP address (4 bytes for IPv4, 16 for IPv6).
struct IPAddress: Hashable, Sendable, CustomStringConvertible {
    /// The address in network byte order.
    let bytes: [UInt8]

    /// Parses "192.0.2.1", "2001:db8::1" or "[2001:db8::1]"; nil for anything else (names,
    /// ports, zone ids, leading zeros in IPv4).
    init?(_ text: some StringProtocol) {
        var text = String(text).trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("[") && text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        guard !text.isEmpty, text.utf8.count <= 45 else { return nil }
        if text.contains(":") {
            var storage = in6_addr()
            guard inet_pton(AF_INET6, text, &storage) == 1 else { return nil }
            let raw = withUnsafeBytes(of: &storage) { Array($0) }
            let mappedPrefix: [UInt8] = Array(repeating: 0, count: 10) + [0xFF, 0xFF]
            bytes = raw.starts(with: mappedPrefix) ? Array(raw.suffix(4)) : raw
        } else {
            var storage = in_addr()
            guard inet_pton(AF_INET, text, &storage) == 1 else { return nil }
            bytes = withUnsafeBytes(of: &storage) { Array($0) }
        }
    }

    /// The canonical text (inet_ntop).
    var description: String {
        var text = [CChar](repeating: 0, count: 64)
        if bytes.count == 4 {
            var storage = in_addr()
            withUnsafeMutableBytes(of: &storage) { $0.copyBytes(from: bytes) }
            _ = inet_ntop(AF_INET, &storage, &text, socklen_t(text.count))
        } else {
            var storage = in6_addr()
            withUnsafeMutableBytes(of: &storage) { $0.copyBytes(from: bytes) }
            _ = inet_ntop(AF_INET6, &storage, &text, socklen_t(text.count))
        }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// True when the first `prefixLength` bits equal those of `network` (same family).
    func isIn(_ network: IPAddress, prefixLength: Int) -> Bool {
        guard bytes.count == network.bytes.count, (0...bytes.count * 8).contains(prefixLength) else { return false }
        var remaining = prefixLength
        for (mine, theirs) in zip(bytes, network.bytes) where remaining > 0 {
            let bits = min(8, remaining)
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
            if mine & mask != theirs & mask { return false }
            remaining -= bits
        }
        return true
    }
}
