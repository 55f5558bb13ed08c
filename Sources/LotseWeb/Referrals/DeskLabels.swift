// DeskLabels: the German names behind the codes and ids a referral carries — needs, target
// groups, accessibility features, languages, Sozialräume, services, organizations and the
// people in the timeline — read once per request, plus the choice lists of the referral forms
// (by code, as ReferralDraft wants them; retired terms and areas are not offered).
import LotseCore
import SQLite

/// Names of a referral's codes and ids.
struct DeskLabels {
    /// Term names by taxonomy and code.
    private(set) var terms: [TaxonomyCode: [(code: String, name: String, category: String?)]] = [:]
    /// Sozialräume by id: code, name, level, parent id, retired.
    private(set) var areas: [String: (code: String, name: String, level: String, parent: String?, retired: Bool)] = [:]
    /// Sozialraum ids by code.
    private(set) var areaIDs: [String: String] = [:]
    /// Language names by code.
    private(set) var languages: [String: String] = [:]
    /// The language choices in order.
    private(set) var languageList: [(code: String, name: String)] = []
    private let db: Database

    /// Reads the vocabularies and the Sozialraum tree.
    init(db: Database) throws {
        self.db = db
        for taxonomy in [TaxonomyCode.need, .targetGroup, .accessibility] {
            let rows = try db.query("""
                SELECT t.code, t.name, p.name, t.retired_at IS NOT NULL FROM taxonomy_term t JOIN taxonomy x ON x.id = t.taxonomy_id
                LEFT JOIN taxonomy_term p ON p.id = t.parent_id WHERE x.code = ? AND t.code IS NOT NULL ORDER BY t.position, t.name
                """, taxonomy.rawValue) { (code: $0.string(0), name: $0.string(1), category: $0.optionalString(2), retired: $0.bool(3)) }
            terms[taxonomy] = rows.map { ($0.code, $0.name, $0.category) }
            retired[taxonomy] = Set(rows.filter(\.retired).map(\.code))
        }
        try db.query("SELECT id, code, name, level, parent_id, retired_at IS NOT NULL FROM sozialraum") {
            ($0.string(0), $0.string(1), $0.string(2), $0.string(3), $0.optionalString(4), $0.bool(5))
        }.forEach { id, code, name, level, parent, retired in
            areas[id] = (code, name, level, parent, retired)
            areaIDs[code] = id
        }
        languageList = try Pickers.languages(db: db)
        languages = Dictionary(languageList.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    private var retired: [TaxonomyCode: Set<String>] = [:]

    /// The name of a term code (the code itself when unknown).
    func term(_ taxonomy: TaxonomyCode, _ code: String) -> String {
        terms[taxonomy]?.first { $0.code == code }?.name ?? code
    }

    /// The names of term codes.
    func terms(_ taxonomy: TaxonomyCode, _ codes: [String]) -> [String] { codes.map { term(taxonomy, $0) } }

    /// The name of a Sozialraum by id.
    func area(id: String?) -> String? { id.flatMap { areas[$0]?.name } }

    /// The code of a Sozialraum by id.
    func areaCode(id: String?) -> String? { id.flatMap { areas[$0]?.code } }

    /// The name of a Sozialraum by code.
    func area(code: String?) -> String? { code.flatMap { areaIDs[$0] }.flatMap { areas[$0]?.name } }

    /// "Bremen › Osterholz › Tenever" for an area id.
    func areaPath(id: String) -> String {
        var names: [String] = []
        var cursor: String? = id
        var seen = Set<String>()
        while let next = cursor, let area = areas[next], seen.insert(next).inserted {
            names.insert(area.name, at: 0)
            cursor = area.parent
        }
        return names.joined(separator: " › ")
    }

    /// The codes of an area and its ancestors, nearest first.
    func areaLineage(code: String) -> [String] {
        var result: [String] = []
        var cursor = areaIDs[code]
        var seen = Set<String>()
        while let next = cursor, let area = areas[next], seen.insert(next).inserted {
            result.append(area.code)
            cursor = area.parent
        }
        return result
    }

    /// The name of a language code.
    func language(_ code: String?) -> String? { code.map { languages[$0] ?? $0 } }

    /// A service's name and its organization's id and name, or nil.
    func service(_ id: String?) throws -> (name: String, organizationID: String, organization: String)? {
        guard let id else { return nil }
        return try db.queryFirst("""
            SELECT s.name, o.id, o.name FROM service s JOIN organization o ON o.id = s.organization_id WHERE s.id = ?
            """, id) { ($0.string(0), $0.string(1), $0.string(2)) }
    }

    /// An organization's name (the id when unknown).
    func organization(_ id: String?) throws -> String? {
        guard let id else { return nil }
        return try db.scalarString("SELECT name FROM organization WHERE id = ?", id) ?? id
    }

    /// An account's display name.
    func person(_ id: String?) throws -> String? {
        guard let id else { return nil }
        return try AccountStore(db: db).account(id: id)?.displayName
    }

    // MARK: Choices of the referral forms

    /// A vocabulary as a checkbox group by code (needs in sections per category).
    func choices(_ taxonomy: TaxonomyCode, name: String, legend: String, hint: String?, keeping: Set<String> = []) -> ChoiceGroup {
        let offered = (terms[taxonomy] ?? []).filter { !(retired[taxonomy]?.contains($0.code) ?? false) || keeping.contains($0.code) }
        guard taxonomy == .need else {
            return ChoiceGroup(name: name, legend: legend, hint: hint,
                               sections: [.init(heading: nil, choices: offered.map { .init(value: $0.code, label: $0.name) })])
        }
        // Categories (terms without a parent) head sections of their sub-terms.
        var sections: [ChoiceGroup.Section] = []
        var loose: [ChoiceGroup.Choice] = []
        for category in offered where category.category == nil {
            let children = offered.filter { $0.category == category.name }
            if children.isEmpty { loose.append(.init(value: category.code, label: category.name)) } else {
                sections.append(.init(heading: category.name, choices: children.map { .init(value: $0.code, label: $0.name) }))
            }
        }
        if !loose.isEmpty { sections.append(.init(heading: "Weitere", choices: loose)) }
        return ChoiceGroup(name: name, legend: legend, hint: hint, sections: sections)
    }

    /// Sozialräume not retired as select options by code, labelled with their path.
    func areaOptions(keeping current: String? = nil) -> [FormField.Option] {
        areas.filter { !$0.value.retired || $0.value.code == current }
            .map { FormField.Option(value: $0.value.code, label: areaPath(id: $0.key)) }
            .sorted { $0.label.localizedStandardCompare($1.label) == .orderedAscending }
    }

    /// The language choices as select options (with "keine Angabe" first).
    var languageOptions: [FormField.Option] {
        [.init(value: "", label: "– keine Angabe –")] + languageList.map { .init(value: $0.code, label: $0.name) }
    }
}
