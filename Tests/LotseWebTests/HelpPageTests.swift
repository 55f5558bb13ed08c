// HelpPage: `/hilfe` lists, for the signed-in role, exactly the routes the route table opens to
// it, from their summaries — and sends visitors to the login.
import Foundation
import LotseCore
import Testing
@testable import LotseWeb

@Suite struct HelpPageTests {
    @Test func eachRoleSeesItsRoutesOnly() throws {
        let fixture = WebFixture.seeded
        let counselor = try WebClient.signedIn(fixture, WebClient.account(fixture, email: "hilfe-b@example.org", role: .counselor))
        let page = try counselor.get("/hilfe")
        #expect(page.status == 200)
        #expect(page.body.contains("Bedarf erfassen (auch aus einem Angebot heraus)"))
        #expect(page.body.contains("href=\"/vermittlungen\""))
        #expect(!page.body.contains("Prüfliste der Änderungen"), "a coordinator route")
        let coordinator = try WebClient.signedIn(fixture, WebClient.account(fixture, email: "hilfe-k@example.org", role: .coordinator))
        let coordination = try coordinator.get("/hilfe")
        #expect(coordination.body.contains("Prüfliste der Änderungen"))
        #expect(!coordination.body.contains("Bedarf erfassen"))
        #expect(try WebClient(fixture).get("/hilfe").status == 303)
    }
}
