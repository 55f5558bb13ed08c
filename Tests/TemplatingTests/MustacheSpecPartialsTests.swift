// Cases from the Mustache spec's partials.yml, with partial files named `_name` as in Lotse.
// Deviation: "Failed Lookup" renders nothing in the spec; here it is a load-time error.

import Testing
@testable import Templating

@Suite struct MustacheSpecPartialsTests {
    /// The spec's cases for this file.
    static let cases: [SpecCase] = [
        SpecCase(name: "Basic Behavior", template: "\"{{>text}}\"", data: [:],
                 partials: ["_text": "from partial"], expected: "\"from partial\""),
        SpecCase(name: "Context", template: "\"{{>partial}}\"", data: ["text": "content"],
                 partials: ["_partial": "*{{text}}*"], expected: "\"*content*\""),
        SpecCase(name: "Recursion", template: "{{>node}}",
                 data: ["content": "X", "nodes": [["content": "Y", "nodes": []]]],
                 partials: ["_node": "{{content}}<{{#nodes}}{{>node}}{{/nodes}}>"], expected: "X<Y<>>"),
        SpecCase(name: "Nested", template: "{{>outer}}", data: ["a": "hello", "b": "world"],
                 partials: ["_outer": "*{{a}} {{>inner}}*", "_inner": "{{b}}!"], expected: "*hello world!*"),
        SpecCase(name: "Surrounding Whitespace", template: "| {{>partial}} |", data: [:],
                 partials: ["_partial": "\t|\t"], expected: "| \t|\t |"),
        SpecCase(name: "Inline Indentation", template: "  {{data}}  {{> partial}}\n", data: ["data": "|"],
                 partials: ["_partial": ">\n>"], expected: "  |  >\n>\n"),
        SpecCase(name: "Standalone Line Endings", template: "|\r\n{{>partial}}\r\n|", data: [:],
                 partials: ["_partial": ">"], expected: "|\r\n>|"),
        SpecCase(name: "Standalone Without Previous Line", template: "  {{>partial}}\n>", data: [:],
                 partials: ["_partial": ">\n>"], expected: "  >\n  >>"),
        SpecCase(name: "Standalone Without Newline", template: ">\n  {{>partial}}", data: [:],
                 partials: ["_partial": ">\n>"], expected: ">\n  >\n  >"),
        SpecCase(name: "Standalone Indentation", template: "\\\n {{>partial}}\n/\n", data: ["content": "<\n->"],
                 partials: ["_partial": "|\n{{{content}}}\n|\n"], expected: "\\\n |\n <\n->\n |\n/\n"),
        SpecCase(name: "Padding Whitespace", template: "|{{> partial }}|", data: ["boolean": true],
                 partials: ["_partial": "[]"], expected: "|[]|"),
    ]

    @Test(arguments: cases)
    func specCase(_ specCase: SpecCase) throws {
        #expect(try specCase.render() == specCase.expected)
    }

    @Test func failedLookupIsALoadError() {
        #expect(throws: TemplateError(.unknownPartial("text"), template: "test", line: 1, column: 2)) {
            try renderTemplate("\"{{>text}}\"")
        }
    }
}
