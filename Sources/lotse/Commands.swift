// Commands: the one command table of `lotse` and its global options. Help, dispatch and the
// mapping of errors to exit statuses (ExitCode) live in LotseCommandLine.
import LotseCommandLine

/// The command table of `lotse`.
enum Commands {
    /// Options every command accepts (besides `--help`).
    static let globalOptions = [
        OptionSpec(name: "db", value: "PFAD", help: "Datenbankdatei (sonst $LOTSE_DB, sonst ./lotse.db)"),
    ]

    /// Every command, in the order `lotse help` lists them (after `help`).
    static let table = CommandTable(
        program: "lotse", title: "Lotse – Verzeichnis und Vermittlung für soziale Netzwerke im Quartier",
        globalOptions: globalOptions,
        commands: [
            InitCommand.spec, MigrateCommand.spec, SearchCommand.spec, StatsCommand.spec,
            ServeCommand.spec, HTTPCommand.spec, RoutesCommand.spec, UserCommand.spec, DigestCommand.spec, JobsCommand.spec, AuditCommand.spec, KeysCommand.spec,
            RetentionCommand.spec, ConfigCommand.spec, ExportCommand.spec, ImportCommand.spec, GenerateCommand.spec,
            GenerateReferralsCommand.spec, BackupCommand.spec, RestoreCommand.spec,
        ])
}
