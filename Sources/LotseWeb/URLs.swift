// URLs: the one place that builds Lotse's URLs. Pages, e-mails and redirects never assemble
// paths by hand, so every link is encoded the same way.
import Foundation
import HTTP
import LotseCore
import Templating

/// Builds site-relative URLs (prefix them with the public base URL for e-mails).
public enum URLs {
    /// The query parameter that carries a notice code after a form (`?hinweis=gespeichert`).
    public static let noticeParameter = "hinweis"

    /// The start page.
    public static let home = "/"
    /// The stylesheet.
    public static let stylesheet = "/static/lotse.css"
    /// The results page without parameters (the action of the search forms).
    public static let searchPage = "/suche"

    /// A service page.
    public static func service(_ id: String) -> String { "/angebote/" + segment(id) }
    /// An organization page.
    public static func organization(_ id: String) -> String { "/organisationen/" + segment(id) }
    /// A Sozialraum page.
    public static func sozialraum(_ code: String) -> String { "/sozialraeume/" + segment(code) }
    /// The results page for a query.
    public static func search(_ query: SearchQuery, page: Int = 1) -> String {
        "/suche" + queryString(SearchParameters.pairs(for: query, page: page))
    }
    /// The results pages of a query, as `search(query, page:)` gives them, with the
    /// parameters encoded once (the page navigation links every page of a query).
    public static func searchPages(_ query: SearchQuery) -> @Sendable (Int) -> String {
        let first = search(query)
        let separator = first.contains("?") ? "&" : "?"
        return { page in page > 1 ? first + separator + "seite=" + String(page) : first }
    }
    /// The printable list for a query.
    public static func print(_ query: SearchQuery) -> String {
        "/suche/druck" + queryString(SearchParameters.pairs(for: query, page: 1))
    }
    /// The JSON twin of a site path (`/angebote/x` → `/angebote/x.json`), keeping the query.
    public static func json(_ url: String) -> String {
        guard let question = url.firstIndex(of: "?") else { return url == "/" ? "/index.json" : url + ".json" }
        let path = String(url[..<question])
        return (path == "/" ? "/index" : path) + ".json" + url[question...]
    }

    /// Logs out (POST).
    public static let logout = "/abmelden"
    /// Logs out on every device (POST).
    public static let logoutEverywhere = "/abmelden/ueberall"
    /// Requests a login link by e-mail (POST).
    public static let requestLoginLink = "/anmelden/link"
    /// The "Passwort vergessen" page (and its form's action).
    public static let passwordForgotten = "/passwort-vergessen"
    /// Changes the password (POST).
    public static let changePassword = "/konto/passwort"
    /// The notification e-mail choices of the signed-in account (GET, and POST to save).
    public static let notificationSettings = "/konto/benachrichtigungen"
    /// The HSDS API's root.
    public static let apiRoot = "/api"

    /// The login page, returning to `next` afterwards when it is a safe redirect target.
    public static func login(next: String? = nil) -> String {
        "/anmelden" + queryString(safeRedirect(next).map { [("weiter", $0)] } ?? [])
    }
    /// `target` when a redirect may go there (a site path naming a GET route; see
    /// RedirectTarget), else nil.
    public static func safeRedirect(_ target: String?) -> String? { RedirectTarget.safe(target) }
    /// The confirm page of a login link.
    public static func loginLink(_ token: String) -> String { "/anmelden/link/" + segment(token) }
    /// The invitation page.
    public static func invitation(_ token: String) -> String { "/einladung/" + segment(token) }
    /// The new-password page.
    public static func passwordReset(_ token: String) -> String { "/passwort-neu/" + segment(token) }
    /// The page of a signed link from the weekly digest.
    public static func signedLink(_ purpose: SignedLink.Purpose, _ token: String) -> String {
        switch purpose {
        case .confirm: "/e/bestaetigen/" + segment(token)
        case .unsubscribe: "/e/abmelden/" + segment(token)
        case .preferences: "/e/einstellungen/" + segment(token)
        }
    }
    /// The account page.
    public static let account = "/konto"
    /// The help page for signed-in people: what their role can use.
    public static let help = "/hilfe"

    // MARK: Editing (provider self-service; coordinators may use it for any organization)

