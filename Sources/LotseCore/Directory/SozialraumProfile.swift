// SozialraumProfile: what the public Sozialraum page shows about one area — its path from the
// city down, its sub-areas and the listed organizations with a public location in it. Supply
// counts come from the search, so that they always match the linked result lists.
import SQLite

/// One Sozialraum with its neighbourhood in the tree.
public struct SozialraumProfile: Sendable {
    /// The area itself.
    public let area: Record
    /// Its ancestors, from the city down to its parent.
    public let ancestors: [Record]
    /// Its current sub-areas, in position then name order.
    public let children: [Record]
    /// Listed organizations with a public location in the area or one of its sub-areas, by name.
    /// Confidential locations (`network`, `internal`) never count, so a shelter stays unplaced.
    public let organizations: [Record]

    /// Loads the profile of the area with `code`; nil when there is no such (current) area.
    public static func load(code: String, from db: Database) throws -> SozialraumProfile? {
        guard let area = try TableColumns.load("sozialraum", where: "code = ? AND retired_at IS NULL", [code], in: db).first else {
            return nil
        }
        var ancestors: [Record] = []
        var parentID = area.text("parent_id")
        while let id = parentID, ancestors.count < 16,
              let parent = try TableColumns.load("sozialraum", where: "id = ?", [id], in: db).first {
            ancestors.insert(parent, at: 0)
            parentID = parent.text("parent_id")
        }
        let children = try TableColumns.load("sozialraum", where: "parent_id = ? AND retired_at IS NULL", [area.id],
                                             order: "position, name", in: db)
        let organizations = try TableColumns.load("organization", where: """
            membership_status = 'member' AND hidden = 0 AND id IN (
                SELECT l.organization_id FROM location l JOIN sozialraum_closure c ON c.descendant = l.sozialraum_id
                WHERE c.ancestor = ? AND l.visibility = 'public')
            """, [area.id], order: "name, id", in: db)
        return SozialraumProfile(area: area, ancestors: ancestors, children: children, organizations: organizations)
    }
}
