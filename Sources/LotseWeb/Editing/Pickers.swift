// Pickers: what the editing forms offer to choose from — the need taxonomy in its two levels,
// target groups, legal bases, accessibility features, languages, Sozialräume and an
// organization's locations — built from DirectoryEditing's choices. Retired terms and areas
// are not offered.
import LotseCore

/// Choice lists of the editing forms.
enum Pickers {
    /// A vocabulary's `terms` as a checkbox group: the need taxonomy in sections per category,
    /// the others flat. Returns the group and the offered term ids.
    static func vocabulary(_ code: TaxonomyCode, terms: [DirectoryEditing.Term], name: String, legend: String, hint: String?) -> (group: ChoiceGroup, offered: Set<String>) {
        var sections: [ChoiceGroup.Section] = []
        if code == .need {
            var loose: [ChoiceGroup.Choice] = []
            for category in terms where category.parentID == nil && !category.retired {
                let children = terms.filter { $0.parentID == category.id && !$0.retired }
                if children.isEmpty {
                    loose.append(.init(value: category.id, label: category.name))
                } else {
                    sections.append(.init(heading: category.name, choices: children.map { .init(value: $0.id, label: $0.name) }))
                }
            }
            if !loose.isEmpty { sections.append(.init(heading: "Weitere", choices: loose)) }
        } else {
            sections = [.init(heading: nil, choices: terms.filter { !$0.retired }.map { .init(value: $0.id, label: $0.name) })]
        }
        let offered = Set(sections.flatMap { $0.choices.map(\.value) })
        return (ChoiceGroup(name: name, legend: legend, hint: hint, sections: sections), offered)
    }

    /// Languages commonly offered, by ISO 639 code.
    static var commonLanguages: [(code: String, name: String)] { DirectoryEditing.commonLanguages }

    /// The language choices: common ones first, then others found in the directory.
    static func languages(_ context: AppContext) throws -> [(code: String, name: String)] {
        try EditorAccess.editing(context).languages()
    }

    /// The language group of `languages` and the names by code.
    static func languageGroup(_ languages: [(code: String, name: String)]) -> (group: ChoiceGroup, names: [String: String]) {
        let group = ChoiceGroup(name: "sprache", legend: "Sprachen, in denen beraten wird", hint: nil,
                                sections: [.init(heading: nil, choices: languages.map { .init(value: $0.code, label: $0.name) })])
        return (group, Dictionary(languages.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first }))
    }

    /// Sozialräume not retired, labelled with their path ("Bremen › Mitte › Ostertor"), in
    /// path order; `current` keeps a retired one that is currently set, `root` leaves out an
    /// area and everything below it (moves that would make a cycle).
    static func sozialraumOptions(_ context: AppContext, including current: String? = nil, excludingBelow root: String? = nil) throws -> [FormField.Option] {
        options(try EditorAccess.editing(context).areaChoices(including: current, excludingBelow: root))
    }

    /// `areas` as select options, labelled with their path, in path order.
    static func options(_ areas: [DirectoryEditing.AreaChoice]) -> [FormField.Option] {
        areas.map { FormField.Option(value: $0.id, label: $0.path.joined(separator: " › ") + ($0.retired ? " (ausgemustert)" : "")) }
            .sorted { $0.label.localizedStandardCompare($1.label) == .orderedAscending }
    }

    /// An organization's `locations` as choices (name, address, visibility).
    static func locations(_ locations: [DirectoryEditing.LocationChoice]) -> [ChoiceGroup.Choice] {
        locations.map { location in
            let address = location.address.map { " – \($0)" } ?? ""
            return ChoiceGroup.Choice(value: location.id, label: location.name + address + (location.visibility == .public ? "" : " (\(location.visibility.label))"))
        }
    }
}