    /// The editor's dashboard.
    public static let editorHome = "/pflege"
    /// One organization's editing dashboard, optionally with a notice code.
    public static func editorOrganization(_ id: String, notice: String? = nil) -> String {
        "/pflege/organisationen/" + segment(id) + queryString(notice.map { [(noticeParameter, $0)] } ?? [])
    }
    /// The organization form.
    public static func editOrganization(_ id: String) -> String { "/pflege/organisationen/" + segment(id) + "/bearbeiten" }
    /// Confirms an organization's entries unchanged.
    public static func confirmOrganization(_ id: String) -> String { "/pflege/organisationen/" + segment(id) + "/bestaetigen" }
    /// The change history of an organization (and its locations and contacts).
    public static func organizationHistory(_ id: String) -> String { "/pflege/organisationen/" + segment(id) + "/verlauf" }
    /// The form for a new service of an organization.
    public static func newService(organization id: String) -> String { "/pflege/organisationen/" + segment(id) + "/angebote/neu" }
    /// The form for a new location of an organization.
    public static func newLocation(organization id: String) -> String { "/pflege/organisationen/" + segment(id) + "/standorte/neu" }
    /// The form for a new contact of an organization.
    public static func newContact(organization id: String) -> String { "/pflege/organisationen/" + segment(id) + "/kontakte/neu" }
    /// The service form.
    public static func editService(_ id: String) -> String { "/pflege/angebote/" + segment(id) }
    /// The opening hours form of a service.
    public static func editHours(_ id: String) -> String { "/pflege/angebote/" + segment(id) + "/zeiten" }
    /// The capacity form of a service.
    public static func editCapacity(_ id: String) -> String { "/pflege/angebote/" + segment(id) + "/plaetze" }
    /// Confirms a service's entries unchanged.
    public static func confirmService(_ id: String) -> String { "/pflege/angebote/" + segment(id) + "/bestaetigen" }
    /// The change history of a service.
    public static func serviceHistory(_ id: String) -> String { "/pflege/angebote/" + segment(id) + "/verlauf" }
    /// The location form.
    public static func editLocation(_ id: String) -> String { "/pflege/standorte/" + segment(id) }
    /// The contact form.
    public static func editContact(_ id: String) -> String { "/pflege/kontakte/" + segment(id) }
    /// Withdraws a pending change.
    public static func withdrawChange(_ id: String) -> String { "/pflege/aenderungen/" + segment(id) + "/zurueckziehen" }
    /// Marks a suggested correction done or dismissed.
    public static func handleCorrection(_ id: String) -> String { "/pflege/korrekturen/" + segment(id) }
    /// The public "Korrektur vorschlagen" form's action.
    public static func suggestCorrection(_ serviceID: String) -> String { "/angebote/" + segment(serviceID) + "/korrektur" }

    // MARK: Coordination and administration

