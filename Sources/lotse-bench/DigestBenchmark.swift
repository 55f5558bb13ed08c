// DigestBenchmark: `lotse-bench digest` — builds (and "sends" to a sink command that discards)
// the weekly digests of 10,000 recipients on a large generated directory; reports time and
// peak memory.
import Dispatch
import Foundation
import LotseCommandLine
import LotseCore
import LotseWeb
import SQLite
import Templating

/// The digest benchmark.
struct DigestBenchmark {
    /// Services to generate.
    let services: Int
    /// Digest recipients to create.
    let recipients: Int
    /// The generator's seed.
    let seed: UInt64
    /// Folder for the generated databases; nil: temporary, removed afterwards.
    let directory: String?
    /// Where the table goes.
    let console: Console

    /// Generates the data, measures and prints the table.
    func run() throws {
        let folder = directory ?? NSTemporaryDirectory()
        let source = try BenchDatabase.prepare(services: services, seed: seed, directory: folder, console: console)
        let path = (folder as NSString).appendingPathComponent("lotse-bench-digest-\(services)-\(recipients).db")
        BenchDatabase.remove(path)
        try FileManager.default.copyItem(atPath: source, toPath: path)
        defer { BenchDatabase.remove(path) }
        let store = try Store.open(path: path)
        try addRecipients(store)
        let settings = MailSettings(from: MailAddress("lotse@localhost", name: "Lotse"), publicURL: "https://lotse.example.org",
                                    transport: SendmailTransport(commandLine: "/bin/true"),
                                    templates: try Resources.templates().templateLibrary(), links: URLs.mailLinks)
        let run = DigestRun(store: store, settings: settings, networkName: "Benchmark")
        let before = ProcessMemory.peakResident
        let started = DispatchTime.now().uptimeNanoseconds
        var options = DigestRun.Options(week: ISOWeek(containing: Date()))
        options.dryRun = true
        let built = try run.run(options)
        let buildSeconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let sendStarted = DispatchTime.now().uptimeNanoseconds
        let sent = try run.run(DigestRun.Options(week: ISOWeek(containing: Date())))
        let sendSeconds = Double(DispatchTime.now().uptimeNanoseconds - sendStarted) / 1e9
        console.out("Wochenübersicht: \(recipients) Empfänger:innen auf \(services) Angeboten")
        console.out(String(format: "  bauen (Kennzahlen, Inhalte, Text und HTML): %.2f s, %d Nachrichten, %d ohne Neuigkeiten",
                           buildSeconds, built.prepared, built.skipped))
        console.out(String(format: "  bauen, im Versandprotokoll ablegen und an /bin/true übergeben: %.2f s, %d verschickt",
                           sendSeconds, sent.sent))
        console.out(String(format: "  Spitzenwert Arbeitsspeicher: %.0f MB (vorher %.0f MB)", Double(ProcessMemory.peakResident) / 1e6, Double(before) / 1e6))
        try store.close()
    }

    /// Providers (60 %), counselors with areas (30 %) and coordinators (10 %).
    private func addRecipients(_ store: Store) throws {
        var random = SeededRandom(seed: seed)
        try store.pool.write { db in
            let organizations = try db.query("SELECT id FROM organization ORDER BY id") { $0.string(0) }
            let areas = try db.query("SELECT id FROM sozialraum WHERE level IN ('stadtteil', 'quartier') ORDER BY id") { $0.string(0) }
            let account = try db.prepare("INSERT INTO account(id, email, display_name, role, status, created_at) VALUES (?, ?, ?, ?, 'active', '2026-01-01T00:00:00Z')")
            let link = try db.prepare("INSERT OR IGNORE INTO account_organization(account_id, organization_id) VALUES (?, ?)")
            let area = try db.prepare("INSERT OR IGNORE INTO account_area(account_id, sozialraum_id) VALUES (?, ?)")
            for index in 0..<recipients {
                let id = random.uuid()
                let role = index % 10 < 6 ? "provider" : index % 10 < 9 ? "counselor" : "coordinator"
                try account.run([id, "empfaenger\(index)@localhost", "Empfänger:in Nr. \(index) Müller", role])
                if role == "provider" {
                    for _ in 0..<random.int(1...2) { try link.run([id, random.pick(organizations)]) }
                } else if role == "counselor" {
                    for _ in 0..<random.int(1...3) { try area.run([id, random.pick(areas)]) }
                }
            }
        }
    }
}
