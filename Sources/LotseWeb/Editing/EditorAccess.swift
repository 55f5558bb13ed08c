// EditorAccess: who may edit what. The route table lets provider editors and coordinators
// in (Access.editor); here every handler learns which organization owns the record it was
// asked about (RecordOwnership, through DirectoryEditing) and refuses (403) anyone but that
// organization's editors and coordinators.
import HTTP
import LotseCore

/// Ownership checks of the editing pages.
enum EditorAccess {
    /// The logged-in account (the middleware has let only logged-in roles through).
    static func account(_ request: PageRequest) throws -> Account {
        guard let account = request.viewer.account else {
            throw LotseError(.forbidden, "Bitte zuerst anmelden.")
        }
        return account
    }

    /// The editing service of this request.
    static func editing(_ context: AppContext) -> DirectoryEditing {
        DirectoryEditing(store: context.store, now: context.now())
    }

    /// The account and the owning organization of the record named by the route's `:id`;
    /// 404 when there is none, 403 unless the account may edit that organization.
    static func authorize(_ request: PageRequest, table: String) throws -> (account: Account, organization: String) {
        let account = try account(request)
        let id = request.id
        let organization = try editing(request.context).authorize(account, table: table, id: id)
        return (account, organization)
    }

    /// Where to go after a form: the form's `weiter` (a safe redirect target) or `fallback`.
    static func next(_ input: FormInput, fallback: String) -> String {
        URLs.safeRedirect(input.optional("weiter")) ?? fallback
    }
}
