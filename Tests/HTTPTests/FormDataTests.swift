// FormDataTests: urlencoded form decoding, including repeated names, and malformed bodies that
// must become 400 (or 415 for other media types, multipart/form-data among them).
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
    }

    @Test func charsetParameterIsAccepted() throws {
        let form = try request("a=1", contentType: "application/x-www-form-urlencoded; charset=UTF-8").form
        #expect(form["a"] == "1")
    }

    @Test(arguments: [
        ("a=%zz", "application/x-www-form-urlencoded", 400),
        ("a=%C3", "application/x-www-form-urlencoded", 400),
        ("{\"a\":1}", "application/json", 415),
        ("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--x--\r\n", "multipart/form-data; boundary=x", 415),
    ] as [(String, String, Int?)])
    func rejectsMalformedForms(_ body: String, _ contentType: String, _ expected: Int?) throws {
        #expect(try status(of: body, contentType: contentType) == expected)
    }

    @Test func emptyBodyWithoutContentTypeIsAnEmptyForm() throws {
        #expect(try request("", contentType: nil).form.fields.isEmpty)
        #expect(try status(of: "a=1", contentType: nil) == 415)
    }
}
