// Store+Uploads: a provider editor's upload of directory XML for its own organization, as one
// store-level call — one transaction, rows of other organizations rejected, the change history
// attributed to the upload. The upload form will call this once accounts exist.
import Foundation

extension Store {
    /// Imports the directory XML at `path` restricted to `organization`'s subtree (see
    /// DirectoryXMLImporter) and returns the report; nothing is stored unless every row is
    /// accepted (or `options.skipInvalid`). Throws LotseError for a file refused as a whole
    /// (DOCTYPE, malformed, not valid against the XSD, wrong namespace).
    public func importOrganizationXML(at path: String, organization: String, options: ImportOptions = ImportOptions(),
                                      templates: String? = nil, now: Date = Date()) throws -> ImportReport {
        var options = options
        options.updatedBy = "upload:\(organization)"
        do {
            return try pool.write { db in
                let importer = try TableImporter(db: db, specs: try TableSpecs.load(db), options: options, now: now)
                try DirectoryXMLImporter(into: importer, organization: organization)
                    .importFile(path: path, source: (path as NSString).lastPathComponent, templates: templates)
                return try importer.finish()
            }
        } catch let rolledBack as ImportRolledBack {
            return rolledBack.report
        }
    }
}
