// TemplateRenderer: walks compiled nodes against a Mustache context stack, appending UTF-8 to
// one byte buffer (whole strings, so it stays valid UTF-8). One renderer per render call;
// nothing here is shared between threads.

/// One frame of the context stack, with its list position when it is a list element.
struct ContextFrame {
    /// The value pushed by a section (or the root context).
    let value: TemplateValue
    /// The element's 0-based index in its list, when the frame is a list element.
    let listIndex: Int?
    /// The list's length, when the frame is a list element.
    let listCount: Int
}

/// Renders nodes into `output`.
struct TemplateRenderer {
    /// Partials nested deeper than this are taken for unbounded recursion.
    static let maximumPartialDepth = 100

    /// Escaping for `{{x}}`, from the template the render started with.
    let escaping: EscapingMode
    /// Linked partials by file key; nil when rendering a template outside a library.
    let partials: [String: Template]?
    /// Everything rendered so far, as UTF-8.
    private(set) var bytes: [UInt8]
    /// Everything rendered so far.
    var output: String { String(decoding: bytes, as: UTF8.self) }
    private var stack: [ContextFrame]
    private var partialDepth = 0

    /// A renderer whose context stack holds `frames`, bottom first.
    init(escaping: EscapingMode, partials: [String: Template]?, frames: [TemplateValue], capacity: Int) {
        self.escaping = escaping
        self.partials = partials
        self.stack = frames.map { ContextFrame(value: $0, listIndex: nil, listCount: 0) }
        self.bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Renders `nodes` of template `file`, prefixing source lines with `indent`.
    mutating func render(_ nodes: [TemplateNode], file: String, indent: String) throws {
        for node in nodes {
            switch node {
            case .text(let text):
                appendText(text, indent: indent)
            case .variable(let path, let escaped):
                appendValue(resolve(path), escaped: escaped)
            case .section(let section):
                try renderSection(section, file: file, indent: indent)
            case .partial(let reference):
                try renderPartial(reference, file: file, indent: indent)
            }
        }
    }

    private mutating func appendText(_ node: TextNode, indent: String) {
        guard !indent.isEmpty, !node.lineStarts.isEmpty else {
            bytes.append(contentsOf: node.text.utf8)
            return
        }
        let utf8 = node.text.utf8
        var runStart = utf8.startIndex
        for offset in node.lineStarts {
            let lineStart = utf8.index(utf8.startIndex, offsetBy: offset)
            bytes.append(contentsOf: utf8[runStart..<lineStart])
            bytes.append(contentsOf: indent.utf8)
            runStart = lineStart
        }
        bytes.append(contentsOf: utf8[runStart..<utf8.endIndex])
    }

    private mutating func appendValue(_ value: TemplateValue, escaped: Bool) {
        switch value {
        case .string(let text):
            if escaped { escaping.append(text, to: &bytes) } else { bytes.append(contentsOf: text.utf8) }
        case .int(let number):
            bytes.append(contentsOf: String(number).utf8)
        case .double(let number):
            bytes.append(contentsOf: Self.text(of: number).utf8)
        case .bool(let flag):
            bytes.append(contentsOf: (flag ? "true" : "false").utf8)
        case .null, .array, .object:
            break
        }
    }

    /// Integral values without a fraction (`3`), others in Swift's shortest form (`1.21`).
    static func text(of number: Double) -> String {
        if number.isFinite, number.rounded() == number, abs(number) < 1e15 {
            return String(Int64(number))
        }
        return number.description
    }

    private mutating func renderSection(_ section: SectionNode, file: String, indent: String) throws {
        let value = resolve(section.path)
        if section.inverted {
            if !value.isTruthy { try render(section.children, file: file, indent: indent) }
            return
        }
        switch value {
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                stack.append(ContextFrame(value: element, listIndex: index, listCount: elements.count))
                defer { stack.removeLast() }
                try render(section.children, file: file, indent: indent)
            }
        case .bool(true):
            // Like mustache.js: `true` renders once without a new frame, so `{{.}}` and the
            // list helpers keep referring to the enclosing element.
            try render(section.children, file: file, indent: indent)
        case _ where value.isTruthy:
            stack.append(ContextFrame(value: value, listIndex: nil, listCount: 0))
            defer { stack.removeLast() }
            try render(section.children, file: file, indent: indent)
        default:
            break
        }
    }

    private mutating func renderPartial(_ reference: PartialReference, file: String, indent: String) throws {
        guard let partial = partials?[reference.name] else {
            throw TemplateError(.unknownPartial(reference.name), template: file, at: reference.location)
        }
        guard partialDepth < Self.maximumPartialDepth else {
            throw TemplateError(
                .partialDepthExceeded(limit: Self.maximumPartialDepth), template: file, at: reference.location)
        }
        partialDepth += 1
        defer { partialDepth -= 1 }
        // Mustache spec: a standalone partial's indentation prefixes each of its lines.
        let partialIndent = reference.standalone ? indent + reference.indent : ""
        try render(partial.nodes, file: partial.file, indent: partialIndent)
    }

    /// Mustache name resolution: the first key through the stack (top first), the rest inside it.
    private func resolve(_ path: VariablePath) -> TemplateValue {
        switch path {
        case .implicit:
            return stack.last?.value ?? .null
        case .helper(let helper):
            guard let frame = stack.last(where: { $0.listIndex != nil }), let index = frame.listIndex else {
                return .null
            }
            return helper.value(index: index, count: frame.listCount)
        case .keys(let keys):
            let first = keys[0]
            var position = stack.count
            while position > 0 {
                position -= 1
                guard case .object(let members) = stack[position].value, let found = members[first] else { continue }
                if keys.count == 1 { return found }
                var value = found
                for key in keys.dropFirst() {
                    guard case .object(let inner) = value, let next = inner[key] else { return .null }
                    value = next
                }
                return value
            }
            return .null
        }
    }
}
