// SozialraumTree: the coordinators' editing of the Sozialraum tree (city → Bezirk → Stadtteil
// → Quartier) — add (code from the parent's code and the name, unique, placed last among its
// siblings), rename, change level, move (refusing cycles and level inversions, see Hierarchy),
// retire and offer again; and the areas as choices for pickers. Each method is one transaction.
import Foundation
import SQLite

/// The Sozialraum tree on a store.
public struct SozialraumTree: Sendable {
    /// One area as stored.
    public struct Area: Sendable, Equatable {
        /// Id, code, parent, name, level (stadt … quartier) and whether it is retired.
        public var id: String, code: String, parentID: String?, name: String, level: String, retired: Bool
    }

    /// An area offered in a picker: its id and its path ("Dresden › Altstadt › Johannstadt").
    public struct Choice: Sendable, Equatable {
        /// The area's id.
        public var id: String
        /// The path of names, with " (ausgemustert)" for a retired area.
        public var label: String
    }

    /// The database.
    public let store: Store
    /// The instant changes are stamped with.
    public let now: Date

    /// The tree on `store` at `now`.
    public init(store: Store, now: Date = Date()) {
        self.store = store
        self.now = now
    }

    /// Every area, in tree order within each parent (position, name).
    public func areas() throws -> [Area] {
        try store.pool.read { db in try Self.areas(db) }
    }

    /// The area `id`, or a not-found error.
    public func area(_ id: String) throws -> Area {
        try store.pool.read { db in try Self.area(id, db: db) }
    }

    /// The areas as picker choices sorted by path: retired ones left out (except `current`),
    /// and with `excludingBelow`, that area and everything below it.
    public func choices(including current: String? = nil, excludingBelow root: String? = nil) throws -> [Choice] {
        let areas = try store.pool.read { try DirectoryEditing.areaChoices(db: $0, including: current, excludingBelow: root) }
        return areas.map { Choice(id: $0.id, label: $0.path.joined(separator: " › ") + ($0.retired ? " (ausgemustert)" : "")) }
            .sorted { $0.label.localizedStandardCompare($1.label) == .orderedAscending }
    }

    /// The code of a new area: the parent's code and the slug of the name, joined by a hyphen.
    public static func code(name: String, parentCode: String?) -> String {
        let slug = Slug.make(name)
        return [parentCode, slug.isEmpty ? nil : slug].compactMap { $0 }.joined(separator: "-")
    }

    /// Adds an area and returns its id. Throws `DirectoryWriter.Rejected` with the fields
    /// `name`, `level`, `parent_id` and `code`.
    @discardableResult
    public func add(name: String, level: String, parentID: String?, code: String?, by account: Account) throws -> String {
        try store.pool.write { db in
            var problems: [DirectoryWriter.FieldProblem] = []
            if name.isEmpty { problems.append(.init(field: "name", message: "Bitte einen Namen angeben.")) }
            if let problem = try Hierarchy.sozialraumProblem(db, id: nil, parentID: parentID, level: level) { problems.append(problem) }
            let parentCode = try parentID.flatMap { try db.scalarString("SELECT code FROM sozialraum WHERE id = ?", $0) }
            let code = code ?? Self.code(name: name, parentCode: parentCode)
            if problems.isEmpty, try db.scalarInt("SELECT count(*) FROM sozialraum WHERE code = ?", code) != 0 {
                problems.append(.init(field: "code", message: "Den Code »\(code)« gibt es schon; bitte einen anderen angeben."))
            }
            guard problems.isEmpty else { throw DirectoryWriter.Rejected(problems: problems) }
            let position = (try db.scalarInt("SELECT max(position) FROM sozialraum WHERE parent_id IS ?", parentID) ?? 0) + 1
            let id = UUID().uuidString.lowercased()
            let writer = try DirectoryWriter(db: db, actor: account.displayName, now: now)
            try writer.write(table: "sozialraum", id: id, values: [
                "code": code, "parent_id": parentID, "name": name, "level": level, "kind": Hierarchy.levelLabel(level), "position": String(position),
            ])
            try writer.finish()
            return id
        }
    }

    /// Renames area `id`, changes its level and moves it below `parentID`; the code stays.
    /// Throws `DirectoryWriter.Rejected` (fields `name`, `level`, `parent_id`) or not-found.
    public func update(_ id: String, name: String, level: String, parentID: String?, by account: Account) throws {
        try store.pool.write { db in
            let area = try Self.area(id, db: db)
            var problems: [DirectoryWriter.FieldProblem] = []
            if name.isEmpty { problems.append(.init(field: "name", message: "Bitte einen Namen angeben.")) }
            if let problem = try Hierarchy.sozialraumProblem(db, id: area.id, parentID: parentID, level: level) { problems.append(problem) }
            guard problems.isEmpty else { throw DirectoryWriter.Rejected(problems: problems) }
            let writer = try DirectoryWriter(db: db, actor: account.displayName, now: now)
            try writer.write(table: "sozialraum", id: area.id, values: ["name": name, "level": level, "parent_id": parentID])
            try writer.finish()
        }
    }

    /// Retires area `id` (`retired` true) or offers it again; locations keep it.
    public func setRetired(_ id: String, _ retired: Bool, by account: Account) throws {
        try store.pool.write { db in
            let area = try Self.area(id, db: db)
            try Retirement.set(retired, table: "sozialraum", id: area.id, db: db, actor: account.displayName, now: now)
        }
    }

    /// Every area on `db` (see `areas()`).
    static func areas(_ db: Database) throws -> [Area] {
        try db.query("SELECT id, code, parent_id, name, level, retired_at IS NOT NULL FROM sozialraum ORDER BY position, name") {
            Area(id: $0.string(0), code: $0.string(1), parentID: $0.optionalString(2), name: $0.string(3), level: $0.string(4), retired: $0.bool(5))
        }
    }

    /// Area `id` on `db`, or a not-found error.
    static func area(_ id: String, db: Database) throws -> Area {
        guard let area = try db.queryFirst("SELECT id, code, parent_id, name, level, retired_at IS NOT NULL FROM sozialraum WHERE id = ?", id, transform: {
            Area(id: $0.string(0), code: $0.string(1), parentID: $0.optionalString(2), name: $0.string(3), level: $0.string(4), retired: $0.bool(5))
        }) else { throw LotseError(.notFound, "Dieses Gebiet gibt es nicht.") }
        return area
    }
}
