// ServiceAtLocationsAPI: `GET /api/service_at_locations[/{id}]` (HSDS 3.1): listed services at
// their publicly visible locations, with `postcode` (the location's or, with `proximity`, the
// centroid of the postcode's known addresses) and `proximity` in metres.
import Foundation
import HTTP
import LotseCore

/// The service_at_location endpoints.
enum ServiceAtLocationsAPI {
    static let parameters: Set<String> = [
        "search", "taxonomy_term_id", "taxonomy_id", "organization_id", "modified_after", "full", "page", "per_page",
        "format", "postcode", "proximity",
    ]

    /// `GET /api/service_at_locations`.
    static func list(_ request: PageRequest) throws -> Response {
        let parameters = try APIParameters(request, allowed: Self.parameters)
        let full = try parameters.bool("full")
        let (page, perPage) = try parameters.paging()
        var query = try ServicesAPI.searchQuery(parameters, context: request.context)
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
        let serviceIDs = try request.context.search.search(query).serviceIDs
        let placements = try request.context.read { try $0.publicPlacementIDs(of: serviceIDs, postcode: postcode, proximity: proximity) }
        @Sendable func item(_ id: String) throws -> [UInt8]? {
            try request.context.cache.value("sal-\(full ? "full" : "list"):\(id)") {
                try request.context.read { reader in try reader.serviceAtLocation(id, full: full).map { HSDSJSON.encode($0, now: request.context.now()) } }
            }
        }
        if try parameters.isNDJSON() {
            return APIPage.ndjson { emit in for id in placements { if let line = try item(id) { try emit(line) } } }
        }
        let slice = placements.dropFirst((page - 1) * perPage).prefix(perPage)
        return APIPage.response(total: placements.count, page: page, perPage: perPage, items: try slice.compactMap(item))
    }

    /// `GET /api/service_at_locations/{id}`.
    static func detail(_ request: PageRequest) throws -> Response {
        _ = try APIParameters(request, allowed: [])
        let id = request.id
        guard let node = try request.context.read(.public, { try $0.serviceAtLocation(id, full: true) }) else {
            throw LotseError(.notFound, "Angebot am Standort \(id) gibt es nicht")
        }
        return .json(bytes: HSDSJSON.encode(node, now: request.context.now()))
    }
}
