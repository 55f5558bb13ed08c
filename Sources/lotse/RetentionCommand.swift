// RetentionCommand: `lotse retention run [--dry-run]` — anonymises closed referrals past their
// period, prunes old notifications and audit rows, and logs the run.
import LotseCommandLine
import LotseCore

/// `lotse retention`.
enum RetentionCommand {
    static let spec = CommandSpec(
        name: "retention", abstract: "Aufbewahrungsfristen anwenden (anonymisieren)",
        usage: "lotse retention run [--dry-run] [--now ZEITPUNKT] [--db PFAD]",
        options: [
            OptionSpec(name: "dry-run", value: nil, help: "nur zählen, nichts ändern"),
            OptionSpec(name: "now", value: "ZEITPUNKT", help: "so tun, als wäre es dieser Zeitpunkt (ISO 8601)"),
        ],
        discussion: """
            Abgeschlossene Vermittlungen werden nach der Frist (Standard 180 Tage, retention.referral_days)
            anonymisiert: Namen, Kontaktdaten, Fallzeichen, Notizen, freie Begründungen und Ergebnistexte
            sowie personenbezogene Angaben der Einwilligungen werden entfernt (überschreibend gelöscht);
            Bedarf, Sozialraum, Status, Gründe und Tagesdaten bleiben für die Statistik. Das
            Zugriffsprotokoll hat eine eigene Frist (Standard 3 Jahre, retention.audit_days). Jeder Lauf
            wird in retention_run und im Zugriffsprotokoll vermerkt.
            """,
        run: { arguments, console in
            try arguments.expectPositional(1...1)
            guard arguments.positional[0] == "run" else { throw UsageError(message: "Bekannt ist: lotse retention run") }
            let store = try Store.open(path: console.databasePath(arguments), create: false)
            let report = try RetentionJob.run(store: store, now: try ClockOption.now(arguments), dryRun: arguments.flag("dry-run"))
            console.out(report.summary)
            try store.close()
            return .success
        })
}
