// TrustedProxies: the LOTSE_TRUSTED_PROXIES parser (addresses, CIDR ranges, IPv4 and IPv6,
// malformed entries ignored) and the real client address from X-Forwarded-For, hostile cases
// included.
import Foundation
import Testing
@testable import LotseWeb

@Suite struct TrustedProxiesTests {
    @Test func parsesAddressesAndRangesAndIgnoresMalformedEntries() {
        let proxies = TrustedProxies("127.0.0.1, ::1,10.0.0.0/8  fd00::/8,,192.168.1.0/33, proxy.example.org, 10.0.0.1/x, 1.2.3/24, 2001:db8::/129, ::ffff:172.16.0.0/108, 010.1.1.1")
        #expect(proxies.ignoredEntries == ["192.168.1.0/33", "proxy.example.org", "10.0.0.1/x", "1.2.3/24", "2001:db8::/129", "010.1.1.1"])
        let trusted = ["127.0.0.1", "::1", "10.1.2.3", "10.255.255.255", "fd12:3456::1", "::ffff:10.9.9.9", "172.16.5.5", "[::1]"]
        let untrusted = ["127.0.0.2", "11.0.0.1", "fe80::1", "2001:db8::1", "192.168.1.1", "172.32.0.1", "::2"]
        for address in trusted { #expect(proxies.trusts(IPAddress(address)!), "\(address)") }
        for address in untrusted { #expect(!proxies.trusts(IPAddress(address)!), "\(address)") }
        #expect(TrustedProxies("").isEmpty && TrustedProxies(" , kaputt").isEmpty)
        #expect(TrustedProxies("0.0.0.0/0").trusts(IPAddress("8.8.8.8")!) && !TrustedProxies("0.0.0.0/0").trusts(IPAddress("::8")!))
    }

    @Test func theClientIsTheRightMostUntrustedForwardedAddress() {
        let proxies = TrustedProxies("127.0.0.1, 10.0.0.0/8, 2001:db8:1::/48")
        // The client may put anything left of what the proxies appended.
        #expect(proxies.clientAddress(peer: "127.0.0.1", forwardedFor: ["1.1.1.1, 203.0.113.9"]) == "203.0.113.9")
        #expect(proxies.clientAddress(peer: "127.0.0.1", forwardedFor: ["1.1.1.1, 203.0.113.9, 10.0.0.7"]) == "203.0.113.9")
        #expect(proxies.clientAddress(peer: "127.0.0.1", forwardedFor: ["1.1.1.1", "203.0.113.9"]) == "203.0.113.9")  // repeated headers
        #expect(proxies.clientAddress(peer: "10.2.2.2", forwardedFor: ["2001:DB8:2::5, 2001:db8:1::7"]) == "2001:db8:2::5")
        #expect(proxies.clientAddress(peer: "::ffff:127.0.0.1", forwardedFor: ["[2001:db8:3::1]:4711"]) == "2001:db8:3::1")
        #expect(proxies.clientAddress(peer: "127.0.0.1", forwardedFor: ["198.51.100.4:5555"]) == "198.51.100.4")
        // Every hop trusted, or no header: the left-most trusted hop, or the peer.
        #expect(proxies.clientAddress(peer: "127.0.0.1", forwardedFor: ["10.0.0.3, 10.0.0.4"]) == "10.0.0.3")
        #expect(proxies.clientAddress(peer: "127.0.0.1", forwardedFor: []) == "127.0.0.1")
        // A malformed entry stops the walk: nothing left of it is believed.
        #expect(proxies.clientAddress(peer: "127.0.0.1", forwardedFor: ["203.0.113.1, unknown"]) == "127.0.0.1")
        #expect(proxies.clientAddress(peer: "127.0.0.1", forwardedFor: ["203.0.113.1, <script>, 10.0.0.9"]) == "10.0.0.9")
        #expect(proxies.clientAddress(peer: "127.0.0.1", forwardedFor: ["203.0.113.1,,"]) == "203.0.113.1")
    }

    @Test func anUntrustedPeerIsTheClientWhateverItForwards() {
        let proxies = TrustedProxies("127.0.0.1")
        #expect(proxies.clientAddress(peer: "192.0.2.50", forwardedFor: ["203.0.113.9"]) == "192.0.2.50")
        #expect(TrustedProxies.none.clientAddress(peer: "127.0.0.1", forwardedFor: ["203.0.113.9"]) == "127.0.0.1")
        #expect(proxies.clientAddress(peer: "::FFFF:192.0.2.50", forwardedFor: []) == "192.0.2.50")   // one key per address
        #expect(proxies.clientAddress(peer: "-", forwardedFor: ["203.0.113.9"]) == "-")               // lotse http without a socket
    }
}
