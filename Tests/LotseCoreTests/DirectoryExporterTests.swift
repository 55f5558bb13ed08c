// Exports of the seeded network: card content, scopes, and the confidentiality promise — the
// women's shelter's internal location and the network-only contacts appear in no public export.
import Foundation
import Testing
@testable import LotseCore

@Suite struct DirectoryExporterTests {
    static let shelter = "7ef6f31b-4815-50d1-a58f-56eddcf3a873"
    /// Strings only a coordinator (or the network) may see: the shelter's internal location and
    /// its phone, its internal contact, and network-only contacts of other organizations.
    static let confidential = ["Anschrift vertraulich", "Schutzunterkunft der Frauenzuflucht", "Koordination Frauenhaus",
                               "4710 754", "4710-754", "Leyla Aydın", "Dr. Hauke Brüning", "Ngoc Anh Tran", "Meike Oltmanns"]

    @Test func organizationCardCarriesItsPublicData() throws {
        let fixture = try ExportFixture.seeded()
        let text = try ExportFixture.export(fixture, .vcard, scope: ExportScope(.organization(Self.shelter)))
        let cards = text.components(separatedBy: "BEGIN:VCARD\r\n").dropFirst()
        #expect(cards.count == 2)   // the organization and its one public named contact
        let organization = try #require(cards.first)
        for line in ["UID:urn:uuid:\(Self.shelter)", "FN:Frauenzuflucht an der Weser e. V.", "N:;;;;",
                     "ADR;TYPE=work:;;Am Dobben 91;Bremen;Bremen-Mitte;28203;Deutschland",
                     "ADR;TYPE=work,postal:;;Postfach 10 33 21;Bremen;Bremen;28033;Deutschland",
                     "EMAIL;TYPE=internet:frauenzuflucht-weser@example.org", "URL:https://frauenzuflucht-weser.example.org",
                     "CATEGORIES:Wohnen,Beratung,Schutz", "REV:2026-01-21T13:26:13Z"] {
            #expect(organization.contains(line + "\r\n"), "missing \(line)")
        }
        #expect(organization.contains("NOTE:Frauenhaus mit Schutzunterkunft für Frauen und ihre Kinder\\, Beratung\r\n sstelle"))
        #expect(cards.last?.contains("FN:Team der Beratungsstelle\r\n") == true)
    }

    @Test(arguments: ExportFormat.allCases.filter(\.isSingleFile))
    func publicExportsHideConfidentialEntries(_ format: ExportFormat) throws {
        let fixture = try ExportFixture.seeded()
        let text = try ExportFixture.export(fixture, format)
        #expect(!text.isEmpty)
        for secret in Self.confidential { #expect(!text.contains(secret), "\(format.rawValue) leaks \(secret)") }
    }

    @Test func publicCSVPackageHidesConfidentialEntries() throws {
        let fixture = try ExportFixture.seeded()
        let directory = NSTemporaryDirectory() + "lotse-pkg-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try fixture.store.pool.read { db in
            try DataPackageExporter.export(DirectoryExporter(db: db, scope: ExportScope(), now: ExportFixture.now), to: directory)
        }
        for file in try FileManager.default.contentsOfDirectory(atPath: directory) {
            let text = try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
            for secret in Self.confidential { #expect(!text.contains(secret), "\(file) leaks \(secret)") }
        }
    }

    @Test func coordinatorsAndTheNetworkSeeMore() throws {
        let fixture = try ExportFixture.seeded()
        let coordinator = try ExportFixture.export(fixture, .xml, scope: ExportScope(audience: .coordinator))
        #expect(coordinator.contains("Koordination Frauenhaus") && coordinator.contains("Anschrift vertraulich"))
        let network = try ExportFixture.export(fixture, .vcard, scope: ExportScope(audience: .network))
        #expect(network.contains("FN:Dr. Hauke Brüning") && !network.contains("Koordination Frauenhaus"))
    }

    @Test func searchScopeExportsMatchingServicesAndTheirOrganizations() throws {
        let fixture = try ExportFixture.seeded()
        var query = SearchQuery(text: "schuldnerberatung")
        query.sozialraum = "bremen"
        let lines = try ExportFixture.export(fixture, .hsdsNDJSON, scope: ExportScope(.search(query))).split(separator: "\n")
        var all = query
        all.limit = 1000
        let expected = try fixture.store.pool.read { try SearchIndex.build($0).search(all).serviceIDs }
        #expect(lines.count == expected.count && !expected.isEmpty)
        // Exactly the search's services (the synonym list widens "schuldnerberatung" to debts
        // and insolvency, so not every line names it).
        let ids = try lines.map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])["id"] as? String
        }
        #expect(Set(ids) == Set(expected))
        #expect(lines.contains { $0.lowercased().contains("schuldner") })
    }

    @Test func unknownOrganizationIsNotFound() throws {
        let fixture = try ExportFixture.seeded()
        let error = #expect(throws: LotseError.self) { try ExportFixture.export(fixture, .vcard, scope: ExportScope(.organization("nope"))) }
        #expect(error?.message == "Organisation nope gibt es nicht")
    }
}

