// URLs: links built from directory data never carry unsafe schemes; search links encode filters.
import Foundation
import Testing
@testable import LotseWeb

@Suite struct URLsTests {
    @Test func linksOnlyWithSafeSchemes() {
        #expect(URLs.external("https://example.org/a") == "https://example.org/a")
        #expect(URLs.external("javascript:alert(1)") == nil)
        #expect(URLs.external(" JavaScript:alert(1)") == nil)
        #expect(URLs.external("data:text/html,x") == nil)
        #expect(URLs.tel("+49 40 66969 746") == "tel:+494066969746")
        #expect(URLs.tel("keine") == nil)
        #expect(URLs.mailto("leitung@example.org") == "mailto:leitung@example.org")
        #expect(URLs.mailto("a\"b@example.org") == nil)
        #expect(URLs.mailto("<script>@x.org") == nil)
        #expect(URLs.search(need: "pflege", sozialraum: "bremen") == "/suche?bedarf=pflege&sozialraum=bremen")
    }
}
