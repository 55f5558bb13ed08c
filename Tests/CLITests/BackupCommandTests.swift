// `lotse backup` and `lotse restore` against a real `lotse serve`: the backup is taken while the
// server answers, the restore is refused while it runs (exit 73, database untouched), a SIGTERM
// stop leaves no WAL behind, and afterwards the restore goes through and keeps the old file aside.
import Foundation
import Testing

@Suite struct BackupCommandTests {
    @Test func backupWhileServingRestoreRefusedUntilTheServerStops() throws {
        let folder = NSTemporaryDirectory() + "lotse-cli-backup-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let db = folder + "/lotse.db", out = folder + "/sicherung.db"
        let process = Process()
        process.executableURL = LotseProcess.executable
        process.arguments = ["serve", "--port", "0", "--db", db]
        var environment = ProcessInfo.processInfo.environment
        environment["LOTSE_HOME"] = LotseProcess.root.path
        environment["LOTSE_DIGEST_TIME"] = "off"
        environment.removeValue(forKey: "LOTSE_LITESTREAM")
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate(); process.waitUntilExit() } }
        var line = ""
        while !line.contains("\n") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += String(decoding: chunk, as: UTF8.self)
        }
        #expect(line.hasPrefix("Lotse läuft auf"))

        let backup = try LotseProcess.run(["backup", "--out", out, "--db", db])
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(backup.stdout.contains("Gesichert: \(out)") && backup.stdout.contains("lotse.key"))
        let mode = (try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600)
        let again = try LotseProcess.run(["backup", "--out", out, "--db", db])
        #expect(again.status == 73 && again.stderr.contains("--force"))

        let before = FileManager.default.contents(atPath: db)
        let refused = try LotseProcess.run(["restore", out, "--db", db])
        #expect(refused.status == 73, "\(refused.stdout) \(refused.stderr)")
        #expect(refused.stderr.contains("lotse serve") && refused.stderr.contains("Nichts wurde verändert"))
        #expect(FileManager.default.contents(atPath: db) == before)

        process.terminate()   // SIGTERM: a clean stop checkpoints and removes the WAL
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(!FileManager.default.fileExists(atPath: db + "-wal"))

        let checked = try LotseProcess.run(["restore", out, "--check"])
        #expect(checked.status == 0 && checked.stdout.contains("Sicherung in Ordnung"), "\(checked.stderr)")
        let restored = try LotseProcess.run(["restore", out, "--db", db])
        #expect(restored.status == 0, "\(restored.stderr)")
        #expect(restored.stdout.contains("Wiederhergestellt: \(db)") && restored.stdout.contains(".before-restore-"))
        let foreign = try LotseProcess.run(["restore", "/etc/hostname", "--db", db])
        #expect(foreign.status == 65 && foreign.stderr.contains("keine SQLite-Datenbank"))
    }
}
