// AccountSettings: changing one's own password (current one, twice, length).
import Foundation
import Testing
@testable import LotseCore

@Suite struct AccountSettingsTests {
    @Test func changesThePasswordAfterChecks() throws {
        let fixture = try Fixture()
        let account = try fixture.account()
        let settings = AccountSettings(store: fixture.store)
        let mismatch = #expect(throws: DirectoryWriter.Rejected.self) {
            try settings.changePassword(of: account, current: "", password: "kurz", repeated: "anders")
        }
        #expect(mismatch?.problems.map(\.field) == ["repeated", "password"])
        try settings.changePassword(of: account, current: "", password: "ein langes Passwort", repeated: "ein langes Passwort")
        let withPassword = try #require(try fixture.store.pool.read { try AccountStore(db: $0).account(id: account.id) })
        #expect(withPassword.hasPassword)
        let wrong = #expect(throws: DirectoryWriter.Rejected.self) {
            try settings.changePassword(of: withPassword, current: "falsch", password: "noch ein Passwort", repeated: "noch ein Passwort")
        }
        #expect(wrong?.problems == [.init(field: "current", message: "Das bisherige Passwort stimmt nicht.")])
        try settings.changePassword(of: withPassword, current: "ein langes Passwort", password: "noch ein Passwort", repeated: "noch ein Passwort")
    }
}
