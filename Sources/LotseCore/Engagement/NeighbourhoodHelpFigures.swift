// NeighbourhoodHelpFigures: the coordinators' figures of neighbourhood help — help requests met
// (a helper agreed) and unmet (none yet or none at all) by Sozialraum and kind of help, every
// count under 5 hidden with the same SuppressionLattice as the unmet-needs report, so that no
// shown total minus shown cells reveals a hidden one. Counts only: no request, citizen or helper.
import Foundation
import SQLite

/// Met and unmet help requests by area and kind, suppressed.
public struct NeighbourhoodHelpFigures: Sendable, Equatable {
    /// One line: an area (nil: all areas) and a kind (nil: all kinds); nil counts are hidden.
    public struct Line: Sendable, Equatable {
        public let areaID: String?
        public let areaName: String
        public let kind: HelpKind?
        public let met: Int?
        public let unmet: Int?
        public let total: Int?
    }

    /// The lines: all areas first, then each area with requests by name; in each, all kinds
    /// first, then each kind.
    public let lines: [Line]
    /// Counts under this are hidden.
    public let threshold: Int

    /// Computes the figures over every sent help request (drafts and mistakes left out).
    public static func compute(_ db: Database, threshold: Int = 5) throws -> NeighbourhoodHelpFigures {
        let rows = try db.query("""
            SELECT r.sozialraum_id, s.name, h.kind,
                EXISTS (SELECT 1 FROM help_placement p WHERE p.referral_id = h.referral_id AND p.agreed_at IS NOT NULL)
            FROM help_request h JOIN referral r ON r.id = h.referral_id JOIN sozialraum s ON s.id = r.sozialraum_id
            WHERE r.status NOT IN ('draft', 'entered-in-error')
            """) { ($0.string(0), $0.string(1), HelpKind(rawValue: $0.string(2)) ?? .other, $0.int(3) == 1) }
        let areas = Dictionary(rows.map { ($0.0, $0.1) }, uniquingKeysWith: { first, _ in first }).sorted { ($0.value, $0.key) < ($1.value, $1.key) }
        let areaIndex = Dictionary(uniqueKeysWithValues: areas.enumerated().map { ($0.element.key, $0.offset + 1) })
        let kinds = HelpKind.allCases
        let kindIndex = Dictionary(uniqueKeysWithValues: kinds.enumerated().map { ($0.element, $0.offset + 1) })
        // Areas: 0 = all, 1… each; kinds: 0 = all, 1… each; outcomes: 0 = recorded, 1 = met, 2 = unmet.
        var lattice = SuppressionLattice(parents: [[-1] + areas.map { _ in 0 }, [-1] + kinds.map { _ in 0 }, [-1, 0, 0]])
        for row in rows { lattice.add([areaIndex[row.0]!, kindIndex[row.2]!, row.3 ? 1 : 2]) }
        let hidden = lattice.hidden(threshold: threshold)
        func shown(_ coordinates: [Int]) -> Int? { hidden.contains(lattice.key(coordinates)) ? nil : lattice.value(coordinates) }
        var lines: [Line] = []
        for (areaPosition, area) in [(0, (key: String?.none, value: "Alle Sozialräume"))] + areas.map({ (areaIndex[$0.key]!, (key: Optional($0.key), value: $0.value)) }) {
            for (kindPosition, kind) in [(0, HelpKind?.none)] + kinds.map({ (kindIndex[$0]!, Optional($0)) }) {
                guard lattice.value([areaPosition, kindPosition, 0]) > 0 || (areaPosition == 0 && kindPosition == 0) else { continue }
                lines.append(Line(areaID: area.key, areaName: area.value, kind: kind, met: shown([areaPosition, kindPosition, 1]),
                                  unmet: shown([areaPosition, kindPosition, 2]), total: shown([areaPosition, kindPosition, 0])))
            }
        }
        return NeighbourhoodHelpFigures(lines: lines, threshold: threshold)
    }

    /// The open help requests a brokering member has: sent to it and not yet met or ended
    /// (for its digest line; a count, no content).
    public static func openRequests(_ db: Database, organizationID: String) throws -> Int {
        try db.scalarInt("""
            SELECT count(*) FROM help_request h JOIN referral r ON r.id = h.referral_id
            WHERE h.brokering_organization_id = ? AND r.status IN ('requested', 'accepted', 'in-progress', 'on-hold')
              AND NOT EXISTS (SELECT 1 FROM help_placement p WHERE p.referral_id = h.referral_id AND p.agreed_at IS NOT NULL)
            """, organizationID) ?? 0
    }
}
