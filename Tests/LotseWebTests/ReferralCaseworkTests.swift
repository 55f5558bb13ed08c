// What counselors asked for (issue 16, item 7), through the web layer: searching the outbox by
// case reference (the inbox never matches it: the case reference is the owning team's), an
// appointment on a referral (German errors, on the slip, for the provider only from
// acceptance on), and the case view of all referrals of one case reference in the team.
import Foundation
import HTTP
import LotseCore
import LotseWeb
import SQLite
import Testing

@Suite struct ReferralCaseworkTests {
    // MARK: Search

    @Test func theOutboxIsSearchedByCaseReferenceTheInboxOnlyByWhatTheProviderSees() throws {
        let f = try DeskFixture()
        let id = try f.sent(to: [DeskFixture.serviceA])[0]
        let number = ReferralNumber.of(id)
        let counselor = try f.client(f.counselor)
        let found = try counselor.get("/vermittlungen?suche=psp-2026-4711")
        #expect(found.status == 200 && found.body.contains("/vermittlungen/\(id)") && found.body.contains("Nr. \(number)"))
        let missed = try counselor.get("/vermittlungen?suche=PSP-1999-0000")
        #expect(missed.status == 200 && !missed.body.contains("Nr. \(number)"))
        #expect(missed.body.contains("Keine Vermittlungen zur Suche »PSP-1999-0000«"))
        // Provider A: the case reference matches nothing, what A sees does.
        let provider = try f.client(f.providerA)
        let byReference = try provider.get("/vermittlungen?suche=\(DeskFixture.caseReference)")
        #expect(byReference.status == 200 && !byReference.body.contains("Nr. \(number)"))
        #expect(byReference.body.contains("Keine Vermittlungen zur Suche"))
        for term in [number, "Besuchsdienst", "osterholz"] {
            let answer = try provider.get("/vermittlungen?suche=\(term)")
            #expect(answer.body.contains("Nr. \(number)"), "provider search »\(term)« finds nothing")
            #expect(!answer.body.contains(DeskFixture.caseReference))
        }
    }

    // MARK: Appointment

    @Test func anAppointmentIsValidatedInGermanAndKeepsWhatWasTyped() throws {
        let f = try DeskFixture()
        let id = try f.sent(to: [DeskFixture.serviceA])[0]
        let counselor = try f.client(f.counselor)
        let cases: [([(String, String)], String)] = [
            ([("termin_datum", ""), ("termin_zeit", "09:30")], "Bitte den Tag des Termins angeben."),
            ([("termin_datum", "31.02.2026"), ("termin_zeit", "09:30")], "Tag des Termins: bitte ein Datum angeben (TT.MM.JJJJ)."),
            ([("termin_datum", "2026-11-17"), ("termin_zeit", "09:30")], "Der Termin liegt in der Vergangenheit."),
            ([("termin_datum", "2026-11-25"), ("termin_zeit", "25:00")], "Uhrzeit: bitte als SS:MM angeben, zum Beispiel 09:30."),
            ([("termin_datum", "2026-11-25"), ("termin_zeit", "")], "Bitte die Uhrzeit des Termins angeben."),
            ([("termin_datum", "2026-11-25"), ("termin_zeit", "09:30"), ("termin_ort", String(repeating: "x", count: 201))],
             "Der Ort ist zu lang (höchstens 200 Zeichen)."),
        ]
        for (fields, message) in cases {
            let answer = try counselor.post("/vermittlungen/\(id)/termin", fields)
            #expect(answer.status == 400, "\(fields): \(answer.status)")
            #expect(answer.body.contains(message), "\(fields) lacks »\(message)«")
            #expect(answer.body.contains("href=\"#feld-termin_"), "the error summary does not link the field")
            for (name, value) in fields where !value.isEmpty {
                #expect(answer.body.contains("name=\"\(name)\" value=\"\(value)\""), "\(name) not kept")
            }
        }
        #expect(try f.site.store.pool.read { try $0.scalarInt("SELECT count(*) FROM referral_appointment") } == 0)
        // German date and time forms are accepted and stored normalised.
        #expect(try counselor.post("/vermittlungen/\(id)/termin", [("termin_datum", "25.11.2026"), ("termin_zeit", "9.30")]).status == 303)
        let stored = try f.site.store.pool.read { db in
            try db.query("SELECT on_date, at_time, place FROM referral_appointment WHERE referral_id = ?", id) {
                [$0.string(0), $0.string(1), $0.optionalString(2) ?? "-"]
            }
        }
        #expect(stored == [["2026-11-25", "09:30", "-"]])
    }

