// URLEncodingTests: percent-encoding of components and form data, and decoding that rejects malformed escapes.
import Testing
@testable import HTTP

@Suite struct URLEncodingTests {
    @Test func encodesComponents() {
        #expect(URLEncoding.encodeComponent("a b/ä?&=") == "a%20b%2F%C3%A4%3F%26%3D")
        #expect(URLEncoding.encodeComponent("Safe-._~09") == "Safe-._~09")
        #expect(URLEncoding.encodeFormComponent("a b+c") == "a+b%2Bc")
        #expect(URLEncoding.formEncoded([("q", "Hilfe für"), ("p", "2")]) == "q=Hilfe+f%C3%BCr&p=2")
    }

    @Test func decodesAndRoundTrips() {
        #expect(URLEncoding.decode("a%20b%2F%C3%A4") == "a b/ä")
        #expect(URLEncoding.decode("a+b") == "a+b")
        #expect(URLEncoding.decodeFormComponent("a+b%2B") == "a b+")
        #expect(URLEncoding.decode("%zz") == nil)
        #expect(URLEncoding.decode("%4") == nil)
        #expect(URLEncoding.decode("%FF") == nil)
        for text in ["", "x", "ä ö ü ß", "a&b=c", "100%", "😀 emoji"] {
            #expect(URLEncoding.decode(URLEncoding.encodeComponent(text)) == text)
            #expect(URLEncoding.decodeFormComponent(URLEncoding.encodeFormComponent(text)) == text)
        }
    }
}
