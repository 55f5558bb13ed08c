// NetworkMap: the cooperation network as the public map `/netzwerk` shows it — the listed
// members (nodes), their current cooperations (edges), optionally narrowed to one Sozialraum
// and one need category, and the gaps of NetworkGaps. Only what the public directory shows
// counts: listed members, public locations, cooperations that have not ended.
import Foundation
import SQLite

/// The cooperation network for one filter.
public struct NetworkMap: Sendable, Equatable {
    /// What the map is narrowed to (nil: everything).
    public struct Filter: Sendable, Equatable {
        /// A Sozialraum's code (the area and everything below it).
        public var sozialraum: String?
        /// A need category's code (a top-level `bedarf` term).
        public var topic: String?

        /// A filter.
        public init(sozialraum: String? = nil, topic: String? = nil) {
            self.sozialraum = sozialraum
            self.topic = topic
        }
    }

    /// A member (node), numbered in drawing order.
    public struct Member: Sendable, Equatable {
        /// The organization's id, name and kind.
        public var id: String, name: String, kind: OrganizationKind
        /// Its number on the map (1, 2, …).
        public var number: Int
        /// True when it lies in a Sozialraum with a gap (marked on the map).
        public var inGap: Bool
    }

    /// A current cooperation (edge).
    public struct Edge: Sendable, Equatable {
        /// The cooperation's id and the two members' ids.
        public var id: String, from: String, to: String
        /// The topic, the need category's name and the Quartier's name.
        public var topic: String, need: String?, quartier: String?
        /// Since and until (dates).
        public var since: String?, until: String?
        /// True when a binding agreement stands behind it.
        public var binding: Bool
    }

    /// The members on the map, grouped by kind (in `OrganizationKind` order), then by name.
    public var members: [Member]
    /// The cooperations between them, by the members' numbers, then topic.
    public var edges: [Edge]
    /// Needs without cooperation per Sozialraum.
    public var gaps: [NetworkGaps.Gap]
    /// The chosen Sozialraum's and need category's names (nil when not filtered).
    public var areaName: String?, topicName: String?

    /// The member with `id`.
    public func member(_ id: String) -> Member? { members.first { $0.id == id } }

    /// The map on `db` for `filter` on Berlin date `today` (`YYYY-MM-DD`). Throws a German
    /// input error for an unknown Sozialraum or need code.
    public static func load(_ db: Database, filter: Filter, today: String) throws -> NetworkMap {
        var area: (id: String, name: String)?
        if let code = filter.sozialraum {
            guard let found = try db.queryFirst("SELECT id, name FROM sozialraum WHERE code = ?", code, transform: { ($0.string(0), $0.string(1)) }) else {
                throw LotseError(.invalidInput, "Den Sozialraum »\(code)« gibt es nicht.")
            }
            area = found
        }
        var topic: Cooperations.Topic?
        if let code = filter.topic {
            guard let found = try Cooperations.topics(db).first(where: { $0.code == code }) else {
                throw LotseError(.invalidInput, "Den Bedarf »\(code)« gibt es nicht.")
            }
            topic = found
        }
        let data = try NetworkData.load(db, today: today)
        let inArea = area.map { data.membersIn($0.id) }
        var edges = data.edges.filter { edge in
            if let topic, edge.needID != topic.id { return false }
            guard let area else { return true }
            if let quartier = edge.quartierID { return data.isWithin(quartier, area.id) }
            return inArea!.contains(edge.from) || inArea!.contains(edge.to)
        }
        var shown: Set<String> = inArea ?? (topic == nil ? Set(data.members.keys) : [])
        for edge in edges { shown.formUnion([edge.from, edge.to]) }
        let gaps = NetworkGaps(data: data).gaps(in: area?.id, topic: topic?.id)
        let gapMembers = Set(gaps.flatMap { data.membersIn($0.areaID) })
        let kinds = OrganizationKind.allCases
        let ordered = shown.compactMap { data.members[$0] }.sorted {
            (kinds.firstIndex(of: $0.kind)!, $0.name, $0.id) < (kinds.firstIndex(of: $1.kind)!, $1.name, $1.id)
        }
        let members = ordered.enumerated().map { index, member in
            Member(id: member.id, name: member.name, kind: member.kind, number: index + 1, inGap: gapMembers.contains(member.id))
        }
        let numbers = Dictionary(uniqueKeysWithValues: members.map { ($0.id, $0.number) })
        func key(_ link: NetworkData.Link) -> (Int, Int, String, String) {
            let ends = [numbers[link.from] ?? 0, numbers[link.to] ?? 0].sorted()
            return (ends[0], ends[1], link.edge.topic, link.edge.id)
        }
        edges.sort { (first: NetworkData.Link, second: NetworkData.Link) -> Bool in key(first) < key(second) }
        return NetworkMap(members: members, edges: edges.map(\.edge), gaps: gaps, areaName: area?.name, topicName: topic?.name)
    }
}

