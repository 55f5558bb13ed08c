// ServeCommand: `lotse serve` runs the web service. On a new machine it creates and seeds the
// database first; it prints where to open the site (with --port 0, the port it got) and stops
// gracefully on SIGTERM/SIGINT.
import Foundation
import HTTP
import LotseCommandLine
import LotseCore
import LotseWeb
import Templating

/// `lotse serve`.
enum ServeCommand {
    static let spec = CommandSpec(
        name: "serve", abstract: "den Webdienst starten (legt beim ersten Start Datenbank und Beispieldaten an)",
        usage: "lotse serve [--host HOST] [--port PORT] [--db PFAD] [--public-url URL]",
        options: [
            OptionSpec(name: "host", value: "HOST", help: "Adresse (sonst $LOTSE_HOST, sonst 127.0.0.1)"),
            OptionSpec(name: "port", value: "PORT", help: "Port, 0 = frei wählen (sonst $LOTSE_PORT, sonst 8080)"),
            OptionSpec(name: "public-url", value: "URL", help: "Adresse der Seite für Nutzer:innen, z. B. hinter dem TLS-Proxy (sonst $LOTSE_PUBLIC_URL)"),
            OptionSpec(name: "max-connections", value: "N", help: "gleichzeitige Verbindungen (Standard 4096)"),
        ],
        discussion: """
            Dient das Verzeichnis, die Seiten und die HSDS-API auf http://HOST:PORT/ aus. Im Hintergrund
            verschickt er montags um 07:00 (Europe/Berlin) die Wochenübersichten (Einstellung digest.time,
            sonst $LOTSE_DIGEST_TIME, z. B. »FR 14:30« oder »off«), prüft alle 15 Minuten die Antwortfristen der Vermittlungen, wendet
            täglich die Aufbewahrungsfristen an (wie »lotse jobs run«), setzt täglich einen Kontrollpunkt des
            Zugriffsprotokolls (wie »lotse audit checkpoint«) und räumt abgelaufene Sitzungen auf. Gibt es die
            Datenbank noch nicht, wird sie angelegt und mit Seeds/ befüllt – nur auf einem neuen Rechner: lag
            hier schon eine (Vermerk PFAD.lotse-state), startet er nicht und nennt den Weg zurück. Zugriffe werden je Anfrage mit
            Anfrage-ID auf stderr protokolliert (ohne Suchbegriffe). SIGTERM oder Strg+C beenden nach den
            laufenden Anfragen und schreibt das WAL in die Datenbank zurück (außer mit $LOTSE_LITESTREAM=1: dann
            übernimmt Litestream die Checkpoints). Solange er läuft, hält er die Sperrdatei DATENBANK.lock, und
            »lotse restore« verweigert. /healthz meldet den Zustand, /metrics Messwerte für Prometheus (nur für
            Adressen aus $LOTSE_METRICS_FROM, sonst Loopback). Im Betrieb gehört ein TLS-Reverse-Proxy davor; --public-url nennt dann die
            https-Adresse.
            """,
        run: { arguments, console in
            try arguments.expectPositional(0...0)
            let host = arguments.value("host") ?? console.environment["LOTSE_HOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
            let portText = arguments.value("port") ?? console.environment["LOTSE_PORT"].flatMap { $0.isEmpty ? nil : $0 } ?? "8080"
            guard let port = Int(portText), (0...65535).contains(port) else {
                throw UsageError(message: "Port muss eine Zahl von 0 bis 65535 sein, nicht »\(portText)«.")
            }
            var limits = Limits()
            limits.maxConnections = try arguments.int("max-connections", default: 4096, in: 1...100_000)
            raiseFileLimit(to: limits.maxConnections + 256)
            let path = console.databasePath(arguments)
            let checkpoints = try CheckpointPolicy(environment: console.environment)
            // Held until the process ends: `lotse restore` refuses and `lotse import` works on a
            // copy while it is held.
            let serverLock = try ServerLock.forServer(databasePath: path)
            // The index snapshot is read while the database opens; it is used only if it
            // matches the database once open.
            let snapshotPath = SearchIndex.snapshotPath(forDatabase: path)
            let prefetch = SearchSnapshotPrefetch(path: snapshotPath)
            let templateTree = try Resources.templates()
            let templates = BackgroundValue { try templateTree.templateLibrary() }   // parsed meanwhile as well
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue
            if size == nil || size == 0 {
                try StateMarker(databasePath: path).refuseToRecreate()   // a lost database is not replaced by sample data
                console.err(try InitCommand.create(at: path, seeds: try Resources.seeds(), force: true))
            }
            // A streamed export reads on its own reader connection for as long as it runs: at most
            // half of the readers go to streams, so pages and the API always find one.
            let readers = 8
            let store = try Store.open(path: path, maximumReaders: readers)
            try StateMarker(databasePath: path).record()
            try checkpoints.apply(to: store)
            limits.maxConcurrentStreams = min(limits.maxConcurrentStreams, readers / 2)
            limits.maxStreamsPerAddress = min(limits.maxStreamsPerAddress, max(1, limits.maxConcurrentStreams / 2))
            let search = SearchService(store: store, snapshotPath: snapshotPath, prefetched: prefetch)
            search.warmUp()
            let late = LateHandler()
            let monitor = Monitor.fromEnvironment(console.environment)
            var configuration = BodyLimits.serverConfiguration(limits: limits, trustedProxies: TrustedProxies(console.environment["LOTSE_TRUSTED_PROXIES"] ?? ""))
            configuration.metrics = monitor.http
            let server = Server(host: host, port: port, limits: limits, configuration: configuration,
                                logger: .standardError, handler: late.handler)
            try server.start()
            let shownHost = host.contains(":") ? "[\(host)]" : host
            let publicURL = arguments.value("public-url") ?? console.environment["LOTSE_PUBLIC_URL"].flatMap { $0.isEmpty ? nil : $0 }
                ?? "http://\(shownHost):\(server.boundPort)"
            let app = try WebApp(store: store, configuration: WebConfiguration(publicURL: publicURL, templates: templateTree),
                                 search: search, monitor: monitor, templateLibrary: try templates.value())
            late.set(app.handler)
            app.context.mailQueue.startSender()   // account mails leave in the background, not in the request
            let scheduler = try makeScheduler(store: store, console: console, publicURL: publicURL, templates: app.context.site.templates)
            monitor.attach(scheduler)
            scheduler.wakeAfterCommit(Scheduler.notificationMailJobName, pool: store.pool)   // mail "at once" leaves right after the commit
            // The jobs' first run (audit checkpoint, retention, deadlines) waits for the first
            // search index, at most 10 s, so that it does not take the cores from the first searches.
            let tick = min(30, notificationInterval(console))
            scheduler.start(tick: tick, holdFirstRun: { search.waitUntilReady(timeout: 10) })
            server.installSignalHandlers()
            console.out("Lotse läuft auf http://\(shownHost):\(server.boundPort)/ (Datenbank \(path); beenden mit Strg+C)")
            server.wait()
            scheduler.stop()
            app.context.mailQueue.stopSender()
            try checkpoints.shutDown(store)
            serverLock.release()
            console.err("Lotse beendet.")
            return .success
        })

    /// The background jobs: the weekly digest at the `digest.time` setting (else
    /// $LOTSE_DIGEST_TIME, else "MO 07:00"; "aus"/"off" leaves it to cron), referral deadlines
    /// every 15 minutes, notification e-mails every 30 seconds, retention daily and housekeeping.
    static func makeScheduler(store: Store, console: Console, publicURL: String, templates: TemplateLibrary) throws -> Scheduler {
        let setting = console.environment["LOTSE_DIGEST_TIME"] ?? ""
        var jobs = [Scheduler.housekeepingJob(store: store), Scheduler.referralJob(store: store), Scheduler.retentionJob(store: store),
                    Scheduler.auditCheckpointJob(store: store)]
        var fallback: WeeklySchedule?
        if setting.lowercased() != "off" {
            guard let schedule = setting.isEmpty ? WeeklySchedule.digestDefault : WeeklySchedule(setting) else {
                throw UsageError(message: "LOTSE_DIGEST_TIME erwartet z. B. »MO 07:00« oder »off«, nicht »\(setting)«.")
            }
            fallback = schedule
        }
        let networkName = try store.setting("network_name") ?? "Lotse"
        let settings = MailSettings.fromEnvironment(console.environment, networkName: networkName, publicURL: publicURL,
                                                    templates: templates, links: URLs.mailLinks)
        jobs.append(Scheduler.digestJob(store: store, fallback: fallback) { week, now in
            let sender = settings.applying(try SettingsEditor(store: store).values())  // the sender as set now
            var options = DigestRun.Options(week: week)
            options.respectBackoff = true   // failed messages are tried again by later checks, with back-off
            let summary = try DigestRun(store: store, settings: sender, networkName: networkName).run(options, now: now)
            if summary.prepared == 0 && summary.sent == 0 && summary.failed == 0 && summary.handedOver == 0 { return "" }
            return "\(week): \(summary.sent) verschickt, \(summary.failed) fehlgeschlagen (neuer Versuch später), \(summary.skipped) ohne Neuigkeiten"
        })
        jobs.append(Scheduler.notificationMailJob(interval: notificationInterval(console)) { now in
            try NotificationMailRun(store: store, settings: settings.applying(try SettingsEditor(store: store).values()), networkName: networkName)
                .run(now: now)
        })
        jobs.append(Scheduler.housingHoldJob(store: store) { now in
            try HoldReminderMails.send(store: store, settings: settings.applying(try SettingsEditor(store: store).values()),
                                       networkName: networkName, now: now)
        })
        return Scheduler(jobs: jobs, log: { console.err($0) })
    }

    /// Seconds between runs of the notification mailer: 30, or in debug builds the test hook
    /// LOTSE_NOTIFY_INTERVAL (1 to 30; .ci/checks/notify.py), which also shortens the
    /// scheduler's tick so that the job runs on time.
    static func notificationInterval(_ console: Console) -> TimeInterval {
        #if DEBUG
        if let seconds = console.environment["LOTSE_NOTIFY_INTERVAL"].flatMap(Double.init), (1...30).contains(seconds) { return seconds }
        #endif
        return 30
    }

    /// Raises the soft limit of open files (idle connections are file descriptors).
    static func raiseFileLimit(to wanted: Int) {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return }
        let target = min(rlim_t(wanted), limit.rlim_max)
        if limit.rlim_cur < target {
            limit.rlim_cur = target
            _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        }
    }
}

/// A handler set after the server has bound its port (the site needs the port for its URL);
/// answers 503 until then.
final class LateHandler: @unchecked Sendable {
    private let lock = NSLock()
    private var target: Handler?

    func set(_ handler: @escaping Handler) { lock.withLock { target = handler } }

    var handler: Handler {
        { request in
            guard let target = self.lock.withLock({ self.target }) else { return .text("Lotse startet gerade.\n", status: 503) }
            return try target(request)
        }
    }
}
