// TableImporter: the one place where imported rows are checked and written. Every format
// (HSDS CSV, HSDS JSON, directory XML, the seeds) turns its input into rows of one table and
// hands them here: values are validated by column kind, required fields and references, then
// upserted (created / updated / unchanged) with a field-level history of updates.
import Foundation
import SQLite

/// Validates and upserts rows inside the caller's write transaction.
public final class TableImporter {
    let db: Database
    let specs: TableSpecs
    let options: ImportOptions
    let now: String
    /// The report so far.
    public private(set) var report = ImportReport()
    private var written: [String: IDSet] = [:]
    private var emptyAtStart: [String: Bool] = [:]
    private var knownInDatabase: [String: Set<String>] = [:]
    /// The search-marking triggers suspended by a bulk load, restored in `finish()`.
    private var suspendedTriggers: [String] = []
    /// The plain indexes of the tables a bulk load fills, rebuilt in `finish()`.
    private var suspendedIndexes: [String] = []

    /// Tables whose rows `attribute.link_id` may point at.
    static let linkableEntities: Set<String> = [
        "organization", "service", "location", "service_at_location", "contact", "phone", "address",
        "schedule", "program", "taxonomy_term",
    ]

    /// Prepares an import on `db`, which must be inside a write transaction.
    public init(db: Database, specs: TableSpecs, options: ImportOptions, now: Date = Date()) throws {
        precondition(db.isInTransaction, "imports run inside a transaction")
        self.db = db
        self.specs = specs
        self.options = options
        self.now = Timestamp.string(now)
        report.dryRun = options.dryRun
        try db.execute("PRAGMA defer_foreign_keys = ON")
        if options.bulkLoad {
            suspendedTriggers = try db.dropTriggers(like: "dirty_%")
            // Empty tables get their plain indexes back in one sort each at the end instead of
            // a random insert per row (unique ones stay: every row is still checked).
            let empty = try specs.tables.map(\.name).filter { try db.scalarInt("SELECT NOT EXISTS (SELECT 1 FROM \($0))") == 1 }
            suspendedIndexes = try db.dropPlainIndexes(on: empty)
        }
    }

    /// The columns of one source mapped onto a table.
    public struct Session {
        /// The table.
        public let table: TableSpec
        /// File or resource name, for messages.
        public let source: String
        /// For each source column, the table column it fills (nil: ignored).
        let mapping: [ColumnSpec?]
        /// ids this source defines, for references within the same table.
        let ownIDs: Set<String>
        let idIndex: Int
        /// Required columns this source does not have (allowed only in partial sessions,
        /// where they make a new row an error).
        let missingRequired: [String]
        /// How many timestamp columns (`created_at`, `last_modified`) the insert fills with the
        /// import time after the source's columns.
        let addedTimestamps: Int
        /// For each source column, the value an empty cell stands for: the import time for a
        /// timestamp column, else the schema default or NULL.
        let emptyValues: [SQLValue]
        let insert: Statement
        let select: Statement
        let update: Statement
    }

    /// Starts a source for `table` with these columns; throws a LotseError when a required
    /// column is missing (unless `partial`: then only new rows need them) or the table is
    /// unknown. `ownIDs` lists ids the source defines for self-references (parents later in
    /// the file).
    public func begin(table name: String, source: String, columns: [String], ownIDs: Set<String> = [],
                      partial: Bool = false) throws -> Session {
        guard let table = specs.table(name) else {
            throw LotseError(.invalidInput, "\(source): unbekannte Tabelle \(name)")
        }
        var mapping: [ColumnSpec?] = []
        var unknown: [String] = []
        var seen = Set<String>()
        for column in columns {
            let trimmed = column.trimmingCharacters(in: .whitespaces)
            guard seen.insert(trimmed).inserted else {
                throw LotseError(.invalidInput, "\(source): Spalte \(trimmed) kommt doppelt vor")
            }
            let spec = table.column(trimmed)
            if spec == nil && !Self.ignoredColumns.contains(trimmed) { unknown.append(trimmed) }
            mapping.append(spec)
        }
        if !unknown.isEmpty {
            note("\(source): unbekannte Spalten ignoriert: \(unknown.joined(separator: ", "))")
        }
        let present = Set(mapping.compactMap { $0?.name })
        let missing = table.columns.filter { $0.required && !present.contains($0.name) }.map(\.name)
        if !missing.isEmpty && !partial {
            throw LotseError(.invalidInput, "\(source): Pflichtspalte\(missing.count > 1 ? "n" : "") \(missing.joined(separator: ", ")) fehl\(missing.count > 1 ? "en" : "t")")
        }
        guard let idIndex = mapping.firstIndex(where: { $0?.name == "id" }) else {
            throw LotseError(.invalidInput, "\(source): Spalte id fehlt")
        }
        if emptyAtStart[name] == nil {
            emptyAtStart[name] = try db.scalarInt("SELECT NOT EXISTS (SELECT 1 FROM \(name))") == 1
        }
        let mapped = mapping.compactMap { $0 }
        var insertColumns = mapped.map(\.name)
        if table.hasTimestamps {
            for column in ["created_at", "last_modified"] where !insertColumns.contains(column) { insertColumns.append(column) }
        }
        let updateColumns = mapped.map(\.name).filter { $0 != "id" }
        let insert = try db.prepare("INSERT INTO \(name) (\(insertColumns.joined(separator: ", "))) VALUES (\(insertColumns.map { _ in "?" }.joined(separator: ", ")))")
        let select = try db.prepare("SELECT \(mapped.map(\.name).joined(separator: ", ")) FROM \(name) WHERE id = ?")
        let touch = table.hasTimestamps && !updateColumns.contains("last_modified") ? ", last_modified = ?" : ""
        let update = try db.prepare("UPDATE \(name) SET \((updateColumns.isEmpty ? ["id"] : updateColumns).map { "\($0) = ?" }.joined(separator: ", "))\(touch) WHERE id = ?")
        let emptyValues = mapping.map { spec -> SQLValue in
            guard let spec else { return .null }
            return TableSpecs.autofilled.contains(spec.name) && table.hasTimestamps ? .text(now) : spec.defaultValue ?? .null
        }
        return Session(table: table, source: source, mapping: mapping, ownIDs: ownIDs, idIndex: idIndex,
                       missingRequired: missing, addedTimestamps: insertColumns.count - mapped.count,
                       emptyValues: emptyValues,
                       insert: insert, select: select, update: update)
    }

