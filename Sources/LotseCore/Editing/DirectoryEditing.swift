// DirectoryEditing: the provider self-service over the directory — who may edit a record, the
// names and records the editing forms show, validating and queueing structural changes for
// review, and the edits that apply at once (confirmation, capacity, opening hours). Each call
// runs in its own transaction on the store. Facets: +Records, +Choices, +Review, +Dashboard.
import Foundation
import SQLite

/// Directory editing for the `/pflege` pages.
public struct DirectoryEditing: Sendable {
    /// The store read from and written to.
    public let store: Store
    /// The instant every change is stamped with.
    public let now: Date

    /// The editing service on `store` at `now`.
    public init(store: Store, now: Date = Date()) {
        self.store = store
        self.now = now
    }

    // MARK: Access

    /// The organization that owns record `id` of `table` (see RecordOwnership); 404 when
    /// there is no such record.
    public func owner(table: String, id: String) throws -> String {
        guard let owner = try store.pool.read({ try RecordOwnership(db: $0).owner(table: table, id: id) }) else {
            throw LotseError(.notFound, "Diesen Eintrag gibt es nicht (mehr).")
        }
        return owner
    }

    /// The owning organization of record `id` of `table`; 403 unless `account` may edit it
    /// (its own organizations' editors and coordinators).
    public func authorize(_ account: Account, table: String, id: String) throws -> String {
        let organization = try owner(table: table, id: id)
        guard account.mayEdit(organization: organization) else {
            throw LotseError(.forbidden, "Sie dürfen nur die Einträge Ihrer eigenen Organisation bearbeiten.")
        }
        return organization
    }

    // MARK: Names

    /// Tables whose records `name(of:id:)` reads.
    static let namedTables: Set<String> = ["organization", "service", "location", "contact", "taxonomy_term", "sozialraum", "unit"]

    /// The name of record `id` of `table` (organization, service, location, …), if it has one.
    public func name(of table: String, id: String) throws -> String? {
        guard Self.namedTables.contains(table) else { return nil }
        return try store.pool.read { try $0.scalarString("SELECT name FROM \(table) WHERE id = ?", id) }
    }

    /// A contact's name, else its function (for "Kontakt »…« entfernen").
    public func contactLabel(_ id: String) throws -> String? {
        try store.pool.read { try $0.scalarString("SELECT coalesce(name, title, 'Kontakt') FROM contact WHERE id = ?", id) }
    }

    // MARK: Changes for review

    /// The directory's own checks of `rows` (types, plausibility, references; rows created
    /// alongside may be referenced), so a form shows them together with its own checks.
    public func problems(_ rows: [RowChange]) throws -> [DirectoryWriter.FieldProblem] {
        try store.pool.read { db in
            let writer = try DirectoryWriter(db: db, actor: "", now: now)
            var alongside: [String: Set<String>] = [:]
            for row in rows where !row.delete { alongside[row.table, default: []].insert(row.id) }
            return try rows.filter { !$0.delete }.flatMap { try writer.problems(table: $0.table, id: $0.id, values: $0.values, alongside: alongside) }
        }
    }

    /// Queues `rows` for review (replacing a pending change of the same record); throws
    /// `DirectoryWriter.Rejected` for the form to show.
    public func submit(_ rows: [RowChange], organization: String, entity: String, entityID: String, action: String, summary: String,
                       by account: Account) throws {
        try store.pool.write { db in
            try ReviewQueue(db: db, now: now).submit(organizationID: organization, entity: entity, entityID: entityID, action: action,
                                                     summary: summary, rows: rows, by: account)
        }
    }

    /// Withdraws the account's pending change `id`.
    public func withdraw(_ id: String, by account: Account) throws {
        try store.pool.write { try ReviewQueue(db: $0, now: now).withdraw(id, by: account) }
    }

    // MARK: Edits that apply at once

    /// "Angaben unverändert bestätigen" for an organization or service.
    public func confirm(table: String, id: String, by account: Account) throws {
        try store.pool.write { db in
            let writer = try DirectoryWriter(db: db, actor: account.displayName, now: now)
            try Verification.confirm(table: table, id: id, by: account, writer: writer, now: now)
            try writer.finish()
        }
    }

    /// Sets a service's capacity status and note and the free places of its counted units
    /// (`available`: service_capacity id → number), with now as "Stand".
    public func updateCapacity(serviceID: String, status: CapacityStatus, note: String?, available: [(id: String, number: String)],
                               by account: Account) throws {
        try store.pool.write { db in
            let writer = try DirectoryWriter(db: db, actor: account.displayName, now: now)
            try Verification.updateCapacity(serviceID: serviceID, status: status, note: note, writer: writer, now: now)
            for (row, number) in available {
                try writer.write(table: "service_capacity", id: row, values: ["available": number, "updated": Timestamp.string(now)])
            }
            try writer.finish()
        }
    }

    /// Replaces a service's simple weekly opening hours (see Verification.replaceOpeningHours);
    /// throws `DirectoryWriter.Rejected` for the form.
    public func replaceOpeningHours(serviceID: String, blocks: [Verification.OpeningBlock], by account: Account) throws {
        try store.pool.write { db in
            let writer = try DirectoryWriter(db: db, actor: account.displayName, now: now)
            try Verification.replaceOpeningHours(serviceID: serviceID, blocks: blocks, writer: writer, db: db)
            try writer.finish()
        }
    }

    // MARK: Correction suggestions

    /// Records a public correction suggestion for a service (see Corrections.suggest).
    public func suggestCorrection(serviceID: String, text: String) throws {
        try store.pool.write { try Corrections(db: $0, now: now).suggest(serviceID: serviceID, text: text) }
    }

    /// Marks suggestion `id` done, dismissed or open again.
    public func handleCorrection(_ id: String, status: Corrections.Status, by account: Account) throws {
        try store.pool.write { try Corrections(db: $0, now: now).handle(id, status: status, by: account) }
    }
}
