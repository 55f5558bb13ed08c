// DigestLinkPages: the pages behind the signed links of the weekly digest — confirm an entry
// unchanged, unsubscribe (also RFC 8058 one-click from the mail client), preferences, log in
// and go to a page. A GET only shows a page with one button (mail scanners open links); the
// button's POST acts. A used or expired link says so and offers a fresh login link.
import Foundation
import HTTP
import LotseCore
import Templating

/// Pages of signed digest links.
enum DigestLinkPages {
    /// Verifies the token of the request for `purpose` (read-only).
    static func verify(_ request: Request, _ context: AppContext, _ purpose: SignedLink.Purpose) throws -> Result<SignedLink, SignedLink.Refusal> {
        let token = request.pathParameters["token"] ?? ""
        let secret = try context.store.pool.write { try SignedLink.secret($0) }
        return try context.store.pool.read { try SignedLink.verify(token, purpose: purpose, secret: secret, db: $0, now: context.now()) }
    }

    /// The page for a refused link.
    static func refused(_ request: Request, _ context: AppContext, _ refusal: SignedLink.Refusal) throws -> Response {
        try LoginPages.message(request, context, title: "Link nicht gültig",
                               text: refusal.message + " Melden Sie sich mit einem neuen Link an; danach finden Sie alles unter „Einträge pflegen“ und „Mein Konto“.",
                               link: URLs.login(), linkText: "Neuen Anmeldelink anfordern", status: refusal == .used || refusal == .expired ? 410 : 404)
    }

    /// The account and entry of a confirm link ("ACCOUNT|table:id").
    static func confirmTarget(_ link: SignedLink, _ context: AppContext) throws -> (Account, String, String, String, String)? {
        let parts = link.subject.split(separator: "|", maxSplits: 1).map(String.init)
        let target = parts.count == 2 ? parts[1].split(separator: ":", maxSplits: 1).map(String.init) : []
        guard parts.count == 2, target.count == 2, ["service", "organization"].contains(target[0]) else { return nil }
        return try context.store.pool.read { db -> (Account, String, String, String, String)? in
            guard let account = try AccountStore(db: db).account(id: parts[0]), account.status == .active,
                  let row = try db.queryFirst("SELECT name, \(target[0] == "service" ? "organization_id" : "id") FROM \(target[0]) WHERE id = ?", target[1],
                                              transform: { ($0.string(0), $0.string(1)) }),
                  account.mayEdit(organization: row.1) else { return nil }
            return (account, target[0], target[1], row.0, row.1)
        }
    }

    /// `GET /e/bestaetigen/:token`.
    static func confirmPage(_ request: Request, _ context: AppContext) throws -> Response {
        switch try verify(request, context, .confirm) {
        case .failure(let refusal): return try refused(request, context, refusal)
        case .success(let link):
            guard let (_, table, id, name, _) = try confirmTarget(link, context) else { return try refused(request, context, .forged) }
            return try context.site.page("e/bestaetigen", title: "Angaben bestätigen", context: [
                "name": .string(name), "kind": .string(table == "service" ? "Angebot" : "Organisation"),
                "publicURL": .string(table == "service" ? URLs.service(id) : URLs.organization(id)),
                "action": .string(SitePaths.signedLink(.confirm, request.pathParameters["token"] ?? "")),
            ], request: request)
        }
    }

    /// `POST /e/bestaetigen/:token`: confirms once.
    static func confirm(_ request: Request, _ context: AppContext) throws -> Response {
        let token = request.pathParameters["token"] ?? ""
        let checked = try verify(request, context, .confirm)
        guard case .success(let link) = checked else {
            if case .failure(let refusal) = checked { return try refused(request, context, refusal) }
            return try refused(request, context, .malformed)
        }
        guard let (account, table, id, name, _) = try confirmTarget(link, context) else { return try refused(request, context, .forged) }
        let now = context.now()
        let fresh = try context.store.pool.write { db -> Bool in
            guard try SignedLink.markUsed(token, purpose: .confirm, db: db, now: now) else { return false }
            let writer = try DirectoryWriter(db: db, actor: account.displayName, now: now)
            try Verification.confirm(table: table, id: id, by: account, writer: writer, now: now)
            try writer.finish()
            return true
        }
        guard fresh else { return try refused(request, context, .used) }
        return try LoginPages.message(request, context, title: "Danke!",
                                      text: "Die Angaben von „\(name)“ sind als unverändert bestätigt. Die nächste Prüfung ist in zwölf Monaten fällig.",
                                      link: table == "service" ? URLs.service(id) : URLs.organization(id), linkText: "Eintrag ansehen")
    }

