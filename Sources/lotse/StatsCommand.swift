// StatsCommand: `lotse stats` prints counts of the directory.
import Foundation
import LotseCommandLine
import LotseCore

/// `lotse stats`.
enum StatsCommand {
    static let spec = CommandSpec(
        name: "stats", abstract: "Zahlen zum Verzeichnis zeigen", usage: "lotse stats [--db PFAD] [--json]",
        options: [OptionSpec(name: "json", value: nil, help: "als JSON ausgeben")],
        run: { arguments, console in
            try arguments.expectPositional(0...0)
            let store = try Store.open(path: console.databasePath(arguments), create: false)
            let stats = try store.pool.read { try DirectoryStatistics.compute($0, today: BerlinTime(Date()).dateString) }
            if arguments.flag("json") {
                var object: [String: Any] = [
                    "tables": Dictionary(uniqueKeysWithValues: stats.tableCounts.map { ($0.table, $0.count) }),
                    "organizations_by_kind": Dictionary(uniqueKeysWithValues: stats.organizationsByKind.map { ($0.kind.rawValue, $0.count) }),
                    "services_by_capacity": Dictionary(uniqueKeysWithValues: stats.servicesByCapacity.map { ($0.status.rawValue, $0.count) }),
                ]
                object["listed_services"] = stats.listedServices
                object["stale_services"] = stats.staleServices
                object["migrations"] = stats.migrations
                object["sample_data"] = stats.isSampleData
                let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
                console.out(String(decoding: data, as: UTF8.self))
                return .success
            }
            console.out("Datenbank: \(store.path)\(stats.isSampleData ? " (fiktive Beispieldaten)" : "")")
            console.out("Schema: \(stats.migrations.joined(separator: ", "))")
            console.out("Angebote im Verzeichnis: \(stats.listedServices), davon überfällig zur Prüfung: \(stats.staleServices)")
            console.out("\nOrganisationen nach Art:")
            for (kind, count) in stats.organizationsByKind { console.out("  \(kind.label): \(count)") }
            console.out("\nAngebote nach Kapazität:")
            for (status, count) in stats.servicesByCapacity { console.out("  \(status.label): \(count)") }
            console.out("\nZeilen je Tabelle:")
            for (table, count) in stats.tableCounts { console.out("  \(table): \(count)") }
            return .success
        })
}