    /// The coordinator's dashboard.
    public static let coordination = "/koordination"
    /// The review queue.
    public static let reviewQueue = "/koordination/pruefung"
    /// Approves a change.
    public static func approveChange(_ id: String) -> String { "/koordination/pruefung/" + segment(id) + "/freigeben" }
    /// Returns a change with a comment.
    public static func returnChange(_ id: String) -> String { "/koordination/pruefung/" + segment(id) + "/zurueckgeben" }
    /// The members page.
    public static let members = "/koordination/mitglieder"
    /// Changes an organization's membership.
    public static func memberStatus(_ id: String) -> String { "/koordination/mitglieder/" + segment(id) }
    /// The stale entries.
    public static let staleEntries = "/koordination/veraltet"
    /// Hides or shows a service.
    public static func serviceVisibility(_ id: String) -> String { "/koordination/angebote/" + segment(id) + "/sichtbarkeit" }
    /// Hides or shows an organization.
    public static func organizationVisibility(_ id: String) -> String { "/koordination/organisationen/" + segment(id) + "/sichtbarkeit" }
    /// The vocabularies (needs and target groups).
    public static let vocabularies = "/koordination/vokabulare"
    /// One term's form.
    public static func term(_ id: String) -> String { "/koordination/vokabulare/" + segment(id) }
    /// Retires (or reactivates) a term.
    public static func retireTerm(_ id: String) -> String { "/koordination/vokabulare/" + segment(id) + "/ausmustern" }
    /// The Sozialraum tree.
    public static let areas = "/koordination/sozialraeume"
    /// One Sozialraum's form.
    public static func area(_ id: String) -> String { "/koordination/sozialraeume/" + segment(id) }
    /// Retires (or reactivates) a Sozialraum.
    public static func retireArea(_ id: String) -> String { "/koordination/sozialraeume/" + segment(id) + "/ausmustern" }
    /// The cooperations.
    public static let cooperations = "/koordination/kooperationen"
    /// Removes a cooperation.
    public static func removeCooperation(_ id: String) -> String { "/koordination/kooperationen/" + segment(id) + "/entfernen" }
    /// The cooperation network map.
    public static let network = "/netzwerk"
    /// Changes a cooperation.
    public static func editCooperation(_ id: String) -> String { "/kooperationen/" + segment(id) + "/bearbeiten" }
    /// Records a cooperation of an organization.
    public static func newCooperation(_ organization: String) -> String { "/pflege/organisationen/" + segment(organization) + "/kooperationen/neu" }
    /// The benefit rent limits (coordinators).
    public static let rentLimits = "/koordination/mietobergrenzen"
    /// Removes a rent limit.
    public static func removeRentLimit(_ id: String) -> String { "/koordination/mietobergrenzen/" + segment(id) + "/entfernen" }
    /// The planning figures of the housing companies (coordinators), for a year and company.
    public static func housingFigures(_ pairs: [(String, String)] = []) -> String { "/koordination/wohnungen" + queryString(pairs) }
    /// The planning figures as CSV.
    public static func housingFiguresCSV(_ pairs: [(String, String)] = []) -> String { "/koordination/wohnungen.csv" + queryString(pairs) }
    /// The housing companies' yearly quotas (coordinators), the form filled for a company and year.
    public static func housingQuotas(_ pairs: [(String, String)] = []) -> String { "/koordination/wohnungen/quoten" + queryString(pairs) }
    /// The flat offers network members see.
    public static let housingOffers = "/wohnungen"
    /// A housing company's own flat offers.
    public static let housingEditor = "/pflege/wohnungen"
    /// A new flat offer's form.
    public static let newHousingOffer = "/pflege/wohnungen/neu"
    /// One flat offer's form.
    public static func housingOffer(_ id: String) -> String { "/pflege/wohnungen/" + segment(id) }
    /// Lets, withdraws or re-offers a flat offer.
    public static func housingOfferStatus(_ id: String) -> String { "/pflege/wohnungen/" + segment(id) + "/status" }
    /// The housing proposals of a counselor's team or a housing company.
    public static let housingProposals = "/wohnungen/vorschlaege"
    /// The form proposing a household for flat offer `offerID`.
    public static func newHousingProposal(_ offerID: String) -> String { "/wohnungen/vorschlaege/neu?angebot=" + URLEncoding.encodeComponent(offerID) }
    /// Where the proposal form posts.
    public static let createHousingProposal = "/wohnungen/vorschlaege/neu"
    /// One housing proposal (its hold, its steps); its forms post here too.
    public static func housingProposal(_ id: String) -> String { "/wohnungen/vorschlaege/" + segment(id) }
    /// The cost bearers' offices (coordinators).
    public static let costBearerOffices = "/koordination/kostentraeger"
    /// Removes a cost bearer's office.
    public static func removeCostBearerOffice(_ id: String) -> String { "/koordination/kostentraeger/" + segment(id) + "/entfernen" }
    /// The coordinators' MAE rounds (and the form's action for a new one).
    public static let maeCoordination = "/koordination/mae"
    /// One MAE round for coordinators.
    public static func maeCoordinationRound(_ id: String) -> String { "/koordination/mae/" + segment(id) }
    /// A coordinator's step on an MAE round (POST).
    public static func maeRoundEvent(_ id: String, _ event: MAERoundLifecycle.Event) -> String {
        let step = switch event {
        case .propose: "vorschlag"
        case .withdraw: "zurueckziehen"
        case .decide: "entscheidung"
        case .close: "abschliessen"
        }
        return "/koordination/mae/" + segment(id) + "/" + step
    }
    /// The members' MAE rounds.
    public static let maeRounds = "/mae"
    /// One MAE round for members.
    public static func maeRound(_ id: String) -> String { "/mae/" + segment(id) }
    /// A member applies for places in an MAE round (POST).
    public static func maeApply(_ id: String) -> String { "/mae/" + segment(id) + "/antrag" }
    /// A member comments on an MAE round's proposal (POST).
    public static func maeComment(_ id: String) -> String { "/mae/" + segment(id) + "/stellungnahme" }
    /// A member reports its filled places in an MAE round (POST).
    public static func maeFilled(_ id: String) -> String { "/mae/" + segment(id) + "/besetzt" }
    // MARK: Neighbourhood help

