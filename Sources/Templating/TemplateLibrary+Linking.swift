// TemplateLibrary+Linking: how names and partial references find template files. Runs at load
// time only, so rendering never searches.

extension TemplateLibrary {
    /// The outcome of looking a name up.
    enum LookUp: Equatable {
        /// Exactly one file answers; its file key.
        case found(String)
        /// Several files answer; their file keys, sorted.
        case ambiguous([String])
        /// No file answers.
        case missing
    }

    /// The name and escaping mode of a file key: a template extension is stripped and picks the
    /// mode; any other key is its own name with `defaultEscaping`.
    static func nameAndEscaping(ofFile file: String, default defaultEscaping: EscapingMode) -> (String, EscapingMode) {
        let base = lastComponent(of: file)
        guard let dot = base.lastIndex(of: "."), dot != base.startIndex,
            let escaping = EscapingMode(fileExtension: String(base[base.index(after: dot)...]))
        else {
            return (file, defaultEscaping)
        }
        let extensionLength = base.distance(from: dot, to: base.endIndex)
        return (String(file.dropLast(extensionLength)), escaping)
    }

    /// Finds `key` as a file key, else as a name held by exactly one file.
    static func lookUp(_ key: String, templates: [String: Template], filesByName: [String: [String]]) -> LookUp {
        if templates[key] != nil { return .found(key) }
        let files = filesByName[key] ?? []
        switch files.count {
        case 0: return .missing
        case 1: return .found(files[0])
        default: return .ambiguous(files.sorted())
        }
    }

    /// The file key `{{> reference}}` in `template` links to (see `TemplateLibrary` for the rules).
    static func resolvePartial(
        _ reference: PartialReference, from template: Template,
        templates: [String: Template], filesByName: [String: [String]]
    ) throws -> String {
        let written = reference.name
        let slash = written.lastIndex(of: "/")
        let base = slash.map { String(written[written.index(after: $0)...]) } ?? written
        let partialBase = base.hasPrefix("_") ? base : "_" + base

        var candidates: [String] = []
        if slash == nil, let directory = directory(of: template.file) {
            candidates.append(directory + "/" + partialBase)
        }
        candidates.append(slash.map { String(written[..<$0]) + "/" + partialBase } ?? partialBase)

        func ambiguity(_ files: [String]) -> TemplateError {
            TemplateError(.ambiguousPartial(written, candidates: files), template: template.file, at: reference.location)
        }
        for candidate in candidates {
            switch lookUp(candidate, templates: templates, filesByName: filesByName) {
            case .found(let file): return file
            case .ambiguous(let files): throw ambiguity(files)
            case .missing: continue
            }
        }
        if slash == nil {
            let matches = templates.values
                .filter { lastComponent(of: $0.file) == partialBase || lastComponent(of: $0.name) == partialBase }
                .map(\.file).sorted()
            if matches.count == 1 { return matches[0] }
            if matches.count > 1 { throw ambiguity(matches) }
        }
        throw TemplateError(.unknownPartial(written), template: template.file, at: reference.location)
    }

    /// The part after the last `/`.
    static func lastComponent(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
    }

    /// The part before the last `/`, or nil at the root.
    static func directory(of path: String) -> String? {
        path.lastIndex(of: "/").map { String(path[..<$0]) }
    }
}
