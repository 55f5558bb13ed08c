// SearchSynonyms: the synonym list of search — groups of words that mean the same need in
// social-services German ("obdachlos, wohnungslos"; "Kita, Kindertagesstätte"). A query term
// that is one of a group's words (or has the same stem) also finds the group's other words.
// Shipped as `Seeds/synonyme.csv` (columns gruppe, wort), loaded with the seeds, edited by
// coordinators as text (one group per line, words separated by commas).
import Foundation
import SQLite

/// The synonym groups in `search_synonym`.
public enum SearchSynonyms {
    /// The most groups and words per group the list takes.
    public static let maximumGroups = 2000, maximumWordsPerGroup = 30

    /// The groups, each as entered, in list order.
    public static func groups(_ db: Database) throws -> [[String]] {
        try db.query("SELECT words FROM search_synonym ORDER BY id") { row in
            row.string(0).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }

    /// The groups as editable text: one line per group.
    public static func text(_ db: Database) throws -> String {
        try groups(db).map { $0.joined(separator: ", ") }.joined(separator: "\n")
    }

    /// Folded word, and "~" + its stem, → the folded other words of its groups.
    static func lookup(_ db: Database) throws -> [String: [String]] {
        var lookup: [String: [String]] = [:]
        for group in try groups(db) {
            let folded = group.map(TextFolding.fold).map(SearchTerms.plainForm)
            for word in folded {
                let others = folded.filter { $0 != word }
                for key in [word, "~" + GermanStemmer.stem(word)] {
                    for other in others where !(lookup[key]?.contains(other) ?? false) { lookup[key, default: []].append(other) }
                }
            }
        }
        return lookup
    }

    /// Parses the editable text: one group per line, words separated by commas; empty lines
    /// are skipped. Throws a German error naming the line.
    public static func parse(_ text: String) throws -> [[String]] {
        var groups: [[String]] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let words = line.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if words.isEmpty { continue }
            try check(words, line: "Zeile \(index + 1)")
            groups.append(words)
        }
        guard groups.count <= maximumGroups else {
            throw LotseError(.invalidInput, "Höchstens \(maximumGroups) Gruppen von Synonymen.")
        }
        return groups
    }

    private static func check(_ words: [String], line: String) throws {
        guard words.count >= 2 else {
            throw LotseError(.invalidInput, "\(line): Eine Gruppe braucht mindestens zwei Wörter, durch Komma getrennt.")
        }
        guard words.count <= maximumWordsPerGroup else {
            throw LotseError(.invalidInput, "\(line): Höchstens \(maximumWordsPerGroup) Wörter je Gruppe.")
        }
        for word in words {
            let folded = TextFolding.words(TextFolding.fold(word))
            guard folded.count == 1, folded[0].utf8.count >= 3 else {
                throw LotseError(.invalidInput,
                                 "\(line): »\(word)« ist kein einzelnes Wort aus mindestens drei Buchstaben oder Ziffern.")
            }
        }
    }

    /// Replaces the whole list (inside the caller's write transaction); the search index is
    /// rebuilt because the directory generation moves on.
    public static func replace(_ groups: [[String]], in db: Database) throws {
        try db.execute("DELETE FROM search_synonym")
        let insert = try db.cached("INSERT INTO search_synonym(id, words) VALUES (?, ?)")
        for (index, group) in groups.enumerated() {
            try insert.run([index + 1, group.joined(separator: ", ")])
        }
        try db.execute("UPDATE lotse_meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'directory_generation'")
    }

    /// The seed file of a package directory.
    public static let seedFile = "synonyme.csv"

    /// Loads `synonyme.csv` (header `gruppe,wort`, one row per word, rows of a group
    /// together) from the seed package `seeds` when it is there, replacing the list. Returns the number
    /// of groups.
    @discardableResult
    public static func loadSeed(from seeds: FileTree, into db: Database) throws -> Int {
        guard let bytes = seeds.contents(seedFile) else { return 0 }
        let reader = CSVReader(bytes: bytes)
        guard let header = try reader.next(), header.fields == ["gruppe", "wort"] else {
            throw LotseError(.unusableData, "\(seedFile): erwartet die Spalten gruppe,wort.")
        }
        var order: [String] = []
        var words: [String: [String]] = [:]
        while let record = try reader.next() {
            guard record.fields.count == 2, !record.fields[0].isEmpty, !record.fields[1].isEmpty else {
                throw LotseError(.unusableData, "\(seedFile), Zeile \(record.line): erwartet gruppe und wort.")
            }
            if words[record.fields[0]] == nil { order.append(record.fields[0]) }
            words[record.fields[0], default: []].append(record.fields[1])
        }
        let groups = order.map { words[$0]! }
        for group in order { try check(words[group]!, line: "\(seedFile), Gruppe \(group)") }
        try replace(groups, in: db)
        return groups.count
    }
}

extension SearchSynonyms {
    /// The list as editable text, read from `store`.
    public static func text(in store: Store) throws -> String {
        try store.pool.read { try text($0) }
    }

    /// Checks `text` and replaces the list with it (one transaction, with one audit entry per
    /// group added or removed, for the account `accountID` in `role`); returns the number of
    /// groups. Throws a German input error naming the line at fault.
    @discardableResult
    public static func save(_ text: String, in store: Store, accountID: String?, role: String, now: Date = Date()) throws -> Int {
        let groups = try parse(text)
        try store.pool.write { db in
            let before = try self.groups(db)
            try replace(groups, in: db)
            let audit = AuditLog(db: db, now: now)
            for change in changes(from: before, to: groups) {
                try audit.append(.change, accountID: accountID, role: role, organizationID: nil, referralID: nil,
                                 what: change, purpose: "Synonyme der Suche ändern")
            }
        }
        return groups.count
    }

    /// The audit texts of a change of the list: groups removed, then groups added (a changed
    /// group is both), each in list order.
    static func changes(from before: [[String]], to after: [[String]]) -> [String] {
        let old = before.map { $0.joined(separator: ", ") }, new = after.map { $0.joined(separator: ", ") }
        let oldSet = Set(old), newSet = Set(new)
        return old.filter { !newSet.contains($0) }.map { "Synonymgruppe entfernt: \($0)" }
            + new.filter { !oldSet.contains($0) }.map { "Synonymgruppe hinzugefügt: \($0)" }
    }
}
