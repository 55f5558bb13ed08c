// The search index snapshot: a restarted search service answers from it, never from a stale
// one, and ignores damaged, foreign and old-format files.
import Foundation
import Testing
@testable import LotseCore
import SQLite

@Suite struct SearchSnapshotTests {
    private func snapshotPath(_ fixture: Fixture) -> String { fixture.path + ".suchindex" }

    /// A server start on `fixture`: a new search service with the snapshot file.
    private func start(_ fixture: Fixture) -> SearchService {
        SearchService(store: fixture.store, snapshotPath: snapshotPath(fixture), now: { Fixture.now })
    }

    private func ids(_ service: SearchService, _ text: String) throws -> [String] {
        try service.search(SearchQuery(text: text)).serviceIDs
    }

    /// Changes a search document without bumping the directory generation: a fresh build
    /// sees the change, a snapshot does not — so the answer tells where it came from.
    private func touchWithoutGeneration(_ fixture: Fixture, _ service: String) throws {
        try fixture.store.pool.write { db in
            try db.execute("UPDATE search_document SET name = 'geheimwort' WHERE service_id = ?", service)
        }
    }

    private func writeFirstSnapshot(_ fixture: Fixture) throws -> String {
        let org = try fixture.organization("Nachbarschaftswerk Elbe e. V.")
        let service = try fixture.service("Mittagstisch", organization: org, area: "dd-jo")
        _ = try fixture.service("Schuldnerberatung", organization: org)
        let first = start(fixture)
        #expect(try ids(first, "mittagstisch") == [service])
        first.flushSnapshots()
        return service
    }

    @Test func aRestartAnswersFromTheSnapshot() throws {
        let fixture = try Fixture()
        defer { try? FileManager.default.removeItem(atPath: snapshotPath(fixture)) }
        let service = try writeFirstSnapshot(fixture)
        let attributes = try FileManager.default.attributesOfItem(atPath: snapshotPath(fixture))
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        try touchWithoutGeneration(fixture, service)

        let restarted = start(fixture)
        #expect(try ids(restarted, "mittagstisch") == [service])
        #expect(try ids(restarted, "geheimwort").isEmpty)
        #expect(restarted.startedFromSnapshot)
    }

    @Test func aWriteBeforeTheRestartIsFoundAfterIt() throws {
        let fixture = try Fixture()
        defer { try? FileManager.default.removeItem(atPath: snapshotPath(fixture)) }
        let service = try writeFirstSnapshot(fixture)
        try fixture.sql("UPDATE service SET name = 'Kleiderkammer am Markt' WHERE id = '\(service)'")

        let restarted = start(fixture)
        #expect(try ids(restarted, "kleiderkammer") == [service])
        #expect(!restarted.startedFromSnapshot)
    }

    @Test func anotherDayBuildsAfresh() throws {
        let fixture = try Fixture()
        defer { try? FileManager.default.removeItem(atPath: snapshotPath(fixture)) }
        let service = try writeFirstSnapshot(fixture)
        try touchWithoutGeneration(fixture, service)
        let nextDay = SearchService(store: fixture.store, snapshotPath: snapshotPath(fixture),
                                    now: { Fixture.now.addingTimeInterval(86_400) })
        #expect(try ids(nextDay, "geheimwort") == [service])
        #expect(!nextDay.startedFromSnapshot)
    }

    @Test func damagedOldAndForeignSnapshotsAreIgnored() throws {
        let fixture = try Fixture()
        let path = snapshotPath(fixture)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let service = try writeFirstSnapshot(fixture)
        try touchWithoutGeneration(fixture, service)
        let good = try #require(FileManager.default.contents(atPath: path))

        var flipped = [UInt8](good)
        flipped[flipped.count / 2] ^= 0x40
        var oldFormat = [UInt8](good)
        oldFormat[16] = 0xEE   // the format version follows the 16-byte magic
        let foreign = try Fixture()
        let foreignService = try writeFirstSnapshot(foreign)
        let foreignFile = try #require(FileManager.default.contents(atPath: snapshotPath(foreign)))
        try? FileManager.default.removeItem(atPath: snapshotPath(foreign))
        #expect(foreignService == service)   // same ids, same generation: only the file identity differs

        let variants: [(String, Data)] = [
            ("bit flipped", Data(flipped)), ("truncated", good.prefix(good.count / 3)), ("empty", Data()),
            ("old format", Data(oldFormat)), ("other database", foreignFile), ("garbage", Data(repeating: 0xFF, count: 4096)),
        ]
        for (name, bytes) in variants {
            try bytes.write(to: URL(fileURLWithPath: path))
            let restarted = start(fixture)
            #expect(try ids(restarted, "geheimwort") == [service], "\(name)")
            #expect(!restarted.startedFromSnapshot, "\(name)")
            restarted.flushSnapshots()   // its fresh snapshot must not overwrite the next variant
        }
        // The untouched file is still accepted (the variants above failed for their damage).
        try good.write(to: URL(fileURLWithPath: path))
        #expect(start(fixture).startedFromSnapshot(after: { try ids($0, "mittagstisch") }))
    }

