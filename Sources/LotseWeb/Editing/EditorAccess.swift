// EditorAccess: who may edit what. The route table lets provider editors and coordinators
// in (Access.editor); here every handler learns which organization owns the record it was
// asked about and refuses (403) anyone but that organization's editors and coordinators.
import HTTP
import LotseCore
import SQLite

/// Ownership checks of the editing pages.
enum EditorAccess {
    /// The logged-in account (the middleware has let only logged-in roles through).
    static func account(_ request: Request, _ context: AppContext) throws -> Account {
        guard let account = try Authentication.viewer(request, context).account else {
            throw LotseError(.forbidden, "Bitte zuerst anmelden.")
        }
        return account
    }

    /// The organization that owns record `id` of `table`; 404 when there is none.
    static func owner(table: String, id: String, db: Database) throws -> String {
        let owner: String?
        switch table {
        case "organization":
            owner = try db.scalarString("SELECT id FROM organization WHERE id = ?", id)
        case "service", "location", "change_request", "correction":
            owner = try db.scalarString("SELECT organization_id FROM \(table) WHERE id = ?", id)
        case "contact":
            owner = try db.scalarString("""
                SELECT coalesce(c.organization_id, s.organization_id, l.organization_id) FROM contact c
                LEFT JOIN service s ON s.id = c.service_id LEFT JOIN location l ON l.id = c.location_id WHERE c.id = ?
                """, id)
        default:
            owner = nil
        }
        guard let owner else { throw LotseError(.notFound, "Diesen Eintrag gibt es nicht (mehr).") }
        return owner
    }

    /// The account and the owning organization of the record named by the route's `:id`;
    /// 403 unless the account may edit that organization.
    static func authorize(_ request: Request, _ context: AppContext, table: String) throws -> (account: Account, organization: String) {
        let account = try account(request, context)
        let id = request.pathParameters["id"] ?? ""
        let organization = try context.store.pool.read { try owner(table: table, id: id, db: $0) }
        guard account.mayEdit(organization: organization) else {
            throw LotseError(.forbidden, "Sie dürfen nur die Einträge Ihrer eigenen Organisation bearbeiten.")
        }
        return (account, organization)
    }

    /// Where to go after a form: the form's `weiter` (a safe site path) or `fallback`.
    static func next(_ input: FormInput, fallback: String) -> String {
        input.optional("weiter").flatMap(LoginLinks.safePath) ?? fallback
    }
}
