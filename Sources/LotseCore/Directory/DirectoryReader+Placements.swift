// DirectoryReader+Placements: services at their locations for the HSDS API's
// `service_at_locations` — one placement as a node, and the public placements of found
// services, narrowed to a postcode or to a distance around the postcode's centroid.
import Foundation
import SQLite

extension DirectoryReader {
    /// The service_at_location `id` with its location and service, when both are visible
    /// (`full`: the nested parts too).
    public func serviceAtLocation(_ id: String, full: Bool) throws -> HSDSNode? {
        guard let placement = try TableColumns.load("service_at_location", where: "id = ?", [id], in: db).first,
              let serviceNode = try service(placement.text("service_id") ?? "", detail: full ? .full : .list),
              let location = try location(placement.text("location_id") ?? "") else { return nil }
        var node = HSDSNode(placement)
        if full, let nested = serviceNode.nodes("service_at_locations").first(where: { $0.record.id == id }) {
            node.children = nested.children.filter { $0.name != "location" }
        }
        node.add("location", single: full ? location : HSDSNode(location.record))
        node.add("service", single: serviceNode)
        return node
    }

    /// The ids of the placements of `serviceIDs` at public locations, in service order: all,
    /// those with an address in `postcode`, or with `proximity` (metres) those within that
    /// distance of the centroid of the postcode's public addresses (404 for a postcode without
    /// any).
    public func publicPlacementIDs(of serviceIDs: [String], postcode: String?, proximity: Double?) throws -> [String] {
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
                    guard !row.isNull(1), Self.distance(centroid, (row.double(1), row.double(2))) <= metres else { return }
                } else if let postcode {
                    guard (row.optionalString(3) ?? "").split(separator: ",").contains(Substring(postcode)) else { return }
                }
                ids.append(row.string(0))
            }
        }
        return ids
    }

    /// Great-circle distance in metres between two (latitude, longitude) points.
    public static func distance(_ a: (Double, Double), _ b: (Double, Double)) -> Double {
        let radius = 6_371_000.0
        let dLat = (b.0 - a.0) * .pi / 180, dLon = (b.1 - a.1) * .pi / 180
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(a.0 * .pi / 180) * cos(b.0 * .pi / 180) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * radius * asin(min(1, sqrt(h)))
    }
}
