// SetCookieTests: Set-Cookie values with safe defaults, all attributes, deletion and escaping.
import Testing
@testable import HTTP

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