    @Test func aSnapshotRoundTripRanksLikeTheBuild() throws {
        let fixture = try Fixture()
        let org = try fixture.organization("Diakonieverein Nord", reviewDue: "2026-01-01")
        for name in ["Schuldnerberatung", "Beratung für Familien", "Seniorenberatung", "Tagespflege", "Mittagstisch"] {
            _ = try fixture.service(name, organization: org, area: "dd-gr", terms: ["n-mit"])
        }
        let path = snapshotPath(fixture)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let built = try fixture.store.pool.read { try SearchIndex.build($0, now: Fixture.now) }
        try built.writeSnapshot(to: path, databasePath: fixture.path)
        let header = try #require(try fixture.store.pool.read { try SearchIndex.SnapshotHeader.current($0, now: Fixture.now) })
        let loaded = try #require(SearchIndex.loadSnapshot(from: path, matching: header))
        var queries = ["beratung", "pflege", "beratng", "s", "mittag", "familie senioren"].map { SearchQuery(text: $0) }
        var filtered = SearchQuery(text: "beratung")
        filtered.sozialraum = "dresden"
        filtered.needs = ["alltag.mittagstisch"]
        queries.append(filtered)
        for query in queries {
            let expected = try built.search(query, facets: true, now: Fixture.now)
            let actual = try loaded.search(query, facets: true, now: Fixture.now)
            #expect(actual.serviceIDs == expected.serviceIDs, "\(query.text)")
            #expect(actual.total == expected.total, "\(query.text)")
            #expect(actual.facets == expected.facets, "\(query.text)")
        }
    }

    /// The flat tables read in place from the mapped file: ids, organizations and
    /// modification stamps are found as in the built index.
    @Test func aLoadedSnapshotFindsServicesOrganizationsAndStampsLikeTheBuild() throws {
        let fixture = try Fixture()
        let north = try fixture.organization("Diakonieverein Nord", reviewDue: "2026-01-01")
        let south = try fixture.organization("Caritas Süd")
        let old = try fixture.service("Schuldnerberatung", organization: north, modified: "2026-01-01T00:00:00Z")
        let fresh = try fixture.service("Beratung für Familien", organization: south, modified: "2026-03-01T00:00:00Z")
        let other = try fixture.service("Mittagstisch", organization: south, modified: "2026-02-01T00:00:00Z")
        let path = snapshotPath(fixture)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let built = try fixture.store.pool.read { try SearchIndex.build($0, now: Fixture.now) }
        try built.writeSnapshot(to: path, databasePath: fixture.path)
        let header = try #require(try fixture.store.pool.read { try SearchIndex.SnapshotHeader.current($0, now: Fixture.now) })
        let loaded = try #require(SearchIndex.loadSnapshot(from: path, matching: header))

        for index in [built, loaded] {
            #expect([old, fresh, other].allSatisfy(index.isListed))
            #expect(!index.isListed("svc-unbekannt"))
            #expect(index.isStale(old) && !index.isStale(fresh))
            #expect(index.ordinal(of: fresh).map(index.serviceID(at:)) == fresh)
            var byOrganization = SearchQuery(text: "")
            byOrganization.organizationID = south
            #expect(Set(try index.search(byOrganization, now: Fixture.now).serviceIDs) == [fresh, other])
            byOrganization.organizationID = "org-unbekannt"
            #expect(try index.search(byOrganization, now: Fixture.now).total == 0)
            var recent = SearchQuery(text: "")
            recent.modifiedAfter = "2026-02-01T00:00:00Z"
            #expect(Set(try index.search(recent, now: Fixture.now).serviceIDs) == [fresh, other])
        }
    }
}

private extension SearchService {
    /// Runs `body` (which searches), then tells whether the index came from the snapshot.
    func startedFromSnapshot(after body: (SearchService) throws -> [String]) -> Bool {
        _ = try? body(self)
        return startedFromSnapshot
    }
}
