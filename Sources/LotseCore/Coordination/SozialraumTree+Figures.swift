// SozialraumTree+Figures: the figures a coordinator keeps on an area beside its place in the
// tree — the population (for demand per 1,000 residents) and the centre point (for "kurze
// Wege") — read from form text (German decimal comma and thousands points accepted) and
// checked field by field.
import Foundation

extension SozialraumTree {
    /// The population and centre point of an area as typed; empty text is unknown.
    public struct Figures: Sendable, Equatable {
        /// The residents, the latitude and the longitude, as typed.
        public var population: String, latitude: String, longitude: String

        /// The figures as typed.
        public init(population: String = "", latitude: String = "", longitude: String = "") {
            self.population = population
            self.latitude = latitude
            self.longitude = longitude
        }

        /// The figures of `area` as a form shows them (German decimal comma).
        public init(_ area: Area) {
            population = area.population.map(String.init) ?? ""
            latitude = area.latitude.map { Self.text($0) } ?? ""
            longitude = area.longitude.map { Self.text($0) } ?? ""
        }

        /// `value` with a decimal comma and without a trailing ",0".
        static func text(_ value: Double) -> String {
            let plain = value == value.rounded() ? String(Int(value)) : String(value)
            return plain.replacingOccurrences(of: ".", with: ",")
        }

        /// The stored values (population, latitude, longitude; nil for unknown) or the problems
        /// at the fields `population`, `latitude` and `longitude`.
        func parsed() -> Result<(population: Int?, latitude: Double?, longitude: Double?), DirectoryWriter.Rejected> {
            var problems: [DirectoryWriter.FieldProblem] = []
            var population: Int?
            let people = self.population.trimmingCharacters(in: .whitespaces)
            if !people.isEmpty {
                // Thousands points ("12.345") are accepted, a decimal part is not.
                let digits = people.replacingOccurrences(of: " ", with: "")
                let grouped = digits.range(of: #"^-?\d{1,3}(\.\d{3})+$"#, options: .regularExpression) != nil
                if let value = Int(grouped ? digits.replacingOccurrences(of: ".", with: "") : digits) {
                    if value < 0 {
                        problems.append(.init(field: "population", message: "Die Einwohnerzahl kann nicht negativ sein."))
                    } else {
                        population = value
                    }
                } else {
                    problems.append(.init(field: "population", message: "Bitte die Einwohnerzahl als ganze Zahl angeben (z. B. 12.345) oder leer lassen."))
                }
            }
            func coordinate(_ text: String, field: String, name: String, limit: Double) -> Double? {
                let given = text.trimmingCharacters(in: .whitespaces)
                guard !given.isEmpty else { return nil }
                guard let value = Double(given.replacingOccurrences(of: ",", with: ".")), value.isFinite,
                      given.range(of: #"^-?\d+([.,]\d+)?$"#, options: .regularExpression) != nil else {
                    problems.append(.init(field: field, message: "Bitte den \(name) als Dezimalzahl angeben (z. B. 53,0758)."))
                    return nil
                }
                guard abs(value) <= limit else {
                    problems.append(.init(field: field, message: "Der \(name) liegt zwischen −\(Int(limit)) und \(Int(limit)) Grad."))
                    return nil
                }
                return value
            }
            let latitude = coordinate(self.latitude, field: "latitude", name: "Breitengrad", limit: 90)
            let longitude = coordinate(self.longitude, field: "longitude", name: "Längengrad", limit: 180)
            let typedLatitude = !self.latitude.trimmingCharacters(in: .whitespaces).isEmpty
            let typedLongitude = !self.longitude.trimmingCharacters(in: .whitespaces).isEmpty
            if typedLatitude && !typedLongitude {
                problems.append(.init(field: "longitude", message: "Bitte zum Breitengrad auch den Längengrad angeben (oder beide leer lassen)."))
            } else if typedLongitude && !typedLatitude {
                problems.append(.init(field: "latitude", message: "Bitte zum Längengrad auch den Breitengrad angeben (oder beide leer lassen)."))
            }
            guard problems.isEmpty else { return .failure(DirectoryWriter.Rejected(problems: problems)) }
            return .success((population, latitude, longitude))
        }

        /// The columns to write: population, latitude and longitude (nil clears one).
        static func columns(_ values: (population: Int?, latitude: Double?, longitude: Double?)) -> [String: String?] {
            ["population": values.population.map(String.init), "latitude": values.latitude.map { String($0) },
             "longitude": values.longitude.map { String($0) }]
        }
    }
}
