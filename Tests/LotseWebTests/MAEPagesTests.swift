// MAEPagesTests: one MAE round through the pages — the coordinator records it, provider A's
// member organization applies, the coordinator proposes, A comments, the coordinator decides
// with reasons, A reports filled places — with the JSON twin of the coordinator's pages,
// German errors that keep the input, 409 for a step the state does not allow, and members
// seeing their own filled figures only.
import Foundation
import HTTP
import LotseCore
import Testing
@testable import LotseWeb

@Suite(.serialized) struct MAEPagesTests {
    /// The sample network's round (Seeds/mae_rounds.csv).
    static let seededRound = "5e0a7d3c-2b1f-5c4e-9a6d-0c3b8e1f0001"

    /// Creates a round through the coordinator's form and returns its id.
    func createRound(_ coordinator: WebClient) throws -> String {
        let answer = try coordinator.post(URLs.maeCoordination, [
            ("job_centre", "Jobcenter Seite"), ("places", "4"), ("hours_per_week", "15"), ("period_from", "2027-02-01"),
            ("period_until", "2027-07-31"), ("comment_until", "2026-11-25"), ("fields", "garten"), ("fields", "buero"), ("note", "Für den Frühling"),
        ])
        #expect(answer.status == 303)
        let location = try #require(answer.location)
        #expect(location.hasPrefix("/koordination/mae/"))
        return String(location.dropFirst("/koordination/mae/".count).prefix { $0 != "?" })
    }

