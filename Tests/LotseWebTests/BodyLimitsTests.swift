// BodyLimitsTests: the body limit each route gets from the route table (public forms 64 KiB,
// signed-in forms 1 MiB, unknown routes 64 KiB, never above Limits.maxBodySize).
import HTTP
import LotseWeb
import Testing

@Suite struct BodyLimitsTests {
    @Test func limitsFollowTheRoutesAccessRule() {
        let limits = Limits()
        #expect(BodyLimits.limit(method: "POST", pathSegments: ["anmelden"], limits: limits) == 64 * 1024)
        #expect(BodyLimits.limit(method: "POST", pathSegments: ["angebote", "7", "korrektur"], limits: limits) == 64 * 1024)
        #expect(BodyLimits.limit(method: "POST", pathSegments: ["konto", "passwort"], limits: limits) == 1024 * 1024)
        #expect(BodyLimits.limit(method: "POST", pathSegments: ["pflege", "angebote", "3"], limits: limits) == 1024 * 1024)
        #expect(BodyLimits.limit(method: "POST", pathSegments: ["gibt", "es", "nicht"], limits: limits) == 64 * 1024)
        var small = Limits()
        small.maxBodySize = 1000
        #expect(BodyLimits.limit(method: "POST", pathSegments: ["konto", "passwort"], limits: small) == 1000)
        let configuration = BodyLimits.serverConfiguration(limits: limits)
        #expect(configuration.bodyLimit?("POST", ["konto", "passwort"]) == 1024 * 1024)
        #expect(configuration.defaultHeaders["X-Frame-Options"] == "DENY")
    }
}
