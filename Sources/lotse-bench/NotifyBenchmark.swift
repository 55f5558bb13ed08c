// NotifyBenchmark: `lotse-bench notify` — the latency of notification e-mails from a referral
// sent to the sendmail call. On a generated directory it adds a counseling team and one provider
// editor per organization, prepares ANZAHL referral drafts with consent (default 1,000) through
// the core API, starts `lotse serve` with a fake sendmail (a script in a temporary folder that
// appends the time of its call and the message's Message-ID, which names the queued mail and so
// the referral), then sends the referrals over HTTP as the counselor (POST …/senden with the
// session cookie and CSRF token, the path a browser takes), spread evenly over --seconds
// (default 60). Reports p50/p99/max from each send to its sendmail call and how many mails were
// sent against how many were queued "at once" (each exactly once).
import Dispatch
import Foundation
import Glibc
import LotseCommandLine
import LotseCore

/// The notification latency benchmark.
struct NotifyBenchmark {
    /// `lotse-bench notify`, registered in `BenchCommands.table`.
    static let command = CommandSpec(
        name: "notify", abstract: "Benachrichtigungs-E-Mails: Zeit vom Senden einer Vermittlung bis zum sendmail-Aufruf",
        usage: "lotse-bench notify [ANZAHL] [Optionen]",
        options: [OptionSpec(name: "services", value: "N", help: "Angebote im erzeugten Verzeichnis (Standard 2000)"),
                  OptionSpec(name: "seconds", value: "T", help: "Zeitraum, über den gesendet wird (Standard 60)"),
                  OptionSpec(name: "interval", value: "S", help: "Takt des Benachrichtigungslaufs in Sekunden (LOTSE_NOTIFY_INTERVAL, nur Debug-Build; Standard 30)"),
                  BenchCommands.Option.seed, BenchCommands.Option.dir],
        discussion: """
            Startet `lotse serve` (das Programm lotse neben lotse-bench) mit einem falschen sendmail, sendet
            ANZAHL Vermittlungen (Standard 1000) gleichmäßig verteilt über --seconds per HTTP als Beratung und
            misst je Vermittlung die Zeit bis zum sendmail-Aufruf ihrer Benachrichtigung (p50/p99/max) sowie
            die Zahl der Mails (genau eine je Vermittlung an eine Anbieterin mit »sofort«).
            """,
        run: { arguments, console in
            try arguments.expectPositional(0...1)
            let count = arguments.positional.first.map { Int($0) } ?? 1_000
            guard let count, count > 0 else { throw UsageError(message: "ANZAHL muss eine positive Zahl sein.") }
            try NotifyBenchmark(services: try arguments.int("services", default: 2_000, in: 10...2_000_000), referrals: count,
                                seconds: try arguments.int("seconds", default: 60, in: 1...3_600),
                                interval: try arguments.int("interval", default: 30, in: 1...30),
                                seed: try BenchCommands.seed(arguments), binary: try LotseBinary.path(),
                                directory: arguments.value("dir"), console: console).run()
            return .success
        })

    let services: Int
    let referrals: Int
    let seconds: Int
    let interval: Int
    let seed: UInt64
    let binary: String
    let directory: String?
    let console: Console

    /// One prepared referral: its id and the service it goes to.
    struct Prepared { let id: String, service: String }

    func run() throws {
        let source = try BenchDatabase.prepare(services: services, seed: seed, directory: directory ?? NSTemporaryDirectory(), console: console)
        let folder = NSTemporaryDirectory() + "lotse-bench-notify-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { if ProcessInfo.processInfo.environment["LOTSE_BENCH_KEEP"] == nil { try? FileManager.default.removeItem(atPath: folder) } }
        let path = folder + "/lotse.db"
        try FileManager.default.copyItem(atPath: source, toPath: path)
        try FileManager.default.copyItem(atPath: ((source as NSString).deletingLastPathComponent as NSString).appendingPathComponent("lotse.keys"),
                                         toPath: folder + "/lotse.keys")   // the database's key file lives beside it
        let (prepared, session, csrf) = try prepare(path)
        _ = try ChildProcess.run(binary, ["config", "set", "mail.quiet_from", "aus", "--db", path])   // no quiet hours at night
        let log = folder + "/sendmail.log"
        let sendmail = folder + "/sendmail"
        try """
            #!/bin/sh
            # Fake sendmail: the time of the call and the Message-ID; reads the whole message.
            t=$(date +%s.%N)
            id=$(tr -d '\\r' | awk 'tolower($1) == "message-id:" && m == "" { m = $2 } END { print m }')
            echo "$t $id" >> \(log)
            """.write(toFile: sendmail, atomically: true, encoding: .utf8)
        chmod(sendmail, 0o755)

        let server = Process()
        server.executableURL = URL(fileURLWithPath: binary)
        server.arguments = ["serve", "--port", "0", "--db", path]
        var environment = ProcessInfo.processInfo.environment
        environment["LOTSE_SENDMAIL"] = sendmail
        environment["LOTSE_NOTIFY_INTERVAL"] = String(interval)
        environment["LOTSE_DIGEST_TIME"] = "off"
        server.environment = environment
        let output = Pipe()
        server.standardOutput = output
        server.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try server.run()
        defer { server.terminate(); server.waitUntilExit() }
        var line = ""
        while !line.contains("\n") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += String(decoding: chunk, as: UTF8.self)
        }
        guard let range = line.range(of: "http://127.0.0.1:"), let port = Int(line[range.upperBound...].prefix { $0.isNumber }) else {
            throw LotseError(.unusableData, "Server meldet keine Adresse: \(line)")
        }
        usleep(1_500_000)   // the scheduler's first tick has run every job once

