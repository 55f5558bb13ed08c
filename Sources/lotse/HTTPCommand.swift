// HTTPCommand: `lotse http` answers HTTP requests read from stdin on stdout (as `fossil http`
// does) — for tests without sockets and for inetd-style use.
import Foundation
import HTTP
import LotseCommandLine
import LotseCore
import LotseWeb

/// `lotse http`.
enum HTTPCommand {
    static let spec = CommandSpec(
        name: "http", abstract: "eine HTTP-Anfrage von stdin beantworten (für Tests und inetd)",
        usage: "lotse http [--db PFAD] [--public-url URL] < anfrage.txt",
        options: [OptionSpec(name: "public-url", value: "URL", help: "Adresse der Seite (sonst $LOTSE_PUBLIC_URL)")],
        discussion: "Liest eine oder mehrere Anfragen (HTTP/1.1, auch hintereinander) von stdin und schreibt die Antworten auf stdout. Die Datenbank muss es geben.",
        run: { arguments, console in
            try arguments.expectPositional(0...0)
            let store = try Store.open(path: console.databasePath(arguments), create: false)
            let publicURL = arguments.value("public-url") ?? console.environment["LOTSE_PUBLIC_URL"].flatMap { $0.isEmpty ? nil : $0 }
                ?? "http://127.0.0.1:8080"
            let app = try WebApp(store: store, configuration: WebConfiguration(publicURL: publicURL, templates: try Resources.templates()))
            let limits = Limits()
            OneShot.serve(input: 0, output: 1, handler: app.handler, limits: limits,
                          configuration: BodyLimits.serverConfiguration(limits: limits))
            return .success
        })
}