    /// The public list of helper opportunities (members publish and withdraw theirs there).
    public static let engagement = "/engagement"
    /// A new helper opportunity's form.
    public static let newOpportunity = "/engagement/angebote/neu"
    /// Withdraws or publishes again a helper opportunity.
    public static func opportunityStatus(_ id: String) -> String { "/engagement/angebote/" + segment(id) + "/status" }
    /// The brokering DLZ's helpers.
    public static let helpers = "/engagement/helfende"
    /// A new helper's form.
    public static let newHelper = "/engagement/helfende/neu"
    /// One helper (brokering staff only).
    public static func helper(_ id: String) -> String { "/engagement/helfende/" + segment(id) }
    /// Ends a helper's registration.
    public static func endHelper(_ id: String) -> String { "/engagement/helfende/" + segment(id) + "/abmelden" }
    /// The help requests of a counselor's team or a brokering DLZ.
    public static let helpRequests = "/engagement/anfragen"
    /// A new help request's form.
    public static let newHelpRequest = "/engagement/anfragen/neu"
    /// One help request.
    public static func helpRequest(_ id: String) -> String { "/engagement/anfragen/" + segment(id) }
    /// Proposes a helper for a help request.
    public static func proposeHelper(_ id: String) -> String { "/engagement/anfragen/" + segment(id) + "/vorschlag" }
    /// Moves a placement on (agree, start, end).
    public static func placement(_ id: String) -> String { "/engagement/einsaetze/" + segment(id) }
    /// Asks a placement's helper by e-mail.
    public static func askHelper(_ id: String) -> String { "/engagement/einsaetze/" + segment(id) + "/anfrage-mail" }
    /// The coordinators' neighbourhood-help figures.
    public static let engagementFigures = "/koordination/engagement"

    /// Invites a provider editor.
    public static let invite = "/koordination/einladen"
    /// The suggested corrections.
    public static let corrections = "/koordination/korrekturen"
    /// The accounts (admin).
    public static let accounts = "/admin/konten"
    /// The pending access grants the viewer may confirm.
    public static let grants = "/freigaben"
    /// Confirms access grant `id`.
    public static func confirmGrant(_ id: String) -> String { "/freigaben/" + segment(id) + "/bestaetigen" }
    /// Refuses access grant `id`.
    public static func refuseGrant(_ id: String) -> String { "/freigaben/" + segment(id) + "/ablehnen" }
    /// Disables an account.
    public static func disableAccount(_ id: String) -> String { "/admin/konten/" + segment(id) + "/sperren" }
    /// Enables an account.
    public static func enableAccount(_ id: String) -> String { "/admin/konten/" + segment(id) + "/entsperren" }
    /// The instance settings (admin).
    public static let settings = "/admin/einstellungen"
    /// The health check.
    public static let health = "/healthz"
    /// The Prometheus metrics.
    public static let metrics = "/metrics"

    // MARK: Referral desk (counselors and providers) and its coordinator tools

