// URLRoutesTests: every path the URL builder makes reaches, through the route table, the
// route it is meant for — and every builder of URLs.swift is in the table below, so a new
// builder cannot be added without saying where it must lead.
import Foundation
import HTTP
import LotseCore
import Testing
@testable import LotseWeb

@Suite struct URLRoutesTests {
    /// Builder name (as declared in URLs.swift), the URL it makes, the method and the route name.
    static let cases: [(builder: String, url: String, method: String, route: String)] = {
        var query = SearchQuery()
        query.text = "beratung"
        query.needs = ["pflege"]
        let token = SecretToken.make()
        return [
            ("home", URLs.home, "GET", "start"),
            ("stylesheet", URLs.stylesheet, "GET", "static"),
            ("searchPage", URLs.searchPage, "GET", "search"),
            ("search", URLs.search(query, page: 2), "GET", "search"),
            ("search", URLs.search(need: "pflege", sozialraum: "bremen"), "GET", "search"),
            ("searchPages", URLs.searchPages(query)(3), "GET", "search"),
            ("print", URLs.print(query), "GET", "print"),
            ("service", URLs.service("s 1/ä"), "GET", "service"),
            ("organization", URLs.organization("o-1"), "GET", "organization"),
            ("sozialraum", URLs.sozialraum("bremen-ost"), "GET", "sozialraum"),
            ("json", URLs.json(URLs.service("s1")), "GET", "service"),
            ("login", URLs.login(next: "/pflege"), "GET", "login"),
            ("login", URLs.login(), "POST", "login-password"),
            ("safeRedirect", URLs.safeRedirect("/konto?x=1") ?? "-", "GET", "account"),
            ("requestLoginLink", URLs.requestLoginLink, "POST", "login-link-request"),
            ("loginLink", URLs.loginLink(token), "GET", "login-link"),
            ("loginLink", URLs.loginLink(token), "POST", "login-link-use"),
            ("logout", URLs.logout, "POST", "logout"),
            ("logoutEverywhere", URLs.logoutEverywhere, "POST", "logout-everywhere"),
            ("passwordForgotten", URLs.passwordForgotten, "GET", "password-forgotten"),
            ("passwordForgotten", URLs.passwordForgotten, "POST", "password-forgotten-send"),
            ("passwordReset", URLs.passwordReset(token), "GET", "password-reset"),
            ("passwordReset", URLs.passwordReset(token), "POST", "password-reset-save"),
            ("invitation", URLs.invitation(token), "GET", "invitation"),
            ("invitation", URLs.invitation(token), "POST", "invitation-accept"),
            ("account", URLs.account, "GET", "account"),
            ("help", URLs.help, "GET", "help"),
            ("changePassword", URLs.changePassword, "POST", "account-password"),
            ("notificationSettings", URLs.notificationSettings, "GET", "account-notifications"),
            ("notificationSettings", URLs.notificationSettings, "POST", "account-notifications-save"),
            ("signedLink", URLs.signedLink(.confirm, token), "GET", "digest-confirm"),
            ("signedLink", URLs.signedLink(.confirm, token), "POST", "digest-confirm-post"),
            ("signedLink", URLs.signedLink(.unsubscribe, token), "GET", "digest-unsubscribe"),
            ("signedLink", URLs.signedLink(.unsubscribe, token), "POST", "digest-unsubscribe-post"),
            ("signedLink", URLs.signedLink(.preferences, token), "GET", "digest-preferences"),
            ("signedLink", URLs.signedLink(.preferences, token), "POST", "digest-preferences-save"),
            ("suggestCorrection", URLs.suggestCorrection("s1"), "POST", "correction-suggest"),
            ("editorHome", URLs.editorHome, "GET", "editor-home"),
            ("editorOrganization", URLs.editorOrganization("o1", notice: "gespeichert"), "GET", "editor-organization"),
            ("editOrganization", URLs.editOrganization("o1"), "GET", "organization-edit"),
            ("editOrganization", URLs.editOrganization("o1"), "POST", "organization-edit-save"),
            ("confirmOrganization", URLs.confirmOrganization("o1"), "POST", "organization-confirm"),
            ("organizationHistory", URLs.organizationHistory("o1"), "GET", "organization-history"),
            ("newService", URLs.newService(organization: "o1"), "GET", "service-new"),
            ("newService", URLs.newService(organization: "o1"), "POST", "service-new-save"),
            ("newLocation", URLs.newLocation(organization: "o1"), "GET", "location-new"),
            ("newLocation", URLs.newLocation(organization: "o1"), "POST", "location-new-save"),
            ("newContact", URLs.newContact(organization: "o1"), "GET", "contact-new"),
            ("newContact", URLs.newContact(organization: "o1"), "POST", "contact-new-save"),
            ("editService", URLs.editService("s1"), "GET", "service-edit"),
            ("editService", URLs.editService("s1"), "POST", "service-edit-save"),
            ("editHours", URLs.editHours("s1"), "GET", "hours-edit"),
            ("editHours", URLs.editHours("s1"), "POST", "hours-edit-save"),
            ("editCapacity", URLs.editCapacity("s1"), "GET", "capacity-edit"),
            ("editCapacity", URLs.editCapacity("s1"), "POST", "capacity-edit-save"),
            ("confirmService", URLs.confirmService("s1"), "POST", "service-confirm"),
            ("serviceHistory", URLs.serviceHistory("s1"), "GET", "service-history"),
            ("editLocation", URLs.editLocation("l1"), "GET", "location-edit"),
            ("editLocation", URLs.editLocation("l1"), "POST", "location-edit-save"),
            ("editContact", URLs.editContact("c1"), "GET", "contact-edit"),
            ("editContact", URLs.editContact("c1"), "POST", "contact-edit-save"),
            ("withdrawChange", URLs.withdrawChange("x1"), "POST", "change-withdraw"),
            ("handleCorrection", URLs.handleCorrection("k1"), "POST", "correction-handle"),
            ("coordination", URLs.coordination, "GET", "coordination"),
            ("reviewQueue", URLs.reviewQueue, "GET", "review-queue"),
            ("approveChange", URLs.approveChange("x1"), "POST", "review-approve"),
            ("returnChange", URLs.returnChange("x1"), "POST", "review-return"),
            ("members", URLs.members, "GET", "members"),
            ("memberStatus", URLs.memberStatus("o1"), "POST", "member-status"),
            ("membershipApplication", URLs.membershipApplication, "GET", "membership-apply"),
            ("membershipApplication", URLs.membershipApplication, "POST", "membership-apply-send"),
            ("membershipConfirmation", URLs.membershipConfirmation(token), "GET", "membership-confirm"),
            ("membershipConfirmation", URLs.membershipConfirmation(token), "POST", "membership-confirm-post"),
            ("membershipApplications", URLs.membershipApplications, "GET", "membership-applications"),
            ("admitApplication", URLs.admitApplication("a1"), "POST", "membership-application-admit"),
            ("rejectApplication", URLs.rejectApplication("a1"), "POST", "membership-application-reject"),
            ("memberLeaving", URLs.memberLeaving("o1"), "GET", "member-leave"),
            ("memberLeaving", URLs.memberLeaving("o1"), "POST", "member-leave-save"),
            ("membersCSV", URLs.membersCSV, "GET", "members-csv"),
            ("staleEntries", URLs.staleEntries, "GET", "stale"),
            ("serviceVisibility", URLs.serviceVisibility("s1"), "POST", "service-visibility"),
            ("organizationVisibility", URLs.organizationVisibility("o1"), "POST", "organization-visibility"),
            ("vocabularies", URLs.vocabularies, "GET", "vocabularies"),
            ("vocabularies", URLs.vocabularies, "POST", "term-add"),
            ("term", URLs.term("t1"), "GET", "term-edit"),
            ("term", URLs.term("t1"), "POST", "term-save"),
            ("retireTerm", URLs.retireTerm("t1"), "POST", "term-retire"),
            ("areas", URLs.areas, "GET", "areas"),
            ("areas", URLs.areas, "POST", "area-add"),
            ("area", URLs.area("a1"), "GET", "area-edit"),
            ("area", URLs.area("a1"), "POST", "area-save"),
            ("retireArea", URLs.retireArea("a1"), "POST", "area-retire"),
            ("cooperations", URLs.cooperations, "GET", "cooperations"),
            ("cooperations", URLs.cooperations, "POST", "cooperation-add"),
            ("removeCooperation", URLs.removeCooperation("k1"), "POST", "cooperation-remove"),
            ("network", URLs.network, "GET", "network"),
            ("editCooperation", URLs.editCooperation("k1"), "GET", "cooperation-edit"),
            ("editCooperation", URLs.editCooperation("k1"), "POST", "cooperation-edit-save"),
            ("newCooperation", URLs.newCooperation("o1"), "GET", "cooperation-new"),
            ("newCooperation", URLs.newCooperation("o1"), "POST", "cooperation-new-save"),
            ("rentLimits", URLs.rentLimits, "GET", "rent-limits"),
            ("rentLimits", URLs.rentLimits, "POST", "rent-limit-add"),
            ("removeRentLimit", URLs.removeRentLimit("m1"), "POST", "rent-limit-remove"),
            ("housingFigures", URLs.housingFigures([("jahr", "2026"), ("unternehmen", "o1")]), "GET", "housing-figures"),
            ("housingFigures", URLs.json(URLs.housingFigures()), "GET", "housing-figures"),
            ("housingFiguresCSV", URLs.housingFiguresCSV([("jahr", "2026")]), "GET", "housing-figures-csv"),
            ("housingQuotas", URLs.housingQuotas([("jahr", "2026")]), "GET", "housing-quotas"),
            ("housingQuotas", URLs.housingQuotas(), "POST", "housing-quota-save"),
            ("housingOffers", URLs.housingOffers, "GET", "housing-offers"),
            ("housingOffers", URLs.json(URLs.housingOffers), "GET", "housing-offers"),
            ("housingEditor", URLs.housingEditor, "GET", "housing-editor"),
            ("newHousingOffer", URLs.newHousingOffer, "GET", "housing-offer-new"),
            ("newHousingOffer", URLs.newHousingOffer, "POST", "housing-offer-create"),
            ("housingOffer", URLs.housingOffer("w1"), "GET", "housing-offer-edit"),
            ("housingOffer", URLs.housingOffer("w1"), "POST", "housing-offer-save"),
            ("housingOfferStatus", URLs.housingOfferStatus("w1"), "POST", "housing-offer-status"),
            ("housingProposals", URLs.housingProposals, "GET", "housing-proposals"),
            ("newHousingProposal", URLs.newHousingProposal("w1"), "GET", "housing-proposal-new"),
            ("createHousingProposal", URLs.createHousingProposal, "POST", "housing-proposal-create"),
            ("housingProposal", URLs.housingProposal("v1"), "GET", "housing-proposal"),
            ("housingProposal", URLs.housingProposal("v1"), "POST", "housing-proposal-step"),
            ("costBearerOffices", URLs.costBearerOffices, "GET", "cost-bearer-offices"),
            ("costBearerOffices", URLs.costBearerOffices, "POST", "cost-bearer-office-add"),
            ("removeCostBearerOffice", URLs.removeCostBearerOffice("k1"), "POST", "cost-bearer-office-remove"),
            ("maeCoordination", URLs.maeCoordination, "GET", "mae-rounds"),
            ("maeCoordination", URLs.json(URLs.maeCoordination), "GET", "mae-rounds"),
            ("maeCoordination", URLs.maeCoordination, "POST", "mae-round-add"),
            ("maeCoordinationRound", URLs.maeCoordinationRound("r1"), "GET", "mae-round"),
            ("maeRoundEvent", URLs.maeRoundEvent("r1", .propose), "POST", "mae-round-propose"),
            ("maeRoundEvent", URLs.maeRoundEvent("r1", .withdraw), "POST", "mae-round-withdraw"),
            ("maeRoundEvent", URLs.maeRoundEvent("r1", .decide), "POST", "mae-round-decide"),
            ("maeRoundEvent", URLs.maeRoundEvent("r1", .close), "POST", "mae-round-close"),
            ("maeRounds", URLs.maeRounds, "GET", "mae"),
            ("maeRounds", URLs.mailLinks.maeRounds, "GET", "mae"),
            ("maeRound", URLs.maeRound("r1"), "GET", "mae-member-round"),
            ("maeApply", URLs.maeApply("r1"), "POST", "mae-apply"),
            ("maeComment", URLs.maeComment("r1"), "POST", "mae-comment"),
            ("maeFilled", URLs.maeFilled("r1"), "POST", "mae-filled"),
            ("engagement", URLs.engagement, "GET", "engagement"),
            ("engagement", URLs.json(URLs.engagement), "GET", "engagement"),
            ("newOpportunity", URLs.newOpportunity, "GET", "opportunity-new"),
            ("newOpportunity", URLs.newOpportunity, "POST", "opportunity-create"),
            ("opportunityStatus", URLs.opportunityStatus("e1"), "POST", "opportunity-status"),
            ("helpers", URLs.helpers, "GET", "helpers"),
            ("newHelper", URLs.newHelper, "GET", "helper-new"),
            ("newHelper", URLs.newHelper, "POST", "helper-create"),
            ("helper", URLs.helper("h1"), "GET", "helper"),
            ("helper", URLs.helper("h1"), "POST", "helper-save"),
            ("endHelper", URLs.endHelper("h1"), "POST", "helper-end"),
            ("helpRequests", URLs.helpRequests, "GET", "help-requests"),
            ("newHelpRequest", URLs.newHelpRequest, "GET", "help-request-new"),
            ("newHelpRequest", URLs.newHelpRequest, "POST", "help-request-create"),
            ("helpRequest", URLs.helpRequest("r1"), "GET", "help-request"),
            ("proposeHelper", URLs.proposeHelper("r1"), "POST", "help-placement-propose"),
            ("placement", URLs.placement("p1"), "POST", "help-placement-change"),
            ("askHelper", URLs.askHelper("p1"), "POST", "help-placement-ask"),
            ("engagementFigures", URLs.engagementFigures, "GET", "engagement-figures"),
            ("invite", URLs.invite, "GET", "invite"),
            ("invite", URLs.invite, "POST", "invite-send"),
            ("corrections", URLs.corrections, "GET", "corrections"),
            ("accounts", URLs.accounts, "GET", "accounts"),
            ("accounts", URLs.accounts, "POST", "account-create"),
            ("settings", URLs.settings, "GET", "settings"),
            ("settings", URLs.settings, "POST", "settings-save"),
            ("health", URLs.health, "GET", "health"),
            ("metrics", URLs.metrics, "GET", "metrics"),
            ("disableAccount", URLs.disableAccount("a1"), "POST", "account-disable"),
            ("enableAccount", URLs.enableAccount("a1"), "POST", "account-enable"),
            ("grants", URLs.grants, "GET", "grants"),
            ("confirmGrant", URLs.confirmGrant("g1"), "POST", "grant-confirm"),
            ("refuseGrant", URLs.refuseGrant("g1"), "POST", "grant-refuse"),
            ("referrals", URLs.referrals([("status", "sent")]), "GET", "referrals"),
            ("referralNotificationsRead", URLs.referralNotificationsRead, "POST", "referral-notifications-read"),
            ("newReferral", URLs.newReferral(service: "s1"), "GET", "referral-new"),
            ("newReferral", URLs.newReferral(), "POST", "referral-create"),
            ("referral", URLs.referral("r1", notice: "status"), "GET", "referral"),
            ("editReferral", URLs.editReferral("r1"), "GET", "referral-edit"),
            ("editReferral", URLs.editReferral("r1"), "POST", "referral-edit-save"),
            ("referralSuggestions", URLs.referralSuggestions("r1"), "GET", "referral-suggestions"),
            ("referralSendForm", URLs.referralSendForm("r1", targets: ["service:s1"], notice: "einwilligung"), "GET", "referral-send-form"),
            ("referralConsent", URLs.referralConsent("r1"), "POST", "referral-consent"),
            ("sendReferral", URLs.sendReferral("r1"), "POST", "referral-send"),
            ("withdrawConsent", URLs.withdrawConsent("r1"), "POST", "referral-consent-withdraw"),
            ("referralStatus", URLs.referralStatus("r1"), "POST", "referral-status"),
            ("referralBusinessStatus", URLs.referralBusinessStatus("r1"), "POST", "referral-business-status"),
            ("referralNote", URLs.referralNote("r1"), "POST", "referral-note"),
            ("referralRead", URLs.referralRead("r1"), "POST", "referral-read"),
            ("rerouteReferral", URLs.rerouteReferral("r1"), "POST", "referral-reroute"),
            ("referralOutcome", URLs.referralOutcome("r1"), "POST", "referral-outcome"),
            ("reopenReferral", URLs.reopenReferral("r1"), "POST", "referral-reopen"),
            ("referralSlip", URLs.referralSlip("r1"), "GET", "referral-slip"),
            ("referralDisclosures", URLs.referralDisclosures("r1"), "GET", "referral-disclosures"),
            ("referralCase", URLs.referralCase("r1"), "GET", "referral-case"),
            ("referralAppointment", URLs.referralAppointment("r1"), "POST", "referral-appointment"),
            ("routingRules", URLs.routingRules, "GET", "routing-rules"),
            ("synonyms", URLs.synonyms, "GET", "synonyms"),
            ("synonyms", URLs.synonyms, "POST", "synonyms-save"),
            ("routingRules", URLs.routingRules, "POST", "routing-rule-add"),
            ("reorderRoutingRule", URLs.reorderRoutingRule("q1"), "POST", "routing-rule-reorder"),
            ("removeRoutingRule", URLs.removeRoutingRule("q1"), "POST", "routing-rule-remove"),
            ("report", URLs.report([("ebene", "bezirk")]), "GET", "report"),
            ("reportCSV", URLs.reportCSV(), "GET", "report-csv"),
            ("apiRoot", URLs.apiRoot, "GET", "api"),
            ("apiProfile", URLs.apiProfile, "GET", "api"),
            ("apiService", URLs.apiService("s1"), "GET", "api-service"),
            ("apiOrganization", URLs.apiOrganization("o1"), "GET", "api-organization"),
            ("exportDirectory", URLs.exportDirectory("vcard"), "GET", "export-directory"),
            ("exportSearch", URLs.exportSearch(query, format: "xml"), "GET", "export-search"),
            ("exportOrganization", URLs.exportOrganization("o1", format: "hsds-json"), "GET", "export-organization"),
            ("with", URLs.with(notice: "gespeichert", URLs.vocabularies + "?x=1&hinweis=alt"), "GET", "vocabularies"),
        ]
    }()

