// CoordinationTestSupport: shared set-up for the coordination and account service tests — a
// fixture with a coordinator account.
import Foundation
@testable import LotseCore

extension Fixture {
    /// Creates an account (a coordinator unless `role` says otherwise).
    func account(_ email: String = "k@example.org", name: String = "Koordination", role: Role = .coordinator,
                 organizations: [String] = []) throws -> Account {
        try store.pool.write { db in
            try AccountStore(db: db).create(email: email, displayName: name, role: role, organizations: organizations)
        }
    }

    /// The number of history rows for `id`.
    func historyCount(_ id: String) throws -> Int {
        try store.pool.read { try $0.scalarInt("SELECT count(*) FROM metadata WHERE resource_id = ?", id) ?? 0 }
    }
}