    /// The outbox (counselors) or inbox (providers), optionally filtered or with a notice code.
    public static func referrals(_ pairs: [(String, String)] = []) -> String { "/vermittlungen" + queryString(pairs) }
    /// Marks notifications read (one with field `id`, else all).
    public static let referralNotificationsRead = "/vermittlungen/benachrichtigungen"
    /// The need form ("Bedarf erfassen"), optionally for one service (from its page).
    public static func newReferral(service: String? = nil) -> String {
        "/vermittlungen/neu" + queryString(service.map { [("angebot", $0)] } ?? [])
    }
    /// One referral: status, timeline, notes and the actions of the viewer, optionally with a
    /// notice code.
    public static func referral(_ id: String, notice: String? = nil) -> String {
        "/vermittlungen/" + segment(id) + queryString(notice.map { [(noticeParameter, $0)] } ?? [])
    }
    /// The draft form.
    public static func editReferral(_ id: String) -> String { referral(id) + "/bearbeiten" }
    /// The ranked suggestions for a draft.
    public static func referralSuggestions(_ id: String) -> String { referral(id) + "/vorschlaege" }
    /// Consent and sending for chosen targets (`service:ID` or `pool:KIND:CODE`).
    public static func referralSendForm(_ id: String, targets: [String] = [], notice: String? = nil) -> String {
        referral(id) + "/versand" + queryString(targets.map { ("ziel", $0) } + (notice.map { [(noticeParameter, $0)] } ?? []))
    }
    /// Records consent (POST).
    public static func referralConsent(_ id: String) -> String { referral(id) + "/einwilligung" }
    /// Sends a draft (POST).
    public static func sendReferral(_ id: String) -> String { referral(id) + "/senden" }
    /// Withdraws a consent of the case (POST, field `einwilligung`).
    public static func withdrawConsent(_ id: String) -> String { referral(id) + "/widerruf" }
    /// Changes the status (POST).
    public static func referralStatus(_ id: String) -> String { referral(id) + "/status" }
    /// Sets the provider's business status (POST).
    public static func referralBusinessStatus(_ id: String) -> String { referral(id) + "/bearbeitungsstand" }
    /// Adds a note (POST).
    public static func referralNote(_ id: String) -> String { referral(id) + "/notizen" }
    /// `POST`: the provider marks a referral "gelesen".
    public static func referralRead(_ id: String) -> String { referral(id) + "/gelesen" }
    /// Re-refers an ended referral (POST).
    public static func rerouteReferral(_ id: String) -> String { referral(id) + "/neu-vermitteln" }
    /// Closes the loop (POST).
    public static func referralOutcome(_ id: String) -> String { referral(id) + "/ergebnis" }
    /// Reopens an entry marked in error (POST).
    public static func reopenReferral(_ id: String) -> String { referral(id) + "/wieder-oeffnen" }
    /// The printable slip for the citizen.
    public static func referralSlip(_ id: String) -> String { referral(id) + "/handzettel" }
    /// Which organization received what about the case.
    public static func referralDisclosures(_ id: String) -> String { referral(id) + "/offenlegungen" }
    /// Every referral of the case reference of referral `id` in the counselor's team.
    public static func referralCase(_ id: String) -> String { referral(id) + "/fall" }
    /// Sets or removes a referral's appointment (POST).
    public static func referralAppointment(_ id: String) -> String { referral(id) + "/termin" }
    /// The routing rules.
    public static let routingRules = "/koordination/routing"
    /// The synonym list of search.
    public static let synonyms = "/koordination/synonyme"
    /// Moves a service within a rule or takes it out (POST).
    public static func reorderRoutingRule(_ id: String) -> String { "/koordination/routing/" + segment(id) + "/verschieben" }
    /// Removes a rule (POST).
    public static func removeRoutingRule(_ id: String) -> String { "/koordination/routing/" + segment(id) + "/entfernen" }
    /// The unmet-needs report for a period and level.
    public static func report(_ pairs: [(String, String)] = []) -> String { "/koordination/bericht" + queryString(pairs) }
    /// The report's cells as CSV.
    public static func reportCSV(_ pairs: [(String, String)] = []) -> String { "/koordination/bericht.csv" + queryString(pairs) }

    /// Where a role starts after login.
    public static func home(for role: Role) -> String {
        switch role {
        case .provider: editorHome
        case .coordinator: coordination
        case .admin: accounts
        case .counselor: "/"
        }
    }

    /// The results page for one need category (or need), optionally within a Sozialraum.
    public static func search(need: String?, sozialraum: String? = nil) -> String {
        var query = SearchQuery()
        query.needs = need.map { [$0] } ?? []
        query.sozialraum = sozialraum
        return search(query)
    }

    /// A `tel:` link for a phone number as written in the directory (`+49 30 23125 417`);
    /// nil when the number holds no digits.
    public static func tel(_ number: String) -> String? {
        let kept = number.filter { $0.isASCII && ($0.isNumber || $0 == "+") }
        guard kept.contains(where: \.isNumber) else { return nil }
        return "tel:" + kept
    }

    /// A `mailto:` link, or nil when `address` does not look like a single e-mail address.
    public static func mailto(_ address: String) -> String? {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-")
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              address.allSatisfy({ $0 == "@" || allowed.contains($0) }) else { return nil }
        return "mailto:" + address
    }