        // Send, evenly spread over the period.
        var sentAt: [String: Double] = [:]
        var failures = 0
        let spacing = Double(seconds) / Double(referrals)
        let start = Self.clock()
        for (index, referral) in prepared.enumerated() {
            let due = start + Double(index) * spacing
            let wait = due - Self.clock()
            if wait > 0 { usleep(UInt32(wait * 1e6)) }
            let before = Self.clock()
            let body = "csrf=\(csrf)&ziel=service%3A\(referral.service)"
            let status = Self.post(port: port, path: "/vermittlungen/\(referral.id)/senden", body: body, cookie: "lotse_sitzung=\(session)")
            if status == 303 { sentAt[referral.id] = before } else { failures += 1 }
        }
        let sendSeconds = Self.clock() - start
        // Wait for the mails: everything queued "at once" is called for, or the interval plus a margin passes.
        let expected = try Self.queued(path)
        let deadline = Self.clock() + Double(interval) + 30
        var calls: [(time: Double, messageID: String)] = []
        repeat {
            usleep(200_000)
            calls = Self.readLog(log)
        } while calls.count < expected && Self.clock() < deadline
        usleep(UInt32(min(Double(interval), 5) * 1e6))   // anything sent twice would show now
        calls = Self.readLog(log)

        let referralOfMail = try Self.referralsOfMails(path)
        let states = try Self.mailStates(path)
        var latencies: [Double] = [], perReferral: [String: Int] = [:]
        for call in calls {
            guard let mail = call.messageID.split(separator: ".").dropFirst().first.flatMap({ Int64($0) }),
                  let referral = referralOfMail[mail] else { continue }
            perReferral[referral, default: 0] += 1
            if perReferral[referral] == 1, let sent = sentAt[referral] { latencies.append((call.time - sent) * 1000) }
        }
        let sorted = latencies.sorted()
        func at(_ p: Double) -> Double { sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)] }
        console.out("Benachrichtigungen: \(referrals) Vermittlungen per HTTP in \(String(format: "%.1f", sendSeconds)) s gesendet "
                    + "(\(failures) Fehler), \(services) Angebote, Takt des Laufs \(interval) s, lotse \(binary)")
        console.out("  sofort vorgemerkt: \(expected) · sendmail-Aufrufe: \(calls.count) · Vermittlungen mit genau einer Mail: "
                    + "\(perReferral.values.filter { $0 == 1 }.count) · mit mehr als einer: \(perReferral.values.filter { $0 > 1 }.count)")
        console.out("  Zustand der vorgemerkten Mails: " + states)
        console.out(String(format: "  Senden → sendmail-Aufruf: p50 %.0f ms, p99 %.0f ms, max %.0f ms (%d gemessen)",
                           at(0.5), at(0.99), sorted.last ?? 0, sorted.count))
    }

    /// Adds a counseling team with one counselor, one provider editor per organization, and
    /// the drafts with consent; returns them, the counselor's session token and its CSRF token.
    private func prepare(_ path: String) throws -> ([Prepared], String, String) {
        let store = try Store.open(path: path, create: false)
        defer { try? store.close() }
        var random = SeededRandom(seed: seed)
        let now = Date()
        return try store.pool.write { db in
            let targets = try db.query("""
                SELECT s.id, s.organization_id,
                       (SELECT t.code FROM attribute a JOIN taxonomy_term t ON t.id = a.taxonomy_term_id JOIN taxonomy x ON x.id = t.taxonomy_id
                         WHERE a.link_entity = 'service' AND a.link_id = s.id AND x.code = 'bedarf' ORDER BY t.code LIMIT 1),
                       (SELECT z.code FROM service_at_location sal JOIN location l ON l.id = sal.location_id JOIN sozialraum z ON z.id = l.sozialraum_id
                         WHERE sal.service_id = s.id ORDER BY l.id LIMIT 1)
                FROM service s JOIN organization o ON o.id = s.organization_id WHERE \(Listing.condition) ORDER BY s.id
                """) { ($0.string(0), $0.string(1), $0.optionalString(2), $0.optionalString(3)) }
                .compactMap { row in row.2.flatMap { need in row.3.map { (service: row.0, organization: row.1, need: need, area: $0) } } }
            guard targets.count > 1 else { throw LotseError(.unusableData, "Zu wenige gelistete Angebote mit Bedarf und Sozialraum.") }
            let team = targets[0].organization
            let account = try db.prepare("INSERT INTO account(id, email, display_name, role, status, created_at) VALUES (?, ?, ?, ?, 'active', ?)")
            let link = try db.prepare("INSERT OR IGNORE INTO account_organization(account_id, organization_id) VALUES (?, ?)")
            let counselorID = random.uuid()
            try account.run([counselorID, "beratung@bench.invalid", "Beratung Bench", "counselor", Timestamp.string(now)])
            try link.run([counselorID, team])
            var providers = Set<String>()
            for target in targets where target.organization != team && providers.insert(target.organization).inserted {
                let id = random.uuid()
                try account.run([id, "anbieter\(providers.count)@bench.invalid", "Anbieter:in \(providers.count)", "provider", Timestamp.string(now)])
                try link.run([id, target.organization])
            }
            let counselor = try AccountStore(db: db, now: now).account(id: counselorID)!
            let desk = try ReferralDesk(db: db, now: now)
            let candidates = targets.filter { $0.organization != team }
            var prepared: [Prepared] = []
            for index in 0..<referrals {
                let target = candidates[index % candidates.count]
                let id = try desk.createDraft(ReferralDraft(needs: [target.need], sozialraum: target.area, caseReference: "BENCH-\(index)"), by: counselor)
                var consent = ConsentInput(recipients: [target.organization], categories: [.needs], purpose: "Vermittlung (Messung)",
                                           form: .signed, givenOn: BerlinTime(now).dateString, informationVersion: "2026-01",
                                           confidentialityRelease: false)
                consent.givenBy = .citizen
                _ = try desk.recordConsent(groupID: id, consent, by: counselor)
                prepared.append(Prepared(id: id, service: target.service))
            }
            let sessions = SessionStore(db: db, now: now)
            let token = try sessions.start(accountID: counselorID)
            guard let session = try sessions.resolve(token) else { throw LotseError(.unusableData, "Sitzung fehlt.") }
            return (prepared, token, session.csrfToken)
        }
    }

    /// Mails queued "at once" (all of them, sent or not).
    private static func queued(_ path: String) throws -> Int {
        let store = try Store.open(path: path, create: false)
        defer { try? store.close() }
        return try store.pool.read { try $0.scalarInt("SELECT count(*) FROM notification_mail WHERE mode = ?", NotificationMode.immediate.rawValue) } ?? 0
    }

    /// The referral of each queued mail (by the mail's id, which its Message-ID carries).
    private static func referralsOfMails(_ path: String) throws -> [Int64: String] {
        let store = try Store.open(path: path, create: false)
        defer { try? store.close() }
        let rows = try store.pool.read { db in
            try db.query("SELECT m.id, n.referral_id FROM notification_mail m JOIN notification n ON n.id = m.notification_id WHERE n.referral_id IS NOT NULL") {
                ($0.int64(0), $0.string(1))
            }
        }
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }

    /// The queued mails by state (with the last error of failed ones).
    private static func mailStates(_ path: String) throws -> String {
        let store = try Store.open(path: path, create: false)
        defer { try? store.close() }
        return try store.pool.read { db in
            try db.query("SELECT status, count(*), max(last_error) FROM notification_mail GROUP BY status ORDER BY status") {
                "\($0.string(0)) \($0.int(1))" + ($0.optionalString(2).map { " (\($0))" } ?? "")
            }
        }.joined(separator: ", ")
    }

    /// The fake sendmail's lines: call time (seconds since 1970) and Message-ID.
    private static func readLog(_ path: String) -> [(time: Double, messageID: String)] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(whereSeparator: \.isNewline).compactMap { line in
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, let time = Double(parts[0]) else { return nil }
            return (time, parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "<> ")))
        }
    }

    /// Wall-clock seconds since 1970 (the fake sendmail's clock).
    static func clock() -> Double { Date().timeIntervalSince1970 }

    /// A form POST over a fresh loopback connection; the status code, or 0 on failure.
    static func post(port: Int, path: String, body: String, cookie: String) -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return 0 }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return 0 }
        let request = "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nCookie: \(cookie)\r\nOrigin: http://127.0.0.1:\(port)\r\n"
            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
        let bytes = Array(request.utf8)
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return 0 }
            offset += sent
        }
        var answer = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            answer += buffer[0..<count]
        }
        let head = String(decoding: answer.prefix(12), as: UTF8.self)
        return head.count >= 12 ? Int(head.dropFirst(9).prefix(3)) ?? 0 : 0
    }
}
