// DirectoryDownload: an export written to a stream for the web's downloads — the whole file of
// a format, or one table of the CSV data package — in one read transaction on the store.
import Foundation
import SQLite

/// Exports of the store for downloads.
public struct DirectoryDownload: Sendable {
    /// The store read from.
    public let store: Store
    /// The export time.
    public let now: Date

    /// Downloads of `store` at `now`.
    public init(store: Store, now: Date = Date()) {
        self.store = store
        self.now = now
    }

    /// Throws the user's mistake in `query` (an unknown Sozialraum or term code) before a
    /// download of its results starts.
    public func check(_ query: SearchQuery) throws {
        var check = query
        check.limit = 0
        _ = try store.pool.read { try SearchIndex.current($0, now: now).search(check, now: now) }
    }

    /// Writes `format` of `scope` to `sink` (and finishes it); with `table`, only that table of
    /// the CSV data package.
    public func write(_ format: ExportFormat, scope: ExportScope, table: String? = nil, to sink: ExportSink) throws {
        try store.pool.read { db in
            let exporter = DirectoryExporter(db: db, scope: scope, now: now)
            if let table {
                try DataPackageExporter.writeTables(exporter, sinks: [table: sink])
                try sink.finish()
            } else {
                try exporter.export(format, to: sink)
            }
        }
    }
}
