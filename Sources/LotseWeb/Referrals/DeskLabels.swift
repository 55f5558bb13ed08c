// DeskLabels: the German names behind the codes and ids a referral carries — needs, target
// groups, accessibility features, languages, Sozialräume, services, organizations and the
// people in the timeline — read once per request, plus the choice lists of the referral forms
// (by code, as ReferralDraft wants them; retired terms and areas are not offered).
import LotseCore

/// Names of a referral's codes and ids.
struct DeskLabels {
    /// What the domain read (vocabularies, Sozialräume, lookups on the same connection).
    let core: ReferralLabels
    /// Sozialraum ids by code.
    private let areaIDs: [String: String]
    /// Language names by code.
    private let languages: [String: String]
    /// The language choices in order: the common ones first, then others in the directory.
    let languageList: [(code: String, name: String)]

    /// Wraps the labels the desk (or `Store.referralLabels`) read.
    init(_ core: ReferralLabels) {
        self.core = core
        areaIDs = Dictionary(core.areas.map { ($0.value.code, $0.key) }, uniquingKeysWith: { first, _ in first })
        let known = Set(Pickers.commonLanguages.map(\.code))
        languageList = Pickers.commonLanguages + core.directoryLanguages.filter { !known.contains($0.code) }
        languages = Dictionary(languageList.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    /// Term names by taxonomy and code, in position order.
    var terms: [TaxonomyCode: [ReferralLabels.Term]] { core.terms }
    private var areas: [String: ReferralLabels.Area] { core.areas }

    /// The name of a term code (the code itself when unknown).
    func term(_ taxonomy: TaxonomyCode, _ code: String) -> String {
        core.terms[taxonomy]?.first { $0.code == code }?.name ?? code
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
        guard let id, let service = try core.service(id) else { return nil }
        return (service.name, service.organizationID, service.organization)
    }

    /// An organization's name (the id when unknown).
    func organization(_ id: String?) throws -> String? {
        guard let id else { return nil }
        return try core.organization(id) ?? id
    }

    /// An account's display name.
    func person(_ id: String?) throws -> String? {
        guard let id else { return nil }
        return try core.person(id)
    }

    // MARK: Choices of the referral forms

    /// A vocabulary as a checkbox group by code (needs in sections per category).
    func choices(_ taxonomy: TaxonomyCode, name: String, legend: String, hint: String?, keeping: Set<String> = []) -> ChoiceGroup {
        let offered = (core.terms[taxonomy] ?? []).filter { !$0.retired || keeping.contains($0.code) }
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
