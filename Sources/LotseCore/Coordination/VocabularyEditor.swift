// VocabularyEditor: the coordinators' editing of the need taxonomy (category → need) and the
// target groups — add (code derived from the name, unique in its vocabulary, placed last
// among its siblings), rename, move to another category, retire and offer again. Every change
// goes through DirectoryWriter, so it is in the history; each method is one transaction.
import Foundation
import SQLite

/// The vocabularies coordinators edit, on a store.
public struct VocabularyEditor: Sendable {
    /// The vocabularies edited here, in page order.
    public static let editable: [TaxonomyCode] = [.need, .targetGroup]

    /// One term as listed, with how many records use it.
    public struct Term: Sendable, Equatable {
        /// Id, name and code ("" when none).
        public var id: String, name: String, code: String
        /// The category of a need (nil on top).
        public var parentID: String?
        /// Whether the term is retired (no longer offered).
        public var retired: Bool
        /// How many records (services, locations) use the term.
        public var uses: Int
    }

    /// One term of an editable vocabulary, for its edit form.
    public struct EditableTerm: Sendable, Equatable {
        /// Id and taxonomy id.
        public var id: String, taxonomyID: String
        /// The vocabulary.
        public var vocabulary: TaxonomyCode
        /// Name and category (needs only).
        public var name: String, parentID: String?
        /// Whether the term is retired.
        public var retired: Bool
    }

    /// The database.
    public let store: Store
    /// The instant changes are stamped with.
    public let now: Date

    /// An editor on `store` at `now`.
    public init(store: Store, now: Date = Date()) {
        self.store = store
        self.now = now
    }

    /// The terms of a vocabulary in order (position, name).
    public func terms(_ vocabulary: TaxonomyCode) throws -> [Term] {
        try store.pool.read { db in try Self.terms(vocabulary, db: db) }
    }

    /// The term `id` of an editable vocabulary, or a not-found error.
    public func term(_ id: String) throws -> EditableTerm {
        try store.pool.read { db in try Self.term(id, db: db) }
    }

    /// The code of a new term: the parent's code, a dot and the slug of the name.
    public static func code(name: String, parentCode: String?) -> String {
        (parentCode.map { $0 + "." } ?? "") + Slug.make(name)
    }

    /// Adds a term to `vocabulary` below `parentID` (needs only), with `code` or one derived
    /// from the name; returns its id. Throws `DirectoryWriter.Rejected` with the fields `name`,
    /// `parent_id` and `code`.
    @discardableResult
    public func add(to vocabulary: TaxonomyCode, name: String, parentID: String?, code: String?, by account: Account) throws -> String {
        if name.isEmpty { throw DirectoryWriter.Rejected(problems: [.init(field: "name", message: "Bitte einen Namen angeben.")]) }
        return try store.pool.write { db in
            guard Self.editable.contains(vocabulary),
                  let taxonomy = try db.queryFirst("SELECT id, name FROM taxonomy WHERE code = ?", vocabulary.rawValue,
                                                   transform: { (id: $0.string(0), name: $0.string(1)) }) else {
                throw LotseError(.notFound, "Dieses Vokabular gibt es nicht.")
            }
            if let problem = try Hierarchy.termProblem(db, id: nil, parentID: parentID, taxonomyID: taxonomy.id) {
                throw DirectoryWriter.Rejected(problems: [.init(field: "parent_id", message: problem.message)])
            }
            let parentCode = try parentID.flatMap { try db.scalarString("SELECT code FROM taxonomy_term WHERE id = ?", $0) }
            let code = code ?? Self.code(name: name, parentCode: parentCode)
            guard !code.isEmpty, try db.scalarInt("SELECT count(*) FROM taxonomy_term WHERE taxonomy_id = ? AND code = ?", taxonomy.id, code) == 0 else {
                throw DirectoryWriter.Rejected(problems: [.init(field: "code", message: "Den Code »\(code)« gibt es schon; bitte einen anderen angeben.")])
            }
            let position = (try db.scalarInt("SELECT max(position) FROM taxonomy_term WHERE taxonomy_id = ? AND parent_id IS ?", taxonomy.id, parentID) ?? 0) + 1
            let id = UUID().uuidString.lowercased()
            let writer = try DirectoryWriter(db: db, actor: account.displayName, now: now)
            try writer.write(table: "taxonomy_term", id: id, values: [
                "taxonomy_id": taxonomy.id, "code": code, "name": name, "parent_id": parentID, "position": String(position),
                "taxonomy": taxonomy.name, "language": "de",
            ])
            try writer.finish()
            return id
        }
    }

