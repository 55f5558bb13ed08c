// Cases from the Mustache spec's comments.yml.

import Testing
@testable import Templating

@Suite struct MustacheSpecCommentsTests {
    /// The spec's cases for this file.
    static let cases: [SpecCase] = [
        SpecCase(name: "Inline", template: "12345{{! Comment Block! }}67890", data: [:], expected: "1234567890"),
        SpecCase(name: "Multiline", template: "12345{{!\n  This is a\n  multi-line comment...\n}}67890\n",
                 data: [:], expected: "1234567890\n"),
        SpecCase(name: "Standalone", template: "Begin.\n{{! Comment Block! }}\nEnd.\n", data: [:],
                 expected: "Begin.\nEnd.\n"),
        SpecCase(name: "Indented Standalone", template: "Begin.\n  {{! Indented Comment Block! }}\nEnd.\n",
                 data: [:], expected: "Begin.\nEnd.\n"),
        SpecCase(name: "Standalone Line Endings", template: "|\r\n{{! Standalone Comment }}\r\n|", data: [:],
                 expected: "|\r\n|"),
        SpecCase(name: "Standalone Without Previous Line", template: "  {{! I'm Still Standalone }}\n!",
                 data: [:], expected: "!"),
        SpecCase(name: "Standalone Without Newline", template: "!\n  {{! I'm Still Standalone }}", data: [:],
                 expected: "!\n"),
        SpecCase(name: "Multiline Standalone", template: "Begin.\n{{!\nSomething's going on here...\n}}\nEnd.\n",
                 data: [:], expected: "Begin.\nEnd.\n"),
        SpecCase(name: "Indented Multiline Standalone",
                 template: "Begin.\n  {{!\n    Something's going on here...\n  }}\nEnd.\n", data: [:],
                 expected: "Begin.\nEnd.\n"),
        SpecCase(name: "Indented Inline", template: "  12 {{! 34 }}\n", data: [:], expected: "  12 \n"),
        SpecCase(name: "Surrounding Whitespace", template: "12345 {{! Comment Block! }} 67890", data: [:],
                 expected: "12345  67890"),
        SpecCase(name: "Variable Name Collision", template: "comments never show: >{{! comment }}<",
                 data: ["! comment": 1, "! comment ": 2, "!comment": 3, "comment": 4],
                 expected: "comments never show: ><"),
    ]

    @Test(arguments: cases)
    func specCase(_ specCase: SpecCase) throws {
        #expect(try specCase.render() == specCase.expected)
    }
}
