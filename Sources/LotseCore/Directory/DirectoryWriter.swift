// DirectoryWriter: the write path of edits made in Lotse itself (forms, the review queue,
// coordinator tools). It checks each field with a German message a form can show next to the
// field, writes through TableImporter (types, references, upsert) and keeps the field-level
// history (HSDS metadata: who, when, old → new), then refreshes the search documents.
import Foundation
import SQLite

/// Writes directory records inside the caller's write transaction.
public final class DirectoryWriter {
    let db: Database
    let now: Date
    /// Recorded as `updated_by`.
    public let actor: String
    private let specs: TableSpecs

    /// A problem with one field.
    public struct FieldProblem: Error, Sendable, Equatable, CustomStringConvertible {
        /// The column, or "" for the record as a whole.
        public let field: String
        /// German message.
        public let message: String
        public var description: String { field.isEmpty ? message : "\(field): \(message)" }

        /// Creates a problem for `field` ("" for the record as a whole).
        public init(field: String, message: String) {
            self.field = field
            self.message = message
        }
    }

    /// Several field problems at once (a form shows them all).
    public struct Rejected: Error, Sendable, CustomStringConvertible {
        public let problems: [FieldProblem]

        /// Creates a rejection with these problems.
        public init(problems: [FieldProblem]) { self.problems = problems }

        public var description: String { problems.map(\.description).joined(separator: "; ") }
    }

    /// What writing a record did.
    public enum Outcome: Sendable, Equatable {
        case created, updated([String]), unchanged
    }

    /// Prepares a writer on `db` (inside a write transaction).
    public init(db: Database, actor: String, now: Date = Date()) throws {
        self.db = db
        self.now = now
        self.actor = actor
        specs = try TableSpecs.load(db)
    }

    /// Checks values for a record of `table` without writing: types, required fields (for new
    /// records), references, and plausibility of e-mail, web addresses, phone numbers and
    /// opening times. `alongside` names records (table → ids) created in the same change, which
    /// references may point at although they do not exist yet.
    public func problems(table: String, id: String, values: [String: String?],
                         alongside: [String: Set<String>] = [:]) throws -> [FieldProblem] {
        guard let spec = specs.table(table) else { return [FieldProblem(field: "", message: "Unbekannte Tabelle \(table)")] }
        let exists = try db.scalarInt("SELECT count(*) FROM \(table) WHERE id = ?", id) == 1
        var problems: [FieldProblem] = []
        for column in spec.columns where column.name != "id" {
            let raw = values[column.name] ?? nil
            let value = raw.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
            guard let value else {
                let mentioned = values.keys.contains(column.name)
                if column.required && (!exists || mentioned) { problems.append(FieldProblem(field: column.name, message: "Bitte ausfüllen.")) }
                continue
            }
            if case .failure(let message) = TableImporter.convert(value, column.kind) {
                problems.append(FieldProblem(field: column.name, message: message))
                continue
            }
            if let message = Self.plausibility(column.name, value) {
                problems.append(FieldProblem(field: column.name, message: message))
            }
            if let target = column.references, target != table || value != id, alongside[target]?.contains(value) != true,
               try db.scalarInt("SELECT count(*) FROM \(target) WHERE id = ?", value) != 1 {
                problems.append(FieldProblem(field: column.name, message: "Verweis auf einen Eintrag, den es nicht gibt."))
            }
        }
        if let opens = values["opens_at"] ?? nil, let closes = values["closes_at"] ?? nil, !opens.isEmpty, !closes.isEmpty,
           let open = SearchIndex.minutes(opens), let close = SearchIndex.minutes(closes), close <= open, close != 0 {
            problems.append(FieldProblem(field: "closes_at", message: "Das Ende muss nach dem Beginn liegen."))
        }
        return problems
    }