    /// Members of URLs that build no path of ours: links out of the site, encoders, tables and
    /// constants used by the builders.
    static let notPaths: Set<String> = ["tel", "mailto", "external", "segment", "queryString", "mailLinks",
                                        "templateValues", "noticeParameter"]

    /// The route a URL reaches: the `.json` twin suffix and `#fragment` removed as WebApp and
    /// browsers do.
    static func routeName(_ url: String, method: String) throws -> String? {
        var target = url.split(separator: "#", maxSplits: 1).first.map(String.init) ?? url
        if let range = target.range(of: ".json") { target.removeSubrange(range) }
        let request = try Request(method: method, target: target)
        guard case .found(let route, _) = Routes.make().match(method: method, pathSegments: request.pathSegments) else { return nil }
        return route.metadata.name
    }

    @Test func everyURLReachesItsRoute() throws {
        for entry in Self.cases {
            #expect(try Self.routeName(entry.url, method: entry.method) == entry.route, "\(entry.builder): \(entry.method) \(entry.url)")
        }
    }

    @Test func everyBuilderIsChecked() throws {
        // URLs.swift and its extensions (URLs+Feature.swift in any folder of the web layer).
        let folder = WebFixture.repository + "/Sources/LotseWeb"
        let source = try FileManager.default.subpathsOfDirectory(atPath: folder)
            .filter { ($0 as NSString).lastPathComponent.hasPrefix("URLs") && $0.hasSuffix(".swift") }
            .map { try String(contentsOfFile: folder + "/" + $0, encoding: .utf8) }.joined(separator: "\n")
        let declared = Set(source.split(separator: "\n").compactMap { line -> String? in
            guard let range = line.range(of: #"(public )?static (func|let|var) [A-Za-z]+"#, options: .regularExpression) else { return nil }
            return String(line[range].split(separator: " ").last!)
        })
        let checked = Set(Self.cases.map(\.builder)).union(Self.notPaths)
        #expect(declared.subtracting(checked).isEmpty, "URLs without a route check: \(declared.subtracting(checked).sorted())")
        #expect(checked.subtracting(declared).isEmpty, "checks of builders that do not exist: \(checked.subtracting(declared).sorted())")
    }

    @Test func homeOfEveryRoleIsARouteTheRoleMayOpen() throws {
        for role in Role.allCases {
            let name = try #require(try Self.routeName(URLs.home(for: role), method: "GET"))
            let route = try #require(Routes.table.first { $0.name == name && $0.method == "GET" })
            #expect(route.access.allows(role), "\(role): \(name)")
        }
    }

    @Test func noticesReplaceEarlierOnesAndKeepTheQuery() {
        #expect(URLs.with(notice: "gespeichert", "/koordination/vokabulare") == "/koordination/vokabulare?hinweis=gespeichert")
        #expect(URLs.with(notice: "neu", "/x?a=1&hinweis=alt&b=2") == "/x?a=1&b=2&hinweis=neu")
    }

    @Test func templatesLinkOnlyThroughTheBuilder() throws {
        let folder = WebFixture.repository + "/Templates"
        let files = try FileManager.default.subpathsOfDirectory(atPath: folder).filter { $0.hasSuffix(".html") }
        #expect(!files.isEmpty)
        for file in files {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            #expect(text.range(of: #"(href|action|src)="/"#, options: .regularExpression) == nil, "literal site path in \(file)")
        }
    }
}
