// The consent scope and the explicit "gelesen" through the pages: a provider's GET of a
// referral (page or JSON twin) changes nothing; "Als gelesen markieren" is a POST with the CSRF
// token; notes carry a category and reach a provider (page and JSON twin) only when its
// consent covers that category.
import Foundation
import HTTP
import LotseCore
import LotseWeb
import Testing

@Suite struct ReferralConsentScopeTests {
    @Test func aProviderGetChangesNothingAndGelesenIsAnExplicitPost() throws {
        let f = try DeskFixture()
        let id = try f.sent(to: [DeskFixture.serviceA])[0]
        let provider = try f.client(f.providerA)
        let page = try provider.get("/vermittlungen/\(id)")
        #expect(page.status == 200 && page.body.contains("Als gelesen markieren"))
        #expect(try provider.get("/vermittlungen/\(id).json").status == 200)
        #expect(try f.referral(id).businessStatus == nil, "a GET marked the referral read")
        let disclosures = try f.site.store.pool.read {
            try $0.scalarInt("SELECT count(*) FROM audit_log WHERE action = 'disclosure' AND referral_id = ? AND account_id = ?", id, f.providerA.id)
        }
        #expect(disclosures == 0, "a GET wrote disclosure rows")
        let forged = try provider.post("/vermittlungen/\(id)/gelesen", [], includeCSRF: false)
        let afterForged = try f.referral(id).businessStatus
        #expect(forged.status == 403 && afterForged == nil, "without the CSRF token nothing changes")
        let marked = try provider.post("/vermittlungen/\(id)/gelesen", [])
        let afterMarked = try f.referral(id).businessStatus
        #expect(marked.status == 303 && afterMarked == .read)
        #expect(try f.client(f.counselor).get("/vermittlungen/\(id)").body.contains("· gelesen"))
        #expect(try f.client(f.providerB).post("/vermittlungen/\(id)/gelesen", []).status == 403)
    }

    @Test func notesReachAProviderOnlyWhenTheirCategoryIsCovered() throws {
        let f = try DeskFixture()
        let id = try f.sent(to: [DeskFixture.serviceA], categories: [.needs, .identity, .contact])[0]
        let counselor = try f.client(f.counselor)
        let form = try counselor.get("/vermittlungen/\(id)").body
        #expect(form.contains("name=\"kategorie\"") && form.contains("value=\"health\" selected"), "health is the default category")
        #expect(try counselor.post("/vermittlungen/\(id)/notizen", [("notiz", "Pflegegrad 3, Demenz beginnend")]).status == 303)
        #expect(try counselor.post("/vermittlungen/\(id)/notizen", [("notiz", "Bitte Frau M. direkt ansprechen"), ("kategorie", "identity")]).status == 303)
        #expect(try counselor.post("/vermittlungen/\(id)/notizen", [("notiz", "x"), ("kategorie", "bogus")]).status == 400)
        #expect(try f.status(f.providerA, id, .accepted).status == 303)
        let provider = try f.client(f.providerA)
        for path in ["/vermittlungen/\(id)", "/vermittlungen/\(id).json"] {
            let body = try provider.get(path).body
            #expect(body.contains("Bitte Frau M. direkt ansprechen"), "\(path): the identity note is covered")
            #expect(!body.contains("Demenz"), "\(path): a health note reached a provider without a health consent")
        }
        // The provider may file its notes only under a category its consent covers.
        #expect(try provider.post("/vermittlungen/\(id)/notizen", [("notiz", "Blutdruck"), ("kategorie", "health")]).status == 400)
        #expect(try provider.post("/vermittlungen/\(id)/notizen", [("notiz", "Erstbesuch Freitag"), ("kategorie", "needs")]).status == 303)
        #expect(try counselor.get("/vermittlungen/\(id)").body.contains("Demenz"), "the team sees every note")
    }

    @Test func theConsentFormRefusesPersonalCategoriesWithoutTheRelease() throws {
        let f = try DeskFixture()
        let counselor = try f.client(f.counselor)
        let id = try f.draft(counselor)
        let fields = DeskFixture.consentFields([DeskFixture.organizationA]).filter { $0.0 != "schweigepflicht" }
        let refused = try counselor.post("/vermittlungen/\(id)/einwilligung", fields)
        #expect(refused.status == 400 && refused.body.contains("nur mit Schweigepflichtentbindung"))
        #expect(try f.site.store.pool.read { try $0.scalarInt("SELECT count(*) FROM consent") } == 0, "nothing was recorded")
        let needsOnly = DeskFixture.consentFields([DeskFixture.organizationA], categories: [.needs]).filter { $0.0 != "schweigepflicht" }
        #expect(try counselor.post("/vermittlungen/\(id)/einwilligung", needsOnly).status == 303, "the summary needs no release")
    }
}
