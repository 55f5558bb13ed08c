// TemplateParser: turns tokens into the node tree. Applies the Mustache spec's standalone-line
// rule (a section, inverted, comment or partial tag alone on its line removes the line) and
// checks names and section nesting.

/// Compiles one template's source into nodes.
struct TemplateParser {
    /// The template file, for errors.
    let file: String

    /// A token after the standalone rule: line starts are explicit, standalone lines reduced to their tag.
    private enum Element {
        case text(String)
        case lineStart
        case tag(TemplateTag, indent: String, standalone: Bool)
    }

    /// An open section (or the template itself, with `tag` nil) collecting its nodes.
    private struct OpenBlock {
        let tag: TemplateTag?
        var nodes: [TemplateNode] = []
        var text = ""
        var lineStarts: [Int] = []

        mutating func append(_ node: TemplateNode) {
            flushText()
            nodes.append(node)
        }

        mutating func flushText() {
            guard !text.isEmpty || !lineStarts.isEmpty else { return }
            nodes.append(.text(TextNode(text: text, lineStarts: lineStarts)))
            text = ""
            lineStarts = []
        }
    }

    /// The nodes of `source`; throws a `TemplateError` with line and column on malformed input.
    func parse(_ source: String) throws -> [TemplateNode] {
        let tokens = try TemplateTokenizer(source: source, file: file).tokenize()
        return try buildTree(applyingStandaloneRule(to: tokens))
    }

    /// Groups tokens into lines and strips standalone lines down to their tag.
    private func applyingStandaloneRule(to tokens: [TemplateToken]) -> [Element] {
        var elements: [Element] = []
        var line: [TemplateToken] = []

        func emit(_ line: [TemplateToken]) {
            guard !line.isEmpty else { return }
            if let (tag, indent) = standaloneTag(in: line) {
                elements.append(.tag(tag, indent: indent, standalone: true))
                return
            }
            elements.append(.lineStart)
            for token in line {
                switch token {
                case .text(let text), .newline(let text): elements.append(.text(text))
                case .tag(let tag): elements.append(.tag(tag, indent: "", standalone: false))
                }
            }
        }

        for token in tokens {
            line.append(token)
            if case .newline = token {
                emit(line)
                line.removeAll(keepingCapacity: true)
            }
        }
        emit(line)
        return elements
    }

    /// The line's only tag and the whitespace before it, when the line is standalone.
    private func standaloneTag(in line: [TemplateToken]) -> (TemplateTag, String)? {
        var found: TemplateTag?
        var indent = ""
        for token in line {
            switch token {
            case .newline:
                continue
            case .text(let text):
                guard text.utf8.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) else {
                    return nil
                }
                if found == nil { indent += text }
            case .tag(let tag):
                guard found == nil, tag.kind.canStandAlone else { return nil }
                found = tag
            }
        }
        return found.map { ($0, indent) }
    }

    /// Nests sections and converts tags to nodes.
    private func buildTree(_ elements: [Element]) throws -> [TemplateNode] {
        var blocks = [OpenBlock(tag: nil)]
        for element in elements {
            switch element {
            case .text(let text):
                blocks[blocks.count - 1].text += text
            case .lineStart:
                blocks[blocks.count - 1].lineStarts.append(blocks[blocks.count - 1].text.utf8.count)
            case .tag(let tag, let indent, let standalone):
                switch tag.kind {
                case .comment:
                    break
                case .escapedVariable, .rawVariable:
                    let node = TemplateNode.variable(try path(of: tag), escaped: tag.kind == .escapedVariable)
                    blocks[blocks.count - 1].append(node)
                case .partial:
                    try checkPartialName(tag)
                    let reference = PartialReference(
                        name: tag.name, indent: indent, standalone: standalone, location: tag.location)
                    blocks[blocks.count - 1].append(.partial(reference))
                case .sectionOpen, .invertedOpen:
                    _ = try path(of: tag)
                    blocks.append(OpenBlock(tag: tag))
                case .sectionClose:
                    guard blocks.count > 1, let open = blocks.last?.tag else {
                        throw TemplateError(.unopenedSection(tag.name), template: file, at: tag.location)
                    }
                    guard open.name == tag.name else {
                        throw TemplateError(
                            .mismatchedSection(expected: open.name, found: tag.name),
                            template: file, at: tag.location)
                    }
                    var block = blocks.removeLast()
                    block.flushText()
                    let section = SectionNode(
                        path: try path(of: open), inverted: open.kind == .invertedOpen, children: block.nodes)
                    blocks[blocks.count - 1].append(.section(section))
                }
            }
        }
        if let unclosed = blocks.last?.tag {
            throw TemplateError(.unclosedSection(unclosed.name), template: file, at: unclosed.location)
        }
        blocks[0].flushText()
        return blocks[0].nodes
    }

    /// The key path a variable or section tag names.
    private func path(of tag: TemplateTag) throws -> VariablePath {
        guard !containsForbiddenByte(tag.name), let path = VariablePath(name: tag.name) else {
            let reason: TemplateError.Reason =
                tag.name.hasPrefix("@") && !tag.name.contains(".")
                ? .unknownHelper(tag.name) : .invalidTagName(tag.name)
            throw TemplateError(reason, template: file, at: tag.location)
        }
        return path
    }

    private func checkPartialName(_ tag: TemplateTag) throws {
        if containsForbiddenByte(tag.name) {
            throw TemplateError(.invalidTagName(tag.name), template: file, at: tag.location)
        }
    }

    /// Whitespace and braces inside a name usually mean a mistyped or unclosed tag.
    private func containsForbiddenByte(_ name: String) -> Bool {
        name.utf8.contains { byte in
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
                || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}")
        }
    }
}