/// What the map and the gaps are computed from, read once.
struct NetworkData {
    struct Member { var id: String, name: String, kind: OrganizationKind }
    struct Link {
        var edge: NetworkMap.Edge
        var needID: String?, quartierID: String?
        var from: String { edge.from }
        var to: String { edge.to }
    }

    /// Listed members by id.
    var members: [String: Member] = [:]
    /// Current cooperations between listed members.
    var edges: [Link] = []
    /// Each listed member's public locations' Sozialräume with all their ancestors.
    var areasOf: [String: Set<String>] = [:]
    /// Every Sozialraum's ancestors (itself included).
    var ancestors: [String: Set<String>] = [:]
    /// Sozialräume: id → (code, name, level, retired, tree position).
    var areas: [String: (code: String, name: String, level: String, retired: Bool, order: Int)] = [:]
    /// The need categories in taxonomy order.
    var topics: [Cooperations.Topic] = []
    /// The listed members that offer a listed service of each need category (by term id).
    var providers: [String: Set<String>] = [:]

    static func load(_ db: Database, today: String) throws -> NetworkData {
        var data = NetworkData()
        try db.query("SELECT id, name, kind FROM organization WHERE membership_status = 'member' AND hidden = 0") {
            Member(id: $0.string(0), name: $0.string(1), kind: OrganizationKind(rawValue: $0.string(2)) ?? .traeger)
        }.forEach { data.members[$0.id] = $0 }
        try db.query("SELECT descendant, ancestor FROM sozialraum_closure") { ($0.string(0), $0.string(1)) }
            .forEach { data.ancestors[$0.0, default: []].insert($0.1) }
        var order = 0
        for row in try db.query("SELECT id, code, name, level, retired_at IS NOT NULL FROM sozialraum ORDER BY position, name, id", transform: {
            ($0.string(0), $0.string(1), $0.string(2), $0.string(3), $0.int(4) == 1)
        }) {
            data.areas[row.0] = (row.1, row.2, row.3, row.4, order)
            order += 1
        }
        for (organization, area) in try db.query("""
            SELECT organization_id, sozialraum_id FROM location WHERE sozialraum_id IS NOT NULL AND organization_id IS NOT NULL
            AND coalesce(visibility, 'public') = 'public'
            """, transform: { ($0.string(0), $0.string(1)) }) where data.members[organization] != nil {
            data.areasOf[organization, default: []].formUnion(data.ancestors[area] ?? [area])
        }
        data.edges = try db.query("""
            SELECT c.id, c.organization_id, c.partner_id, c.topic, t.name, s.name, c.since, c.until, c.binding, c.need_term_id, c.sozialraum_id
            FROM cooperation c LEFT JOIN taxonomy_term t ON t.id = c.need_term_id LEFT JOIN sozialraum s ON s.id = c.sozialraum_id
            WHERE c.until IS NULL OR c.until >= ? ORDER BY c.id
            """, today) {
            Link(edge: NetworkMap.Edge(id: $0.string(0), from: $0.string(1), to: $0.string(2), topic: $0.string(3), need: $0.optionalString(4),
                                       quartier: $0.optionalString(5), since: $0.optionalString(6), until: $0.optionalString(7), binding: $0.int(8) == 1),
                 needID: $0.optionalString(9), quartierID: $0.optionalString(10))
        }.filter { data.members[$0.from] != nil && data.members[$0.to] != nil }
        data.topics = try Cooperations.topics(db)
        let listed = ServiceStatus.allCases.filter(\.isListed).map { "'\($0.rawValue)'" }.joined(separator: ", ")
        try db.query("""
            SELECT DISTINCT s.organization_id, coalesce(t.parent_id, t.id) FROM service s
            JOIN attribute a ON a.link_entity = 'service' AND a.link_id = s.id
            JOIN taxonomy_term t ON t.id = a.taxonomy_term_id JOIN taxonomy x ON x.id = t.taxonomy_id AND x.code = 'bedarf'
            WHERE s.status IN (\(listed)) AND s.hidden = 0
            """) { ($0.string(0), $0.string(1)) }
            .forEach { if data.members[$0.0] != nil { data.providers[$0.1, default: []].insert($0.0) } }
        return data
    }

    /// True when Sozialraum `area` lies in `ancestor` (or is it).
    func isWithin(_ area: String, _ ancestor: String) -> Bool {
        ancestors[area]?.contains(ancestor) ?? (area == ancestor)
    }

    /// The listed members with a public location in `area` or below.
    func membersIn(_ area: String) -> Set<String> {
        Set(areasOf.filter { $0.value.contains(area) }.keys)
    }
}
