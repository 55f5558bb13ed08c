// Drills for the database file on the command line: `lotse serve` never seeds a new database
// where one existed before (the file deleted or a volume not mounted), while `lotse init`
// creates it on purpose; a long `generate-referrals` leaves room for other writers.
import Foundation
import Testing

@Suite struct DatabaseSafetyCommandTests {
    @Test func serveRefusesToSeedWhereADatabaseExisted() throws {
        let db = LotseProcess.temporaryDatabase()
        defer { for suffix in ["", "-wal", "-shm", ".lotse-state"] { try? FileManager.default.removeItem(atPath: db + suffix) } }
        let created = try LotseProcess.run(["init", "--db", db, "--empty"])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(FileManager.default.fileExists(atPath: db + ".lotse-state"))
        // The database is lost; a start must not put the sample network in its place.
        try FileManager.default.removeItem(atPath: db)
        let refused = try LotseProcess.run(["serve", "--db", db, "--port", "0"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("obwohl hier schon eine Lotse-Datenbank lag") && refused.stderr.contains("lotse init"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: db))
        // Told to, `lotse init` creates it again.
        let again = try LotseProcess.run(["init", "--db", db])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(FileManager.default.fileExists(atPath: db))
    }
}
