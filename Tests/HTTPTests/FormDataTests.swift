// FormDataTests: urlencoded and multipart/form-data (RFC 7578) decoding, including repeated
// names, files, and malformed bodies that must become 400 (or 415 for other media types).
import Testing
@testable import HTTP

@Suite struct FormDataTests {
    private func request(_ body: String, contentType: String?) throws -> Request {
        var headers: HTTPHeaders = [:]
        if let contentType { headers["Content-Type"] = contentType }
        return try Request(method: "POST", target: "/f", headers: headers, body: Array(body.utf8))
    }

    private func status(of body: String, contentType: String?) throws -> Int? {
        do {
            _ = try request(body, contentType: contentType).form
            return nil
        } catch let error as HTTPError {
            return error.status
        }
    }

    @Test func decodesURLEncodedForms() throws {
        let form = try request("name=Anna+M%C3%BCller&tag=a&tag=b&empty=", contentType: "application/x-www-form-urlencoded").form
        #expect(form["name"] == "Anna Müller")
        #expect(form.values("tag") == ["a", "b"])
        #expect(form["empty"] == "")
        #expect(form["missing"] == nil)
        #expect(form.files.isEmpty)
    }

    @Test func charsetParameterIsAccepted() throws {
        let form = try request("a=1", contentType: "application/x-www-form-urlencoded; charset=UTF-8").form
        #expect(form["a"] == "1")
    }

    static let boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW"
    static let multipartBody = "preamble\r\n"
        + "--\(boundary)\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nBeratung für Familien\r\n"
        + "--\(boundary)\r\nContent-Disposition: form-data; name=\"tag\"\r\n\r\na\r\n"
        + "--\(boundary)\r\nContent-Disposition: form-data; name=\"tag\"\r\n\r\nb\r\n"
        + "--\(boundary)\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"C:\\\\daten\\\\liste.csv\"\r\n"
        + "Content-Type: text/csv\r\n\r\nid;name\r\n1;x\r\n\r\n"
        + "--\(boundary)\r\nContent-Disposition: form-data; name=\"empty\"; filename=\"\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n\r\n"
        + "--\(boundary)--\r\nepilogue"

    @Test func decodesMultipartForms() throws {
        let form = try request(Self.multipartBody, contentType: "multipart/form-data; boundary=\(Self.boundary)").form
        #expect(form["title"] == "Beratung für Familien")
        #expect(form.values("tag") == ["a", "b"])
        #expect(form.files.count == 1)
        let file = try #require(form.file("upload"))
        #expect(file.filename == "liste.csv")
        #expect(file.contentType == "text/csv")
        #expect(String(decoding: file.bytes, as: UTF8.self) == "id;name\r\n1;x\r\n")
    }

    @Test func acceptsAQuotedBoundary() throws {
        let body = "--b\"x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--b\"x--\r\n"
            .replacingOccurrences(of: "b\"x", with: "bx")
        let form = try request(body, contentType: "multipart/form-data; boundary=\"bx\"").form
        #expect(form["a"] == "1")
    }

    @Test(arguments: [
        ("a=%zz", "application/x-www-form-urlencoded", 400),
        ("a=%C3", "application/x-www-form-urlencoded", 400),
        ("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--x--", "multipart/form-data", 400),
        ("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1", "multipart/form-data; boundary=x", 400),
        ("--x\r\nContent-Disposition: form-data\r\n\r\n1\r\n--x--", "multipart/form-data; boundary=x", 400),
        ("--x\r\nContent-Type: text/plain\r\n\r\n1\r\n--x--", "multipart/form-data; boundary=x", 400),
        ("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n1\r\n--x--", "multipart/form-data; boundary=x", 400),
        ("no boundary here", "multipart/form-data; boundary=x", 400),
        ("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\u{FFFF}\r\n--x--", "multipart/form-data; boundary=x", nil),
        ("{\"a\":1}", "application/json", 415),
    ] as [(String, String, Int?)])
    func rejectsMalformedForms(_ body: String, _ contentType: String, _ expected: Int?) throws {
        #expect(try status(of: body, contentType: contentType) == expected)
    }

    @Test func invalidUTF8InAMultipartFieldIs400() throws {
        var body = Array("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n".utf8)
        body += [0xFF, 0xFE]
        body += Array("\r\n--x--\r\n".utf8)
        let request = try Request(method: "POST", target: "/", headers: ["Content-Type": "multipart/form-data; boundary=x"], body: body)
        #expect(throws: HTTPError.self) { try request.form }
    }

    @Test func emptyBodyWithoutContentTypeIsAnEmptyForm() throws {
        #expect(try request("", contentType: nil).form.fields.isEmpty)
        #expect(try status(of: "a=1", contentType: nil) == 415)
    }
}
