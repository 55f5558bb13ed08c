// RoutingIndex: what the router needs beyond the search snapshot, per service ordinal — map
// position, verification date and responsiveness — plus area centroids. Build it with the
// SearchIndex it belongs to and rebuild both together.
import Foundation
import SQLite

/// Per-service routing data aligned with a `SearchIndex`'s ordinals.
public final class RoutingIndex: Sendable {
    /// The search snapshot the ordinals belong to.
    public let index: SearchIndex
    let latitude: [Double]
    let longitude: [Double]
    /// Days since 1970 of the last verification, or nil.
    let verifiedDay: [Int?]
    let responsiveness: [ServiceResponsiveness?]
    let areaCentroids: [String: (latitude: Double, longitude: Double)]

    init(index: SearchIndex, latitude: [Double], longitude: [Double], verifiedDay: [Int?],
         responsiveness: [ServiceResponsiveness?], areaCentroids: [String: (latitude: Double, longitude: Double)]) {
        self.index = index
        self.latitude = latitude
        self.longitude = longitude
        self.verifiedDay = verifiedDay
        self.responsiveness = responsiveness
        self.areaCentroids = areaCentroids
    }

    /// Builds the routing data for `index` from `db` (inside a read transaction).
    public static func build(_ db: Database, index: SearchIndex) throws -> RoutingIndex {
        var latitude = [Double](repeating: .nan, count: index.count)
        var longitude = [Double](repeating: .nan, count: index.count)
        var verified = [Int?](repeating: nil, count: index.count)
        try db.prepare("""
            SELECT s.id, coalesce(s.verified_at, o.verified_at),
                   (SELECT avg(l.latitude) FROM service_at_location sal JOIN location l ON l.id = sal.location_id
                     WHERE sal.service_id = s.id AND l.visibility = 'public' AND l.latitude IS NOT NULL),
                   (SELECT avg(l.longitude) FROM service_at_location sal JOIN location l ON l.id = sal.location_id
                     WHERE sal.service_id = s.id AND l.visibility = 'public' AND l.longitude IS NOT NULL)
            FROM service s JOIN organization o ON o.id = s.organization_id
            """).forEach { row in
            guard let ordinal = index.ordinal(of: row.string(0)) else { return }
            if let date = row.optionalString(1).flatMap(Timestamp.parse) { verified[ordinal] = Int(date.timeIntervalSince1970 / 86_400) }
            if let lat = row.optionalDouble(2), let lon = row.optionalDouble(3) {
                latitude[ordinal] = lat
                longitude[ordinal] = lon
            }
        }
        var responsiveness = [ServiceResponsiveness?](repeating: nil, count: index.count)
        for (service, record) in try Responsiveness.compute(db) {
            if let ordinal = index.ordinal(of: service) { responsiveness[ordinal] = record }
        }
        // Centroids: an area's own, else the nearest ancestor's.
        var own: [String: (Double, Double)] = [:]
        var parents: [String: String] = [:]
        var codes: [String: String] = [:]
        try db.prepare("SELECT id, code, parent_id, latitude, longitude FROM sozialraum").forEach { row in
            codes[row.string(0)] = row.string(1)
            if let parent = row.optionalString(2) { parents[row.string(0)] = parent }
            if let lat = row.optionalDouble(3), let lon = row.optionalDouble(4) { own[row.string(0)] = (lat, lon) }
        }
        var centroids: [String: (latitude: Double, longitude: Double)] = [:]
        for (id, code) in codes {
            var current: String? = id
            var steps = 0
            while let node = current, steps < 16 {
                if let point = own[node] { centroids[code] = (point.0, point.1); break }
                current = parents[node]
                steps += 1
            }
        }
        return RoutingIndex(index: index, latitude: latitude, longitude: longitude, verifiedDay: verified,
                            responsiveness: responsiveness, areaCentroids: centroids)
    }

    /// The responsiveness of a listed service, if it has answered referrals.
    public func responsiveness(of serviceID: String) -> ServiceResponsiveness? {
        index.ordinal(of: serviceID).flatMap { responsiveness[$0] }
    }

    /// Kilometres between a service's locations (mean) and an area's centroid, or nil.
    func distance(ordinal: Int, to area: String) -> Double? {
        guard let centre = areaCentroids[area], !latitude[ordinal].isNaN else { return nil }
        let meanLatitude = (centre.latitude + latitude[ordinal]) / 2 * .pi / 180
        let dx = (longitude[ordinal] - centre.longitude) * 111.32 * cos(meanLatitude)
        let dy = (latitude[ordinal] - centre.latitude) * 110.57
        return (dx * dx + dy * dy).squareRoot()
    }
}