    /// Value ranges of numeric columns, checked before the database's CHECK constraints so
    /// that the message is clear.
    static let ranges: [String: ClosedRange<Double>] = ["latitude": -90...90, "longitude": -180...180]

    /// Columns of foreign HSDS data that Lotse deliberately does not store.
    static let ignoredColumns: Set<String> = ["timezone"]

    /// Validates one row (values aligned with the session's columns; nil or "" is NULL) and
    /// writes it. Problems reject the row and are recorded in the report.
    public func importRow(_ session: Session, _ values: [String?], line: Int?) throws {
        let table = session.table.name
        func reject(_ message: String) {
            report.reject(table, ImportProblem(source: session.source, line: line, message: message))
        }
        guard values.count == session.mapping.count else {
            reject("\(values.count) Felder statt \(session.mapping.count)")
            return
        }
        var problems: [String] = []
        var row: [(ColumnSpec, SQLValue)] = []
        row.reserveCapacity(values.count)
        for (index, spec) in session.mapping.enumerated() {
            guard let spec else { continue }
            let raw = values[index].flatMap { $0.isEmpty ? nil : $0 }
            guard let raw else {
                if spec.required { problems.append("Pflichtfeld \(spec.name) ist leer") }
                row.append((spec, session.emptyValues[index]))
                continue
            }
            switch Self.convert(raw, spec.kind) {
            case .success(let value):
                if case .real(let number) = value, let range = Self.ranges[spec.name], !range.contains(number) {
                    problems.append("Feld \(spec.name): \(raw) liegt nicht zwischen \(Int(range.lowerBound)) und \(Int(range.upperBound))")
                }
                row.append((spec, value))
            case .failure(let message): problems.append("Feld \(spec.name): \(message)")
            }
        }
        let id = values[session.idIndex] ?? ""
        if !id.isEmpty && written[table]?.contains(id) == true {
            problems.append("id \(id) kommt mehrfach vor")
        }
        if problems.isEmpty { problems += try checkReferences(&row, session: session, line: line) }
        guard problems.isEmpty else {
            reject(problems.joined(separator: "; "))
            return
        }
        try upsert(row, id: id, session: session, reject: reject)
    }

    /// True when a row with `id` was already written to `table` by this import (formats that
    /// repeat shared objects, such as HSDS JSON lines, skip the repetitions).
    public func hasWritten(_ table: String, id: String) -> Bool {
        written[table]?.contains(id) == true
    }

    /// Adds a non-fatal note to the report.
    public func note(_ text: String) { report.note(text) }

    /// Reports a row-level problem found by a format reader (e.g. a malformed JSON line).
    public func rejectRow(table: String, source: String, line: Int?, message: String) {
        report.reject(table, ImportProblem(source: source, line: line, message: message))
    }