    /// `GET /e/abmelden/:token`.
    static func unsubscribePage(_ request: Request, _ context: AppContext) throws -> Response {
        switch try verify(request, context, .unsubscribe) {
        case .failure(let refusal): return try refused(request, context, refusal)
        case .success:
            return try context.site.page("e/abmelden", title: "Wochenübersicht abbestellen",
                                         context: ["action": .string(SitePaths.signedLink(.unsubscribe, request.pathParameters["token"] ?? ""))], request: request)
        }
    }

    /// `POST /e/abmelden/:token`: the button, or the mail client's one-click (RFC 8058).
    static func unsubscribe(_ request: Request, _ context: AppContext) throws -> Response {
        switch try verify(request, context, .unsubscribe) {
        case .failure(let refusal): return try refused(request, context, refusal)
        case .success(let link):
            try setPreference(account: link.subject, enabled: false, sendEmpty: false, context: context)
            let secret = try context.store.pool.write { try SignedLink.secret($0) }
            return try LoginPages.message(request, context, title: "Abbestellt",
                                          text: "Sie bekommen keine Wochenübersicht mehr. Sie können sie jederzeit wieder bestellen.",
                                          link: SitePaths.signedLink(.preferences, SignedLink.make(.preferences, subject: link.subject, secret: secret, now: context.now())),
                                          linkText: "Einstellungen zur Wochenübersicht")
        }
    }

    /// `GET /e/einstellungen/:token`.
    static func preferencesPage(_ request: Request, _ context: AppContext) throws -> Response {
        switch try verify(request, context, .preferences) {
        case .failure(let refusal): return try refused(request, context, refusal)
        case .success(let link):
            let current = try context.store.pool.read { db in
                try db.queryFirst("SELECT enabled, send_empty FROM digest_preference WHERE account_id = ?", link.subject) { ($0.bool(0), $0.bool(1)) }
            } ?? (true, false)
            return try context.site.page("e/einstellungen", title: "Einstellungen zur Wochenübersicht", context: [
                "enabled": .bool(current.0), "sendEmpty": .bool(current.1), "saved": .bool(request.queryValue("gespeichert") == "1"),
                "action": .string(SitePaths.signedLink(.preferences, request.pathParameters["token"] ?? "")),
            ], request: request)
        }
    }

    /// `POST /e/einstellungen/:token`.
    static func savePreferences(_ request: Request, _ context: AppContext) throws -> Response {
        switch try verify(request, context, .preferences) {
        case .failure(let refusal): return try refused(request, context, refusal)
        case .success(let link):
            let input = try FormInput(request)
            try setPreference(account: link.subject, enabled: input.text("uebersicht") == "ja", sendEmpty: input.text("leer") == "ja", context: context)
            return .redirect(to: SitePaths.signedLink(.preferences, request.pathParameters["token"] ?? "") + "?gespeichert=1")
        }
    }

    /// `GET /e/anmelden/:token`.
    static func loginPage(_ request: Request, _ context: AppContext) throws -> Response {
        switch try verify(request, context, .login) {
        case .failure(let refusal): return try refused(request, context, refusal)
        case .success:
            return try context.site.page("konto/link", title: "Anmelden",
                                         context: ["action": .string(SitePaths.signedLink(.login, request.pathParameters["token"] ?? ""))], request: request)
        }
    }

    /// `POST /e/anmelden/:token`: logs in once and goes to the page of the link.
    static func logIn(_ request: Request, _ context: AppContext) throws -> Response {
        let token = request.pathParameters["token"] ?? ""
        let checked = try verify(request, context, .login)
        guard case .success(let link) = checked else {
            if case .failure(let refusal) = checked { return try refused(request, context, refusal) }
            return try refused(request, context, .malformed)
        }
        let parts = link.subject.split(separator: "|", maxSplits: 1).map(String.init)
        let now = context.now()
        let account = try context.store.pool.write { db -> Account? in
            guard parts.count == 2, let account = try AccountStore(db: db).account(id: parts[0]), account.status == .active,
                  try SignedLink.markUsed(token, purpose: .login, db: db, now: now) else { return nil }
            return account
        }
        guard let account else { return try refused(request, context, .used) }
        return try Authentication.logIn(account, request: request, context: context, next: parts.count == 2 ? parts[1] : nil)
    }

    static func setPreference(account: String, enabled: Bool, sendEmpty: Bool, context: AppContext) throws {
        try context.store.pool.write { db in
            guard try db.scalarInt("SELECT count(*) FROM account WHERE id = ?", account) == 1 else { return }
            try db.execute("""
                INSERT INTO digest_preference(account_id, enabled, send_empty, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT(account_id) DO UPDATE SET enabled = excluded.enabled, send_empty = excluded.send_empty, updated_at = excluded.updated_at
                """, account, enabled, sendEmpty, Timestamp.string(context.now()))
        }
    }
}
