// Hierarchy: the rules for the two trees coordinators edit — the Sozialraum tree (city →
// Bezirk → Stadtteil → Quartier, no cycles) and the two-level need taxonomy — checked before
// a move or a new node is written, with German messages for the form.
import SQLite

/// Checks for moves and new nodes in the Sozialraum tree and the need taxonomy.
public enum Hierarchy {
    /// The Sozialraum levels from the top.
    public static let sozialraumLevels = ["stadt", "bezirk", "stadtteil", "quartier"]

    /// German labels of the Sozialraum levels.
    public static func levelLabel(_ level: String) -> String {
        switch level {
        case "stadt": "Stadt"
        case "bezirk": "Bezirk"
        case "stadtteil": "Stadtteil"
        case "quartier": "Quartier"
        default: level
        }
    }

    /// Why a Sozialraum `id` (nil for a new one) may not have `parentID` and `level`, or nil
    /// when it may: cities have no parent, every other level lies below a higher level, and a
    /// node never moves below itself or one of its descendants (no cycles).
    public static func sozialraumProblem(_ db: Database, id: String?, parentID: String?, level: String) throws -> DirectoryWriter.FieldProblem? {
        guard let rank = sozialraumLevels.firstIndex(of: level) else {
            return .init(field: "level", message: "Bitte eine Ebene wählen.")
        }
        if let id {
            let childLevels = try db.query("SELECT level FROM sozialraum WHERE parent_id = ?", id) { $0.string(0) }
            if childLevels.contains(where: { (sozialraumLevels.firstIndex(of: $0) ?? 99) <= rank }) {
                return .init(field: "level", message: "Darunter liegen Gebiete derselben oder einer höheren Ebene; bitte eine höhere Ebene wählen.")
            }
        }
        guard let parentID else {
            return level == "stadt" ? nil : .init(field: "parent_id", message: "Bitte das übergeordnete Gebiet wählen (nur eine Stadt steht ganz oben).")
        }
        if level == "stadt" { return .init(field: "parent_id", message: "Eine Stadt liegt in keinem anderen Gebiet.") }
        guard let parentLevel = try db.scalarString("SELECT level FROM sozialraum WHERE id = ?", parentID) else {
            return .init(field: "parent_id", message: "Dieses Gebiet gibt es nicht.")
        }
        if let id {
            if parentID == id { return .init(field: "parent_id", message: "Ein Gebiet kann nicht in sich selbst liegen.") }
            let below = try db.scalarInt("SELECT count(*) FROM sozialraum_closure WHERE descendant = ? AND ancestor = ?", parentID, id) ?? 0
            if below > 0 { return .init(field: "parent_id", message: "Das gewählte Gebiet liegt selbst darunter; so entstünde ein Kreis.") }
        }
        guard (sozialraumLevels.firstIndex(of: parentLevel) ?? 99) < rank else {
            return .init(field: "parent_id", message: "Ein \(levelLabel(level)) muss in einem Gebiet einer höheren Ebene liegen (nicht in: \(levelLabel(parentLevel))).")
        }
        return nil
    }

    /// Why term `id` (nil for a new one) of taxonomy `taxonomyID` may not have `parentID`, or nil
    /// when it may: the need taxonomy has two levels (a need lies in a category, a category
    /// with needs stays on top); other vocabularies are flat.
    public static func termProblem(_ db: Database, id: String?, parentID: String?, taxonomyID: String) throws -> DirectoryWriter.FieldProblem? {
        guard let parentID else { return nil }
        let code = try db.scalarString("SELECT code FROM taxonomy WHERE id = ?", taxonomyID)
        guard code == TaxonomyCode.need.rawValue else {
            return .init(field: "parent_id", message: "Dieses Vokabular hat keine Unterbegriffe.")
        }
        if parentID == id { return .init(field: "parent_id", message: "Ein Begriff kann nicht unter sich selbst stehen.") }
        guard let parent = try db.queryFirst("SELECT taxonomy_id, parent_id FROM taxonomy_term WHERE id = ?", parentID,
                                             transform: { ($0.string(0), $0.optionalString(1)) }), parent.0 == taxonomyID else {
            return .init(field: "parent_id", message: "Diese Kategorie gibt es nicht.")
        }
        if parent.1 != nil { return .init(field: "parent_id", message: "Bedarfe haben nur zwei Ebenen: bitte eine Kategorie wählen.") }
        if let id, try db.scalarInt("SELECT count(*) FROM taxonomy_term WHERE parent_id = ?", id) ?? 0 > 0 {
            return .init(field: "parent_id", message: "Diese Kategorie hat Bedarfe und bleibt deshalb oben.")
        }
        return nil
    }
}
