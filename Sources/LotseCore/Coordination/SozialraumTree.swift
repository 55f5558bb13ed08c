// SozialraumTree: the coordinators' editing of the Sozialraum tree (city → Bezirk → Stadtteil
// → Quartier) — add (code from the parent's code and the name, unique, placed last among its
// siblings), rename, change level, move (refusing cycles and level inversions, see Hierarchy),
// set the Land of a city (the top level; every area below inherits it, and its holidays stop
// the referral clock), keep its population and centre point (see SozialraumTree+Figures),
// retire and offer again; and the areas as choices for pickers. Each method is one
// transaction, recorded in the change history like every directory write.
import Foundation
import SQLite

/// The Sozialraum tree on a store.
public struct SozialraumTree: Sendable {
    /// One area as stored.
    public struct Area: Sendable, Equatable {
        /// Id, code, parent, name, level (stadt … quartier) and whether it is retired.
        public var id: String, code: String, parentID: String?, name: String, level: String, retired: Bool
        /// The Land of a city (top level); nil below it, where the city's applies.
        public var land: GermanLand? = nil
        /// The residents and the centre point, where known.
        public var population: Int? = nil, latitude: Double? = nil, longitude: Double? = nil
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

    /// The Land of area `id`: that of the city at the top of its tree (nil when unknown).
    public func land(of id: String) throws -> GermanLand? {
        try store.pool.read { db in try Self.land(of: id, db: db) }
    }

    /// The Land of area `id` on `db`: the top level's `state_code`, which every area below inherits.
    public static func land(of id: String, db: Database) throws -> GermanLand? {
        GermanLand(code: try db.scalarString("""
            SELECT s.state_code FROM sozialraum_closure c JOIN sozialraum s ON s.id = c.ancestor
            WHERE c.descendant = ? AND s.parent_id IS NULL ORDER BY c.distance DESC LIMIT 1
            """, id))
    }

    /// Why `land` (a code, empty for none) does not fit an area with `parentID`, or nil: a city
    /// (the top level) needs one of the sixteen Länder, an area below inherits its city's.
    static func landProblem(_ land: String?, parentID: String?) -> DirectoryWriter.FieldProblem? {
        let given = land?.trimmingCharacters(in: .whitespaces) ?? ""
        if parentID != nil {
            return given.isEmpty ? nil
                : .init(field: "land", message: "Nur eine Stadt (oberste Ebene) hat ein eigenes Land; die Gebiete darunter übernehmen es.")
        }
        if given.isEmpty { return .init(field: "land", message: "Bitte das Land der Stadt wählen: Seine Feiertage zählen bei den Antwortfristen.") }
        return GermanLand(code: given) == nil ? .init(field: "land", message: "Unbekanntes Land: \(given)") : nil
    }

    /// Adds an area and returns its id; a city needs its `land` (code such as "SN"), an area
    /// below takes its city's; `figures` are its population and centre point. Throws
    /// `DirectoryWriter.Rejected` with the fields `name`, `level`, `parent_id`, `land`, `code`,
    /// `population`, `latitude` and `longitude`.
    @discardableResult
    public func add(name: String, level: String, parentID: String?, code: String?, land: String? = nil, figures: Figures = Figures(),
                    by account: Account) throws -> String {
        try store.pool.write { db in
            var problems: [DirectoryWriter.FieldProblem] = []
            if name.isEmpty { problems.append(.init(field: "name", message: "Bitte einen Namen angeben.")) }
            if let problem = try Hierarchy.sozialraumProblem(db, id: nil, parentID: parentID, level: level) { problems.append(problem) }
            if let problem = Self.landProblem(land, parentID: parentID) { problems.append(problem) }
            let parsed = figures.parsed()
            if case .failure(let rejected) = parsed { problems += rejected.problems }
            let parentCode = try parentID.flatMap { try db.scalarString("SELECT code FROM sozialraum WHERE id = ?", $0) }
            let code = code ?? Self.code(name: name, parentCode: parentCode)
            if problems.isEmpty, try db.scalarInt("SELECT count(*) FROM sozialraum WHERE code = ?", code) != 0 {
                problems.append(.init(field: "code", message: "Den Code »\(code)« gibt es schon; bitte einen anderen angeben."))
            }
            guard problems.isEmpty else { throw DirectoryWriter.Rejected(problems: problems) }
            let position = (try db.scalarInt("SELECT max(position) FROM sozialraum WHERE parent_id IS ?", parentID) ?? 0) + 1
            let id = UUID().uuidString.lowercased()
            let writer = try DirectoryWriter(db: db, actor: account.displayName, now: now)
            var values: [String: String?] = [
                "code": code, "parent_id": parentID, "name": name, "level": level, "kind": Hierarchy.levelLabel(level), "position": String(position),
                "state_code": parentID == nil ? GermanLand(code: land)?.rawValue : nil,
            ]
            if case .success(let figures) = parsed { values.merge(Figures.columns(figures)) { _, new in new } }
            try writer.write(table: "sozialraum", id: id, values: values)
            try writer.finish()
            return id
        }
    }

