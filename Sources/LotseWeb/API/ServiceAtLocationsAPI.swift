// ServiceAtLocationsAPI: `GET /api/service_at_locations[/{id}]` (HSDS 3.1): listed services at
// their publicly visible locations, with `postcode` (the location's or, with `proximity`, the
// centroid of the postcode's known addresses) and `proximity` in metres.
import Foundation
import HTTP
import LotseCore
import SQLite

/// The service_at_location endpoints.
enum ServiceAtLocationsAPI {
    static let parameters: Set<String> = [
        "search", "taxonomy_term_id", "taxonomy_id", "organization_id", "modified_after", "full", "page", "per_page",
        "format", "postcode", "proximity",
    ]

    /// `GET /api/service_at_locations`.
    static func list(_ request: Request, _ context: AppContext) throws -> Response {
        let parameters = try APIParameters(request, allowed: Self.parameters)
        let full = try parameters.bool("full")
        let (page, perPage) = try parameters.paging()
        var query = try ServicesAPI.searchQuery(parameters, context: context)
        query.offset = 0
        query.limit = Int.max / 2
        let postcode = parameters.string("postcode")
        var proximity: Double?
        if let text = parameters.string("proximity") {
            guard let metres = Double(text), metres > 0, metres <= 1_000_000 else {
                throw LotseError(.invalidInput, "proximity muss eine Entfernung in Metern sein (1 bis 1000000), nicht »\(text)«")
            }
            guard postcode != nil else { throw LotseError(.invalidInput, "proximity braucht postcode") }
            proximity = metres
        }
        let serviceIDs = try context.search.search(query).serviceIDs
        let placements: [String] = try context.store.pool.read { db in
            var centroid: (Double, Double)?
            if let postcode, proximity != nil {
                centroid = try db.query("""
                    SELECT avg(l.latitude), avg(l.longitude) FROM address a JOIN location l ON l.id = a.location_id
                    WHERE a.postal_code = ? AND l.latitude IS NOT NULL AND l.visibility = 'public'
                    """, postcode) { row in row.isNull(0) ? nil : (row.double(0), row.double(1)) }.first ?? nil
                if centroid == nil { throw LotseError(.notFound, "Postleitzahl \(postcode) ist im Verzeichnis unbekannt") }
            }
            let statement = try db.cached("""
                SELECT sal.id, l.latitude, l.longitude,
                       (SELECT group_concat(a.postal_code) FROM address a WHERE a.location_id = l.id)
                FROM service_at_location sal JOIN location l ON l.id = sal.location_id
                WHERE sal.service_id = ? AND l.visibility = 'public' ORDER BY sal.rowid
                """)
            var ids: [String] = []
            for serviceID in serviceIDs {
                try statement.forEach([serviceID]) { row in
                    if let centroid, let metres = proximity {
                        guard !row.isNull(1), distance(centroid, (row.double(1), row.double(2))) <= metres else { return }
                    } else if let postcode {
                        guard (row.optionalString(3) ?? "").split(separator: ",").contains(Substring(postcode)) else { return }
                    }
                    ids.append(row.string(0))
                }
            }
            return ids
        }
        @Sendable func item(_ id: String) throws -> [UInt8]? {
            try context.cache.value("sal-\(full ? "full" : "list"):\(id)") {
                try context.read { reader in try node(id, full: full, reader: reader).map { HSDSJSON.encode($0, now: context.now()) } }
            }
        }
        if try parameters.isNDJSON() {
            return APIPage.ndjson { emit in for id in placements { if let line = try item(id) { try emit(line) } } }
        }
        let slice = placements.dropFirst((page - 1) * perPage).prefix(perPage)
        return APIPage.response(total: placements.count, page: page, perPage: perPage, items: try slice.compactMap(item))
    }

    /// `GET /api/service_at_locations/{id}`.
    static func detail(_ request: Request, _ context: AppContext) throws -> Response {
        _ = try APIParameters(request, allowed: [])
        let id = request.pathParameters["id"] ?? ""
        guard let node = try context.read(.public, { try node(id, full: true, reader: $0) }) else {
            throw LotseError(.notFound, "Angebot am Standort \(id) gibt es nicht")
        }
        return .json(bytes: HSDSJSON.encode(node, now: context.now()))
    }

    /// A service_at_location with its location and service, when both are visible.
    static func node(_ id: String, full: Bool, reader: DirectoryReader) throws -> HSDSNode? {
        guard let placement = try TableColumns.load("service_at_location", where: "id = ?", [id], in: reader.db).first,
              let serviceNode = try reader.service(placement.text("service_id") ?? "", detail: full ? .full : .list),
              let location = try reader.location(placement.text("location_id") ?? "") else { return nil }
        var node = HSDSNode(placement)
        if full, let nested = serviceNode.nodes("service_at_locations").first(where: { $0.record.id == id }) {
            node.children = nested.children.filter { $0.name != "location" }
        }
        node.add("location", single: full ? location : HSDSNode(location.record))
        node.add("service", single: serviceNode)
        return node
    }

    /// Great-circle distance in metres.
    static func distance(_ a: (Double, Double), _ b: (Double, Double)) -> Double {
        let radius = 6_371_000.0
        let dLat = (b.0 - a.0) * .pi / 180, dLon = (b.1 - a.1) * .pi / 180
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(a.0 * .pi / 180) * cos(b.0 * .pi / 180) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * radius * asin(min(1, sqrt(h)))
    }
}
