// Retirement: the one handler behind "Ausmustern" / "Wieder anbieten" for vocabulary rows
// (need and target-group terms, Sozialräume): sets or clears `retired_at` through
// DirectoryWriter, so the change has its history and references stay intact.
import Foundation
import HTTP
import LotseCore
import SQLite

enum Retirement {
    /// Retires the row of `table` that `find` resolves from the request (or offers it again
    /// with `wieder=1`) and redirects to `back` with the matching notice.
    static func handle(_ request: Request, _ context: AppContext, table: String, back: String,
                       find: (Request, Database) throws -> String) throws -> Response {
        let account = try EditorAccess.account(request, context)
        let again = try FormInput(request).text("wieder") == "1"
        let now = context.now()
        try context.store.pool.write { db in
            let id = try find(request, db)
            let writer = try DirectoryWriter(db: db, actor: account.displayName, now: now)
            try writer.write(table: table, id: id, values: ["retired_at": again ? nil : Timestamp.string(now)])
            try writer.finish()
        }
        return .redirect(to: back + "?hinweis=" + (again ? "reaktiviert" : "ausgemustert"))
    }
}
