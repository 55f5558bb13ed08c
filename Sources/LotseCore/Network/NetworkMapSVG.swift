// NetworkMapSVG: draws a NetworkMap as an SVG string for the server-rendered page — members on
// one circle, grouped by kind (a fixed order, so the same data always gives the same picture),
// each kind with its own colour and shape and every node numbered; binding cooperations as
// solid thick lines, the others dashed; members in a Sozialraum with a gap ringed. With
// <title> and <desc> for screen readers, a legend inside the picture, no JavaScript and no
// external resources. The page lists the same members and edges as text.
import Foundation

/// The SVG picture of a cooperation network.
public struct NetworkMapSVG: Sendable {
    /// The map to draw.
    public let map: NetworkMap
    /// Prefix of the ids of `<title>` and `<desc>`.
    public var idPrefix = "netzwerk"

    /// A picture of `map`.
    public init(map: NetworkMap) { self.map = map }

    /// The shape of a kind, with its German name for the legend.
    public enum Shape: String, Sendable {
        case circle = "Kreis", square = "Quadrat", diamond = "Raute", triangle = "Dreieck", hexagon = "Sechseck"
        case triangleDown = "Dreieck mit Spitze nach unten", pentagon = "Fünfeck", star = "Stern"
    }

    /// The colour (at least 3:1 against white) and shape of each kind.
    public static func style(_ kind: OrganizationKind) -> (colour: String, shape: Shape) {
        switch kind {
        case .traeger: ("#1f5f99", .circle)
        case .housingCompany: ("#8c4a00", .square)
        case .housingCooperative: ("#7a3e9d", .diamond)
        case .dlz: ("#1d6b3a", .triangle)
        case .quartiersmanagement: ("#b0123b", .hexagon)
        case .initiative: ("#00676b", .triangleDown)
        case .publicOffice: ("#4d4d4d", .pentagon)
        case .cooperative: ("#6b5500", .star)
        }
    }

    /// Colour of the ring around members in a Sozialraum with a gap.
    static let gapColour = "#c00000"

