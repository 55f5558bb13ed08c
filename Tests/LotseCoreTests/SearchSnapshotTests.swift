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

    /// A server start that read the snapshot file before it opened the store.
    private func start(_ fixture: Fixture, prefetched: SearchSnapshotPrefetch) -> SearchService {
        SearchService(store: fixture.store, snapshotPath: snapshotPath(fixture), prefetched: prefetched, now: { Fixture.now })
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

    @Test func aPrefetchedSnapshotAnswersWhenItMatchesTheOpenedDatabase() throws {
        let fixture = try Fixture()
        defer { try? FileManager.default.removeItem(atPath: snapshotPath(fixture)) }
        let service = try writeFirstSnapshot(fixture)
        try touchWithoutGeneration(fixture, service)

        let restarted = start(fixture, prefetched: SearchSnapshotPrefetch(path: snapshotPath(fixture)))
        restarted.warmUp()
        #expect(restarted.waitUntilReady(timeout: 10))
        #expect(try ids(restarted, "mittagstisch") == [service])
        #expect(try ids(restarted, "geheimwort").isEmpty)
        #expect(restarted.startedFromSnapshot)
    }

    /// The file is read before the database is open; a write that lands between the read and
    /// the first search makes the candidate stale, and the index is built instead.
    @Test func aPrefetchedSnapshotIsNotUsedAfterAWrite() throws {
        let fixture = try Fixture()
        defer { try? FileManager.default.removeItem(atPath: snapshotPath(fixture)) }
        let service = try writeFirstSnapshot(fixture)
        let prefetched = SearchSnapshotPrefetch(path: snapshotPath(fixture))
        try fixture.sql("UPDATE service SET name = 'Kleiderkammer am Markt' WHERE id = '\(service)'")

        let restarted = start(fixture, prefetched: prefetched)
        #expect(try ids(restarted, "kleiderkammer") == [service])
        #expect(!restarted.startedFromSnapshot)
    }

    @Test func aPrefetchOfAnotherFileIsIgnored() throws {
        let fixture = try Fixture()
        defer { try? FileManager.default.removeItem(atPath: snapshotPath(fixture)) }
        let service = try writeFirstSnapshot(fixture)
        let elsewhere = snapshotPath(fixture) + ".anderswo"
        defer { try? FileManager.default.removeItem(atPath: elsewhere) }
        try FileManager.default.copyItem(atPath: snapshotPath(fixture), toPath: elsewhere)
        try touchWithoutGeneration(fixture, service)
        try FileManager.default.removeItem(atPath: snapshotPath(fixture))

        let restarted = start(fixture, prefetched: SearchSnapshotPrefetch(path: elsewhere))
        #expect(try ids(restarted, "geheimwort") == [service])
        #expect(!restarted.startedFromSnapshot)
    }

    @Test func waitingForTheFirstIndexEndsWithIt() throws {
        let fixture = try Fixture()
        _ = try fixture.service("Mittagstisch", organization: try fixture.organization("Nachbarschaftswerk Elbe e. V."))
        let service = start(fixture)
        #expect(!service.waitUntilReady(timeout: 0.05))   // nothing started: no index
        service.warmUp()
        #expect(service.waitUntilReady(timeout: 10))
    }

    @Test func theChecksumDoesNotDependOnHowTheBytesArrive() {
        let bytes = (0..<1_003).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 3) }
        bytes.withUnsafeBufferPointer { all in
            let whole = SnapshotChecksum.of(all)
            for cuts in [[8], [16, 40], [8, 8, 8, 24], [104, 8, 800], [1_000]] {
                var checksum = SnapshotChecksum()
                var start = 0
                for length in cuts {
                    checksum.add(UnsafeBufferPointer(rebasing: all[start..<(start + length)]))
                    start += length
                }
                checksum.add(UnsafeBufferPointer(rebasing: all[start...]))
                #expect(checksum.value == whole, "\(cuts)")
            }
            var changed = bytes
            for position in [0, 8, 16, 24, 500, 1_002] {
                changed = bytes
                changed[position] ^= 1
                #expect(changed.withUnsafeBufferPointer(SnapshotChecksum.of) != whole, "\(position)")
            }
            var swapped = bytes   // two words trade places
            swapped.swapAt(0, 8)
            #expect(swapped[0] == swapped[8] || swapped.withUnsafeBufferPointer(SnapshotChecksum.of) != whole)
        }
    }

    @Test func tableBoundsAreChecked() {
        let values: [Int32] = [0, 5, 3, 9]
        values.withUnsafeBufferPointer { buffer in
            #expect(SnapshotReader.all(buffer, below: 10))
            #expect(!SnapshotReader.all(buffer, below: 9))
        }
        [Int32(2), -1, 4].withUnsafeBufferPointer { #expect(!SnapshotReader.all($0, below: 10)) }
        [Int32]().withUnsafeBufferPointer { #expect(SnapshotReader.all($0, below: 0)) }
        [UInt8(63), 0, 64].withUnsafeBufferPointer { #expect(!SnapshotReader.all($0, below: 64)) }
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
            for prefetch in [false, true] {
                try bytes.write(to: URL(fileURLWithPath: path))
                let restarted = prefetch ? start(fixture, prefetched: SearchSnapshotPrefetch(path: path)) : start(fixture)
                #expect(try ids(restarted, "geheimwort") == [service], "\(name), prefetched: \(prefetch)")
                #expect(!restarted.startedFromSnapshot, "\(name), prefetched: \(prefetch)")
                restarted.flushSnapshots()   // its fresh snapshot must not overwrite the next variant
            }
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
