// ReferralActions: the form submissions on a referral — status changes (accept, decline with
// a coded reason and who declined, in progress, on hold, completed, failed, cancelled, entered
// in error), the provider's "gelesen" and business status, notes with their consent category,
// re-referring, closing the loop, reopening and withdrawing consent. Each passes the gate first (so another provider gets 403 before
// anything is read from the form), then the desk decides; a refused change shows the detail
// page again with the reason.
import HTTP
import LotseCore
import Templating

/// Actions on one referral.
enum ReferralActions {
    /// `POST /vermittlungen/:id/status` with `status`, `grund`, `grund_text`, `abgelehnt_von`
    /// and, to accept a pool, `angebot`.
    static func changeStatus(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let id = request.id
        try DeskAccess.desk(request.context) { desk in _ = try DeskAccess.gate(id, account: account, desk: desk) }
        let input = try request.input
        return try refusalsShown(request) {
            guard let status = ReferralStatus(rawValue: input.text("status")) else {
                throw LotseError(.invalidInput, "Bitte einen neuen Status wählen.")
            }
            var reason: ReferralReason?
            if let code = input.optional("grund") {
                guard let known = ReferralReason(rawValue: code) else { throw LotseError(.invalidInput, "Unbekannter Grund: \(code)") }
                reason = known
            }
            var declinedBy: DeclinedBy?
            if status == .rejected || status == .cancelled || status == .failed, let code = input.optional("abgelehnt_von") {
                guard let known = DeclinedBy(rawValue: code) else { throw LotseError(.invalidInput, "Unbekannte Angabe: \(code)") }
                declinedBy = known
            }
            try DeskAccess.desk(request.context) { desk in
                _ = try desk.transition(id, to: status, by: .person(account), reason: status.requiresReason ? reason : nil,
                                        reasonText: input.optional("grund_text"), declinedBy: declinedBy,
                                        serviceID: status == .accepted ? input.optional("angebot") : nil)
            }
            return .redirect(to: URLs.referral(id, notice: "status"))
        }
    }

    /// `POST /vermittlungen/:id/bearbeitungsstand` with `stand` (a business status, or
    /// `keiner` to clear it).
    static func setBusinessStatus(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let id = request.id
        try DeskAccess.desk(request.context) { desk in _ = try DeskAccess.gate(id, account: account, desk: desk) }
        let input = try request.input
        return try refusalsShown(request) {
            let code = input.text("stand")
            guard code == "keiner" || ReferralBusinessStatus(rawValue: code) != nil else {
                throw LotseError(.invalidInput, "Bitte einen Bearbeitungsstand wählen.")
            }
            try DeskAccess.desk(request.context) { desk in try desk.setBusinessStatus(id, ReferralBusinessStatus(rawValue: code), by: account) }
            return .redirect(to: URLs.referral(id, notice: "stand"))
        }
    }

    /// `POST /vermittlungen/:id/gelesen`: the provider marks the referral read — an explicit
    /// action with the CSRF token, since looking at a referral changes nothing.
    static func markRead(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let id = request.id
        try DeskAccess.desk(request.context) { desk in _ = try DeskAccess.gate(id, account: account, desk: desk) }
        return try refusalsShown(request) {
            try DeskAccess.desk(request.context) { desk in try desk.markRead(id, by: account) }
            return .redirect(to: URLs.referral(id, notice: "gelesen"))
        }
    }

    /// `POST /vermittlungen/:id/notizen` with `notiz` and `kategorie` (the consent category it
    /// is filed under; default the most protective the writer may use): the requesting team,
    /// or a provider after acceptance, under a category its consent covers.
    static func addNote(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let id = request.id
        let allowed = try DeskAccess.desk(request.context) { desk -> Set<ConsentCategory> in
            let gate = try DeskAccess.gate(id, account: account, desk: desk)
            guard gate.access.notes else {
                throw LotseError(.forbidden, "Notizen zu dieser Vermittlung sind für Sie nicht freigegeben.")
            }
            return gate.access.noteCategories
        }
        let input = try request.input
        let text = input.text("notiz")
        var errors = FormErrors()
        if text.isEmpty { errors.add("notiz", "Die Notiz ist leer.") }
        if text.count > 4000 { errors.add("notiz", "Die Notiz ist zu lang (höchstens 4000 Zeichen).") }
        var category: ConsentCategory?
        if let code = input.optional("kategorie") {
            category = ConsentCategory(rawValue: code)
            if category == nil {
                errors.add("kategorie", "Unbekannte Art der Notiz: \(code)")
            } else if let category, !allowed.contains(category) {
                errors.add("kategorie", "Die Einwilligung deckt »\(category.label)« für Ihre Organisation nicht ab; bitte eine andere Art wählen.")
            }
        }
        guard errors.isEmpty else {
            return try ReferralPage.render(request, errors: errors, status: 400, typedNote: text, typedCategory: category)
        }
        try DeskAccess.desk(request.context) { desk in _ = try desk.addNote(id, text, category: category, by: account) }
        return .redirect(to: URLs.referral(id, notice: "notiz") + "#notizen")
    }

