// HTMLForm: reads the fields of a form from a page the way a browser would submit it —
// text inputs, hidden inputs, textareas, selected options, checked boxes and radios — so
// that tests change one field and send the rest as shown.
import Foundation
import Testing

/// The fields of one form of a page.
struct HTMLForm {
    /// The form's action.
    var action: String
    /// Fields in document order (checkbox groups repeat their name).
    var fields: [(String, String)]

    /// The form whose action is `action` (the first form when nil); nil when there is none.
    init?(_ html: String, action wanted: String? = nil) {
        let forms = html.components(separatedBy: "<form").dropFirst()
        for chunk in forms {
            let body = chunk.components(separatedBy: "</form>").first ?? chunk
            let action = HTMLForm.attribute("action", in: String(body.prefix { $0 != ">" })) ?? ""
            guard wanted == nil || action == wanted else { continue }
            self.action = action
            fields = HTMLForm.fields(body)
            return
        }
        return nil
    }

    /// The value of field `name` (the first).
    subscript(name: String) -> String? {
        get { fields.first { $0.0 == name }?.1 }
        set {
            if let index = fields.firstIndex(where: { $0.0 == name }) {
                if let newValue { fields[index].1 = newValue } else { fields.remove(at: index) }
            } else if let newValue {
                fields.append((name, newValue))
            }
        }
    }

    /// Replaces every value of a checkbox group.
    mutating func set(_ name: String, to values: [String]) {
        fields.removeAll { $0.0 == name }
        fields += values.map { (name, $0) }
    }

    /// All values of a checkbox group.
    func values(_ name: String) -> [String] { fields.filter { $0.0 == name }.map(\.1) }

    /// The submittable fields of a form body, without the CSRF token (the client adds it).
    static func fields(_ body: String) -> [(String, String)] {
        var result: [(String, String)] = []
        let pattern = try! NSRegularExpression(pattern: "<(input|textarea|select)\\b([^>]*)>", options: [.caseInsensitive])
        let text = body as NSString
        for match in pattern.matches(in: body, range: NSRange(location: 0, length: text.length)) {
            let tag = text.substring(with: match.range(at: 1)).lowercased()
            let attributes = text.substring(with: match.range(at: 2))
            guard let name = attribute("name", in: attributes), name != "csrf" else { continue }
            let after = text.substring(from: match.range.location + match.range.length)
            switch tag {
            case "textarea":
                result.append((name, unescape(after.components(separatedBy: "</textarea>").first ?? "")))
            case "select":
                let options = after.components(separatedBy: "</select>").first ?? ""
                let chosen = options.components(separatedBy: "<option").dropFirst().first { $0.prefix { $0 != ">" }.contains(" selected") }
                    ?? options.components(separatedBy: "<option").dropFirst().first
                if let chosen { result.append((name, attribute("value", in: String(chosen.prefix { $0 != ">" })) ?? "")) }
            default:
                let type = attribute("type", in: attributes)?.lowercased() ?? "text"
                if type == "submit" || type == "button" { continue }
                if (type == "checkbox" || type == "radio") && !attributes.contains(" checked") { continue }
                result.append((name, attribute("value", in: attributes) ?? ""))
            }
        }
        return result
    }

    /// An attribute's value in a tag's attribute text, unescaped.
    static func attribute(_ name: String, in attributes: String) -> String? {
        guard let range = attributes.range(of: " \(name)=\"") else { return nil }
        return unescape(String(attributes[range.upperBound...].prefix { $0 != "\"" }))
    }

    /// Undoes the template's HTML escaping.
    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }
}

extension WebClient {
    /// Opens `page`, takes its form posting to `action` (default: the page itself), lets
    /// `change` edit the fields and submits it.
    @discardableResult
    func submitForm(_ page: String, action: String? = nil, _ change: (inout HTMLForm) -> Void = { _ in }) throws -> Answer {
        let shown = try get(page)
        #expect(shown.status == 200, "GET \(page) → \(shown.status)")
        guard var form = HTMLForm(shown.body, action: action ?? page.split(separator: "?").first.map(String.init)) else {
            Issue.record("no form posting to \(action ?? page) on \(page)")
            return shown
        }
        change(&form)
        return try post(form.action, form.fields)
    }
}
