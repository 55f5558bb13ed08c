// CoordinationDashboard: `/koordination` — how many changes wait for review, how many entries
// are stale, members and applicants, open correction suggestions; links to every tool.
import HTTP
import LotseCore
import Templating

/// The coordinator's start page.
enum CoordinationDashboard {
    /// `GET /koordination`.
    static func show(_ request: PageRequest) throws -> Response {
        let figures = try CoordinationOverview(store: request.context.store, now: request.context.now()).counts()
        let counts: [String: TemplateValue] = [
            "reviewCount": .int(figures.pendingReviews), "staleCount": .int(figures.staleEntries), "memberCount": .int(figures.members),
            "applicantCount": .int(figures.applicants), "correctionCount": .int(figures.openCorrections),
        ]
        var page = counts
        page["notice"] = TemplateValue(CoordinationNotice.text(request))
        return try request.context.site.page("koordination/start", title: "Koordination", context: page, request: request)
    }
}

/// The notices after coordinator forms (`?hinweis=`).
enum CoordinationNotice {
    /// The German notice for the request's `hinweis` code, if any.
    static func text(_ request: PageRequest) -> String? {
        switch request.notice {
        case "freigegeben": "Die Änderung ist freigegeben und jetzt öffentlich."
        case "zurueckgegeben": "Die Änderung ist mit Ihrem Kommentar an den Träger zurückgegeben."
        case "gespeichert": "Gespeichert."
        case "aufgenommen": "Die Organisation ist jetzt Mitglied."
        case "ruht": "Die Mitgliedschaft ruht; die Einträge sind nicht mehr öffentlich."
        case "ausgeblendet": "Der Eintrag ist ausgeblendet."
        case "eingeblendet": "Der Eintrag ist wieder sichtbar."
        case "ausgemustert": "Ausgemustert: wird nicht mehr angeboten, bestehende Zuordnungen bleiben."
        case "reaktiviert": "Wieder aktiv."
        case "entfernt": "Entfernt."
        case "eingeladen": "Die Einladung ist verschickt."
        case "beantragt": "Die Einladung ist beantragt. Sobald eine zweite Person sie bestätigt, geht die E-Mail an die eingeladene Person."
        case "erledigt": "Der Vorschlag ist bearbeitet."
        case "bestaetigt": "Die Angaben sind als geprüft bestätigt."
        default: nil
        }
    }
}
