// DigestCommand: `lotse digest` builds and sends the weekly digest e-mails (for cron; `lotse
// serve` runs it on its own schedule), or shows them without sending.
import Foundation
import LotseCommandLine
import LotseCore
import LotseWeb
import Templating

/// `lotse digest`.
enum DigestCommand {
    static let spec = CommandSpec(
        name: "digest", abstract: "Wochenübersichten bauen und per sendmail verschicken",
        usage: "lotse digest [--dry-run] [--week JJJJ-Www] [--to ADRESSE] [--out ORDNER]",
        options: [
            OptionSpec(name: "dry-run", value: nil, help: "nur bauen und zählen, nichts verschicken oder vermerken"),
            OptionSpec(name: "week", value: "JJJJ-Www", help: "Kalenderwoche nach ISO 8601 (Standard: die laufende)"),
            OptionSpec(name: "to", value: "ADRESSE", help: "nur an diese E-Mail-Adresse"),
            OptionSpec(name: "out", value: "ORDNER", help: "Nachrichten als .eml-Dateien hier ablegen statt verschicken"),
        ],
        discussion: """
            Jede Person bekommt höchstens eine Übersicht pro Kalenderwoche: ein zweiter Lauf verschickt nur, was
            fehlt (fehlgeschlagen, unterbrochen), und nichts doppelt. Versand über $LOTSE_SENDMAIL (Standard
            /usr/sbin/sendmail -t -i, 30 s Zeitlimit), Absender $LOTSE_MAIL_FROM, Links auf $LOTSE_PUBLIC_URL.
            Wer nichts Neues hat, bekommt keine E-Mail (außer er hat es in den Einstellungen so gewählt).
            Exit 0: alles verschickt; 75: einzelne Sendungen fehlgeschlagen (der nächste Lauf versucht sie erneut).
            """,
        run: { arguments, console in
            try arguments.expectPositional(0...0)
            let store = try Store.open(path: console.databasePath(arguments), create: false)
            let now = Date()
            var week = ISOWeek(containing: now)
            if let text = arguments.value("week") {
                guard let parsed = ISOWeek(text) else { throw UsageError(message: "--week erwartet eine Kalenderwoche wie 2026-W48, nicht »\(text)«.") }
                week = parsed
            }
            var options = DigestRun.Options(week: week)
            options.dryRun = arguments.flag("dry-run")
            options.recipient = arguments.value("to")
            if let out = arguments.value("out") {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
                options.outputDirectory = out
            }
            #if DEBUG
            // Test hook (debug builds only): LOTSE_DIGEST_STOP_AFTER=N stops after N sends, as a
            // simulated crash, so .ci/checks/digest.py can check that a rerun sends only the rest.
            options.stopAfterSends = console.environment["LOTSE_DIGEST_STOP_AFTER"].flatMap(Int.init)
            #endif
            let networkName = try store.setting("network_name") ?? "Lotse"
            let settings = MailSettings.fromEnvironment(console.environment, networkName: networkName,
                                                        templates: try Resources.templates().templateLibrary(), links: URLs.mailLinks)
                                                        .applying(try SettingsEditor(store: store).values())
            let bar = ProgressBar(enabled: console.stderrIsTerminal)
            let summary: DigestRun.Summary
            do {
                summary = try DigestRun(store: store, settings: settings, networkName: networkName).run(options, now: now) { done, total in
                    bar.update("Wochenübersicht", done: done, total: total)
                }
            } catch is DigestRun.Interrupted {
                bar.finish()
                console.err("lotse digest: abgebrochen nach \(options.stopAfterSends ?? 0) Sendungen (LOTSE_DIGEST_STOP_AFTER).")
                return .internalError
            }
            bar.finish()
            var line = "Wochenübersicht \(week): \(summary.recipients) Empfänger:innen"
            if let out = options.outputDirectory {
                line += ", \(summary.written) Nachrichten in \(out), \(summary.skipped) ohne Neuigkeiten"
            } else if options.dryRun {
                line += ", \(summary.prepared) würden verschickt, \(summary.skipped) ohne Neuigkeiten (Probelauf)"
            } else {
                line += ", \(summary.prepared) neu vorbereitet, \(summary.skipped) ohne Neuigkeiten, \(summary.alreadySent) schon erledigt, \(summary.sent) verschickt, \(summary.failed) fehlgeschlagen"
                    + (summary.handedOver > 0 ? ", \(summary.handedOver) schon vor einem Abbruch an sendmail übergeben" : "")
            }
            console.out(line + ".")
            for failure in summary.failures.prefix(20) { console.err("Fehler: \(failure)") }
            return summary.failed > 0 ? .temporaryFailure : .success
        })
}
