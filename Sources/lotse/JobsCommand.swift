// JobsCommand: `lotse jobs run` — the scheduled work: referral deadlines and escalation, the due
// notification e-mails, retention, and the purge of expired sessions. Prints counts only (no
// personal data).
import Foundation
import LotseCommandLine
import LotseCore
import LotseWeb
import Templating

/// `lotse jobs`.
enum JobsCommand {
    static let spec = CommandSpec(
        name: "jobs", abstract: "geplante Arbeiten ausführen (Fristen, Benachrichtigungen, Aufbewahrung, Sitzungen)",
        usage: "lotse jobs run [--now ZEITPUNKT] [--db PFAD]",
        options: [OptionSpec(name: "now", value: "ZEITPUNKT", help: "so tun, als wäre es dieser Zeitpunkt (ISO 8601, zum Testen)")],
        discussion: """
            Erinnert Anbieter an fällige Antworten, weist die Beratung einige Arbeitstage später auf
            Alternativen hin, storniert auf Wunsch unbeantwortete Vermittlungen (»keine Rückmeldung«,
            Einstellung referral.auto_cancel_after_days in lotse_meta; Standard: aus), fragt bei
            stockenden Vermittlungen nach dem Stand, beendet abgelaufene Reservierungen von Wohnungen
            (»Kostenübernahme nicht rechtzeitig«) und erinnert vorher Beratung und Kostenträger, verschickt die fälligen Benachrichtigungs-E-Mails
            (sofortige, die tägliche Zusammenfassung, Wiederholungen; nicht in den Ruhezeiten außer
            dringende; über $LOTSE_SENDMAIL, Absender $LOTSE_MAIL_FROM, Links auf $LOTSE_PUBLIC_URL), anonymisiert abgeschlossene Vermittlungen nach Ablauf
            der Frist und entfernt abgelaufene Sitzungen. Jeder Schritt geschieht je Vermittlung nur einmal;
            ein zweiter Lauf ändert nichts. Für cron oder einen systemd-Timer gedacht.
            """,
        run: { arguments, console in
            try arguments.expectPositional(1...1)
            guard arguments.positional[0] == "run" else { throw UsageError(message: "Bekannt ist: lotse jobs run") }
            let now = try ClockOption.now(arguments)
            let store = try Store.open(path: console.databasePath(arguments), create: false)
            let jobs = try store.pool.write { db in
                try ReferralJobs(db: db, now: now, settings: try ReferralSettings.load(db)).run()
            }
            console.out(jobs.summary)
            let holds = try store.pool.write { db in try HousingHoldJob(db: db, now: now).run() }
            console.out(holds.summary)
            // The notifications the deadlines just raised go out in the same run.
            let networkName = try store.setting("network_name") ?? "Lotse"
            let settings = MailSettings.fromEnvironment(console.environment, networkName: networkName,
                                                        templates: try Resources.templates().templateLibrary(), links: URLs.mailLinks)
            let mail = try NotificationMailRun(store: store, settings: settings.applying(try SettingsEditor(store: store).values()),
                                               networkName: networkName).run(now: now)
            console.out("Benachrichtigungen: \(mail.summary)")
            console.out(try HoldReminderMails.send(store: store, settings: settings.applying(try SettingsEditor(store: store).values()),
                                                   networkName: networkName, now: now).summary)
            let retention = try RetentionJob.run(store: store, now: now)
            console.out(retention.summary)
            let sessions = try store.pool.write { db -> Int in
                let before = try db.scalarInt("SELECT count(*) FROM session") ?? 0
                try SessionStore(db: db, now: now).purge()
                return before - (try db.scalarInt("SELECT count(*) FROM session") ?? 0)
            }
            console.out("Sitzungen: \(sessions) abgelaufene entfernt")
            try store.close()
            return .success
        })
}

/// The `--now` option of commands that can run "as if at" another time.
enum ClockOption {
    /// `--now` as an instant, or the current time.
    static func now(_ arguments: Arguments) throws -> Date {
        guard let text = arguments.value("now") else { return Date() }
        guard let date = Timestamp.parse(text) else {
            throw UsageError(message: "--now erwartet einen Zeitpunkt wie 2026-11-23T07:00:00Z, nicht »\(text)«.")
        }
        return date
    }
}
