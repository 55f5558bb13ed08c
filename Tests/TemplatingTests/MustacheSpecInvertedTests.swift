// Cases from the Mustache spec's inverted.yml.

import Testing
@testable import Templating

@Suite struct MustacheSpecInvertedTests {
    /// The spec's cases for this file.
    static let cases: [SpecCase] = [
        SpecCase(name: "Falsey", template: "\"{{^boolean}}This should be rendered.{{/boolean}}\"",
                 data: ["boolean": false], expected: "\"This should be rendered.\""),
        SpecCase(name: "Truthy", template: "\"{{^boolean}}This should not be rendered.{{/boolean}}\"",
                 data: ["boolean": true], expected: "\"\""),
        SpecCase(name: "Null is falsey", template: "\"{{^null}}This should be rendered.{{/null}}\"",
                 data: ["null": nil], expected: "\"This should be rendered.\""),
        SpecCase(name: "Context", template: "\"{{^context}}Hi {{name}}.{{/context}}\"",
                 data: ["context": ["name": "Joe"]], expected: "\"\""),
        SpecCase(name: "List", template: "\"{{^list}}{{n}}{{/list}}\"",
                 data: ["list": [["n": 1], ["n": 2], ["n": 3]]], expected: "\"\""),
        SpecCase(name: "Empty List", template: "\"{{^list}}Yay lists!{{/list}}\"", data: ["list": []],
                 expected: "\"Yay lists!\""),
        SpecCase(name: "Doubled", template: "{{^bool}}\n* first\n{{/bool}}\n* {{two}}\n{{^bool}}\n* third\n{{/bool}}\n",
                 data: ["bool": false, "two": "second"], expected: "* first\n* second\n* third\n"),
        SpecCase(name: "Nested (Falsey)", template: "| A {{^bool}}B {{^bool}}C{{/bool}} D{{/bool}} E |",
                 data: ["bool": false], expected: "| A B C D E |"),
        SpecCase(name: "Nested (Truthy)", template: "| A {{^bool}}B {{^bool}}C{{/bool}} D{{/bool}} E |",
                 data: ["bool": true], expected: "| A  E |"),
        SpecCase(name: "Context Misses", template: "[{{^missing}}Found key 'missing'!{{/missing}}]", data: [:],
                 expected: "[Found key 'missing'!]"),
        SpecCase(name: "Dotted Names - Truthy", template: "\"{{^a.b.c}}Not Here{{/a.b.c}}\" == \"\"",
                 data: ["a": ["b": ["c": true]]], expected: "\"\" == \"\""),
        SpecCase(name: "Dotted Names - Falsey", template: "\"{{^a.b.c}}Not Here{{/a.b.c}}\" == \"Not Here\"",
                 data: ["a": ["b": ["c": false]]], expected: "\"Not Here\" == \"Not Here\""),
        SpecCase(name: "Dotted Names - Broken Chains", template: "\"{{^a.b.c}}Not Here{{/a.b.c}}\" == \"Not Here\"",
                 data: ["a": [:]], expected: "\"Not Here\" == \"Not Here\""),
        SpecCase(name: "Surrounding Whitespace", template: " | {{^boolean}}\t|\t{{/boolean}} | \n",
                 data: ["boolean": false], expected: " | \t|\t | \n"),
        SpecCase(name: "Internal Whitespace",
                 template: " | {{^boolean}} {{! Important Whitespace }}\n {{/boolean}} | \n",
                 data: ["boolean": false], expected: " |  \n  | \n"),
        SpecCase(name: "Indented Inline Sections", template: " {{^boolean}}NO{{/boolean}}\n {{^boolean}}WAY{{/boolean}}\n",
                 data: ["boolean": false], expected: " NO\n WAY\n"),
        SpecCase(name: "Standalone Lines", template: "| This Is\n{{^boolean}}\n|\n{{/boolean}}\n| A Line\n",
                 data: ["boolean": false], expected: "| This Is\n|\n| A Line\n"),
        SpecCase(name: "Standalone Indented Lines",
                 template: "| This Is\n  {{^boolean}}\n|\n  {{/boolean}}\n| A Line\n",
                 data: ["boolean": false], expected: "| This Is\n|\n| A Line\n"),
        SpecCase(name: "Standalone Line Endings", template: "|\r\n{{^boolean}}\r\n{{/boolean}}\r\n|",
                 data: ["boolean": false], expected: "|\r\n|"),
        SpecCase(name: "Standalone Without Previous Line", template: "  {{^boolean}}\n^{{/boolean}}\n/",
                 data: ["boolean": false], expected: "^\n/"),
        SpecCase(name: "Standalone Without Newline", template: "^{{^boolean}}\n/\n  {{/boolean}}",
                 data: ["boolean": false], expected: "^\n/\n"),
        SpecCase(name: "Padding", template: "|{{^ boolean }}={{/ boolean }}|", data: ["boolean": false],
                 expected: "|=|"),
    ]

    @Test(arguments: cases)
    func specCase(_ specCase: SpecCase) throws {
        #expect(try specCase.render() == specCase.expected)
    }
}
