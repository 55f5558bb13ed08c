// BenchCommand: placeholder until the benchmark lands.
import LotseCore

/// `lotse bench`.
enum BenchCommand {
    static let spec = CommandSpec(name: "bench", abstract: "Leistung messen", usage: "lotse bench search",
                                  run: { _, _ in 0 })
}