    @Test func oneRoundFromRecordToFilledPlaces() throws {
        let f = try EditingFixture()
        let coordinator = try f.client(f.coordinator), memberA = try f.client(f.providerA), memberB = try f.client(f.providerB)
        let id = try createRound(coordinator)
        let created = try coordinator.get(URLs.maeCoordinationRound(id))
        #expect(created.status == 200 && created.body.contains("Jobcenter Seite") && created.body.contains("offen für Anträge"))
        #expect(created.body.contains("Noch keine Anträge"))

        let form = try memberA.get(URLs.maeRound(id))
        #expect(form.status == 200 && form.body.contains("Gewünschte Plätze: Grünpflege und Gemeinschaftsgärten"))
        #expect(!form.body.contains("Gewünschte Plätze: Quartiersarbeit"))
        let bad = try memberA.post(URLs.maeApply(id), [("wanted_garten", "zwei"), ("purpose", "Hochbeete am Kundencenter")])
        #expect(bad.status == 400 && bad.body.contains("»zwei«") && bad.body.contains("Hochbeete am Kundencenter"))
        #expect(try memberA.post(URLs.maeApply(id), [("wanted_garten", "3"), ("purpose", "Hochbeete am Kundencenter")]).status == 303)
        #expect(try coordinator.get(URLs.maeCoordinationRound(id)).body.contains("Hochbeete am Kundencenter"))

        let tooMany = try coordinator.post(URLs.maeRoundEvent(id, .propose), [("places_" + EditingFixture.organizationA, "9"), ("comment_until", "2026-11-25")])
        #expect(tooMany.status == 400 && tooMany.body.contains("bewilligt sind nur 4"))
        #expect(try coordinator.post(URLs.maeRoundEvent(id, .propose), [("places_" + EditingFixture.organizationA, "3"), ("comment_until", "2026-11-25")]).status == 303)
        let late = try memberB.post(URLs.maeApply(id), [("wanted_garten", "1"), ("purpose", "Zu spät")])
        #expect(late.status == 409 && late.body.contains("nur möglich, solange die Runde offen"))

        let proposal = try memberB.get(URLs.maeRound(id))
        #expect(proposal.body.contains("Vorgeschlagene Verteilung je Mitglied") && proposal.body.contains("Wohnungsgesellschaft Weserufer GmbH"))
        #expect(proposal.body.contains("Stellung nehmen"))
        #expect(!proposal.body.contains("Hochbeete am Kundencenter"), "another member's purpose is the coordinator's to read")
        let early = try coordinator.post(URLs.maeRoundEvent(id, .decide), [("places_" + EditingFixture.organizationA, "3"), ("reason_" + EditingFixture.organizationA, "ok")])
        #expect(early.status == 409 && early.body.contains("Die Frist für Stellungnahmen läuft noch"))
        #expect(try memberA.post(URLs.maeComment(id), [("body", "Danke, drei Plätze passen.")]).status == 303)
        let commented = try coordinator.get(URLs.maeCoordinationRound(id))
        #expect(commented.body.contains("Danke, drei Plätze passen.") && commented.body.contains("18.11.2026"))

        let noReason = try coordinator.post(URLs.maeRoundEvent(id, .decide), [("places_" + EditingFixture.organizationA, "2"), ("reason_" + EditingFixture.organizationA, "")])
        #expect(noReason.status == 400 && noReason.body.contains("begründen") && noReason.body.contains("value=\"2\""))
        #expect(try coordinator.post(URLs.maeRoundEvent(id, .decide), [("places_" + EditingFixture.organizationA, "2"),
                                                                         ("reason_" + EditingFixture.organizationA, "Nur zwei Anleitungen im Frühjahr")]).status == 303)
        let closedComment = try memberA.post(URLs.maeComment(id), [("body", "Nachtrag")])
        #expect(closedComment.status == 409)

        #expect(try memberA.post(URLs.maeFilled(id), [("filled", "3")]).status == 400)
        #expect(try memberA.post(URLs.maeFilled(id), [("filled", "1")]).status == 303)
        let own = try memberA.get(URLs.maeRound(id))
        #expect(own.body.contains("Nur zwei Anleitungen im Frühjahr") && own.body.contains("Zugeteilt: 2, davon besetzt: 1, frei: 1."))
        let other = try memberB.get(URLs.maeRound(id))
        #expect(other.body.contains("Nur zwei Anleitungen im Frühjahr") && !other.body.contains("davon besetzt"))

        let figures = try coordinator.get(URLs.json(URLs.maeCoordinationRound(id)))
        #expect(figures.status == 200 && figures.body.contains("\"totalFilled\":1") && figures.body.contains("\"totalVacant\":1"))
        let list = try coordinator.get(URLs.json(URLs.maeCoordination))
        #expect(list.status == 200 && list.body.contains("Jobcenter Seite"))
        #expect(try coordinator.post(URLs.maeRoundEvent(id, .close), []).status == 303)
        #expect(try coordinator.get(URLs.maeCoordinationRound(id)).body.contains("abgeschlossen"))
        #expect(try memberA.post(URLs.maeFilled(id), [("filled", "2")]).status == 409)
    }

    @Test func aNewRoundWithMistakesKeepsTheInputAndSaysWhatIsWrong() throws {
        let f = try EditingFixture()
        let coordinator = try f.client(f.coordinator)
        let answer = try coordinator.post(URLs.maeCoordination, [("job_centre", "Jobcenter Nord"), ("places", "zwölf"), ("hours_per_week", "20"),
                                                                 ("period_from", "2027-01-01"), ("period_until", "2026-12-01"), ("comment_until", "2026-11-30")])
        #expect(answer.status == 400)
        for text in ["Fehler: MAE-Plätze", "Jobcenter Nord", "value=\"zwölf\"", "Das Ende des Zeitraums liegt vor seinem Beginn.", "mindestens ein Tätigkeitsfeld"] {
            #expect(answer.body.contains(text), "missing »\(text)«")
        }
        #expect(try MAERounds(store: f.site.store).all().count == 1, "only the seeded round")
    }

    @Test func theSeededRoundIsOpenForCommentForMembers() throws {
        let f = try EditingFixture()
        let list = try f.client(f.providerB).get(URLs.maeRounds)
        #expect(list.status == 200 && list.body.contains("Jobcenter Bremen (fiktiv)") && list.body.contains("Stellungnahmen bis 02.12.2026"))
        let round = try f.client(f.providerB).get(URLs.maeRound(Self.seededRound))
        #expect(round.body.contains("Nachbarschaftswerk Weser e. V.") && round.body.contains("Stellungnahme abgeben"))
        #expect(try f.client(f.coordinator).get(URLs.maeCoordination).body.contains("Jobcenter Bremen (fiktiv)"))
    }

    @Test func editorsOfOrganizationsThatAreNoMembersAreRefused() throws {
        let f = try EditingFixture()
        let applicant = try f.site.store.pool.read { try $0.scalarString("SELECT id FROM organization WHERE membership_status = 'applicant' LIMIT 1") }
        let editor = try WebClient.account(f.site, email: "antrag@example.org", role: .provider, organizations: [try #require(applicant)])
        let client = try f.client(editor)
        #expect(try client.get(URLs.maeRounds).status == 403)
        #expect(try client.get(URLs.maeRound(Self.seededRound)).status == 403)
        #expect(try client.post(URLs.maeComment(Self.seededRound), [("body", "Wir auch")]).status == 403)
        #expect(try MAERounds(store: f.site.store).comments(Self.seededRound).count == 1)
    }
}
