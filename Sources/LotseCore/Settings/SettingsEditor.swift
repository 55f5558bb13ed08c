// SettingsEditor: reads and changes the registry's settings — every value validated by its
// definition (German error), every change written with an audit-log entry in the same
// transaction. Used by `lotse config` and the admin page.
import Foundation
import SQLite

/// Reads and changes settings.
public struct SettingsEditor {
    /// One setting with the value in force.
    public struct Entry: Sendable, Equatable {
        /// The definition.
        public let definition: SettingDefinition
        /// The value in force, in stored form.
        public let value: String
        /// True when no valid value is stored (the default is in force).
        public let isDefault: Bool
    }

    /// One applied change.
    public struct Change: Sendable, Equatable {
        /// The key.
        public let key: String
        /// The value in force before.
        public let old: String
        /// The value now stored.
        public let new: String
    }

    /// Who changes settings, for the audit log.
    public struct Actor: Sendable, Equatable {
        /// The account, nil on the command line.
        public let accountID: String?
        /// The role as logged ("admin", "cli").
        public let role: String

        /// An administrator's account.
        public static func account(_ id: String) -> Actor { Actor(accountID: id, role: "admin") }
        /// The command line (`lotse config set`).
        public static let commandLine = Actor(accountID: nil, role: "cli")
    }

    private let store: Store
    private let now: Date

    /// The editor for `store`; `now` dates audit entries.
    public init(store: Store, now: Date = Date()) {
        self.store = store
        self.now = now
    }

    /// The stored values.
    public func values() throws -> SettingValues {
        try store.pool.read { try SettingValues.load($0) }
    }

    /// Every setting in registry order with the value in force.
    public func entries() throws -> [Entry] {
        let values = try values()
        return SettingsRegistry.all.map { Entry(definition: $0, value: values.text($0), isDefault: !values.isSet($0)) }
    }

    /// The entry for `key`; an unknown key is a German `LotseError(.notFound)`.
    public func entry(_ key: String) throws -> Entry {
        let definition = try Self.definition(key)
        return try entries().first { $0.definition == definition }!
    }

    /// Sets one value (validated; a German `LotseError(.invalidInput)` otherwise). Returns the
    /// change, or nil when the value in force is already this one (nothing written).
    @discardableResult
    public func set(_ key: String, to text: String, by actor: Actor) throws -> Change? {
        let definition = try Self.definition(key)
        let value = try definition.validate(text)
        return try apply([(definition, value)], by: actor).first
    }

    /// Sets several values at once (the admin form): all are validated first, and when any is
    /// refused nothing is written and `DirectoryWriter.Rejected` lists a German problem per key.
    /// Returns the changes made.
    @discardableResult
    public func update(_ texts: [String: String], by actor: Actor) throws -> [Change] {
        var problems: [DirectoryWriter.FieldProblem] = []
        var validated: [(SettingDefinition, String)] = []
        for definition in SettingsRegistry.all {
            guard let text = texts[definition.key] else { continue }
            do {
                validated.append((definition, try definition.validate(text)))
            } catch let error as LotseError {
                problems.append(.init(field: definition.key, message: error.message))
            }
        }
        for key in texts.keys where SettingsRegistry.definition(key) == nil {
            problems.append(.init(field: "", message: "Unbekannte Einstellung »\(key)«."))
        }
        guard problems.isEmpty else { throw DirectoryWriter.Rejected(problems: problems) }
        return try apply(validated, by: actor)
    }

    /// Stores validated values and audits each change, in one transaction.
    private func apply(_ values: [(SettingDefinition, String)], by actor: Actor) throws -> [Change] {
        try store.pool.write { db in
            let current = try SettingValues.load(db)
            let audit = AuditLog(db: db, now: now)
            var changes: [Change] = []
            for (definition, value) in values {
                let old = current.text(definition)
                guard old != value else { continue }
                try db.execute("INSERT OR REPLACE INTO lotse_meta(key, value) VALUES (?, ?)", definition.key, value)
                try audit.append(.change, accountID: actor.accountID, role: actor.role, organizationID: nil, referralID: nil,
                                 what: "Einstellung \(definition.key): \(Self.shown(old)) → \(Self.shown(value))",
                                 purpose: "Einstellungen ändern")
                changes.append(Change(key: definition.key, old: old, new: value))
            }
            return changes
        }
    }

    /// A value for the audit text ("leer" for the empty string).
    private static func shown(_ value: String) -> String { value.isEmpty ? "leer" : value }

    /// The definition of `key`, or a German `LotseError(.notFound)` listing the known keys.
    static func definition(_ key: String) throws -> SettingDefinition {
        guard let definition = SettingsRegistry.definition(key) else {
            throw LotseError(.notFound, "Unbekannte Einstellung »\(key)«. Bekannt sind: \(SettingsRegistry.all.map(\.key).joined(separator: ", ")).")
        }
        return definition
    }
}
