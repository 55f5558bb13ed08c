// RoutesCommand: `lotse routes` prints the route table — method, pattern, who may call it and
// its German summary — generated from Routes.table, the one route table of the site.
import Foundation
import LotseCommandLine
import LotseWeb

/// `lotse routes`.
enum RoutesCommand {
    static let spec = CommandSpec(
        name: "routes", abstract: "Alle Adressen der Website mit Zugriffsregel zeigen", usage: "lotse routes [--zugriff REGEL]",
        options: [OptionSpec(name: "zugriff", value: "REGEL",
                             help: "nur Routen mit dieser Regel (\(Access.allCases.map(\.rawValue).joined(separator: ", ")))")],
        discussion: "Die Liste entsteht aus der Routentabelle (Sources/LotseWeb/Routes.swift); angemeldete Personen sehen die für sie freigegebenen Seiten unter /hilfe.",
        run: { arguments, console in
            try arguments.expectPositional(0...0)
            var routes = Routes.table
            if let rule = arguments.value("zugriff") {
                guard let access = Access(rawValue: rule) else { throw UsageError(message: "Unbekannte Regel: \(rule)") }
                routes = routes.filter { $0.access == access }
            }
            let patternWidth = routes.map(\.pattern.count).max() ?? 0
            let accessWidth = routes.map(\.access.rawValue.count).max() ?? 0
            for route in routes {
                let method = route.method.padding(toLength: 5, withPad: " ", startingAt: 0)
                let pattern = route.pattern.padding(toLength: patternWidth, withPad: " ", startingAt: 0)
                let access = route.access.rawValue.padding(toLength: accessWidth, withPad: " ", startingAt: 0)
                console.out("\(method) \(pattern)  \(access)  \(route.summary)")
            }
            return .success
        })
}
