// What each viewer may see and do on the referral pages, decided by ReferralAccess: another
// team, other providers, coordinators and admins get nothing; a provider sees identity only
// where consent covers it and loses it when consent is withdrawn; notes need identity access;
// the printable slip and the disclosure view carry no internal data and belong to the team.
import Foundation
import HTTP
import LotseCore
import LotseWeb
import Testing

@Suite struct ReferralGatingTests {
    @Test func outsidersSeeNothingOfAReferral() throws {
        let f = try DeskFixture()
        let id = try f.sent(to: [DeskFixture.serviceA])[0]
        let pages = ["/vermittlungen/\(id)", "/vermittlungen/\(id).json"]
        let counselorPages = ["/vermittlungen/\(id)/handzettel", "/vermittlungen/\(id)/offenlegungen", "/vermittlungen/\(id)/vorschlaege",
                              "/vermittlungen/\(id)/versand", "/vermittlungen/\(id)/bearbeiten"]
        // Another team's counselor.
        let other = try f.client(f.otherCounselor)
        for path in pages + counselorPages {
            #expect(try other.get(path).status == 403, "\(path) as another team")
        }
        #expect(!(try other.get("/vermittlungen")).body.contains(DeskFixture.caseReference))
        for (path, fields) in [("status", [("status", "cancelled"), ("grund", "other"), ("grund_text", "x")]), ("notizen", [("notiz", "x")]),
                               ("neu-vermitteln", []), ("ergebnis", [("ergebnis", "helped")]), ("widerruf", [("einwilligung", "x")])] {
            #expect(try other.post("/vermittlungen/\(id)/\(path)", fields).status == 403, "POST \(path) as another team")
        }
        // Providers B and C.
        for account in [f.providerB, f.providerC] {
            let client = try f.client(account)
            for path in pages { #expect(try client.get(path).status == 403, "\(path) as \(account.email)") }
            #expect(try client.post("/vermittlungen/\(id)/status", [("status", "accepted")]).status == 403)
            #expect(try client.post("/vermittlungen/\(id)/bearbeitungsstand", [("stand", "read")]).status == 403)
            #expect(try client.post("/vermittlungen/\(id)/notizen", [("notiz", "x")]).status == 403)
            #expect(!(try client.get("/vermittlungen")).body.contains("Besuchsdienst"))
        }
        // Coordinators and admins: aggregates only, no referral pages at all.
        for account in [f.coordinator, f.admin] {
            let client = try f.client(account)
            for path in pages + ["/vermittlungen", "/vermittlungen/\(id)/offenlegungen"] {
                #expect(try client.get(path).status == 403, "\(path) as \(account.role)")
            }
        }
        // Anonymous visitors are sent to the login page.
        let visitor = WebClient(f.site)
        #expect(try visitor.get("/vermittlungen/\(id)").location?.hasPrefix("/anmelden?weiter=") == true)
        #expect(try f.referral(id).status == .requested)
    }

    @Test func identityOnlyWhereConsentCoversItAndNotAfterWithdrawal() throws {
        let f = try DeskFixture()
        // Consent for the need only: after accepting, still no name.
        let needsOnly = try f.sent(to: [DeskFixture.serviceA], categories: [.needs])[0]
        #expect(try f.status(f.providerA, needsOnly, .accepted).status == 303)
        let pseudonymous = try f.client(f.providerA).get("/vermittlungen/\(needsOnly)").body
        #expect(pseudonymous.contains("Angenommen") && pseudonymous.contains("Besuchsdienst"))
        for secret in DeskFixture.personal { #expect(!pseudonymous.contains(secret), "without identity consent: »\(secret)«") }
        #expect(try f.client(f.providerA).post("/vermittlungen/\(needsOnly)/notizen", [("notiz", "x"), ("kategorie", "identity")]).status == 400,
                "a note under »Name« needs the identity consent")

        // Full consent, accepted: name and contact; after withdrawal neither.
        let counselor = try f.client(f.counselor)
        let id = try f.sent(to: [DeskFixture.serviceA])[0]
        #expect(try f.status(f.providerA, id, .accepted).status == 303)
        let full = try f.client(f.providerA).get("/vermittlungen/\(id)").body
        #expect(full.contains(DeskFixture.citizenName) && full.contains(DeskFixture.citizenPhone) && full.contains(DeskFixture.citizenEmail))
        #expect(!full.contains(DeskFixture.caseReference), "the case reference is the team's")
        let consentID = try #require(try f.site.store.pool.read { db in
            try db.scalarString("SELECT id FROM consent WHERE group_id = ?", try f.referral(id).groupID)
        })
        let withdrawn = try counselor.post("/vermittlungen/\(id)/widerruf", [("einwilligung", consentID)])
        #expect(withdrawn.status == 303 && withdrawn.location == "/vermittlungen/\(id)?hinweis=widerrufen")
        #expect(try counselor.get(try #require(withdrawn.location)).body.contains("widerrufen am"))
        let after = try f.client(f.providerA).get("/vermittlungen/\(id)")
        #expect(after.status == 200)
        for secret in DeskFixture.personal { #expect(!after.body.contains(secret), "after withdrawal: »\(secret)«") }
        #expect(try f.client(f.providerA).get("/vermittlungen").body.contains("Einwilligung widerrufen"))
        // Withdrawing twice, or a consent of another case, is refused.
        #expect(try counselor.post("/vermittlungen/\(id)/widerruf", [("einwilligung", consentID)]).status == 409)
        #expect(try counselor.post("/vermittlungen/\(needsOnly)/widerruf", [("einwilligung", consentID)]).status == 404)
    }

