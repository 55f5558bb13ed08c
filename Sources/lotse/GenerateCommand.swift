// GenerateCommand: placeholder until the synthetic generator lands.
import LotseCore

/// `lotse generate`.
enum GenerateCommand {
    static let spec = CommandSpec(name: "generate", abstract: "synthetisches Verzeichnis erzeugen", usage: "lotse generate --services N --seed S",
                                  run: { _, _ in 0 })
}