    /// Checks, then writes one record (only the given columns change). Throws `Rejected`.
    @discardableResult
    public func write(table: String, id: String, values: [String: String?]) throws -> Outcome {
        let problems = try self.problems(table: table, id: id, values: values)
        guard problems.isEmpty else { throw Rejected(problems: problems) }
        let columns = ["id"] + values.keys.sorted()
        // A fresh importer per write: its duplicate-id guard is for files, not for successive edits.
        var options = ImportOptions()
        options.updatedBy = actor
        let importer = try TableImporter(db: db, specs: specs, options: options, now: now)
        let before = importer.report.counts(of: table)
        let session = try importer.begin(table: table, source: "Formular", columns: columns, partial: true)
        try importer.importRow(session, [id] + values.keys.sorted().map { values[$0] ?? nil }, line: nil)
        let after = importer.report.counts(of: table)
        if after.rejected > before.rejected {
            throw Rejected(problems: [FieldProblem(field: "", message: importer.report.problems.last?.message ?? "Speichern nicht möglich.")])
        }
        if after.created > before.created {
            // One history row per field set, so that the history shows what a new record held.
            if let stored = try TableColumns.load(table, where: "id = ?", [id], in: db).first {
                for column in values.keys.sorted() {
                    let value = TableImporter.text(stored[column])
                    if !value.isEmpty { try history(table: table, id: id, action: "create", field: column, old: "", new: value) }
                }
            }
            return .created
        }
        if after.updated > before.updated {
            let fields = try db.query("""
                SELECT field_name FROM metadata WHERE resource_id = ? AND last_action_date = ? AND updated_by = ? ORDER BY rowid
                """, id, Timestamp.string(now), actor) { $0.string(0) }
            return .updated(Array(Set(fields)).sorted())
        }
        return .unchanged
    }

    /// Deletes a record (its dependants go by ON DELETE CASCADE) and notes it in the history,
    /// one row per field it held (old value → "").
    public func delete(table: String, id: String) throws {
        guard specs.table(table) != nil else { throw LotseError(.invalidInput, "Unbekannte Tabelle \(table)") }
        let stored = try TableColumns.load(table, where: "id = ?", [id], in: db).first
        try db.execute("DELETE FROM \(table) WHERE id = ?", id)
        guard db.changes > 0, let stored else { return }
        for (column, value) in zip(stored.columns, stored.values) where !["id", "created_at", "last_modified"].contains(column) {
            let text = TableImporter.text(value)
            if !text.isEmpty { try history(table: table, id: id, action: "delete", field: column, old: text, new: "") }
        }
    }

    /// Refreshes search documents for everything written; call before the transaction ends.
    public func finish() throws {
        try SearchDocuments.refresh(db)
    }

    private func history(table: String, id: String, action: String, field: String, old: String, new: String) throws {
        try db.execute("""
            INSERT INTO metadata(id, resource_id, resource_type, last_action_date, last_action_type, field_name,
                previous_value, replacement_value, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, UUID().uuidString.lowercased(), id, table, Timestamp.string(now), action, field, old, new, actor)
    }

    /// A German message when a value is implausible for its column, else nil.
    static func plausibility(_ column: String, _ value: String) -> String? {
        switch column {
        case "email", "assurer_email":
            return AccountStore.isValidEmail(value) ? nil : "Bitte eine gültige E-Mail-Adresse angeben (name@beispiel.de)."
        case "url", "website", "uri", "term_uri", "schedule_link", "logo":
            return value.hasPrefix("https://") || value.hasPrefix("http://") ? nil : "Bitte eine Webadresse mit https:// angeben."
        case "number":
            let allowed = Set("+0123456789 ()-/")
            return value.count >= 5 && value.allSatisfy({ allowed.contains($0) }) ? nil : "Bitte eine Telefonnummer mit Ziffern angeben, z. B. +49 30 23125 000."
        case "postal_code":
            return value.count == 5 && value.allSatisfy(\.isNumber) ? nil : "Bitte eine fünfstellige Postleitzahl angeben."
        case "name":
            return value.count <= 300 ? nil : "Der Name ist zu lang (höchstens 300 Zeichen)."
        default:
            return value.count <= 20_000 ? nil : "Der Text ist zu lang."
        }
    }
}
