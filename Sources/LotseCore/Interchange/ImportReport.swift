// ImportReport: what an import did — created, updated, unchanged and rejected rows per table,
// each rejection with its source, line and reason — and the options that steer it.

/// One rejected row or file-level problem.
public struct ImportProblem: Sendable, Equatable, CustomStringConvertible {
    /// File (or resource) the row came from.
    public let source: String
    /// 1-based line (CSV) or record number (JSON lines, XML line), if known.
    public let line: Int?
    /// German reason(s).
    public let message: String

    /// Creates a problem.
    public init(source: String, line: Int?, message: String) {
        self.source = source
        self.line = line
        self.message = message
    }

    public var description: String {
        line.map { "\(source) Zeile \($0): \(message)" } ?? "\(source): \(message)"
    }
}

/// Row counts of one table.
public struct ImportCounts: Sendable, Equatable {
    public var created = 0
    public var updated = 0
    public var unchanged = 0
    public var rejected = 0

    /// Creates empty counts.
    public init() {}
}

/// Options of an import.
public struct ImportOptions: Sendable {
    /// Validate and count, then roll everything back.
    public var dryRun = false
    /// Import the valid rows even when some are rejected (default: all or nothing).
    public var skipInvalid = false
    /// Recorded as `updated_by` in the change history.
    public var updatedBy = "import"
    /// Filling an empty directory: the triggers that mark changed services for the search and
    /// the plain indexes of the empty tables are suspended during the import, and `finish()`
    /// (which must then be called before the transaction commits) rebuilds those indexes and
    /// writes the search texts of every service once.
    public var bulkLoad = false
    /// Called now and then with (source, bytes done, bytes total).
    public var progress: (@Sendable (String, Int, Int) -> Void)?

    /// Default options: all or nothing, committed.
    public init(dryRun: Bool = false, skipInvalid: Bool = false) {
        self.dryRun = dryRun
        self.skipInvalid = skipInvalid
    }
}

/// The outcome of an import.
public struct ImportReport: Sendable {
    /// Counts per table, in dependency order of first use.
    public private(set) var counts: [(table: String, counts: ImportCounts)] = []
    /// Rejected rows (at most `maximumProblems` kept; `problemCount` has the total).
    public private(set) var problems: [ImportProblem] = []
    /// Total number of rejected rows.
    public private(set) var problemCount = 0
    /// Non-fatal notes (ignored columns, unknown resources, removed dangling references);
    /// at most `maximumProblems` are kept, `warningCount` has the total.
    public private(set) var warnings: [String] = []
    /// Total number of notes.
    public private(set) var warningCount = 0
    /// True when the changes were committed.
    public var committed = false
    /// True when it was a dry run.
    public var dryRun = false

    /// How many problems are kept in `problems`.
    public static let maximumProblems = 200

    /// Creates an empty report.
    public init() {}

    mutating func add(_ table: String, _ update: (inout ImportCounts) -> Void) {
        if let index = counts.firstIndex(where: { $0.table == table }) {
            update(&counts[index].counts)
        } else {
            var fresh = ImportCounts()
            update(&fresh)
            counts.append((table, fresh))
        }
    }

    mutating func note(_ text: String) {
        warningCount += 1
        if warnings.count < ImportReport.maximumProblems { warnings.append(text) }
    }

    mutating func note(_ problem: ImportProblem) { note(problem.description) }

    mutating func reject(_ table: String, _ problem: ImportProblem) {
        add(table) { $0.rejected += 1 }
        problemCount += 1
        if problems.count < ImportReport.maximumProblems { problems.append(problem) }
    }

    /// Counts summed over all tables.
    public var totals: ImportCounts {
        counts.reduce(into: ImportCounts()) { sum, entry in
            sum.created += entry.counts.created
            sum.updated += entry.counts.updated
            sum.unchanged += entry.counts.unchanged
            sum.rejected += entry.counts.rejected
        }
    }

    /// Counts of one table.
    public func counts(of table: String) -> ImportCounts {
        counts.first { $0.table == table }?.counts ?? ImportCounts()
    }

    /// A German summary for the terminal: one line per table, then the problems.
    public var summary: String {
        var lines: [String] = []
        let state = dryRun ? "Probelauf, nichts gespeichert" : committed ? "gespeichert" : "abgebrochen, nichts gespeichert"
        lines.append("Import \(state).")
        for (table, count) in counts {
            lines.append("  \(table): \(count.created) neu, \(count.updated) geändert, \(count.unchanged) unverändert, \(count.rejected) abgelehnt")
        }
        let total = totals
        lines.append("  gesamt: \(total.created) neu, \(total.updated) geändert, \(total.unchanged) unverändert, \(total.rejected) abgelehnt")
        for warning in warnings { lines.append("Hinweis: \(warning)") }
        if warningCount > warnings.count { lines.append("… und \(warningCount - warnings.count) weitere Hinweise") }
        for problem in problems { lines.append("Fehler: \(problem)") }
        if problemCount > problems.count { lines.append("… und \(problemCount - problems.count) weitere Fehler") }
        return lines.joined(separator: "\n")
    }
}

/// Thrown when an import is rolled back (rejections without `skipInvalid`, or a dry run);
/// carries the report.
public struct ImportRolledBack: Error, Sendable {
    /// What the import found.
    public let report: ImportReport
}
