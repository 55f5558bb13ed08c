// GermanLand: the sixteen Länder by their ISO 3166-2 suffix (BW … TH) with their German names —
// the Land of a Sozialraum tree's top level, whose public holidays stop the referral clock.

import Foundation

/// A German Land.
public enum GermanLand: String, CaseIterable, Sendable {
    case bw = "BW", by = "BY", be = "BE", bb = "BB", hb = "HB", hh = "HH", he = "HE", mv = "MV"
    case ni = "NI", nw = "NW", rp = "RP", sl = "SL", sn = "SN", st = "ST", sh = "SH", th = "TH"

    /// The Land of a code such as "SN" or "sn"; nil for anything else.
    public init?(code: String?) {
        guard let code, let land = GermanLand(rawValue: code.trimmingCharacters(in: .whitespaces).uppercased()) else { return nil }
        self = land
    }

    /// The German name.
    public var name: String {
        switch self {
        case .bw: "Baden-Württemberg"
        case .by: "Bayern"
        case .be: "Berlin"
        case .bb: "Brandenburg"
        case .hb: "Bremen"
        case .hh: "Hamburg"
        case .he: "Hessen"
        case .mv: "Mecklenburg-Vorpommern"
        case .ni: "Niedersachsen"
        case .nw: "Nordrhein-Westfalen"
        case .rp: "Rheinland-Pfalz"
        case .sl: "Saarland"
        case .sn: "Sachsen"
        case .st: "Sachsen-Anhalt"
        case .sh: "Schleswig-Holstein"
        case .th: "Thüringen"
        }
    }

    /// Every Land sorted by its German name (for pickers).
    public static var byName: [GermanLand] { allCases.sorted { $0.name < $1.name } }
}
