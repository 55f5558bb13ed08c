// KeysCommand: `lotse keys status` shows where the key file is and which signing keys it
// holds; `lotse keys rotate` replaces the signing key of links, keeping the old one for a
// grace period.
import Foundation
import LotseCommandLine
import LotseCore

/// `lotse keys`.
enum KeysCommand {
    static let spec = CommandSpec(
        name: "keys", abstract: "Schlüsseldatei anzeigen oder den Signaturschlüssel erneuern",
        usage: "lotse keys status|rotate [--grace-days N] [--db PFAD]",
        options: [
            OptionSpec(name: "grace-days", value: "N", help: "so lange gilt der alte Schlüssel noch (Standard 30 Tage)"),
        ],
        discussion: """
            Die Schlüssel liegen nicht in der Datenbank, sondern in der Datei lotse.keys (Rechte 0600) im
            Zustandsverzeichnis ($LOTSE_STATE_DIR, sonst das Verzeichnis der Datenbank); sie entsteht beim
            ersten Start. rotate erzeugt einen neuen Signaturschlüssel für Links in E-Mails; Links mit dem
            alten Schlüssel gelten noch --grace-days Tage. Der Protokollschlüssel bleibt.
            """,
        run: { arguments, console in
            try arguments.expectPositional(1...1)
            let store = try Store.open(path: console.databasePath(arguments), create: false)
            defer { try? store.close() }
            switch arguments.positional[0] {
            case "status":
                console.out("Schlüsseldatei: \(store.keys.path) (Schlüssel \(store.keys.id))")
                for key in try store.keys.signingKeys() {
                    console.out(key.acceptedUntil.map { "Signaturschlüssel, gilt noch bis \(Timestamp.string($0))" } ?? "Signaturschlüssel (aktuell)")
                }
                return .success
            case "rotate":
                let days = try arguments.int("grace-days", default: 30, in: 0...365)
                let kept = try store.keys.rotate(grace: Double(days) * 86_400)
                console.out("Neuer Signaturschlüssel in \(store.keys.path); \(kept.count - 1) alte(r) gilt/gelten noch bis "
                            + (kept.compactMap(\.acceptedUntil).max().map(Timestamp.string) ?? "–") + ".")
                return .success
            default:
                throw UsageError(message: "Bekannt sind: lotse keys status, lotse keys rotate")
            }
        })
}
