// WebClient: a browser in miniature for in-process tests — it keeps cookies, reads the CSRF
// token from the last page and submits forms through WebApp.handler.
import Foundation
import HTTP
import LotseCore
import LotseWeb
import Testing

/// A cookie-keeping client of one WebFixture.
final class WebClient {
    let fixture: WebFixture
    private(set) var cookies: [String: String] = [:]
    /// The CSRF token of the last HTML page seen.
    private(set) var csrf = ""
    /// The address the requests come from.
    var remoteAddress = "192.0.2.10"
    /// The X-Forwarded-For header to send (as a proxy would), if any.
    var forwardedFor: String?

    init(_ fixture: WebFixture) { self.fixture = fixture }

    /// One exchange.
    struct Answer {
        let status: Int
        let headers: HTTPHeaders
        let body: String
        var location: String? { headers["Location"] }
    }

    /// Sends a request with the cookies; remembers Set-Cookie and the page's CSRF token.
    func send(_ method: String, _ target: String, form: [(String, String)]? = nil, includeCSRF: Bool = true,
              extraCookies: [String: String] = [:]) throws -> Answer {
        var headers: HTTPHeaders = ["Host": "lotse.example.org"]
        let sent = cookies.merging(extraCookies) { $1 }
        if let forwardedFor { headers["X-Forwarded-For"] = forwardedFor }
        if !sent.isEmpty { headers["Cookie"] = sent.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }
        var body: [UInt8] = []
        if var fields = form {
            if includeCSRF { fields.insert(("csrf", csrf.isEmpty ? cookies[Authentication.csrfCookie] ?? cookies[Authentication.hostCSRFCookie] ?? "" : csrf), at: 0) }
            body = Array(URLEncoding.formEncoded(fields.map { (name: $0.0, value: $0.1) }).utf8)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Content-Length"] = String(body.count)
        }
        let request = try Request(method: method, target: target, headers: headers, body: body, remoteAddress: remoteAddress)
        let response = try fixture.app.handler(request)
        for value in response.headers.values("Set-Cookie") {
            let pair = value.split(separator: ";").first.map(String.init) ?? ""
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            if parts[1].isEmpty || value.contains("Max-Age=0") { cookies[parts[0]] = nil } else { cookies[parts[0]] = parts[1] }
        }
        var text = ""
        if case .bytes(let bytes) = response.body { text = String(decoding: bytes, as: UTF8.self) }
        if let range = text.range(of: "name=\"csrf\" value=\"") {
            csrf = String(text[range.upperBound...].prefix { $0 != "\"" })
        }
        return Answer(status: response.status, headers: response.headers, body: text)
    }

    /// GET.
    @discardableResult
    func get(_ target: String) throws -> Answer { try send("GET", target) }

    /// POST a form (with the current CSRF token unless told otherwise).
    @discardableResult
    func post(_ target: String, _ fields: [(String, String)], includeCSRF: Bool = true) throws -> Answer {
        try send("POST", target, form: fields, includeCSRF: includeCSRF)
    }

    /// Creates an account directly in the store.
    static func account(_ fixture: WebFixture, email: String, role: Role, organizations: [String] = [], password: String? = "geheimes-passwort") throws -> Account {
        try fixture.store.pool.write { db in
            try AccountStore(db: db).create(email: email, displayName: "Test \(role.label)", role: role, organizationID: nil,
                                            organizations: organizations, password: password, hasher: PasswordHasher(logN: 10, r: 8, p: 1))
        }
    }

    /// A client with a fresh session of `account` (started in the store, no login form), with
    /// the session's CSRF token ready.
    static func signedIn(_ fixture: WebFixture, _ account: Account) throws -> WebClient {
        let client = WebClient(fixture)
        let token = try fixture.store.pool.write { try SessionStore(db: $0, now: WebFixture.now).start(accountID: account.id) }
        client.cookies[Authentication.sessionCookie] = token
        client.csrf = try fixture.store.pool.read { try SessionStore(db: $0, now: WebFixture.now).resolve(token)?.csrfToken } ?? ""
        return client
    }

    /// Logs in with a password through the login form.
    func logIn(_ email: String, password: String = "geheimes-passwort") throws {
        try get("/anmelden")
        let answer = try post("/anmelden", [("email", email), ("passwort", password)])
        #expect(answer.status == 303, "login of \(email) → \(answer.status)")
        try get(answer.location ?? "/")
    }
}