    /// Checks every reference. A dangling optional reference is removed (set to NULL) with a
    /// note; a dangling required one is a problem that rejects the row.
    private func checkReferences(_ row: inout [(ColumnSpec, SQLValue)], session: Session, line: Int?) throws -> [String] {
        var problems: [String] = []
        var linkEntity: String?
        let isAttribute = session.table.name == "attribute"
        if isAttribute {
            for (spec, value) in row where spec.name == "link_entity" {
                if case .text(let entity) = value { linkEntity = entity }
            }
        }
        for index in row.indices {
            guard case .text(let reference) = row[index].1 else { continue }
            let spec = row[index].0
            guard spec.references != nil || isAttribute else { continue }
            var target = spec.references
            if isAttribute && spec.name == "link_id" {
                guard let entity = linkEntity, Self.linkableEntities.contains(entity) else {
                    problems.append("link_entity \(linkEntity ?? "") ist unbekannt (erlaubt: \(Self.linkableEntities.sorted().joined(separator: ", ")))")
                    continue
                }
                target = entity
            }
            guard let target else { continue }
            if target == session.table.name && session.ownIDs.contains(reference) { continue }
            if try exists(reference, in: target) { continue }
            if spec.required || spec.name == "link_id" {
                problems.append("Feld \(spec.name): unbekannte id \(reference) (\(target))")
            } else {
                row[index].1 = .null
                report.note(ImportProblem(source: session.source, line: line,
                                          message: "Feld \(spec.name): unbekannte id \(reference) (\(target)), Verweis entfernt"))
            }
        }
        return problems
    }

    /// True when `id` exists in `table`, written by this import or already in the database.
    func exists(_ id: String, in table: String) throws -> Bool {
        if written[table]?.contains(id) == true { return true }
        if knownInDatabase[table]?.contains(id) == true { return true }
        let found = try db.scalarInt("SELECT EXISTS (SELECT 1 FROM \(table) WHERE id = ?)", id) == 1
        if found { knownInDatabase[table, default: []].insert(id) }
        return found
    }

    private func upsert(_ row: [(ColumnSpec, SQLValue)], id: String, session: Session, reject: (String) -> Void) throws {
        let table = session.table.name
        var existing: [SQLValue]?
        if emptyAtStart[table] != true {
            existing = try session.select.first([id]) { result in (0..<result.count).map { result.value($0) } }
        }
        do {
            if let existing {
                let changed = zip(row, existing).filter { !Self.same($0.0.1, $0.1) }
                if changed.isEmpty {
                    report.add(table) { $0.unchanged += 1 }
                } else {
                    var values: [SQLBindable?] = row.filter { $0.0.name != "id" }.map { $0.1 }
                    if values.isEmpty { values = [id] }
                    if session.table.hasTimestamps
                        && !row.contains(where: { $0.0.name == "last_modified" }) { values.append(now) }
                    values.append(id)
                    try session.update.run(values)
                    try recordHistory(table: table, id: id, changes: changed.map { ($0.0.0.name, $0.1, $0.0.1) })
                    report.add(table) { $0.updated += 1 }
                }
            } else {
                guard session.missingRequired.isEmpty else {
                    reject("neuer Eintrag ohne Pflichtfelder \(session.missingRequired.joined(separator: ", "))")
                    return
                }
                var values: [SQLBindable?] = row.map { $0.1 }
                for _ in 0..<session.addedTimestamps { values.append(now) }
                try session.insert.run(values)
                report.add(table) { $0.created += 1 }
            }
            written[table, default: IDSet()].insert(id)
        } catch let error as SQLiteError where error.isConstraintViolation {
            reject("verletzt eine Regel der Datenbank (\(Self.constraintText(error)))")
        }
    }

    /// Writes HSDS metadata rows for changed fields of an updated record.
    private func recordHistory(table: String, id: String, changes: [(String, SQLValue, SQLValue)]) throws {
        for (field, old, new) in changes where field != "last_modified" {
            try db.execute("""
                INSERT INTO metadata(id, resource_id, resource_type, last_action_date, last_action_type,
                    field_name, previous_value, replacement_value, updated_by)
                VALUES (?, ?, ?, ?, 'update', ?, ?, ?, ?)
                """, UUID().uuidString.lowercased(), id, table, now, field, Self.text(old), Self.text(new), options.updatedBy)
        }
    }

    /// Refreshes the search documents and returns the report; throws `ImportRolledBack` when
    /// the caller's transaction must be rolled back (dry run, or rejections without
    /// `skipInvalid`).
    public func finish() throws -> ImportReport {
        try db.restoreIndexes(suspendedIndexes)
        suspendedIndexes = []
        if !suspendedTriggers.isEmpty {
            try db.restoreTriggers(suspendedTriggers)
            suspendedTriggers = []
            try SearchDocuments.refreshAll(db)
        }
        try SearchDocuments.refresh(db)
        if options.dryRun || (report.problemCount > 0 && !options.skipInvalid) {
            throw ImportRolledBack(report: report)
        }
        report.committed = true
        return report
    }

    // MARK: Values

    enum Conversion { case success(SQLValue), failure(String) }

