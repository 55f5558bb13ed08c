// Pickers: what the editing forms offer to choose from — the need taxonomy in its two levels,
// target groups, legal bases, accessibility features, languages, Sozialräume and an
// organization's locations. Retired terms and areas are not offered.
import LotseCore
import SQLite

/// Choice lists of the editing forms.
enum Pickers {
    /// A vocabulary as a checkbox group: the need taxonomy in sections per category, the
    /// others flat. Returns the group and the offered term ids.
    static func vocabulary(_ code: TaxonomyCode, name: String, legend: String, hint: String?, db: Database) throws -> (group: ChoiceGroup, offered: Set<String>) {
        let terms = try db.query("""
            SELECT tt.id, tt.name, tt.parent_id, tt.retired_at IS NOT NULL FROM taxonomy_term tt JOIN taxonomy t ON t.id = tt.taxonomy_id
            WHERE t.code = ? ORDER BY tt.position, tt.name
            """, code.rawValue) { (id: $0.string(0), name: $0.string(1), parent: $0.optionalString(2), retired: $0.bool(3)) }
        var sections: [ChoiceGroup.Section] = []
        if code == .need {
            var loose: [ChoiceGroup.Choice] = []
            for category in terms where category.parent == nil && !category.retired {
                let children = terms.filter { $0.parent == category.id && !$0.retired }
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

    /// Languages commonly offered, by ISO 639 code, plus every language already in the directory.
    static let commonLanguages: [(code: String, name: String)] = [
        ("de", "Deutsch"), ("en", "Englisch"), ("tr", "Türkisch"), ("ar", "Arabisch"), ("ru", "Russisch"), ("uk", "Ukrainisch"),
        ("pl", "Polnisch"), ("fa", "Farsi"), ("ku", "Kurdisch"), ("vi", "Vietnamesisch"), ("ro", "Rumänisch"), ("bg", "Bulgarisch"),
        ("fr", "Französisch"), ("es", "Spanisch"), ("it", "Italienisch"), ("gsg", "Deutsche Gebärdensprache"), ("de-LS", "Leichte Sprache"),
    ]

    /// The language choices: common ones first, then others found in the directory.
    static func languages(db: Database) throws -> [(code: String, name: String)] {
        var result = commonLanguages
        let known = Set(result.map(\.code))
        let more = try db.query("SELECT code, min(name) FROM language WHERE code IS NOT NULL AND name IS NOT NULL GROUP BY code ORDER BY 2") {
            (code: $0.string(0), name: $0.string(1))
        }
        result += more.filter { !known.contains($0.code) }
        return result
    }

    /// The language group and the names by code.
    static func languageGroup(db: Database) throws -> (group: ChoiceGroup, names: [String: String]) {
        let languages = try languages(db: db)
        let group = ChoiceGroup(name: "sprache", legend: "Sprachen, in denen beraten wird", hint: nil,
                                sections: [.init(heading: nil, choices: languages.map { .init(value: $0.code, label: $0.name) })])
        return (group, Dictionary(languages.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first }))
    }

    /// Sozialräume not retired, labelled with their path ("Bremen › Mitte › Ostertor"), in
    /// path order; `current` keeps a retired one that is currently set, `root` leaves out an
    /// area and everything below it (moves that would make a cycle).
    static func sozialraumOptions(db: Database, including current: String? = nil, excludingBelow root: String? = nil) throws -> [FormField.Option] {
        let rows = try db.query("SELECT id, parent_id, name, retired_at IS NOT NULL FROM sozialraum") {
            (id: $0.string(0), parent: $0.optionalString(1), name: $0.string(2), retired: $0.bool(3))
        }
        let byID = Dictionary(rows.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        func path(_ id: String) -> [String] {
            var names: [String] = []
            var cursor: String? = id
            var seen = Set<String>()
            while let next = cursor, let row = byID[next], seen.insert(next).inserted {
                names.insert(row.name, at: 0)
                cursor = row.parent
            }
            return names
        }
        func ancestors(_ id: String) -> [String] {
            var result: [String] = []
            var cursor: String? = id
            var seen = Set<String>()
            while let next = cursor, let row = byID[next], seen.insert(next).inserted {
                result.append(next)
                cursor = row.parent
            }
            return result
        }
        return rows.filter { area in (!area.retired || area.id == current) && (root.map { !ancestors(area.id).contains($0) } ?? true) }
            .map { FormField.Option(value: $0.id, label: path($0.id).joined(separator: " › ") + ($0.retired ? " (ausgemustert)" : "")) }
            .sorted { $0.label.localizedStandardCompare($1.label) == .orderedAscending }
    }

    /// An organization's locations as choices (name, address, visibility).
    static func locations(organization: String, db: Database) throws -> [ChoiceGroup.Choice] {
        try db.query("""
            SELECT l.id, coalesce(l.name, 'Standort'), l.visibility, (SELECT address_1 || ', ' || city FROM address a WHERE a.location_id = l.id ORDER BY a.rowid LIMIT 1)
            FROM location l WHERE l.organization_id = ? ORDER BY l.name, l.id
            """, organization) { row in
            let visibility = Visibility(rawValue: row.string(2)) ?? .public
            let address = row.optionalString(3).map { " – \($0)" } ?? ""
            return ChoiceGroup.Choice(value: row.string(0), label: row.string(1) + address + (visibility == .public ? "" : " (\(visibility.label))"))
        }
    }
}
