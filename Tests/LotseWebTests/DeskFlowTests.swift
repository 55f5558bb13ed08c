// The referral desk through its pages: a counselor records a need, sees ranked suggestions,
// is refused sending without consent (nothing sent), records consent and sends to two services
// in parallel; provider A sees only the pseudonymous summary while requested, accepts, sees
// the name but no contact ("do not contact"), the sibling is cancelled, A works it to
// completed, the counselor closes the loop; the timeline shows every step; access ends after
// the grace period. Then a rejection and a re-route in two clicks.
import Foundation
import HTTP
import LotseCore
import LotseWeb
import Testing

@Suite struct DeskFlowTests {
    @Test func theWholeLoopFromNeedToFeedback() throws {
        let f = try DeskFixture()
        let counselor = try f.client(f.counselor)

        // Need → draft → suggestions.
        let form = try counselor.get("/vermittlungen/neu")
        #expect(form.status == 200 && form.body.contains("Bedarf erfassen") && form.body.contains("name=\"fallzeichen\""))
        let missing = try counselor.post("/vermittlungen/neu", [("name", DeskFixture.citizenName)])
        #expect(missing.status == 400 && missing.body.contains("mindestens einen Bedarf") && missing.body.contains("Fallzeichen"))
        #expect(missing.body.contains("value=\"\(DeskFixture.citizenName)\""), "typed values are kept")
        let id = try f.draft(counselor, fields: DeskFixture.needFields(doNotContact: true))
        let suggestions = try counselor.get("/vermittlungen/\(id)/vorschlaege")
        #expect(suggestions.status == 200)
        for expected in [DeskFixture.nameA, "Guten Morgen, Osterholz", "Punkte", "Bedarf passt", "Sozialraum", "Noch zu wenige Rückmeldungen"] {
            #expect(suggestions.body.contains(expected), "suggestions lack »\(expected)«")
        }
        let rankA = try #require(suggestions.body.range(of: DeskFixture.nameA)).lowerBound
        let rankC = try #require(suggestions.body.range(of: "Besuchsdienst Findorff")).lowerBound
        #expect(rankA < rankC, "the services in Osterholz rank before the one in Findorff")
        #expect(!suggestions.body.contains("Jetzt an"), "no consent yet: nothing can be sent at once")

        // Without consent: the button is disabled and the server refuses, naming both organizations.
        let targets = [DeskFixture.serviceA, DeskFixture.serviceB]
        let query = targets.map { "ziel=" + WebFixture.encode("service:\($0)") }.joined(separator: "&")
        let sendForm = try counselor.get("/vermittlungen/\(id)/versand?\(query)")
        #expect(sendForm.status == 200 && sendForm.body.contains("disabled aria-describedby=\"versand-gesperrt\""))
        #expect(sendForm.body.contains("Versand gesperrt: Keine gültige Einwilligung für"))
        let refused = try f.send(counselor, id, to: targets)
        #expect(refused.status == 409)
        #expect(refused.body.contains(DeskFixture.organizationNameA) && refused.body.contains(DeskFixture.organizationNameB))
        #expect(try f.referral(id).status == .draft && f.referral(id).recipients.isEmpty, "nothing was sent")
        #expect(try f.referralsOfCase(id) == [id])
        let offers = try f.site.store.pool.read { try $0.scalarInt("SELECT count(*) FROM notification WHERE kind = 'referral-received'") }
        #expect(offers == 0)

        // Consent: an incomplete form is refused with the fields marked; then recorded.
        let incomplete = try counselor.post("/vermittlungen/\(id)/einwilligung", [("ziel", "service:\(DeskFixture.serviceA)"), ("zweck", "")])
        #expect(incomplete.status == 400 && incomplete.body.contains("href=\"#feld-empfaenger\"") && incomplete.body.contains("Informationsblatt"))
        let consent = try counselor.post("/vermittlungen/\(id)/einwilligung",
                                         DeskFixture.consentFields([DeskFixture.organizationA, DeskFixture.organizationB], targets: targets.map { "service:\($0)" }))
        #expect(consent.status == 303 && consent.location?.contains("/versand?ziel=") == true)
        let ready = try counselor.get(try #require(consent.location))
        #expect(ready.status == 200 && !ready.body.contains("disabled aria-describedby") && ready.body.contains("Die Einwilligung ist gespeichert."))
        #expect(ready.body.contains("Schweigepflichtentbindung liegt vor") && ready.body.contains("Informationsblatt 2026-01"))

        // Sent to both in parallel.
        let sent = try f.send(counselor, id, to: targets)
        #expect(sent.status == 303 && sent.location == "/vermittlungen/\(id)?hinweis=parallel")
        let ids = try f.referralsOfCase(id)
        #expect(ids.count == 2 && ids[0] == id)
        let sibling = ids[1]
        #expect(try f.referral(id).status == .requested && f.referral(sibling).status == .requested)
        #expect(try f.referral(id).serviceID == DeskFixture.serviceA && f.referral(sibling).serviceID == DeskFixture.serviceB)

        // Provider A, while requested: the pseudonymous summary only (HTML, JSON twin, inbox).
        let providerA = try f.client(f.providerA)
        let inbox = try providerA.get("/vermittlungen")
        #expect(inbox.status == 200 && inbox.body.contains("Eingang") && inbox.body.contains("Besuchsdienst") && inbox.body.contains("Neue Vermittlung"))
        let summary = try providerA.get("/vermittlungen/\(id)")
        let summaryJSON = try providerA.get("/vermittlungen/\(id).json")
        #expect(summary.status == 200 && summaryJSON.status == 200)
        for body in [inbox.body, summary.body, summaryJSON.body, try providerA.get("/vermittlungen.json").body] {
            for secret in DeskFixture.personal { #expect(!body.contains(secret), "provider A saw »\(secret)« while requested") }
        }
        for expected in ["Besuchsdienst", "Osterholz", "dringend", "Türkisch", "Stufenloser Zugang", "Annehmen", "Ablehnen"] {
            #expect(summary.body.contains(expected), "summary lacks »\(expected)«")
        }
        #expect(try f.referral(id).businessStatus == nil, "a look changes nothing")
        #expect(try providerA.post("/vermittlungen/\(id)/gelesen", []).status == 303)
        #expect(try f.referral(id).businessStatus == .read, "\"Als gelesen markieren\" marks it read")

        // Provider C never sees it; B does not see A's referral.
        for outsider in [f.providerC, f.providerB] {
            let client = try f.client(outsider)
            for path in ["/vermittlungen/\(id)", "/vermittlungen/\(id).json"] {
                let answer = try client.get(path)
                #expect(answer.status == 403, "\(path) as \(outsider.email): \(answer.status)")
                for secret in DeskFixture.personal + ["Besuchsdienst"] { #expect(!answer.body.contains(secret)) }
            }
        }

        // A accepts: the name (consent covers identity), no contact (do not contact); the sibling is cancelled.
        let accepted = try f.status(f.providerA, id, .accepted)
        #expect(accepted.status == 303)
        let full = try providerA.get("/vermittlungen/\(id)").body
        #expect(full.contains(DeskFixture.citizenName) && full.contains("Bitte nicht kontaktieren"))
        for secret in [DeskFixture.citizenPhone, DeskFixture.citizenEmail, DeskFixture.caseReference, "Musterweg"] {
            #expect(!full.contains(secret), "provider A saw »\(secret)« despite »do not contact«")
        }
        let cancelled = try f.referral(sibling)
        #expect(cancelled.status == .cancelled && cancelled.reason == .siblingAccepted)
        let providerB = try f.client(f.providerB)
        let siblingPage = try providerB.get("/vermittlungen/\(sibling)")
        #expect(siblingPage.status == 200 && siblingPage.body.contains("Storniert") && siblingPage.body.contains("nur noch den Status"))
        for secret in DeskFixture.personal + ["Türkisch"] { #expect(!siblingPage.body.contains(secret)) }

        // A notes, sets the business status, works it to completed.
        #expect(try providerA.post("/vermittlungen/\(id)/notizen", [("notiz", "Erstbesuch am Freitag vereinbart.")]).status == 303)
        #expect(try providerA.post("/vermittlungen/\(id)/bearbeitungsstand", [("stand", "appointment")]).status == 303)
        #expect(try f.status(f.providerA, id, .inProgress).status == 303)
        #expect(try f.status(f.providerA, id, .completed).status == 303)
        #expect(try f.referral(id).status == .completed)

        // The counselor closes the loop with the citizen's feedback.
        let detail = try counselor.get("/vermittlungen/\(id)")
        #expect(detail.body.contains("Ergebnis und Rückmeldung") && detail.body.contains("Erstbesuch am Freitag vereinbart."))
        #expect(try counselor.post("/vermittlungen/\(id)/ergebnis", []).status == 400)
        let closed = try counselor.post("/vermittlungen/\(id)/ergebnis", [("ergebnis", "helped"), ("rueckmeldung", "Frau M. freut sich über die Besuche.")])
        #expect(closed.status == 303)
        let final = try counselor.get("/vermittlungen/\(id)").body
        #expect(final.contains("Erfasst: <strong>geholfen</strong>") && final.contains("Frau M. freut sich über die Besuche."))
        // The timeline shows each step.
        for step in ["Gesendet (Angefragt)", "Bearbeitungsstand: gelesen", "Angefragt → Angenommen", "Notiz geschrieben",
                     "Bearbeitungsstand: Termin vereinbart", "Angenommen → In Bearbeitung", "In Bearbeitung → Erledigt",
                     "Ergebnis und Rückmeldung erfasst"] {
            #expect(final.contains(step), "timeline lacks »\(step)«")
        }
        #expect(try counselor.get("/vermittlungen/\(sibling)").body.contains("Angefragt → Storniert"))
        // Provider A keeps access during the grace period, then sees the status only.
        #expect(try providerA.get("/vermittlungen/\(id)").body.contains(DeskFixture.citizenName))
        #expect(!(try providerA.get("/vermittlungen/\(id)").body.contains("Frau M. freut sich")), "the feedback is the team's")
        try f.site.store.pool.write { try $0.execute("UPDATE referral SET closed_at = '2026-10-01T08:00:00Z' WHERE id = ?", id) }
        let expired = try providerA.get("/vermittlungen/\(id)")
        #expect(expired.status == 200 && expired.body.contains("Erledigt") && expired.body.contains("nur noch den Status"))
        for secret in DeskFixture.personal + ["Besuchsdienst", "Erstbesuch"] { #expect(!expired.body.contains(secret), "after the grace period: »\(secret)«") }
        #expect(try providerA.post("/vermittlungen/\(id)/notizen", [("notiz", "Noch etwas")]).status == 403)
    }

    @Test func aRejectionIsReroutedInTwoClicksWithTheConsentOfTheCase() throws {
        let f = try DeskFixture()
        let counselor = try f.client(f.counselor)
        // Consent for A and B; sent to A only.
        let ids = try f.sent(to: [DeskFixture.serviceA], consentFor: [DeskFixture.organizationA, DeskFixture.organizationB])
        let id = ids[0]
        let declined = try f.status(f.providerA, id, .rejected, [("grund", "capacity"), ("abgelehnt_von", "provider"), ("grund_text", "Team im Urlaub")])
        #expect(declined.status == 303)
        let rejected = try f.referral(id)
        #expect(rejected.status == .rejected && rejected.reason == .capacity && rejected.declinedBy == .provider)
        // A's access ended.
        let afterwards = try f.client(f.providerA).get("/vermittlungen/\(id)")
        #expect(afterwards.status == 200 && afterwards.body.contains("Abgelehnt"))
        for secret in DeskFixture.personal + ["Besuchsdienst", "Türkisch"] { #expect(!afterwards.body.contains(secret)) }
        // The counselor sees why, with the free text, and the counselor's outbox shows it.
        let page = try counselor.get("/vermittlungen/\(id)")
        #expect(page.body.contains("keine Kapazität") && page.body.contains("Team im Urlaub") && page.body.contains("Neu vermitteln"))
        #expect(try counselor.get("/vermittlungen?status=beendet").body.contains("Abgelehnt"))

        // Click 1: "Neu vermitteln" → suggestions of a new draft in the same case.
        let rerouted = try counselor.post("/vermittlungen/\(id)/neu-vermitteln", [])
        #expect(rerouted.status == 303)
        let location = try #require(rerouted.location)
        #expect(location.hasSuffix("/vorschlaege"))
        let newID = String(location.split(separator: "/")[1])
        #expect(try newID != id && f.referral(newID).groupID == rejected.groupID)
        let suggestions = try counselor.get(location)
        #expect(suggestions.status == 200 && suggestions.body.contains("In diesem Fall schon angefragt"))
        #expect(!suggestions.body.contains("value=\"service:\(DeskFixture.serviceA)\""), "A is not suggested again")
        let direct = "form=\"direkt-senden\" name=\"ziel\" value=\"service:\(DeskFixture.serviceB)\""
        #expect(suggestions.body.contains(direct), "B is covered by the case's consent: one button sends")
        #expect(!suggestions.body.contains("form=\"direkt-senden\" name=\"ziel\" value=\"service:\(DeskFixture.serviceC)\""))

        // Click 2: send to B.
        let sent = try counselor.post("/vermittlungen/\(newID)/senden", [("ziel", "service:\(DeskFixture.serviceB)")])
        #expect(sent.status == 303)
        #expect(try f.referral(newID).status == .requested && f.referral(newID).serviceID == DeskFixture.serviceB)
        #expect(try f.status(f.providerB, newID, .accepted).status == 303)
        #expect(try f.client(f.providerB).get("/vermittlungen/\(newID)").body.contains(DeskFixture.citizenName))
        // The case lists both; the disclosure view names both organizations.
        let disclosures = try counselor.get("/vermittlungen/\(newID)/offenlegungen")
        #expect(disclosures.status == 200 && disclosures.body.contains(DeskFixture.organizationNameA) && disclosures.body.contains(DeskFixture.organizationNameB))
        #expect(try counselor.get("/vermittlungen/\(newID)").body.contains("Weitere Vermittlungen dieses Falls"))
    }

    @Test func aServicePageStartsAReferralToThatService() throws {
        let f = try DeskFixture()
        let counselor = try f.client(f.counselor)
        let service = try counselor.get("/angebote/\(DeskFixture.serviceA)")
        #expect(service.body.contains("href=\"/vermittlungen/neu?angebot=\(DeskFixture.serviceA)\""))
        #expect(!(try WebClient(f.site).get("/angebote/\(DeskFixture.serviceA)")).body.contains("/vermittlungen/neu"))
        #expect(!(try f.client(f.providerA).get("/angebote/\(DeskFixture.serviceA)")).body.contains("/vermittlungen/neu"))
        let form = try counselor.get("/vermittlungen/neu?angebot=\(DeskFixture.serviceA)")
        #expect(form.status == 200 && form.body.contains("Vermittlung an »\(DeskFixture.nameA)«"))
        #expect(form.body.contains("value=\"alltag.besuchsdienst\" checked"), "the service's needs are preselected")
        var fields = DeskFixture.needFields()
        fields.append(("angebot", DeskFixture.serviceA))
        let created = try counselor.post("/vermittlungen/neu?angebot=\(DeskFixture.serviceA)", fields)
        #expect(created.status == 303 && created.location?.contains("/versand?ziel=service%3A\(DeskFixture.serviceA)") == true)
        #expect(try counselor.get("/vermittlungen/neu?angebot=gibt-es-nicht").status == 404)
    }

    @Test func aPoolIsClaimedByTheFirstProviderThatAccepts() throws {
        let f = try DeskFixture()
        let counselor = try f.client(f.counselor)
        let id = try f.draft(counselor)
        let pool = "pool:dlz:bremen-osterholz"
        let suggestions = try counselor.get("/vermittlungen/\(id)/vorschlaege").body
        #expect(suggestions.contains("value=\"\(pool)\"") && suggestions.contains("Dienstleistungszentrum: alle in Osterholz"))
        let form = try counselor.get("/vermittlungen/\(id)/versand?ziel=\(WebFixture.encode(pool))")
        #expect(form.status == 200 && form.body.contains("wer zuerst annimmt, übernimmt") && form.body.contains("disabled aria-describedby"))
        // The consent must cover every member of the pool.
        let members = try #require(HTMLForm(form.body, action: "/vermittlungen/\(id)/einwilligung")).values("empfaenger")
        #expect(members.contains(DeskFixture.organizationB))
        #expect(try counselor.post("/vermittlungen/\(id)/einwilligung", DeskFixture.consentFields(members, targets: [pool])).status == 303)
        #expect(try counselor.post("/vermittlungen/\(id)/senden", [("ziel", pool)]).status == 303)
        let sent = try f.referral(id)
        #expect(sent.status == .requested && sent.isPool && sent.serviceID == nil)
        #expect(sent.recipientOrganizations == Set(try f.site.store.pool.read { db in
            try db.query("SELECT organization_id FROM referral_recipient WHERE referral_id = ?", id) { $0.string(0) }
        }))
        // B sees it with its own services to choose from and claims it.
        let providerB = try f.client(f.providerB)
        let page = try providerB.get("/vermittlungen/\(id)")
        #expect(page.status == 200 && page.body.contains("Für welches Ihrer Angebote") && page.body.contains("value=\"\(DeskFixture.serviceB)\""))
        #expect(page.body.contains("Pool: Dienstleistungszentrum in Osterholz"))
        let claimed = try f.status(f.providerB, id, .accepted, [("angebot", DeskFixture.serviceB)])
        #expect(claimed.status == 303)
        let after = try f.referral(id)
        #expect(after.status == .accepted && after.serviceID == DeskFixture.serviceB && after.organizationID == DeskFixture.organizationB)
        #expect(after.recipientOrganizations == [DeskFixture.organizationB], "the other members are released")
        #expect(try providerB.get("/vermittlungen/\(id)").body.contains(DeskFixture.citizenName))
        #expect(try counselor.get("/vermittlungen/\(id)").body.contains("Aus dem Pool übernommen"))
    }
}