    /// Converts and normalises one text value to its column kind.
    static func convert(_ raw: String, _ kind: ColumnKind) -> Conversion {
        switch kind {
        case .text:
            return .success(.text(raw))
        case .integer:
            guard let value = Int64(trimmed(raw)) else { return .failure("»\(raw)« ist keine ganze Zahl") }
            return .success(.integer(value))
        case .real:
            let text = trimmed(raw)
            let normalized = text.utf8.contains(UInt8(ascii: ",")) ? text.replacingOccurrences(of: ",", with: ".") : text
            guard let value = Double(normalized), value.isFinite else { return .failure("»\(raw)« ist keine Zahl") }
            return .success(.real(value))
        case .boolean:
            switch raw.lowercased() {
            case "1", "true", "ja", "yes": return .success(.integer(1))
            case "0", "false", "nein", "no": return .success(.integer(0))
            default: return .failure("»\(raw)« ist kein Wahrheitswert (true/false)")
            }
        case .date:
            let text = trimmed(raw)
            guard Timestamp.isDate(text) else { return .failure("»\(raw)« ist kein Datum (JJJJ-MM-TT)") }
            return .success(.text(text))
        case .datetime:
            guard let date = Timestamp.parse(trimmed(raw)) else {
                return .failure("»\(raw)« ist kein Zeitpunkt (JJJJ-MM-TTThh:mm:ssZ)")
            }
            return .success(.text(Timestamp.string(date)))
        case .time:
            let parts = trimmed(raw).split(separator: ":", omittingEmptySubsequences: false)
            guard (2...3).contains(parts.count), let hour = Int(parts[0]), let minute = Int(parts[1]),
                  parts[1].count == 2, (0...24).contains(hour), (0...59).contains(minute), hour < 24 || minute == 0 else {
                return .failure("»\(raw)« ist keine Uhrzeit (hh:mm)")
            }
            return .success(.text((hour < 10 ? "0" : "") + "\(hour):" + parts[1]))
        case .enumeration(let allowed):
            if allowed.contains(raw) { return .success(.text(raw)) }
            if let match = allowed.first(where: { $0.caseInsensitiveCompare(raw) == .orderedSame }) { return .success(.text(match)) }
            return .failure("»\(raw)« ist kein erlaubter Wert (\(allowed.joined(separator: ", ")))")
        }
    }

    /// `raw` without surrounding spaces and tabs (`CharacterSet.whitespaces`); the common case
    /// of a value that starts and ends with a visible ASCII character is returned as it is.
    static func trimmed(_ raw: String) -> String {
        let utf8 = raw.utf8
        if let first = utf8.first, let last = utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return raw
        }
        return raw.trimmingCharacters(in: .whitespaces)
    }

    static func same(_ lhs: SQLValue, _ rhs: SQLValue) -> Bool {
        switch (lhs, rhs) {
        case (.integer(let a), .real(let b)), (.real(let b), .integer(let a)): return Double(a) == b
        default: return lhs == rhs
        }
    }

    static func text(_ value: SQLValue) -> String {
        switch value {
        case .null: return ""
        case .integer(let int): return String(int)
        case .real(let double): return String(double)
        case .text(let text): return text
        case .blob(let bytes): return "\(bytes.count) Bytes"
        }
    }

    static func constraintText(_ error: SQLiteError) -> String {
        error.message.replacingOccurrences(of: "constraint failed", with: "verletzt")
    }
}

/// A set of ids that stores UUIDs in 16 bytes and other ids as strings.
struct IDSet {
    private var uuids = Set<UUID>()
    private var others = Set<String>()

    mutating func insert(_ id: String) {
        if let uuid = IDSet.canonicalUUID(id) { uuids.insert(uuid) } else { others.insert(id) }
    }

    func contains(_ id: String) -> Bool {
        if let uuid = IDSet.canonicalUUID(id) { return uuids.contains(uuid) }
        return others.contains(id)
    }

    /// The UUID of an id written in canonical lowercase form; other spellings stay strings so
    /// that two ids differing only in case are not confused.
    private static func canonicalUUID(_ id: String) -> UUID? {
        var id = id
        return id.withUTF8 { text -> UUID? in
            guard text.count == 36 else { return nil }
            var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            var nibble = 0
            for (index, character) in text.enumerated() {
                if index == 8 || index == 13 || index == 18 || index == 23 {
                    guard character == UInt8(ascii: "-") else { return nil }
                    continue
                }
                let value: UInt8
                switch character {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): value = character - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): value = character - UInt8(ascii: "a") + 10
                default: return nil   // upper case or not hex: not the canonical form
                }
                withUnsafeMutableBytes(of: &uuid) { $0[nibble / 2] |= nibble % 2 == 0 ? value << 4 : value }
                nibble += 1
            }
            return UUID(uuid: uuid)
        }
    }
}
