// SeedLoader: loads the sample network of `Seeds/` (an HSDS CSV data package) into a store,
// all or nothing, and records that the data is sample data.
import Foundation
import SQLite

/// Loads a seed package.
public enum SeedLoader {
    /// Imports the package folder at `directory` into `store`; see `load(_:into:now:)`.
    @discardableResult
    public static func load(from directory: String, into store: Store, now: Date = Date()) throws -> ImportReport {
        try load(FileTree(folder: directory), into: store, now: now)
    }

    /// Imports the package `seeds` (built in, or a folder) into `store` in one transaction; any
    /// rejected row aborts the whole load. Marks the instance as holding sample data when the
    /// package says so (`"lotse": {"sample_data": true}` in datapackage.json).
    @discardableResult
    public static func load(_ seeds: FileTree, into store: Store, now: Date = Date()) throws -> ImportReport {
        do {
            return try store.pool.write { db in
                let importer = try TableImporter(db: db, specs: try TableSpecs.load(db), options: ImportOptions(), now: now)
                let descriptor = try DataPackageImporter.importPackage(seeds, into: importer)
                let report = try importer.finish()
                try SearchSynonyms.loadSeed(from: seeds, into: db)
                try HousingSeeds.load(seeds, into: db, now: now)
                try MAESeeds.load(seeds, into: db, now: now)
                try EngagementSeeds.load(seeds, into: db, now: now)
                let sample = ["true", "1"].contains(descriptor.lotse["sample_data"]?.lowercased() ?? "")
                try db.execute("INSERT OR REPLACE INTO lotse_meta(key, value) VALUES ('sample_data', ?)", sample ? "1" : "0")
                if let name = descriptor.lotse["network_name"] {
                    try db.execute("INSERT OR REPLACE INTO lotse_meta(key, value) VALUES ('network_name', ?)", name)
                }
                return report
            }
        } catch let rolledBack as ImportRolledBack {
            throw LotseError(.unusableData, "Beispieldaten in \(seeds.origin) sind fehlerhaft; nichts wurde geladen.\n" + rolledBack.report.summary)
        }
    }

    /// The vocabularies of the shipped seeds (Sozialraum trees, taxonomies and their terms,
    /// the synonym list of search) without any organization: what `lotse generate` and the benchmarks build on. Runs inside
    /// the caller's write transaction.
    public static func loadVocabulary(into db: Database) throws {
        let importer = try TableImporter(db: db, specs: try TableSpecs.load(db), options: ImportOptions())
        try DataPackageImporter.importPackage(try Resources.seeds(), into: importer, only: ["sozialraum", "taxonomy", "taxonomy_term"])
        _ = try importer.finish()
        try SearchSynonyms.loadSeed(from: try Resources.seeds(), into: db)
    }
}