    /// An outside web address from the directory, only when it is `http` or `https` (so that a
    /// stored `javascript:` address never becomes a link); nil otherwise.
    public static func external(_ url: String) -> String? {
        let trimmed = url.trimmingCharacters(in: .whitespaces)
        let lower = trimmed.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"), trimmed.count > 8,
              !trimmed.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 0x20 } == true }) else { return nil }
        return trimmed
    }

    /// One service in the HSDS API.
    public static func apiService(_ id: String) -> String { "/api/services/" + segment(id) }
    /// One organization in the HSDS API.
    public static func apiOrganization(_ id: String) -> String { "/api/organizations/" + segment(id) }
    /// The HSDS API profile's anchor on the API root.
    public static let apiProfile = apiRoot + "#lotse-de"

    // MARK: Downloads

    /// The whole public directory in `format` (vcard, vcard4, xcard, xml, hsds-json, hsds-ndjson, csv).
    public static func exportDirectory(_ format: String) -> String { "/export/" + segment(format) }
    /// The services a search finds, in `format`.
    public static func exportSearch(_ query: SearchQuery, format: String) -> String {
        "/suche/export/" + segment(format) + queryString(SearchParameters.pairs(for: query, page: 1))
    }
    /// One organization with its services, in `format`.
    public static func exportOrganization(_ id: String, format: String) -> String {
        "/organisationen/" + segment(id) + "/export/" + segment(format)
    }

    /// `path` with the notice code of a redirect after a form (`?hinweis=CODE`), replacing an
    /// earlier notice and keeping the rest of the query. `PageRequest.notice` decodes it.
    public static func with(notice code: String, _ path: String) -> String {
        let parts = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let kept = parts.count > 1 ? parts[1].split(separator: "&").filter { !$0.hasPrefix(noticeParameter + "=") }.map(String.init) : []
        return String(parts[0]) + "?" + (kept + [URLEncoding.encodeFormComponent(noticeParameter) + "=" + URLEncoding.encodeFormComponent(code)])
            .joined(separator: "&")
    }

    /// The links e-mails carry, for the mail code in LotseCore (which does not know routes).
    public static let mailLinks = {
        var links = MailLinks(
            loginLink: { loginLink($0) }, invitation: { invitation($0) }, passwordReset: { passwordReset($0) },
            signedLink: { signedLink($0, $1) }, editorHome: editorHome, referrals: referrals(), coordination: coordination,
            referral: { referral($0) }, grants: grants, housingProposals: housingProposals)
        links.maeRounds = maeRounds
        return links
    }()

    /// The paths the templates link to without parameters, as `urls.NAME` in every page.
    static let templateValues: TemplateValue = .object([
        "home": .string(home), "search": .string(searchPage), "api": .string(apiRoot), "login": .string(login()),
        "logout": .string(logout), "logoutEverywhere": .string(logoutEverywhere), "requestLoginLink": .string(requestLoginLink),
        "passwordForgotten": .string(passwordForgotten), "account": .string(account), "help": .string(help), "changePassword": .string(changePassword),
        "notificationSettings": .string(notificationSettings),
        "referrals": .string(referrals()), "editorHome": .string(editorHome), "coordination": .string(coordination),
        "reviewQueue": .string(reviewQueue), "members": .string(members), "staleEntries": .string(staleEntries),
        "corrections": .string(corrections), "vocabularies": .string(vocabularies), "areas": .string(areas),
        "cooperations": .string(cooperations), "network": .string(network), "invite": .string(invite), "routingRules": .string(routingRules), "synonyms": .string(synonyms),
        "report": .string(report()), "housingOffers": .string(housingOffers), "housingEditor": .string(housingEditor),
        "newHousingOffer": .string(newHousingOffer), "rentLimits": .string(rentLimits), "housingProposals": .string(housingProposals),
        "costBearerOffices": .string(costBearerOffices), "accounts": .string(accounts), "settings": .string(settings), "grants": .string(grants),
        "membershipApplication": .string(membershipApplication), "membershipApplications": .string(membershipApplications), "membersCSV": .string(membersCSV),
        "maeCoordination": .string(maeCoordination), "maeRounds": .string(maeRounds),
        "engagement": .string(engagement), "newOpportunity": .string(newOpportunity), "helpers": .string(helpers), "newHelper": .string(newHelper),
        "helpRequests": .string(helpRequests), "newHelpRequest": .string(newHelpRequest), "engagementFigures": .string(engagementFigures),
        "housingFigures": .string(housingFigures()), "housingQuotas": .string(housingQuotas()),
    ])

    /// Percent-encodes one path segment.
    public static func segment(_ value: String) -> String { URLEncoding.encodeComponent(value) }

    /// `?a=1&b=2` (empty for no pairs), form-encoded.
    public static func queryString(_ pairs: [(String, String)]) -> String {
        guard !pairs.isEmpty else { return "" }
        return "?" + pairs.map { URLEncoding.encodeFormComponent($0.0) + "=" + URLEncoding.encodeFormComponent($0.1) }
            .joined(separator: "&")
    }
}
