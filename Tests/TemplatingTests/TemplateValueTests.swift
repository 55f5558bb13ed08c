// Tests for TemplateValue: literals, Mustache truthiness and accessors.

import Testing
@testable import Templating

@Suite struct TemplateValueTests {
    @Test func literalsBuildTheMatchingCases() {
        let value: TemplateValue = [
            "title": "Pflege", "count": 3, "ratio": 0.5, "open": true, "note": nil,
            "items": [["name": "A"], ["name": "B"]],
        ]
        #expect(value["title"] == .string("Pflege"))
        #expect(value["count"] == .int(3))
        #expect(value["ratio"] == .double(0.5))
        #expect(value["open"] == .bool(true))
        #expect(value["note"] == .null)
        #expect(value["items"] == .array([.object(["name": .string("A")]), .object(["name": .string("B")])]))
    }

    @Test func interpolatedStringLiteralIsAString() {
        let count = 4
        let value: TemplateValue = "\(count) Angebote"
        #expect(value == .string("4 Angebote"))
    }

    @Test func repeatedDictionaryKeyKeepsTheLastValue() {
        let value: TemplateValue = ["a": 1, "a": 2]
        #expect(value["a"] == .int(2))
    }

    @Test(arguments: [
        (TemplateValue.null, false), (.bool(false), false), (.string(""), false), (.array([]), false),
        (.bool(true), true), (.int(0), true), (.double(0), true), (.string("0"), true),
        (.object([:]), true), (.array([.null]), true),
    ])
    func truthinessFollowsMustache(value: TemplateValue, truthy: Bool) {
        #expect(value.isTruthy == truthy)
    }

    @Test func optionalInitialisersMapNilToNull() {
        #expect(TemplateValue(nil as String?) == .null)
        #expect(TemplateValue("x" as String?) == .string("x"))
        #expect(TemplateValue(nil as Int?) == .null)
        #expect(TemplateValue(7 as Int?) == .int(7))
        #expect(TemplateValue(nil as Double?) == .null)
        #expect(TemplateValue(1.5 as Double?) == .double(1.5))
        #expect(TemplateValue(nil as Bool?) == .null)
        #expect(TemplateValue(false as Bool?) == .bool(false))
        #expect(TemplateValue([TemplateValue.int(1)]) == .array([.int(1)]))
        #expect(TemplateValue(["k": TemplateValue.int(1)]) == .object(["k": .int(1)]))
        #expect(TemplateValue.from(["k": "v"]) == .object(["k": .string("v")]))
    }

    @Test func accessorsReturnValuesOnlyForTheirCase() {
        let value: TemplateValue = ["s": "x", "i": 2, "d": 2.5, "b": true, "a": [1, 2], "o": ["k": 1]]
        #expect(value["s"].stringValue == "x")
        #expect(value["i"].stringValue == nil)
        #expect(value["i"].intValue == 2)
        #expect(value["d"].intValue == nil)
        #expect(value["d"].doubleValue == 2.5)
        #expect(value["i"].doubleValue == 2.0)
        #expect(value["s"].doubleValue == nil)
        #expect(value["b"].boolValue == true)
        #expect(value["s"].boolValue == nil)
        #expect(value["a"].arrayValue == [.int(1), .int(2)])
        #expect(value["o"].arrayValue == nil)
        #expect(value["o"].objectValue == ["k": .int(1)])
        #expect(value["a"].objectValue == nil)
    }

    @Test func subscriptsAnswerNullOutsideTheirShape() {
        let list: TemplateValue = ["a", "b"]
        #expect(list[1] == .string("b"))
        #expect(list[2] == .null)
        #expect(list[-1] == .null)
        #expect(list["a"] == .null)
        let object: TemplateValue = ["a": "x"]
        #expect(object[0] == .null)
        #expect(object["missing"] == .null)
    }
}