    /// The SVG document (UTF-8 text, escaped).
    public func render() -> String {
        let kinds = OrganizationKind.allCases.filter { kind in map.members.contains { $0.kind == kind } }
        let slots = max(1, map.members.count + (kinds.count > 1 ? kinds.count : 0))
        let radius = max(140.0, Double(slots) * 30 / (2 * Double.pi))
        let margin = 60.0
        let centre = radius + margin
        let width = Int(2 * centre)
        var positions: [String: (x: Double, y: Double, angle: Double)] = [:]
        var slot = 0
        var previous: OrganizationKind?
        for member in map.members {
            if kinds.count > 1, member.kind != previous { slot += 1 }
            previous = member.kind
            let angle = -Double.pi / 2 + 2 * Double.pi * Double(slot) / Double(slots)
            positions[member.id] = (centre + radius * cos(angle), centre + radius * sin(angle), angle)
            slot += 1
        }
        let legendRows = kinds.count + 2 + (map.members.contains { $0.inGap } ? 1 : 0)
        let legendTop = Int(2 * centre)
        let height = legendTop + 30 + legendRows * 24
        let binding = map.edges.filter(\.binding).count
        let description = "\(map.members.count) Mitglieder als Punkte, nach Art der Organisation in Farbe und Form unterschieden und nummeriert; "
            + "\(map.edges.count) Kooperationen als Linien, davon \(binding) mit verbindlicher Vereinbarung (durchgezogen). "
            + "Dieselben Kooperationen stehen in der Tabelle unter der Grafik."
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="\(idPrefix)-title \(idPrefix)-desc" \
            width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" font-family="sans-serif" font-size="12">
            <title id="\(idPrefix)-title">\(Self.escape(title))</title>
            <desc id="\(idPrefix)-desc">\(Self.escape(description))</desc>

            """
        svg += "<g>\n"
        for edge in map.edges {
            guard let from = positions[edge.from], let to = positions[edge.to] else { continue }
            let names = [edge.from, edge.to].compactMap { map.member($0)?.name }.joined(separator: " – ")
            svg += "<line x1=\"\(Self.number(from.x))\" y1=\"\(Self.number(from.y))\" x2=\"\(Self.number(to.x))\" y2=\"\(Self.number(to.y))\" "
                + (edge.binding ? "stroke=\"#1a1a1a\" stroke-width=\"3\"" : "stroke=\"#595959\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"")
                + "><title>\(Self.escape("\(names): \(edge.topic)"))</title></line>\n"
        }
        svg += "</g>\n<g>\n"
        for member in map.members {
            guard let position = positions[member.id] else { continue }
            let style = Self.style(member.kind)
            svg += "<g><title>\(Self.escape("\(member.number): \(member.name) (\(member.kind.label))"))</title>"
            if member.inGap {
                svg += "<circle cx=\"\(Self.number(position.x))\" cy=\"\(Self.number(position.y))\" r=\"15\" fill=\"none\" stroke=\"\(Self.gapColour)\" stroke-width=\"2\" stroke-dasharray=\"3 2\"/>"
            }
            svg += Self.shape(style.shape, x: position.x, y: position.y, colour: style.colour)
            let labelX = centre + (radius + 26) * cos(position.angle), labelY = centre + (radius + 26) * sin(position.angle) + 4
            svg += "<text x=\"\(Self.number(labelX))\" y=\"\(Self.number(labelY))\" text-anchor=\"middle\" fill=\"#1a1a1a\">\(member.number)</text></g>\n"
        }
        svg += "</g>\n<g>\n<text x=\"10\" y=\"\(legendTop + 12)\" font-weight=\"bold\" fill=\"#1a1a1a\">Legende</text>\n"
        var row = 0
        func legendY() -> Int { legendTop + 30 + row * 24 }
        for kind in kinds {
            let style = Self.style(kind)
            svg += Self.shape(style.shape, x: 20, y: Double(legendY()), colour: style.colour)
            svg += "<text x=\"40\" y=\"\(legendY() + 4)\" fill=\"#1a1a1a\">\(Self.escape("\(kind.label) (\(style.shape.rawValue))"))</text>\n"
            row += 1
        }
        svg += "<line x1=\"6\" y1=\"\(legendY())\" x2=\"34\" y2=\"\(legendY())\" stroke=\"#1a1a1a\" stroke-width=\"3\"/>"
        svg += "<text x=\"40\" y=\"\(legendY() + 4)\" fill=\"#1a1a1a\">Kooperation mit verbindlicher Vereinbarung (durchgezogen)</text>\n"
        row += 1
        svg += "<line x1=\"6\" y1=\"\(legendY())\" x2=\"34\" y2=\"\(legendY())\" stroke=\"#595959\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>"
        svg += "<text x=\"40\" y=\"\(legendY() + 4)\" fill=\"#1a1a1a\">Kooperation ohne verbindliche Vereinbarung (gestrichelt)</text>\n"
        row += 1
        if map.members.contains(where: \.inGap) {
            svg += "<circle cx=\"20\" cy=\"\(legendY())\" r=\"9\" fill=\"none\" stroke=\"\(Self.gapColour)\" stroke-width=\"2\" stroke-dasharray=\"3 2\"/>"
            svg += "<text x=\"40\" y=\"\(legendY() + 4)\" fill=\"#1a1a1a\">Ring: Mitglied in einem Sozialraum mit Lücke</text>\n"
        }
        return svg + "</g>\n</svg>\n"
    }

    /// The picture's title.
    public var title: String {
        var title = "Kooperationsnetz"
        if let area = map.areaName { title += " in \(area)" }
        if let topic = map.topicName { title += ", Bedarf \(topic)" }
        return title
    }

    /// A node of `shape` centred on (x, y).
    static func shape(_ shape: Shape, x: Double, y: Double, colour: String) -> String {
        let paint = "fill=\"\(colour)\" stroke=\"#ffffff\" stroke-width=\"1\""
        func polygon(_ corners: Int, radius: Double, rotation: Double, inner: Double? = nil) -> String {
            let count = inner == nil ? corners : corners * 2
            let points = (0..<count).map { index -> String in
                let r = inner != nil && index % 2 == 1 ? inner! : radius
                let angle = rotation + 2 * Double.pi * Double(index) / Double(count)
                return "\(number(x + r * cos(angle))),\(number(y + r * sin(angle)))"
            }
            return "<polygon points=\"\(points.joined(separator: " "))\" \(paint)/>"
        }
        switch shape {
        case .circle: return "<circle cx=\"\(number(x))\" cy=\"\(number(y))\" r=\"9\" \(paint)/>"
        case .square: return "<rect x=\"\(number(x - 8))\" y=\"\(number(y - 8))\" width=\"16\" height=\"16\" \(paint)/>"
        case .diamond: return polygon(4, radius: 11, rotation: -Double.pi / 2)
        case .triangle: return polygon(3, radius: 11, rotation: -Double.pi / 2)
        case .triangleDown: return polygon(3, radius: 11, rotation: Double.pi / 2)
        case .hexagon: return polygon(6, radius: 10, rotation: 0)
        case .pentagon: return polygon(5, radius: 10, rotation: -Double.pi / 2)
        case .star: return polygon(5, radius: 12, rotation: -Double.pi / 2, inner: 5)
        }
    }

    /// `value` with one decimal, without a trailing ".0".
    static func number(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? String(tenths / 10) : String(format: "%.1f", Double(tenths) / 10)
    }

    static func escape(_ text: String) -> String { SVGBarChart.escape(text) }
}
