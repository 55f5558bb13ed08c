// Drills for writes the database cannot take on a running site: the write lock held past the
// busy timeout by another process (a long import), a full disk, the file deleted under the
// server. Each answer is a German 503 page with Retry-After, never a 500, and nothing of the
// write is stored.
import Foundation
import HTTP
import LotseCore
import Testing

@Suite(.serialized) struct StorageFailureTests {
    static let form = "/angebote/\(SeedIDs.dayCare)/korrektur"
    static let text = "Der Mittagstisch ist jetzt auch samstags geöffnet."

    func suggestions(_ fixture: WebFixture) throws -> Int {
        try fixture.store.pool.read { try Corrections(db: $0).list(status: .open).count }
    }

    @Test func aWriteWaitingPastTheBusyTimeoutGetsA503() throws {
        let fixture = try WebFixture(seeds: true)
        let visitor = WebClient(fixture)
        _ = try visitor.get("/angebote/\(SeedIDs.dayCare)")
        let importer = try Store.open(path: fixture.path)   // another process's connection
        defer { try? importer.close() }
        try importer.pool.writeWithoutTransaction { try $0.executeScript("BEGIN IMMEDIATE") }
        let busy = try visitor.post(Self.form, [("text", Self.text)])
        try importer.pool.writeWithoutTransaction { try $0.executeScript("ROLLBACK") }
        #expect(busy.status == 503)
        #expect(busy.headers["Retry-After"] == "5")
        #expect(busy.body.contains("Vorübergehend nicht möglich") && busy.body.contains("Nichts wurde gespeichert"))
        #expect(try suggestions(fixture) == 0)
        #expect(try visitor.post(Self.form, [("text", Self.text)]).status == 200)
    }

    @Test func aFullDiskGetsA503AndNothingHalfWritten() throws {
        let fixture = try WebFixture(seeds: true)
        let visitor = WebClient(fixture)
        _ = try visitor.get("/angebote/\(SeedIDs.dayCare)")
        // The database may not grow by a single page: as full as a full disk.
        try fixture.store.pool.writeWithoutTransaction { db in
            let pages = try db.scalarInt("PRAGMA page_count") ?? 0
            _ = try db.scalarInt("PRAGMA max_page_count = \(pages)")
        }
        var stored = 0
        var refused: WebClient.Answer?
        for number in 1...40 where refused == nil {
            visitor.remoteAddress = "192.0.2.\(number)"
            let answer = try visitor.post(Self.form, [("text", String(repeating: "Sehr lange Korrektur \(number). ", count: 60))])
            if answer.status == 200 { stored += 1 } else { refused = answer }
        }
        let answer = try #require(refused)
        #expect(answer.status == 503)
        #expect(answer.body.contains("Speicher voll") && answer.body.contains("Nichts wurde gespeichert"))
        #expect(answer.headers["Retry-After"] != nil)
        #expect(try suggestions(fixture) == stored)
    }

    @Test func aDeletedDatabaseFileRefusesWritesWithA503() throws {
        let fixture = try WebFixture(seeds: true)
        let visitor = WebClient(fixture)
        _ = try visitor.get("/angebote/\(SeedIDs.dayCare)")
        try FileManager.default.removeItem(atPath: fixture.path)
        let answer = try visitor.post(Self.form, [("text", Self.text)])
        #expect(answer.status == 503)
        #expect(answer.body.contains("fehlt") && answer.body.contains("Schreibzugriffe werden abgelehnt"))
        let json = try visitor.send("POST", Self.form + ".json", form: [("text", Self.text)])
        #expect(json.status == 503 && json.body.contains("\"status\":503"))
    }
}
