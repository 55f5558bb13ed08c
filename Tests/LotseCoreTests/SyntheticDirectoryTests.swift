// The generator is deterministic for a seed and produces a consistent directory.
import Foundation
import Testing
@testable import LotseCore

@Suite struct SyntheticDirectoryTests {
    func generated(seed: UInt64) throws -> (fingerprint: String, counts: (Int, Int)) {
        let fixture = try Fixture()
        let summary = try fixture.store.pool.write { try SyntheticDirectory(services: 300, seed: seed).generate(into: $0) }
        let fingerprint = try fixture.store.pool.read { try DirectoryFingerprint.compute($0) }
        let violations = try fixture.store.pool.read { try $0.query("PRAGMA foreign_key_check") { $0.string(0) } }
        #expect(violations.isEmpty)
        return (fingerprint, (summary.services, summary.organizations))
    }

    @Test func sameSeedGivesTheSameDirectory() throws {
        let first = try generated(seed: 42)
        let second = try generated(seed: 42)
        #expect(first.fingerprint == second.fingerprint)
        #expect(first.counts.0 == 300)
    }

    @Test func differentSeedsGiveDifferentDirectories() throws {
        #expect(try generated(seed: 1).fingerprint != generated(seed: 2).fingerprint)
    }

    @Test func refusesADatabaseWithoutVocabularies() throws {
        let fixture = try Fixture(vocabulary: false)
        #expect(throws: LotseError.self) { try fixture.store.pool.write { try SyntheticDirectory(services: 5, seed: 1).generate(into: $0) } }
    }
}