    @Test func theAppointmentIsOnTheSlipAndTheProviderSeesItOnlyFromAcceptance() throws {
        let f = try DeskFixture()
        let id = try f.sent(to: [DeskFixture.serviceA])[0]
        let counselor = try f.client(f.counselor)
        let place = "Beratungsraum 2, Erdgeschoss"
        // Nobody but the team sets it.
        for account in [f.otherCounselor, f.providerA, f.providerB] {
            let answer = try f.client(account).post("/vermittlungen/\(id)/termin", [("termin_datum", "2026-11-25"), ("termin_zeit", "09:30")])
            #expect(answer.status == 403, "\(account.email): \(answer.status)")
        }
        let saved = try counselor.post("/vermittlungen/\(id)/termin", [("termin_datum", "2026-11-25"), ("termin_zeit", "09:30"), ("termin_ort", place)])
        #expect(saved.status == 303)
        let page = try counselor.get("/vermittlungen/\(id)")
        #expect(page.body.contains("Mittwoch, 25.11.2026, 09:30 Uhr") && page.body.contains(place))
        for slip in [try counselor.get("/vermittlungen/\(id)/handzettel").body, try counselor.get("/vermittlungen/\(id)/handzettel.json").body] {
            #expect(slip.contains("Mittwoch, 25.11.2026") && slip.contains("09:30 Uhr") && slip.contains(place), "slip without the appointment")
            #expect(!slip.contains(DeskFixture.caseReference) && !slip.contains(DeskFixture.citizenName))
        }
        // Provider A: not while requested, yes after accepting (consent covers `needs`).
        let provider = try f.client(f.providerA)
        for target in ["/vermittlungen/\(id)", "/vermittlungen/\(id).json"] {
            let body = try provider.get(target).body
            #expect(!body.contains(place) && !body.contains("2026-11-25"), "\(target) shows the appointment before acceptance")
        }
        #expect(try f.status(f.providerA, id, .accepted).status == 303)
        for target in ["/vermittlungen/\(id)", "/vermittlungen/\(id).json"] {
            #expect(try provider.get(target).body.contains(place), "\(target) lacks the appointment after acceptance")
        }
        // Changing it afterwards discloses it to A (a disclosure row under `needs`).
        #expect(try counselor.post("/vermittlungen/\(id)/termin", [("termin_datum", "2026-11-26"), ("termin_zeit", "10:00")]).status == 303)
        let disclosures = try f.site.store.pool.read { db in
            try db.scalarInt("SELECT count(*) FROM audit_log WHERE action = 'disclosure' AND referral_id = ? AND purpose = 'Termin an die Stelle'", id)
        }
        #expect(disclosures == 1)
        // Withdrawn consent: the provider sees the status only, no appointment.
        let consentID = try #require(try f.site.store.pool.read { db in
            try db.scalarString("SELECT id FROM consent WHERE group_id = (SELECT group_id FROM referral WHERE id = ?)", id)
        })
        #expect(try counselor.post("/vermittlungen/\(id)/widerruf", [("einwilligung", consentID)]).status == 303)
        #expect(!(try provider.get("/vermittlungen/\(id)").body.contains("26.11.2026")))
        // Removing it takes it off the slip.
        #expect(try counselor.post("/vermittlungen/\(id)/termin", [("entfernen", "1")]).status == 303)
        #expect(!(try counselor.get("/vermittlungen/\(id)/handzettel").body.contains("Ihr Termin")))
    }

    // MARK: Case view

    @Test func theCaseViewListsTheTeamsReferralsOfOneCaseReferenceOnly() throws {
        let f = try DeskFixture()
        let first = try f.sent(to: [DeskFixture.serviceA])[0]
        let second = try f.sent(to: [DeskFixture.serviceC])[0]
        let counselor = try f.client(f.counselor)
        let unrelated = try f.draft(counselor, fields: DeskFixture.needFields().map { $0.0 == "fallzeichen" ? ($0.0, "PSP-2026-9999") : $0 })
        // Another team uses the same case reference for its own citizen.
        let otherClient = try f.client(f.otherCounselor)
        let foreign = try f.draft(otherClient)
        let view = try counselor.get("/vermittlungen/\(first)/fall")
        #expect(view.status == 200)
        #expect(view.body.contains("/vermittlungen/\(first)\"") && view.body.contains("/vermittlungen/\(second)\""))
        #expect(!view.body.contains(unrelated) && !view.body.contains(foreign))
        #expect(view.body.contains("Fall \(DeskFixture.caseReference)"))
        // The referral page links to it.
        #expect(try counselor.get("/vermittlungen/\(second)").body.contains("/vermittlungen/\(second)/fall"))
        // Each referral shown is logged as a read.
        let reads = try f.site.store.pool.read { db in
            try db.query("SELECT referral_id FROM audit_log WHERE action = 'read' AND purpose = 'Fallübersicht' ORDER BY seq") { $0.string(0) }
        }
        #expect(Set(reads) == [first, second] && reads.count == 2)
        // Everyone else: 403, an unknown referral 404.
        for account in [f.otherCounselor, f.providerA, f.providerB, f.providerC, f.coordinator, f.admin] {
            let client = try f.client(account)
            for path in ["/vermittlungen/\(first)/fall", "/vermittlungen/\(first)/fall.json"] {
                let answer = try client.get(path)
                #expect(answer.status == 403, "\(path) as \(account.email): \(answer.status)")
                #expect(!answer.body.contains(DeskFixture.caseReference))
            }
        }
        #expect(try otherClient.get("/vermittlungen/\(foreign)/fall").body.contains(foreign))
        #expect(try counselor.get("/vermittlungen/unbekannt/fall").status == 404)
    }
}
