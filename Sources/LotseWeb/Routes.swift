// Routes: the one route table of the site. Each entry names the route, says who may call it
// and summarises it in German; help pages and the authorization matrix are generated from it.
import HTTP
import LotseCore

/// A page or API handler: a function of the request's context (who is asking, path
/// parameters, form, twin flag, application context).
public typealias PageHandler = @Sendable (PageRequest) throws -> Response

/// The route table.
public enum Routes {
    /// Every route: method, pattern, name, access, summary, handler.
    public static let table: [(method: String, pattern: String, name: String, access: Access, summary: String, handler: PageHandler)] = [
        ("GET", "/", "start", .public, "Startseite mit Suche", StartPage.handle),
        ("GET", "/suche", "search", .public, "Suchergebnisse mit Filtern", SearchPage.handle),
        ("GET", "/suche/druck", "print", .public, "Druckansicht einer Trefferliste für Bürger:innen", PrintPage.handle),
        ("GET", "/angebote/:id", "service", .public, "Angebot", ServicePage.handle),
        ("GET", "/organisationen/:id", "organization", .public, "Organisation mit Angeboten, Standorten und Kooperationen", OrganizationPage.handle),
        ("GET", "/sozialraeume/:code", "sozialraum", .public, "Was es in diesem Sozialraum gibt", SozialraumPage.handle),
        ("GET", "/netzwerk", "network", .public, "Kooperationsnetz der Mitglieder als Grafik und Tabelle, mit Lücken je Sozialraum", NetworkPage.show),
        ("GET", "/static/*file", "static", .public, "Stylesheet und Bilder", { request in
            try request.context.site.staticFiles.response(request.parameter("file"), request: request.http)
        }),
        ("GET", "/anmelden", "login", .public, "Anmelden mit Passwort oder E-Mail-Link", LoginPages.form),
        ("POST", "/anmelden", "login-password", .public, "Anmelden mit Passwort", LoginPages.logIn),
        ("POST", "/anmelden/link", "login-link-request", .public, "Anmeldelink per E-Mail anfordern", LoginPages.requestLink),
        ("GET", "/anmelden/link/:token", "login-link", .public, "Anmeldelink bestätigen", LoginPages.confirmLink),
        ("POST", "/anmelden/link/:token", "login-link-use", .public, "Mit Anmeldelink anmelden", LoginPages.useLink),
        ("POST", "/abmelden", "logout", .public, "Abmelden", LoginPages.logOut),
        ("POST", "/abmelden/ueberall", "logout-everywhere", .signedIn, "Auf allen Geräten abmelden", LoginPages.logOutEverywhere),
        ("GET", "/passwort-vergessen", "password-forgotten", .public, "Passwort vergessen", PasswordPages.forgotForm),
        ("POST", "/passwort-vergessen", "password-forgotten-send", .public, "Link für neues Passwort anfordern", PasswordPages.forgot),
        ("GET", "/passwort-neu/:token", "password-reset", .public, "Neues Passwort setzen", PasswordPages.resetForm),
        ("POST", "/passwort-neu/:token", "password-reset-save", .public, "Neues Passwort speichern", PasswordPages.reset),
        ("GET", "/einladung/:token", "invitation", .public, "Einladung annehmen", InvitationPage.form),
        ("POST", "/einladung/:token", "invitation-accept", .public, "Einladung annehmen und Konto einrichten", InvitationPage.accept),
        ("GET", "/konto", "account", .signedIn, "Mein Konto", AccountPage.show),
        ("GET", "/hilfe", "help", .signedIn, "Hilfe: welche Seiten Ihre Rolle nutzen kann", HelpPage.show),
        ("POST", "/konto/passwort", "account-password", .signedIn, "Passwort ändern", AccountPage.changePassword),
        ("GET", "/konto/benachrichtigungen", "account-notifications", .signedIn, "Benachrichtigungen per E-Mail", NotificationSettingsPage.show),
        ("POST", "/konto/benachrichtigungen", "account-notifications-save", .signedIn, "Benachrichtigungen speichern", NotificationSettingsPage.save),
        ("GET", "/e/bestaetigen/:token", "digest-confirm", .public, "Link aus der Wochenübersicht: Angaben bestätigen", DigestLinkPages.confirmPage),
        ("POST", "/e/bestaetigen/:token", "digest-confirm-post", .public, "Angaben unverändert bestätigen", DigestLinkPages.confirm),
        ("GET", "/e/abmelden/:token", "digest-unsubscribe", .public, "Wochenübersicht abbestellen", DigestLinkPages.unsubscribePage),
        ("POST", "/e/abmelden/:token", "digest-unsubscribe-post", .public, "Wochenübersicht abbestellen (auch One-Click nach RFC 8058)", DigestLinkPages.unsubscribe),
        ("GET", "/e/einstellungen/:token", "digest-preferences", .public, "Einstellungen zur Wochenübersicht", DigestLinkPages.preferencesPage),
        ("POST", "/e/einstellungen/:token", "digest-preferences-save", .public, "Einstellungen zur Wochenübersicht speichern", DigestLinkPages.savePreferences),
        ("POST", "/angebote/:id/korrektur", "correction-suggest", .public, "Korrektur zu einem Angebot vorschlagen", CorrectionSuggestion.submit),
        ("GET", "/mitglied-werden", "membership-apply", .public, "Mitglied werden: Antrag stellen", ApplicationForm.show),
        ("POST", "/mitglied-werden", "membership-apply-send", .public, "Antrag auf Mitgliedschaft absenden (Bestätigung per E-Mail)", ApplicationForm.submit),
        ("GET", "/mitglied-werden/bestaetigen/:token", "membership-confirm", .public, "Link aus der E-Mail: Antrag bestätigen", ApplicationForm.confirmPage),
        ("POST", "/mitglied-werden/bestaetigen/:token", "membership-confirm-post", .public, "Antrag auf Mitgliedschaft bestätigen", ApplicationForm.confirm),

        // Provider self-service (ownership checked by the handlers; coordinators may edit any organization).
        ("GET", "/pflege", "editor-home", .editor, "Einträge pflegen: meine Organisationen", EditorDashboard.home),
        ("GET", "/pflege/organisationen/:id", "editor-organization", .editor, "Einträge pflegen: eine Organisation", EditorDashboard.organization),
        ("GET", "/pflege/organisationen/:id/bearbeiten", "organization-edit", .editor, "Organisation bearbeiten", OrganizationForm.edit),
        ("POST", "/pflege/organisationen/:id/bearbeiten", "organization-edit-save", .editor, "Änderung der Organisation zur Prüfung einreichen", OrganizationForm.save),
        ("POST", "/pflege/organisationen/:id/bestaetigen", "organization-confirm", .editor, "Angaben der Organisation unverändert bestätigen", EditorActions.confirmOrganization),
        ("GET", "/pflege/organisationen/:id/verlauf", "organization-history", .editor, "Änderungsverlauf einer Organisation (.json: HSDS-Metadaten)", ChangeHistoryPage.organization),
        ("GET", "/pflege/organisationen/:id/angebote/neu", "service-new", .editor, "Neues Angebot", ServiceForm.new),
        ("POST", "/pflege/organisationen/:id/angebote/neu", "service-new-save", .editor, "Neues Angebot zur Prüfung einreichen", ServiceForm.create),
        ("GET", "/pflege/organisationen/:id/standorte/neu", "location-new", .editor, "Neuer Standort", LocationForm.new),
        ("POST", "/pflege/organisationen/:id/standorte/neu", "location-new-save", .editor, "Neuen Standort zur Prüfung einreichen", LocationForm.create),
        ("GET", "/pflege/organisationen/:id/kontakte/neu", "contact-new", .editor, "Neue Ansprechperson", ContactForm.new),
        ("POST", "/pflege/organisationen/:id/kontakte/neu", "contact-new-save", .editor, "Neue Ansprechperson zur Prüfung einreichen", ContactForm.create),
        ("GET", "/pflege/angebote/:id", "service-edit", .editor, "Angebot bearbeiten", ServiceForm.edit),
        ("POST", "/pflege/angebote/:id", "service-edit-save", .editor, "Änderung eines Angebots zur Prüfung einreichen", ServiceForm.save),
        ("GET", "/pflege/angebote/:id/zeiten", "hours-edit", .editor, "Öffnungszeiten eines Angebots", OpeningHoursForm.edit),
        ("POST", "/pflege/angebote/:id/zeiten", "hours-edit-save", .editor, "Öffnungszeiten sofort speichern", OpeningHoursForm.save),
        ("GET", "/pflege/angebote/:id/plaetze", "capacity-edit", .editor, "Freie Plätze eines Angebots", CapacityForm.edit),
        ("POST", "/pflege/angebote/:id/plaetze", "capacity-edit-save", .editor, "Freie Plätze sofort speichern", CapacityForm.save),
        ("POST", "/pflege/angebote/:id/bestaetigen", "service-confirm", .editor, "Angaben eines Angebots unverändert bestätigen", EditorActions.confirmService),
        ("GET", "/pflege/angebote/:id/verlauf", "service-history", .editor, "Änderungsverlauf eines Angebots (.json: HSDS-Metadaten)", ChangeHistoryPage.service),
        ("GET", "/pflege/standorte/:id", "location-edit", .editor, "Standort bearbeiten", LocationForm.edit),
        ("POST", "/pflege/standorte/:id", "location-edit-save", .editor, "Änderung eines Standorts zur Prüfung einreichen", LocationForm.save),
        ("GET", "/pflege/kontakte/:id", "contact-edit", .editor, "Ansprechperson bearbeiten", ContactForm.edit),
        ("POST", "/pflege/kontakte/:id", "contact-edit-save", .editor, "Änderung einer Ansprechperson zur Prüfung einreichen", ContactForm.save),
        ("POST", "/pflege/aenderungen/:id/zurueckziehen", "change-withdraw", .editor, "Wartende Änderung zurückziehen", EditorActions.withdraw),
        ("POST", "/pflege/korrekturen/:id", "correction-handle", .editor, "Korrekturvorschlag erledigen oder verwerfen", EditorActions.handleCorrection),

        // Flat offers of housing companies and cooperatives (their own editors only; signed-in members read them).
        ("GET", "/pflege/wohnungen", "housing-editor", .provider, "Wohnungsangebote meines Wohnungsunternehmens", HousingEditorPages.list),
        ("GET", "/pflege/wohnungen/neu", "housing-offer-new", .provider, "Neues Wohnungsangebot", HousingEditorPages.new),
        ("POST", "/pflege/wohnungen/neu", "housing-offer-create", .provider, "Wohnungsangebot einstellen", HousingEditorPages.create),
        ("GET", "/pflege/wohnungen/:id", "housing-offer-edit", .provider, "Wohnungsangebot bearbeiten", HousingEditorPages.edit),
        ("POST", "/pflege/wohnungen/:id", "housing-offer-save", .provider, "Wohnungsangebot speichern", HousingEditorPages.save),
        ("POST", "/pflege/wohnungen/:id/status", "housing-offer-status", .provider, "Wohnungsangebot vermietet, zurückgezogen oder wieder angeboten", HousingEditorPages.changeStatus),
        // Holds while the cost approval is pending: a proposal is a referral to the housing company (consent, gating, audit).
        ("GET", "/wohnungen/vorschlaege", "housing-proposals", .referralParty, "Wohnungsvorschläge meines Teams oder meines Wohnungsunternehmens", HoldPages.list),
        ("GET", "/wohnungen/vorschlaege/neu", "housing-proposal-new", .counselor, "Einen Haushalt für eine Wohnung vorschlagen", HoldPages.new),
        ("POST", "/wohnungen/vorschlaege/neu", "housing-proposal-create", .counselor, "Haushalt vorschlagen (Vermittlung an das Wohnungsunternehmen)", HoldPages.create),
        ("GET", "/wohnungen/vorschlaege/:id", "housing-proposal", .referralParty, "Wohnungsvorschlag: Reservierung und Kostenübernahme", HoldPages.show),
        ("POST", "/wohnungen/vorschlaege/:id", "housing-proposal-step", .referralParty, "Schritt eines Wohnungsvorschlags (annehmen, verlängern, bewilligt, vermietet …)", HoldPages.step),
        ("GET", "/wohnungen", "housing-offers", .signedIn, "Freie Wohnungen der Wohnungswirtschaft mit Prüfung der Mietobergrenzen (nur Netzwerk)", HousingListPage.show),

        // MAE places distributed among members (editors of member organizations; MAERounds checks membership).
        ("GET", "/mae", "mae", .provider, "MAE-Plätze: Runden, Anträge und Verteilung", MAEMemberPages.list),
        ("GET", "/mae/:id", "mae-member-round", .provider, "Eine MAE-Runde: beantragen, Stellung nehmen, besetzte Plätze melden", MAEMemberPages.show),
        ("POST", "/mae/:id/antrag", "mae-apply", .provider, "MAE-Plätze beantragen", MAEMemberPages.apply),
        ("POST", "/mae/:id/stellungnahme", "mae-comment", .provider, "Zum MAE-Verteilungsvorschlag Stellung nehmen", MAEMemberPages.comment),
        ("POST", "/mae/:id/besetzt", "mae-filled", .provider, "Besetzte MAE-Plätze melden (nur Zahlen)", MAEMemberPages.filled),
        // Neighbourhood help: public opportunities; helpers and placements only for the brokering DLZ's staff (EngagementDesk decides).
        ("GET", "/engagement", "engagement", .public, "Engagement-Angebote der Mitglieder (Nachbarschaftshilfe)", EngagementPages.list),
        ("GET", "/engagement/angebote/neu", "opportunity-new", .provider, "Neues Engagement-Angebot", EngagementPages.new),
        ("POST", "/engagement/angebote/neu", "opportunity-create", .provider, "Engagement-Angebot veröffentlichen", EngagementPages.create),
        ("POST", "/engagement/angebote/:id/status", "opportunity-status", .provider, "Engagement-Angebot zurückziehen oder wieder veröffentlichen", EngagementPages.changeStatus),
        ("GET", "/engagement/helfende", "helpers", .provider, "Helfende des vermittelnden Dienstleistungszentrums", HelperPages.list),
        ("GET", "/engagement/helfende/neu", "helper-new", .provider, "Neue:n Helfende:n eintragen", HelperPages.new),
        ("POST", "/engagement/helfende/neu", "helper-create", .provider, "Helfende:n eintragen", HelperPages.create),
        ("GET", "/engagement/helfende/:id", "helper", .provider, "Angaben einer:eines Helfenden", HelperPages.edit),
        ("POST", "/engagement/helfende/:id", "helper-save", .provider, "Angaben einer:eines Helfenden speichern", HelperPages.save),
        ("POST", "/engagement/helfende/:id/abmelden", "helper-end", .provider, "Helfende:n abmelden", HelperPages.end),
        ("GET", "/engagement/anfragen", "help-requests", .referralParty, "Hilfeanfragen: gestellte (Beratung) und zu vermittelnde (DLZ)", HelpRequestPages.list),
        ("GET", "/engagement/anfragen/neu", "help-request-new", .counselor, "Hilfeanfrage für eine Person erfassen", HelpRequestPages.new),
        ("POST", "/engagement/anfragen/neu", "help-request-create", .counselor, "Hilfeanfrage anlegen (danach Einwilligung und Versand)", HelpRequestPages.create),
        ("GET", "/engagement/anfragen/:id", "help-request", .referralParty, "Eine Hilfeanfrage mit ihren Einsätzen, so weit freigegeben", HelpRequestPages.show),
        ("POST", "/engagement/anfragen/:id/vorschlag", "help-placement-propose", .provider, "Helfende:n für eine Hilfeanfrage vorschlagen", HelpRequestPages.propose),
        ("POST", "/engagement/einsaetze/:id", "help-placement-change", .provider, "Einsatz vereinbaren, beginnen oder beenden", HelpRequestPages.changePlacement),
        ("POST", "/engagement/einsaetze/:id/anfrage-mail", "help-placement-ask", .provider, "Helfende:n per E-Mail anfragen (ohne Daten der Person)", HelpRequestPages.ask),
        ("GET", "/koordination/engagement", "engagement-figures", .coordinator, "Nachbarschaftshilfe: erfüllte und offene Anfragen (Zahlen)", EngagementFiguresPage.show),

        // Referral desk (the handlers check through ReferralAccess that the referral is the
        // counselor's team's or addressed to the provider's organization; 403 otherwise).
        ("GET", "/vermittlungen", "referrals", .referralParty, "Vermittlungen: Ausgang der Beratung, Eingang der Anbieter", ReferralListPage.show),
        ("POST", "/vermittlungen/benachrichtigungen", "referral-notifications-read", .referralParty, "Hinweise als gelesen markieren", ReferralListPage.markRead),
        ("GET", "/vermittlungen/neu", "referral-new", .counselor, "Bedarf erfassen (auch aus einem Angebot heraus)", NeedForm.new),
        ("POST", "/vermittlungen/neu", "referral-create", .counselor, "Entwurf einer Vermittlung anlegen", NeedForm.create),
        ("GET", "/vermittlungen/:id", "referral", .referralParty, "Eine Vermittlung mit Verlauf und Notizen, so weit freigegeben", ReferralPage.show),
        ("GET", "/vermittlungen/:id/bearbeiten", "referral-edit", .counselor, "Entwurf bearbeiten", NeedForm.edit),
        ("POST", "/vermittlungen/:id/bearbeiten", "referral-edit-save", .counselor, "Entwurf speichern", NeedForm.save),
        ("GET", "/vermittlungen/:id/vorschlaege", "referral-suggestions", .counselor, "Gereihte Vorschläge für einen Entwurf", SuggestionsPage.show),
        ("GET", "/vermittlungen/:id/versand", "referral-send-form", .counselor, "Einwilligung je Stelle und Versand", SendPage.show),
        ("POST", "/vermittlungen/:id/einwilligung", "referral-consent", .counselor, "Einwilligung erfassen", SendPage.recordConsent),
        ("POST", "/vermittlungen/:id/senden", "referral-send", .counselor, "Vermittlung senden (gesperrt ohne gültige Einwilligung)", SendPage.send),
        ("POST", "/vermittlungen/:id/widerruf", "referral-consent-withdraw", .counselor, "Einwilligung widerrufen", ReferralActions.withdrawConsent),
        ("POST", "/vermittlungen/:id/status", "referral-status", .referralParty, "Status ändern (annehmen, ablehnen, abschließen, stornieren …)", ReferralActions.changeStatus),
        ("POST", "/vermittlungen/:id/bearbeitungsstand", "referral-business-status", .provider, "Bearbeitungsstand setzen", ReferralActions.setBusinessStatus),
        ("POST", "/vermittlungen/:id/gelesen", "referral-read", .provider, "Als gelesen markieren (Ansehen ändert nichts)", ReferralActions.markRead),
        ("POST", "/vermittlungen/:id/notizen", "referral-note", .referralParty, "Notiz schreiben", ReferralActions.addNote),
        ("POST", "/vermittlungen/:id/neu-vermitteln", "referral-reroute", .counselor, "Abgelehnte Vermittlung neu vermitteln", ReferralActions.reroute),
        ("POST", "/vermittlungen/:id/ergebnis", "referral-outcome", .counselor, "Ergebnis und Rückmeldung erfassen", ReferralActions.closeLoop),
        ("POST", "/vermittlungen/:id/wieder-oeffnen", "referral-reopen", .counselor, "Fehleintrag wieder öffnen", ReferralActions.reopen),
        ("GET", "/vermittlungen/:id/handzettel", "referral-slip", .counselor, "Handzettel für die Person (ohne interne Angaben)", ReferralSlipPage.show),
        ("GET", "/vermittlungen/:id/offenlegungen", "referral-disclosures", .counselor, "Welche Organisation hat was erhalten?", DisclosurePage.show),
        ("GET", "/vermittlungen/:id/fall", "referral-case", .counselor, "Alle Vermittlungen eines Fallzeichens im Team", CaseViewPage.show),
        ("POST", "/vermittlungen/:id/termin", "referral-appointment", .counselor, "Termin eintragen oder entfernen", AppointmentForm.save),

        // Coordination.
        ("GET", "/koordination", "coordination", .coordinator, "Koordination: Übersicht", CoordinationDashboard.show),
        ("GET", "/koordination/pruefung", "review-queue", .coordinator, "Prüfliste der Änderungen", ReviewQueuePage.show),
        ("POST", "/koordination/pruefung/:id/freigeben", "review-approve", .coordinator, "Änderung freigeben", ReviewQueuePage.approve),
        ("POST", "/koordination/pruefung/:id/zurueckgeben", "review-return", .coordinator, "Änderung mit Kommentar zurückgeben", ReviewQueuePage.giveBack),
        ("GET", "/koordination/mitglieder", "members", .coordinator, "Mitglieder und Anträge", MembersPage.show),
        ("POST", "/koordination/mitglieder/:id", "member-status", .coordinator, "Aufnehmen, ruhen lassen, wieder aufnehmen", MembersPage.change),
        ("GET", "/koordination/mitglieder.csv", "members-csv", .coordinator, "Mitgliederverzeichnis als CSV herunterladen", MemberLeavingPage.csv),
        ("GET", "/koordination/mitglieder/:id/austritt", "member-leave", .coordinator, "Austritt eines Mitglieds eintragen", MemberLeavingPage.form),
        ("POST", "/koordination/mitglieder/:id/austritt", "member-leave-save", .coordinator, "Austritt speichern (Datum und Grund)", MemberLeavingPage.save),
        ("GET", "/koordination/mitglieder/antraege", "membership-applications", .coordinator, "Mitgliedsanträge", ApplicationQueuePage.show),
        ("POST", "/koordination/mitglieder/antraege/:id/aufnehmen", "membership-application-admit", .coordinator, "Antrag annehmen: Organisation und Angebote anlegen, Ansprechperson einladen", ApplicationQueuePage.admit),
        ("POST", "/koordination/mitglieder/antraege/:id/ablehnen", "membership-application-reject", .coordinator, "Antrag mit Grund ablehnen", ApplicationQueuePage.reject),
        ("GET", "/koordination/veraltet", "stale", .coordinator, "Veraltete Einträge", StalePage.show),
        ("POST", "/koordination/angebote/:id/sichtbarkeit", "service-visibility", .coordinator, "Angebot aus- oder einblenden", StalePage.service),
        ("POST", "/koordination/organisationen/:id/sichtbarkeit", "organization-visibility", .coordinator, "Organisation aus- oder einblenden", StalePage.organization),
        ("GET", "/koordination/vokabulare", "vocabularies", .coordinator, "Bedarfe und Zielgruppen", VocabulariesPage.show),
        ("POST", "/koordination/vokabulare", "term-add", .coordinator, "Begriff anlegen", VocabulariesPage.add),
        ("GET", "/koordination/vokabulare/:id", "term-edit", .coordinator, "Begriff umbenennen oder verschieben", VocabulariesPage.edit),
        ("POST", "/koordination/vokabulare/:id", "term-save", .coordinator, "Begriff speichern", VocabulariesPage.save),
        ("POST", "/koordination/vokabulare/:id/ausmustern", "term-retire", .coordinator, "Begriff ausmustern oder wieder anbieten", VocabulariesPage.retire),
        ("GET", "/koordination/sozialraeume", "areas", .coordinator, "Sozialraum-Baum", SozialraumTreePage.show),
        ("POST", "/koordination/sozialraeume", "area-add", .coordinator, "Gebiet anlegen", SozialraumTreePage.add),
        ("GET", "/koordination/sozialraeume/:id", "area-edit", .coordinator, "Gebiet umbenennen oder verschieben", SozialraumTreePage.edit),
        ("POST", "/koordination/sozialraeume/:id", "area-save", .coordinator, "Gebiet speichern", SozialraumTreePage.save),
        ("POST", "/koordination/sozialraeume/:id/ausmustern", "area-retire", .coordinator, "Gebiet ausmustern oder wieder anbieten", SozialraumTreePage.retire),
        ("GET", "/koordination/kooperationen", "cooperations", .coordinator, "Kooperationen zwischen Mitgliedern", CooperationsPage.show),
        ("POST", "/koordination/kooperationen", "cooperation-add", .coordinator, "Kooperation eintragen", CooperationsPage.add),
        ("POST", "/koordination/kooperationen/:id/entfernen", "cooperation-remove", .coordinator, "Kooperation entfernen", CooperationsPage.remove),
        ("GET", "/kooperationen/:id/bearbeiten", "cooperation-edit", .editor, "Kooperation bearbeiten (Koordination und beteiligte Organisationen)", CooperationForm.edit),
        ("POST", "/kooperationen/:id/bearbeiten", "cooperation-edit-save", .editor, "Kooperation ändern", CooperationForm.save),
        ("GET", "/pflege/organisationen/:id/kooperationen/neu", "cooperation-new", .editor, "Neue Kooperation einer Organisation", CooperationForm.new),
        ("POST", "/pflege/organisationen/:id/kooperationen/neu", "cooperation-new-save", .editor, "Neue Kooperation eintragen", CooperationForm.create),
        ("GET", "/koordination/einladen", "invite", .coordinator, "Anbieter einladen", InvitePage.form),
        ("POST", "/koordination/einladen", "invite-send", .coordinator, "Einladung verschicken", InvitePage.send),
        ("GET", "/koordination/korrekturen", "corrections", .coordinator, "Korrekturvorschläge", CorrectionsPage.show),
        ("GET", "/koordination/synonyme", "synonyms", .coordinator, "Synonyme der Suche", SynonymsPage.show),
        ("POST", "/koordination/synonyme", "synonyms-save", .coordinator, "Synonyme der Suche speichern", SynonymsPage.save),
        ("GET", "/koordination/routing", "routing-rules", .coordinator, "Routing-Regeln: Bedarf × Sozialraum → Angebote oder Pool", RoutingRulesPage.show),
        ("POST", "/koordination/routing", "routing-rule-add", .coordinator, "Routing-Regel anlegen oder ersetzen", RoutingRulesPage.add),
        ("POST", "/koordination/routing/:id/verschieben", "routing-rule-reorder", .coordinator, "Angebot einer Regel verschieben oder herausnehmen", RoutingRulesPage.reorder),
        ("POST", "/koordination/routing/:id/entfernen", "routing-rule-remove", .coordinator, "Routing-Regel entfernen", RoutingRulesPage.remove),
        ("GET", "/koordination/mietobergrenzen", "rent-limits", .coordinator, "Mietobergrenzen der Kosten der Unterkunft", RentLimitsPage.show),
        ("POST", "/koordination/mietobergrenzen", "rent-limit-add", .coordinator, "Mietobergrenze eintragen", RentLimitsPage.add),
        ("GET", "/koordination/kostentraeger", "cost-bearer-offices", .coordinator, "Stellen der Kostenträger für Erinnerungen vor Ablauf einer Reservierung", CostBearerOfficesPage.show),
        ("POST", "/koordination/kostentraeger", "cost-bearer-office-add", .coordinator, "Stelle eines Kostenträgers eintragen", CostBearerOfficesPage.add),
        ("POST", "/koordination/kostentraeger/:id/entfernen", "cost-bearer-office-remove", .coordinator, "Stelle eines Kostenträgers entfernen", CostBearerOfficesPage.remove),
        ("POST", "/koordination/mietobergrenzen/:id/entfernen", "rent-limit-remove", .coordinator, "Mietobergrenze entfernen", RentLimitsPage.remove),
        ("GET", "/koordination/mae", "mae-rounds", .coordinator, "MAE-Plätze: Runden anlegen und verteilen", MAECoordinationPages.list),
        ("POST", "/koordination/mae", "mae-round-add", .coordinator, "MAE-Runde anlegen (vom Jobcenter bewilligte Plätze)", MAECoordinationPages.add),
        ("GET", "/koordination/mae/:id", "mae-round", .coordinator, "MAE-Runde: Anträge, Vorschlag, Stellungnahmen, Entscheidung, besetzte Plätze", MAECoordinationPages.show),
        ("POST", "/koordination/mae/:id/vorschlag", "mae-round-propose", .coordinator, "MAE-Verteilung zur Stellungnahme vorschlagen", MAECoordinationPages.propose),
        ("POST", "/koordination/mae/:id/zurueckziehen", "mae-round-withdraw", .coordinator, "MAE-Vorschlag zurückziehen", MAECoordinationPages.withdraw),
        ("POST", "/koordination/mae/:id/entscheidung", "mae-round-decide", .coordinator, "MAE-Verteilung mit Begründungen entscheiden", MAECoordinationPages.decide),
        ("POST", "/koordination/mae/:id/abschliessen", "mae-round-close", .coordinator, "MAE-Runde abschließen", MAECoordinationPages.close),
        ("GET", "/koordination/wohnungen", "housing-figures", .coordinator, "Planungszahlen der Wohnungswirtschaft: Angebote, Reservierungen, Vermietungen und Quoten je Quartal (kleine Werte unterdrückt)", HousingFiguresPage.show),
        ("GET", "/koordination/wohnungen.csv", "housing-figures-csv", .coordinator, "Planungszahlen der Wohnungswirtschaft als CSV herunterladen", HousingFiguresPage.csv),
        ("GET", "/koordination/wohnungen/quoten", "housing-quotas", .coordinator, "Jahresquoten der Wohnungsunternehmen je Haushaltsgröße", HousingQuotaPage.show),
        ("POST", "/koordination/wohnungen/quoten", "housing-quota-save", .coordinator, "Jahresquote eines Wohnungsunternehmens speichern", HousingQuotaPage.save),
        ("GET", "/koordination/bericht", "report", .coordinator, "Bericht: ungedeckte Bedarfe (nur Zahlen, kleine Werte unterdrückt)", UnmetNeedsPage.show),
        ("GET", "/koordination/bericht.csv", "report-csv", .coordinator, "Bericht als CSV herunterladen", UnmetNeedsPage.csv),

        // Administration.
        ("GET", "/admin/konten", "accounts", .admin, "Konten", AccountsPage.show),
        ("POST", "/admin/konten", "account-create", .admin, "Konto anlegen", AccountsPage.create),
        ("POST", "/admin/konten/:id/sperren", "account-disable", .admin, "Konto sperren", AccountsPage.disable),
        ("POST", "/admin/konten/:id/entsperren", "account-enable", .admin, "Konto entsperren", AccountsPage.enable),
        ("GET", "/admin/einstellungen", "settings", .admin, "Einstellungen: Fristen, Eskalation, Aufbewahrung, Wochenübersicht, Absender", SettingsPage.show),
        ("POST", "/admin/einstellungen", "settings-save", .admin, "Einstellungen speichern", SettingsPage.save),

        // Operation.
        ("GET", "/healthz", "health", .public, "Betriebszustand: Datenbank und Hintergrundaufgaben (200 oder 503 mit Grund)", HealthPage.health),
        ("GET", "/metrics", "metrics", .public, "Messwerte im Prometheus-Format (nur für Adressen aus $LOTSE_METRICS_FROM)", MetricsPage.metrics),

        // Four eyes for access to referral content.
        ("GET", "/freigaben", "grants", .signedIn, "Zugänge bestätigen (Vier-Augen-Prinzip)", GrantsPage.show),
        ("POST", "/freigaben/:id/bestaetigen", "grant-confirm", .signedIn, "Zugang bestätigen", GrantsPage.confirm),
        ("POST", "/freigaben/:id/ablehnen", "grant-refuse", .signedIn, "Zugang ablehnen", GrantsPage.refuse),

        ("GET", "/api", "api", .public, "HSDS-API: Version und Profil", HSDSAPI.root),
        ("GET", "/api/services", "api-services", .public, "HSDS-API: Angebote", ServicesAPI.list),
        ("GET", "/api/services/:id", "api-service", .public, "HSDS-API: ein Angebot", ServicesAPI.detail),
        ("GET", "/api/organizations", "api-organizations", .public, "HSDS-API: Organisationen", OrganizationsAPI.list),
        ("GET", "/api/organizations/:id", "api-organization", .public, "HSDS-API: eine Organisation", OrganizationsAPI.detail),
        ("GET", "/api/service_at_locations", "api-service-at-locations", .public, "HSDS-API: Angebote an Standorten", ServiceAtLocationsAPI.list),
        ("GET", "/api/service_at_locations/:id", "api-service-at-location", .public, "HSDS-API: ein Angebot an einem Standort", ServiceAtLocationsAPI.detail),
        ("GET", "/api/taxonomies", "api-taxonomies", .public, "HSDS-API: Taxonomien", TaxonomiesAPI.taxonomies),
        ("GET", "/api/taxonomies/:id", "api-taxonomy", .public, "HSDS-API: eine Taxonomie", TaxonomiesAPI.taxonomy),
        ("GET", "/api/taxonomy_terms", "api-taxonomy-terms", .public, "HSDS-API: Begriffe", TaxonomiesAPI.terms),
        ("GET", "/api/taxonomy_terms/:id", "api-taxonomy-term", .public, "HSDS-API: ein Begriff", TaxonomiesAPI.term),
        // Downloads (exports): format = vcard, vcard4, xcard, xml, hsds-json, hsds-ndjson, csv (?tabelle=…)
        ("GET", "/export/:format", "export-directory", .public, "Download: das ganze Verzeichnis", Downloads.directory),
        ("GET", "/suche/export/:format", "export-search", .public, "Download: die Treffer einer Suche (Parameter wie /suche)", Downloads.search),
        ("GET", "/organisationen/:id/export/:format", "export-organization", .public, "Download: eine Organisation mit ihren Angeboten", Downloads.organization),
    ]

    /// Routes whose POST is authorised by a signed token in the URL instead of a session and
    /// CSRF token, because mail clients call them without cookies (RFC 8058 one-click
    /// unsubscribe).
    public static let tokenAuthorised: Set<String> = ["digest-unsubscribe-post"]

    /// Builds the router; each route's metadata carries its handler, which WebApp runs through
    /// the access layer.
    public static func make() -> Router<RouteInfo> {
        var router = Router<RouteInfo>()
        for route in table {
            router.add(route.method, route.pattern,
                       metadata: RouteInfo(name: route.name, access: route.access, summary: route.summary, handler: route.handler))
        }
        return router
    }
}