    /// Renames term `id` and moves it to category `parentID` (ignored outside the needs).
    /// Throws `DirectoryWriter.Rejected` (fields `name`, `parent_id`) or not-found.
    public func update(_ id: String, name: String, parentID: String?, by account: Account) throws {
        try store.pool.write { db in
            let term = try Self.term(id, db: db)
            var problems: [DirectoryWriter.FieldProblem] = []
            if name.isEmpty { problems.append(.init(field: "name", message: "Bitte einen Namen angeben.")) }
            let parent = term.vocabulary == .need ? parentID : nil
            if let problem = try Hierarchy.termProblem(db, id: term.id, parentID: parent, taxonomyID: term.taxonomyID) { problems.append(problem) }
            guard problems.isEmpty else { throw DirectoryWriter.Rejected(problems: problems) }
            let writer = try DirectoryWriter(db: db, actor: account.displayName, now: now)
            try writer.write(table: "taxonomy_term", id: term.id, values: ["name": name, "parent_id": parent])
            try writer.finish()
        }
    }

    /// Retires term `id` (`retired` true) or offers it again; references stay.
    public func setRetired(_ id: String, _ retired: Bool, by account: Account) throws {
        try store.pool.write { db in
            let term = try Self.term(id, db: db)
            try Retirement.set(retired, table: "taxonomy_term", id: term.id, db: db, actor: account.displayName, now: now)
        }
    }

    /// The terms of `vocabulary` on `db` (see `terms(_:)`).
    static func terms(_ vocabulary: TaxonomyCode, db: Database) throws -> [Term] {
        try db.query("""
            SELECT tt.id, tt.name, coalesce(tt.code, ''), tt.parent_id, tt.retired_at IS NOT NULL,
                   (SELECT count(*) FROM attribute a WHERE a.taxonomy_term_id = tt.id)
            FROM taxonomy_term tt JOIN taxonomy t ON t.id = tt.taxonomy_id WHERE t.code = ? ORDER BY tt.position, tt.name
            """, vocabulary.rawValue) {
            Term(id: $0.string(0), name: $0.string(1), code: $0.string(2), parentID: $0.optionalString(3), retired: $0.bool(4), uses: $0.int(5))
        }
    }

    /// Term `id` of an editable vocabulary on `db`, or a not-found error.
    static func term(_ id: String, db: Database) throws -> EditableTerm {
        guard let row = try db.queryFirst("""
            SELECT tt.taxonomy_id, t.code, tt.name, tt.parent_id, tt.retired_at IS NOT NULL FROM taxonomy_term tt JOIN taxonomy t ON t.id = tt.taxonomy_id WHERE tt.id = ?
            """, id, transform: { ($0.string(0), $0.optionalString(1), $0.string(2), $0.optionalString(3), $0.bool(4)) }),
            let vocabulary = row.1.flatMap(TaxonomyCode.init(rawValue:)), editable.contains(vocabulary) else {
            throw LotseError(.notFound, "Diesen Begriff gibt es in den hier gepflegten Vokabularen nicht.")
        }
        return EditableTerm(id: id, taxonomyID: row.0, vocabulary: vocabulary, name: row.2, parentID: row.3, retired: row.4)
    }
}
