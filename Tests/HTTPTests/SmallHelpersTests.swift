// SmallHelpersTests: URLEncoding, HTTPDate, SetCookie and HTTPHeaders, the helpers the web layer
// uses directly.
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

@Suite struct HTTPDateTests {
    @Test func formatsIMFFixdate() {
        #expect(HTTPDate.format(784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")  // RFC 9110 §5.6.7 example
        #expect(HTTPDate.format(0) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(HTTPDate.format(951_782_400) == "Tue, 29 Feb 2000 00:00:00 GMT")
    }

    @Test func parsesWhatItFormats() {
        for seconds in [0, 784_111_777, 951_782_400, 1_700_000_000, 4_102_444_799] {
            #expect(HTTPDate.parse(HTTPDate.format(seconds)) == seconds)
        }
        #expect(HTTPDate.parse("Sunday, 06-Nov-94 08:49:37 GMT") == nil)
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 UTC") == nil)
        #expect(HTTPDate.parse("Sun, 06 Foo 1994 08:49:37 GMT") == nil)
    }

    @Test func currentDateIsNow() throws {
        let parsed = try #require(HTTPDate.parse(HTTPDate.now))
        #expect(abs(parsed - SystemClock.secondsSince1970()) <= 1)
    }
}

@Suite struct SetCookieTests {
    @Test func defaultsAreSafe() {
        #expect(SetCookie(name: "sid", value: "abc").headerValue == "sid=abc; Path=/; HttpOnly; SameSite=Lax")
    }

    @Test func allAttributes() {
        let cookie = SetCookie(name: "sid", value: "abc", path: "/admin", domain: "example.org", maxAge: 3600,
                               httpOnly: true, secure: true, sameSite: .strict)
        #expect(cookie.headerValue == "sid=abc; Path=/admin; Domain=example.org; Max-Age=3600; Secure; HttpOnly; SameSite=Strict")
    }

    @Test func deletionAndEscaping() {
        #expect(SetCookie.deleting("sid").headerValue == "sid=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax")
        #expect(SetCookie(name: "n", value: "a b;c", sameSite: nil).headerValue == "n=a%20b%3Bc; Path=/; HttpOnly")
        #expect(SetCookie(name: "n", value: "x", path: "/a;b\r\n", sameSite: SetCookie.SameSite.none).headerValue
                == "n=x; Path=/ab; Secure; HttpOnly; SameSite=None")
    }

    @Test func responseCarriesSetCookie() {
        var response = Response.text("x")
        response.setCookie(SetCookie(name: "a", value: "1"))
        response.setCookie(SetCookie(name: "b", value: "2"))
        #expect(response.headers.values("Set-Cookie").count == 2)
    }
}

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