    /// `POST /vermittlungen/:id/neu-vermitteln`: a new draft in the same case, then its
    /// suggestions (a consent of the case that covers a suggestion lets it be sent at once).
    static func reroute(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let id = request.id
        return try refusalsShown(request) {
            let newID = try DeskAccess.desk(request.context) { desk -> String in
                try DeskAccess.ownerGate(id, account: account, desk: desk)
                return try desk.reroute(id, by: account)
            }
            return .redirect(to: URLs.referralSuggestions(newID))
        }
    }

    /// `POST /vermittlungen/:id/ergebnis` with `ergebnis`, `ergebnis_text`, `rueckmeldung`.
    static func closeLoop(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let id = request.id
        try DeskAccess.desk(request.context) { desk in _ = try DeskAccess.ownerGate(id, account: account, desk: desk) }
        let input = try request.input
        return try refusalsShown(request) {
            guard let outcome = ReferralOutcome(rawValue: input.text("ergebnis")) else {
                throw LotseError(.invalidInput, "Bitte wählen, was die Vermittlung gebracht hat.")
            }
            try DeskAccess.desk(request.context) { desk in
                try desk.closeLoop(id, outcome: outcome, outcomeText: input.optional("ergebnis_text"),
                                   citizenFeedback: input.optional("rueckmeldung"), by: account)
            }
            return .redirect(to: URLs.referral(id, notice: "ergebnis"))
        }
    }

    /// `POST /vermittlungen/:id/wieder-oeffnen` with `begruendung`.
    static func reopen(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let id = request.id
        try DeskAccess.desk(request.context) { desk in _ = try DeskAccess.ownerGate(id, account: account, desk: desk) }
        let input = try request.input
        return try refusalsShown(request) {
            guard let reason = input.optional("begruendung") else {
                throw LotseError(.invalidInput, "Bitte begründen, warum der Fehleintrag wieder geöffnet wird.")
            }
            try DeskAccess.desk(request.context) { desk in _ = try desk.reopen(id, by: account, reasonText: reason) }
            return .redirect(to: URLs.referral(id, notice: "geoeffnet"))
        }
    }

    /// `POST /vermittlungen/:id/widerruf` with `einwilligung` (a consent of the case) and
    /// optionally `weiter`: withdraws it; unanswered offers it alone covered are cancelled.
    static func withdrawConsent(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let id = request.id
        let groupID = try DeskAccess.desk(request.context) { desk in try DeskAccess.ownerGate(id, account: account, desk: desk).referral.groupID }
        let input = try request.input
        return try refusalsShown(request) {
            guard let consentID = input.optional("einwilligung") else { throw LotseError(.invalidInput, "Bitte eine Einwilligung wählen.") }
            try DeskAccess.desk(request.context) { desk in
                guard try desk.consents(id, as: account).contains(where: { $0.id == consentID && $0.groupID == groupID }) else {
                    throw LotseError(.notFound, "Diese Einwilligung gehört nicht zu diesem Fall.")
                }
                _ = try desk.withdrawConsent(consentID, by: account)
            }
            let next = DeskViews.next(input, fallback: URLs.referral(id))
            return .redirect(to: URLs.with(notice: "widerrufen", next))
        }
    }

    /// Runs `body`; a refused change (invalid input or a conflict) shows the referral again
    /// with the reason in the error summary, with its status (400, 409).
    static func refusalsShown(_ request: PageRequest, _ body: () throws -> Response) throws -> Response {
        do {
            return try body()
        } catch let error as LotseError where error.kind == .invalidInput || error.kind == .conflict {
            var errors = FormErrors()
            errors.add("", error.message)
            return try ReferralPage.render(request, errors: errors, status: error.httpStatus)
        }
    }
}