    /// Renames area `id`, changes its level, moves it below `parentID` and sets the Land of a
    /// city (`land`, required at the top level, refused below: moved below a parent, an area
    /// takes the Land of its new city) and, when given, its population and centre point
    /// (`figures`; nil leaves them); the code stays. Throws `DirectoryWriter.Rejected` (fields
    /// `name`, `level`, `parent_id`, `land`, `population`, `latitude`, `longitude`) or not-found.
    public func update(_ id: String, name: String, level: String, parentID: String?, land: String? = nil, figures: Figures? = nil,
                       by account: Account) throws {
        try store.pool.write { db in
            let area = try Self.area(id, db: db)
            var problems: [DirectoryWriter.FieldProblem] = []
            if name.isEmpty { problems.append(.init(field: "name", message: "Bitte einen Namen angeben.")) }
            if let problem = try Hierarchy.sozialraumProblem(db, id: area.id, parentID: parentID, level: level) { problems.append(problem) }
            if let problem = Self.landProblem(land, parentID: parentID) { problems.append(problem) }
            let parsed = figures?.parsed()
            if case .failure(let rejected)? = parsed { problems += rejected.problems }
            guard problems.isEmpty else { throw DirectoryWriter.Rejected(problems: problems) }
            let writer = try DirectoryWriter(db: db, actor: account.displayName, now: now)
            var values: [String: String?] = ["name": name, "level": level, "parent_id": parentID,
                                             "state_code": parentID == nil ? GermanLand(code: land)?.rawValue : nil]
            if case .success(let figures)? = parsed { values.merge(Figures.columns(figures)) { _, new in new } }
            try writer.write(table: "sozialraum", id: area.id, values: values)
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
        try db.query("SELECT \(columns) FROM sozialraum ORDER BY position, name", transform: areaOfRow)
    }

    /// The columns `area(_:)` reads.
    private static let columns = "id, code, parent_id, name, level, retired_at IS NOT NULL, state_code, population, latitude, longitude"

    /// An area of a row of `columns`.
    private static func areaOfRow(_ row: Row) -> Area {
        Area(id: row.string(0), code: row.string(1), parentID: row.optionalString(2), name: row.string(3), level: row.string(4),
             retired: row.bool(5), land: row.optionalString(2) == nil ? GermanLand(code: row.optionalString(6)) : nil,
             population: row.optionalInt(7), latitude: row.optionalDouble(8), longitude: row.optionalDouble(9))
    }

    /// Area `id` on `db`, or a not-found error.
    static func area(_ id: String, db: Database) throws -> Area {
        guard let area = try db.queryFirst("SELECT \(columns) FROM sozialraum WHERE id = ?", id, transform: areaOfRow) else { throw LotseError(.notFound, "Dieses Gebiet gibt es nicht.") }
        return area
    }
}
