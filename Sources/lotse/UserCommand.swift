// UserCommand: `lotse user add|list|disable|invite` — accounts for operators.
import Foundation
import LotseCommandLine
import LotseCore
import LotseWeb
import Templating

/// `lotse user`.
enum UserCommand {
    static let spec = CommandSpec(
        name: "user", abstract: "Konten anlegen, auflisten, sperren, einladen",
        usage: "lotse user add E-MAIL --role ROLLE --name NAME [--organization ID]… [--password-stdin] | list [--json] | disable E-MAIL | invite E-MAIL --organization ID [--name NAME] [--print-link]",
        options: [
            OptionSpec(name: "role", value: "ROLLE", help: "counselor, provider, coordinator oder admin"),
            OptionSpec(name: "name", value: "NAME", help: "Anzeigename"),
            OptionSpec(name: "organization", value: "ID", help: "Organisation (Anbieter: darf sie bearbeiten; Beratung: eigene Organisation)", repeatable: true),
            OptionSpec(name: "password-stdin", value: nil, help: "Passwort von stdin lesen (sonst nur Anmeldung per Link)"),
            OptionSpec(name: "json", value: nil, help: "als JSON ausgeben"),
            OptionSpec(name: "print-link", value: nil, help: "invite: den Einladungslink auch ausgeben"),
        ],
        discussion: """
            add legt ein aktives Konto an (für die ersten Konten einer Installation; im Prüfprotokoll
            vermerkt). Über die Website braucht ein Anbieter- oder Beratungszugang die Bestätigung einer zweiten Person. invite legt ein Anbieter-Konto an und schickt einen Einladungslink
            (7 Tage gültig) über den sendmail-Befehl ($LOTSE_SENDMAIL, Absender $LOTSE_MAIL_FROM, Links auf
            $LOTSE_PUBLIC_URL). disable sperrt ein Konto und beendet seine Sitzungen.
            """,
        run: { arguments, console in
            guard let action = arguments.positional.first else { throw UsageError(message: "Was soll geschehen? add, list, disable oder invite.") }
            let store = try Store.open(path: console.databasePath(arguments), create: false)
            switch action {
            case "list":
                try arguments.expectPositional(1...1)
                let accounts = try store.pool.read { try AccountStore(db: $0).list() }
                if arguments.flag("json") {
                    let objects = accounts.map { account -> [String: Any] in
                        ["id": account.id, "email": account.email, "name": account.displayName, "role": account.role.rawValue,
                         "status": account.status.rawValue, "organizations": account.organizations.sorted(), "password": account.hasPassword]
                    }
                    console.out(String(decoding: try JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys]), as: UTF8.self))
                } else {
                    for account in accounts {
                        console.out("\(account.email)\t\(account.role.label)\t\(account.status.rawValue)\t\(account.displayName)")
                    }
                    console.out("\(accounts.count) Konten")
                }
            case "add":
                try arguments.expectPositional(2...2)
                guard let roleText = arguments.value("role"), let role = Role(rawValue: roleText) else {
                    throw UsageError(message: "--role fehlt oder ist unbekannt (counselor, provider, coordinator, admin).")
                }
                guard let name = arguments.value("name") else { throw UsageError(message: "--name fehlt.") }
                var password: String?
                if arguments.flag("password-stdin") {
                    password = readLine(strippingNewline: true) ?? ""
                }
                let organizations = arguments.values("organization")
                let account = try store.pool.write { db in
                    try AccountStore(db: db).create(email: arguments.positional[1], displayName: name, role: role,
                                                    organizationID: role == .counselor ? organizations.first : nil,
                                                    organizations: role == .provider ? organizations : [], password: password)
                }
                try AccessGrants(store: store).recordOperatorGrant(account)   // the operator's grants are audited like every other
                console.out("Konto \(account.email) (\(account.role.label)) angelegt\(account.hasPassword ? "" : "; Anmeldung per Link").")
            case "disable":
                try arguments.expectPositional(2...2)
                try store.pool.write { db in
                    let accounts = AccountStore(db: db)
                    guard let account = try accounts.account(email: arguments.positional[1]) else {
                        throw LotseError(.notFound, "Kein Konto für \(arguments.positional[1]).")
                    }
                    try accounts.disable(id: account.id)
                }
                console.out("Konto \(arguments.positional[1]) gesperrt; alle Sitzungen beendet.")
            case "invite":
                try arguments.expectPositional(2...2)
                guard let organization = arguments.values("organization").first else { throw UsageError(message: "--organization fehlt.") }
                let email = arguments.positional[1]
                let (account, token, organizationName, networkName) = try store.pool.write { db in
                    guard let organizationName = try db.scalarString("SELECT name FROM organization WHERE id = ?", organization) else {
                        throw LotseError(.notFound, "Organisation \(organization) gibt es nicht.")
                    }
                    let account = try AccountStore(db: db).create(email: email, displayName: arguments.value("name") ?? email,
                                                                  role: .provider, organizations: [organization], status: .invited)
                    return (account, try LoginLinks(db: db).issue(accountID: account.id, purpose: .invite), organizationName,
                            try db.scalarString("SELECT value FROM lotse_meta WHERE key = 'network_name'") ?? "Lotse")
                }
                try AccessGrants(store: store).recordOperatorGrant(account)
                let settings = MailSettings.fromEnvironment(console.environment, networkName: networkName,
                                                            templates: try Resources.templates().templateLibrary(), links: URLs.mailLinks)
                                                            .applying(try SettingsEditor(store: store).values())
                if arguments.flag("print-link") { console.out(settings.publicURL + settings.links.invitation(token)) }
                do {
                    try AccountMailer(settings: settings, networkName: networkName)
                        .invitation(to: account, token: token, organization: organizationName, invitedBy: "Die Administration")
                    console.out("Einladung an \(email) für \(organizationName) verschickt (gültig 7 Tage).")
                } catch let failure as SendmailTransport.Failure {
                    console.err("Konto angelegt, aber die E-Mail ging nicht raus: \(failure). Mit --print-link den Link selbst weitergeben.")
                    return .temporaryFailure
                }
            default:
                throw UsageError(message: "Unbekannte Aktion »\(action)«: add, list, disable oder invite.")
            }
            return .success
        })
}