    @Test func theCounselorsActionsAreRefusedToProvidersAndTheProvidersToCounselors() throws {
        let f = try DeskFixture()
        let id = try f.sent(to: [DeskFixture.serviceA])[0]
        // A counselor cannot accept; a provider cannot send, close the loop or re-route.
        let counselorAccepts = try f.status(f.counselor, id, .accepted)
        #expect(counselorAccepts.status == 409 && counselorAccepts.body.contains("nicht zulässig"))
        let providerA = try f.client(f.providerA)
        for path in ["senden", "ergebnis", "neu-vermitteln", "einwilligung", "widerruf"] {
            #expect(try providerA.post("/vermittlungen/\(id)/\(path)", [("ziel", "service:\(DeskFixture.serviceA)")]).status == 403)
        }
        #expect(try f.client(f.counselor).post("/vermittlungen/\(id)/bearbeitungsstand", [("stand", "read")]).status == 403)
        // A reason is needed to decline; the refusal shows on the page.
        let noReason = try f.status(f.providerA, id, .rejected)
        #expect(noReason.status == 400 && noReason.body.contains("Bitte prüfen Sie Ihre Eingaben") && noReason.body.contains("Grund"))
        let other = try f.status(f.providerA, id, .rejected, [("grund", "other")])
        #expect(other.status == 400 && other.body.contains("anderer Grund"))
        #expect(try f.referral(id).status == .requested)
        // The counselor cancels with a reason; the provider is notified and sees the status only.
        #expect(try f.status(f.counselor, id, .cancelled, [("grund", "citizen-declined")]).status == 303)
        let cancelled = try f.referral(id)
        #expect(cancelled.status == .cancelled && cancelled.declinedBy == .citizen)
        #expect(try providerA.get("/vermittlungen").body.contains("Status geändert: Storniert"))
        // Entered in error and reopened by the team.
        #expect(try f.status(f.counselor, id, .enteredInError, [("grund_text", "falsche Person")]).status == 303)
        #expect(try f.client(f.counselor).post("/vermittlungen/\(id)/wieder-oeffnen", []).status == 400)
        #expect(try f.client(f.counselor).post("/vermittlungen/\(id)/wieder-oeffnen", [("begruendung", "doch richtig")]).status == 303)
        #expect(try f.referral(id).status == .cancelled)
    }

    @Test func theSlipCarriesNoInternalData() throws {
        let f = try DeskFixture()
        let counselor = try f.client(f.counselor)
        // Tagespflege Vahrer Stube: address, transport, hours and documents to bring.
        let draft = try f.draft(counselor, fields: DeskFixture.needFields(needs: ["pflege.tagespflege"], area: "bremen-vahr"))
        let organization = try f.site.store.pool.read { try $0.scalarString("SELECT organization_id FROM service WHERE id = ?", SeedIDs.dayCare) }
        try f.consent(counselor, draft, for: [try #require(organization)])
        #expect(try f.send(counselor, draft, to: [SeedIDs.dayCare]).status == 303)
        #expect(try counselor.post("/vermittlungen/\(draft)/notizen", [("notiz", "Vertraulich: Sohn kümmert sich nicht.")]).status == 303)
        #expect(try f.status(f.counselor, draft, .cancelled, [("grund", "other"), ("grund_text", "Interner Grund XY")]).status == 303)
        let slip = try counselor.get("/vermittlungen/\(draft)/handzettel")
        #expect(slip.status == 200)
        for expected in ["Tagespflege Vahrer Stube", "Kurt-Schumacher-Allee 31", "Haltestelle Berliner Freiheit", "Bitte mitbringen",
                         "Medikamentenplan", "Bescheid der Pflegekasse"] {
            #expect(slip.body.contains(expected), "slip lacks »\(expected)«")
        }
        let internalData = DeskFixture.personal + ["Vertraulich", "Sohn kümmert", "Interner Grund", "anderer Grund", "Storniert", "Notiz"]
        for body in [slip.body, try counselor.get("/vermittlungen/\(draft)/handzettel.json").body] {
            for secret in internalData { #expect(!body.contains(secret), "the slip shows »\(secret)«") }
        }
        // A draft has no service yet: no slip.
        let open = try f.draft(counselor)
        #expect(try counselor.get("/vermittlungen/\(open)/handzettel").status == 409)
    }

    @Test func theSlipOfAShelterNeverShowsItsAddress() throws {
        let f = try DeskFixture()
        let counselor = try f.client(f.counselor)
        let draft = try f.draft(counselor, fields: DeskFixture.needFields(needs: ["schutz.frauenhaus"], area: "bremen-mitte"))
        try f.consent(counselor, draft, for: [SeedIDs.shelterOrganization])
        #expect(try f.send(counselor, draft, to: [SeedIDs.shelter]).status == 303)
        let slip = try counselor.get("/vermittlungen/\(draft)/handzettel")
        #expect(slip.status == 200)
        for secret in SeedIDs.confidential { #expect(!slip.body.contains(secret), "the slip shows »\(secret)«") }
    }
}
