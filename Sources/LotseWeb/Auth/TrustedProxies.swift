// TrustedProxies: the reverse proxies whose X-Forwarded-For header is believed
// (LOTSE_TRUSTED_PROXIES: IP addresses and CIDR ranges, IPv4 and IPv6, comma-separated), and the
// real client address of a request — the right-most X-Forwarded-For entry that is not a trusted
// proxy. Without trusted proxies the header is ignored, so clients cannot invent addresses.
import Foundation

/// The trusted reverse proxies of the site.
public struct TrustedProxies: Sendable {
    /// One trusted address or range.
    struct Range: Sendable, Equatable {
        let network: IPAddress
        let prefixLength: Int
    }

    /// The trusted ranges.
    let ranges: [Range]
    /// Entries of the setting that are neither an address nor a CIDR range (ignored).
    public let ignoredEntries: [String]

    /// No trusted proxies: the peer of the socket is the client.
    public static let none = TrustedProxies("")

    /// Parses a setting such as "127.0.0.1, ::1, 10.0.0.0/8, fd00::/8"; malformed entries are
    /// ignored and listed in `ignoredEntries`.
    public init(_ setting: String) {
        var ranges: [Range] = [], ignored: [String] = []
        for entry in setting.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }) {
            let parts = entry.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            guard let address = IPAddress(parts[0]) else { ignored.append(String(entry)); continue }
            let maximum = address.bytes.count * 8, written = parts[0].contains(":") ? 128 : 32
            var length = maximum
            if parts.count == 2 {
                guard parts[1].allSatisfy({ $0.isASCII && $0.isNumber }), let parsed = Int(parts[1]), (0...written).contains(parsed) else {
                    ignored.append(String(entry)); continue
                }
                // An IPv4-mapped range ("::ffff:10.0.0.0/104") is held as its IPv4 range.
                length = parsed - (written - maximum)
                guard (0...maximum).contains(length) else { ignored.append(String(entry)); continue }
            }
            ranges.append(Range(network: address, prefixLength: length))
        }
        self.ranges = ranges
        ignoredEntries = ignored
    }

    /// True when no proxy is trusted.
    public var isEmpty: Bool { ranges.isEmpty }

    /// True when `address` is a trusted proxy.
    func trusts(_ address: IPAddress) -> Bool {
        ranges.contains { address.isIn($0.network, prefixLength: $0.prefixLength) }
    }

    /// The real client address of a request from `peer` with the given `X-Forwarded-For`
    /// header values: the peer itself unless it is a trusted proxy; otherwise the right-most
    /// forwarded entry that is not a trusted proxy. A malformed entry stops the walk (what lies
    /// left of it cannot be believed): the nearest trusted hop is the answer then, as it is
    /// when every entry is trusted. Addresses come back in canonical form.
    public func clientAddress(peer: String, forwardedFor: [String]) -> String {
        guard let peerAddress = IPAddress(peer) else { return peer }
        guard trusts(peerAddress) else { return peerAddress.description }
        var nearest = peerAddress
        let entries = forwardedFor.flatMap { $0.split(separator: ",") }
        for entry in entries.reversed() {
            guard let hop = Self.address(ofForwardedEntry: entry) else { break }
            if !trusts(hop) { return hop.description }
            nearest = hop
        }
        return nearest.description
    }

    /// The address of one X-Forwarded-For entry: "192.0.2.1", "2001:db8::1", also with a
    /// port ("192.0.2.1:4711", "[2001:db8::1]:4711"); nil when it is none of these.
    static func address(ofForwardedEntry entry: some StringProtocol) -> IPAddress? {
        let text = entry.trimmingCharacters(in: .whitespaces)
        if let address = IPAddress(text) { return address }
        if text.hasPrefix("["), let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") {
            return IPAddress(text[text.index(after: text.startIndex)..<close])
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count == 2, parts[0].contains("."), !parts[1].isEmpty, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }) {
            return IPAddress(parts[0])
        }
        return nil
    }
}
