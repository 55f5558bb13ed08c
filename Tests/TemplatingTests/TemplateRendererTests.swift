// Tests for TemplateRenderer: sections over each kind of value, inverted sections, the context
// stack, dotted names and the list helpers @index, @number, @first, @last.

import Testing
@testable import Templating

@Suite struct TemplateRendererTests {
    private func render(_ source: String, _ context: TemplateValue) throws -> String {
        try Template(source: source, name: "t").render(context)
    }

    @Test func sectionOverAListRendersEachElement() throws {
        let context: TemplateValue = ["items": [["name": "A"], ["name": "B"], ["name": "C"]]]
        #expect(try render("{{#items}}<{{name}}>{{/items}}", context) == "<A><B><C>")
    }

    @Test func sectionOverAnObjectPushesIt() throws {
        let context: TemplateValue = ["name": "outer", "person": ["name": "Ada"]]
        #expect(try render("{{#person}}{{name}}{{/person}} {{name}}", context) == "Ada outer")
    }

    @Test(arguments: [
        (TemplateValue.bool(true), "[yes]"), (.bool(false), "[]"), (.null, "[]"), (.array([]), "[]"),
        (.string(""), "[]"), (.string("x"), "[yes]"), (.int(0), "[yes]"), (.object([:]), "[yes]"),
    ])
    func sectionRendersOnlyForTruthyValues(value: TemplateValue, expected: String) throws {
        #expect(try render("[{{#v}}yes{{/v}}]", ["v": value]) == expected)
    }

    @Test(arguments: [
        (TemplateValue.bool(true), "[]"), (.bool(false), "[no]"), (.null, "[no]"), (.array([]), "[no]"),
        (.string(""), "[no]"), (.array([1]), "[]"), (.object([:]), "[]"),
    ])
    func invertedSectionRendersOnlyForFalsyValues(value: TemplateValue, expected: String) throws {
        #expect(try render("[{{^v}}no{{/v}}]", ["v": value]) == expected)
    }

    @Test func missingNameIsFalsy() throws {
        #expect(try render("[{{#v}}yes{{/v}}{{^v}}no{{/v}}]", [:]) == "[no]")
    }

    @Test func scalarSectionPushesTheScalar() throws {
        #expect(try render("{{#count}}({{.}}){{/count}}", ["count": 3]) == "(3)")
    }

    @Test func trueSectionKeepsTheEnclosingFrame() throws {
        let context: TemplateValue = ["items": ["a", "b"], "show": true]
        #expect(try render("{{#items}}{{#show}}{{.}}{{/show}}{{/items}}", context) == "ab")
    }

    @Test func namesFallBackToEnclosingFrames() throws {
        let context: TemplateValue = [
            "site": "Lotse", "service": ["title": "Beratung", "offers": [["name": "A"], ["name": "B", "site": "own"]]],
        ]
        let source = "{{#service}}{{#offers}}{{name}}@{{site}}/{{title}};{{/offers}}{{/service}}"
        #expect(try render(source, context) == "A@Lotse/Beratung;B@own/Beratung;")
    }

    @Test func nullInAnInnerFrameShadowsOuterValues() throws {
        let context: TemplateValue = ["note": "outer", "inner": ["note": nil]]
        #expect(try render("{{#inner}}[{{note}}]{{/inner}}", context) == "[]")
    }

    @Test func dottedNamesDescend() throws {
        let context: TemplateValue = ["a": ["b": ["c": "deep"]]]
        #expect(try render("{{a.b.c}}|{{a.b.x}}|{{a.x.c}}|{{x.b.c}}", context) == "deep|||")
    }

    @Test func dottedNameFirstKeyUsesTheStackAndTheRestDoesNot() throws {
        let context: TemplateValue = ["user": ["name": "Ada"], "list": [["other": 1]], "name": "wrong"]
        #expect(try render("{{#list}}{{user.name}}{{/list}}", context) == "Ada")
        #expect(try render("{{#list}}[{{other.name}}]{{/list}}", context) == "[]")
    }

    @Test func dottedSectionNames() throws {
        let context: TemplateValue = ["page": ["items": ["x", "y"]]]
        #expect(try render("{{#page.items}}{{.}}{{/page.items}}", context) == "xy")
    }

    @Test func implicitIteratorRendersElements() throws {
        #expect(try render("{{#list}}<{{.}}>{{/list}}", ["list": ["a", "<b>", 3]]) == "<a><&lt;b&gt;><3>")
    }

    @Test func listHelpersNumberTheElements() throws {
        let source = "{{#list}}{{@index}}/{{@number}}:{{.}}{{#@first}}(first){{/@first}}{{#@last}}(last){{/@last}} {{/list}}"
        #expect(try render(source, ["list": ["a", "b", "c"]]) == "0/1:a(first) 1/2:b 2/3:c(last) ")
    }

    @Test func singleElementIsFirstAndLast() throws {
        #expect(try render("{{#l}}{{@first}}{{@last}}{{/l}}", ["l": ["x"]]) == "truetrue")
    }

    @Test func invertedHelperSeparatesElements() throws {
        #expect(try render("{{#l}}{{.}}{{^@last}}, {{/@last}}{{/l}}", ["l": ["a", "b", "c"]]) == "a, b, c")
    }

    @Test func helpersReferToTheInnermostList() throws {
        let context: TemplateValue = ["rows": [["cells": ["a", "b"]], ["cells": ["c"]]]]
        let source = "{{#rows}}{{@index}}[{{#cells}}{{@index}}{{/cells}}]{{@index}} {{/rows}}"
        #expect(try render(source, context) == "0[01]0 1[0]1 ")
    }

    @Test func helpersSeeThroughObjectSections() throws {
        let context: TemplateValue = ["items": [["address": ["city": "Kiel"]], ["address": ["city": "Ulm"]]]]
        #expect(try render("{{#items}}{{#address}}{{@number}}.{{city}} {{/address}}{{/items}}", context)
            == "1.Kiel 2.Ulm ")
    }

    @Test func helpersOutsideAListAreEmptyAndFalsy() throws {
        #expect(try render("[{{@index}}{{#@first}}x{{/@first}}{{^@last}}y{{/@last}}]", [:]) == "[y]")
    }

    @Test func nestedListsIterateIndependently() throws {
        let context: TemplateValue = ["matrix": [[1, 2], [3]]]
        #expect(try render("{{#matrix}}({{#.}}{{.}}{{/.}}){{/matrix}}", context) == "(12)(3)")
    }

    @Test func rootContextNeedNotBeAnObject() throws {
        #expect(try render("{{.}}|{{#.}}<{{.}}>{{/.}}", ["a", "b"]) == "|<a><b>")
        #expect(try render("{{name}}", "just a string") == "")
    }

    @Test func doublesFormatWithoutNeedlessFraction() {
        #expect(TemplateRenderer.text(of: 2.0) == "2")
        #expect(TemplateRenderer.text(of: -0.5) == "-0.5")
        #expect(TemplateRenderer.text(of: 1e20) == "1e+20")
        #expect(TemplateRenderer.text(of: .infinity) == "inf")
    }
}