@Suite struct OrganizationCardSourceTests {
    /// The quick card reader and DirectoryReader's full trees give the same cards, for every
    /// organization and audience (including an editor of the shelter, who sees its internal rows).
    @Test(arguments: [Audience.public, .network, .coordinator, Audience(level: .public, organizations: [DirectoryExporterTests.shelter])])
    func givesTheCardsOfTheFullTrees(_ audience: Audience) throws {
        let fixture = try ExportFixture.seeded()
        try fixture.store.pool.read { db in
            let reader = DirectoryReader(db: db, audience: audience, now: ExportFixture.now)
            let source = OrganizationCardSource(db: db, audience: audience)
            let ids = try db.query("SELECT id FROM organization ORDER BY id") { $0.string(0) }
            // In batches (as the export reads them) of uneven sizes, including one of a single id.
            var batched: [String: HSDSNode] = [:]
            var start = 0
            for size in [1, 7, 40] + Array(repeating: 200, count: ids.count / 200 + 1) where start < ids.count {
                let batch = Array(ids[start..<min(ids.count, start + size)])
                start += batch.count
                batched.merge(try source.organizations(batch)) { first, _ in first }
            }
            var compared = 0
            for id in ids {
                guard let full = try OrganizationBundle.read(id, services: [], reader: reader) else { continue }
                let expected = VCardBuilder.cards(full, categories: ["x"])
                let quick = try #require(try source.organization(id))
                #expect(expected == VCardBuilder.cards(OrganizationBundle(organization: quick, services: []), categories: ["x"]), "\(id)")
                let fromBatch = try #require(batched[id])
                #expect(expected == VCardBuilder.cards(OrganizationBundle(organization: fromBatch, services: []), categories: ["x"]), "\(id)")
                compared += 1
            }
            #expect(compared > 50)
            // Like `organization(_:)`, the batch reads every id it is given: the plan decides
            // which organizations an audience sees.
            #expect(batched.count == ids.count)
        }
    }
}

@Suite struct NeedCategoriesTests {
    /// The categories of a whole-directory card (listing decided per row, per organization or
    /// in one pass over the directory) equal those of the services the plan lists for the
    /// organization, for every audience.
    @Test(arguments: [Audience.public, .coordinator])
    func categoriesFollowTheListingRules(_ audience: Audience) throws {
        let fixture = try ExportFixture.seeded()
        try fixture.store.pool.read { db in
            let exporter = DirectoryExporter(db: db, scope: ExportScope(audience: audience), now: ExportFixture.now)
            let plan = try ExportPlan.make(exporter.scope, reader: exporter.reader)
            let categories = try DirectoryExporter.NeedCategories(db)
            let all = try exporter.allNeedCategories(categories)
            var differing = 0, withCategories = 0
            for entry in plan.organizations {
                let quick = try exporter.needCategories(entry.id, nil, categories)
                let planned = try exporter.needCategories(entry.id, Set(entry.services), categories)
                let onePass = categories.names(in: all[entry.id] ?? DirectoryExporter.CategorySet())
                if quick != planned || onePass != planned { differing += 1 }
                if planned.count > 1 { withCategories += 1 }
            }
            #expect(differing == 0)
            #expect(plan.organizations.count > 50)
            #expect(withCategories > 10)
        }
    }
}
