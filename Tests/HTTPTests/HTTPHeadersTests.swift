// HTTPHeadersTests: case-insensitive lookup, order, repeated fields, replacement and removal.
import Testing
@testable import HTTP

@Suite struct HTTPHeadersTests {
    @Test func lookupIgnoresCaseAndKeepsOrder() {
        var headers: HTTPHeaders = ["Content-Type": "text/plain"]
        headers.add("Vary", "Accept")
        headers.add("vary", "Cookie")
        #expect(headers["content-type"] == "text/plain")
        #expect(headers.values("VARY") == ["Accept", "Cookie"])
        #expect(headers.contains("Vary"))
        headers["VARY"] = "Origin"
        #expect(headers.values("vary") == ["Origin"])
        #expect(headers.fields.map(\.name) == ["Content-Type", "Vary"])
        headers["Vary"] = nil
        #expect(!headers.contains("vary"))
        #expect(headers.count == 1)
    }
}
