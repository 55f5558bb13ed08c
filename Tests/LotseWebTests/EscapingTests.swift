// Escaping on every public page: a hand-made directory whose every displayed text field holds
// a script tag and an attribute break-out. The raw payload must never reach the HTML, its
// escaped form must (so the field is really shown), and stored `javascript:` addresses never
// become links.
import Foundation
import Testing

@Suite struct EscapingTests {
    /// Both payloads in one string.
    static let payload = "<script>alert(\"x\")</script>\" onmouseover=\"x"
    /// How the HTML escaper writes it.
    static let escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&quot; onmouseover=&quot;x"

    /// A field value: a tag naming the field, then the payload.
    static func value(_ tag: String) -> String { "\(tag) \(payload)" }
    /// The escaped form of `value(tag)`.
    static func shown(_ tag: String) -> String { "\(tag) \(escaped)" }

    /// A site whose one organization, partner, service, locations (one internal) and
    /// vocabulary carry the payload in every text field.
    static func directory() throws -> WebFixture {
        func v(_ tag: String) -> String { "'" + value(tag) + "'" }
        let now = "'2026-01-01T00:00:00Z'"
        return try WebFixture(seeds: false, setup: ["""
            INSERT INTO sozialraum(id, code, parent_id, name, level) VALUES
              ('sr-city', 'stadt-x', NULL, \(v("Stadtname")), 'stadt'),
              ('sr-q', 'quartier-x', 'sr-city', \(v("Quartiername")), 'quartier');
            INSERT INTO taxonomy(id, code, name) VALUES ('tx-n', 'bedarf', 'Bedarfe'), ('tx-z', 'zielgruppe', 'Zielgruppen'),
              ('tx-b', 'barrierefreiheit', 'Barrierefreiheit'), ('tx-r', 'rechtsgrundlage', 'Rechtsgrundlage');
            INSERT INTO taxonomy_term(id, taxonomy_id, code, name, parent_id, position) VALUES
              ('t-need', 'tx-n', 'pflege', \(v("Bedarfname")), NULL, 1),
              ('t-group', 'tx-z', 'senioren', \(v("Zielgruppenname")), NULL, 1),
              ('t-access', 'tx-b', 'aufzug', \(v("Merkmalname")), NULL, 1),
              ('t-legal', 'tx-r', 'sgb-xi', \(v("Rechtsgrundlagenname")), NULL, 1);
            INSERT INTO organization(id, name, alternate_name, description, legal_status, kind, membership_status, member_since,
                verified_at, verification_method, next_review_due, created_at, last_modified) VALUES
              ('org-x', \(v("Organisationsname")), \(v("Kurzname")), \(v("Organisationsbeschreibung")), \(v("Rechtsform")),
               'traeger', 'member', '2024-01-01', '2026-01-01T00:00:00Z', 'phone', '2026-01-01', \(now), \(now)),
              ('org-p', \(v("Partnername")), NULL, '', NULL, 'dlz', 'member', NULL, NULL, NULL, NULL, \(now), \(now));
            INSERT INTO cooperation(id, organization_id, partner_id, sozialraum_id, topic, since, description) VALUES
              ('coop', 'org-x', 'org-p', 'sr-q', \(v("Kooperationsthema")), '2020-01-01', \(v("Kooperationsbeschreibung")));
            INSERT INTO organization_identifier(id, organization_id, identifier_type, identifier) VALUES
              ('oid', 'org-x', \(v("Kennungsart")), \(v("Kennung")));
            INSERT INTO service(id, organization_id, name, alternate_name, description, url, email, status, interpretation_services,
                application_process, fees_description, wait_time, eligibility_description, alert, capacity_status, capacity_note,
                capacity_updated_at, verified_at, verified_by, verification_method, next_review_due, created_at, last_modified) VALUES
              ('svc-x', 'org-x', \(v("Angebotsname")), \(v("Zweitname")), \(v("Beschreibung")), 'javascript:alert(1)',
               \(v("Mail")), 'active', \(v("Dolmetschen")), \(v("Anmeldung")), \(v("Kostenhinweis")), \(v("Wartezeit")),
               \(v("Voraussetzung")), \(v("Warnhinweis")), 'waitlist', \(v("Kapazitaetsnotiz")), '2026-11-01T10:00:00Z',
               '2026-01-01T00:00:00Z', \(v("Pruefer")), 'phone', '2026-06-01', \(now), \(now));
            INSERT INTO location(id, organization_id, location_type, url, name, description, transportation, latitude, longitude,
                sozialraum_id, visibility) VALUES
              ('loc-x', 'org-x', 'physical', 'javascript:alert(2)', \(v("Standortname")), \(v("Standortbeschreibung")),
               \(v("Anfahrt")), 53.1, 8.8, 'sr-q', 'public'),
              ('loc-secret', 'org-x', 'physical', NULL, 'Geheimer Standort', NULL, NULL, NULL, NULL, 'sr-q', 'internal');
            INSERT INTO address(id, location_id, attention, address_1, address_2, city, postal_code) VALUES
              ('adr-x', 'loc-x', \(v("Zuhanden")), \(v("Strasse")), \(v("Zusatz")), \(v("Ortsname")), '28000'),
              ('adr-secret', 'loc-secret', NULL, 'Verborgene Gasse 9', NULL, 'Bremen', '28000');
            INSERT INTO service_at_location(id, service_id, location_id) VALUES ('sal-x', 'svc-x', 'loc-x'), ('sal-secret', 'svc-x', 'loc-secret');
            INSERT INTO schedule(id, service_at_location_id, freq, byday, opens_at, closes_at, description, notes) VALUES
              ('sch-x', 'sal-x', 'WEEKLY', 'MO,TU,WE', '09:00', '12:00', \(v("Zeitname")), \(v("Zeitnotiz")));
            INSERT INTO phone(id, location_id, number, description, visibility) VALUES
              ('ph-x', 'loc-x', '+49 40 66969 100', \(v("Telefonhinweis")), 'public'),
              ('ph-secret', 'loc-secret', '+49 40 66969 999', NULL, 'public');
            INSERT INTO contact(id, service_id, name, title, department, email, visibility) VALUES
              ('ct-x', 'svc-x', \(v("Kontaktname")), \(v("Funktion")), \(v("Abteilung")), \(v("Kontaktmail")), 'public');
            INSERT INTO language(id, service_id, name, code) VALUES ('lang-x', 'svc-x', \(v("Sprachname")), 'xx');
            INSERT INTO accessibility(id, location_id, description, details) VALUES ('acc-x', 'loc-x', \(v("Zugangstext")), NULL);
            INSERT INTO attribute(id, link_id, link_entity, taxonomy_term_id) VALUES
              ('a1', 'svc-x', 'service', 't-need'), ('a2', 'svc-x', 'service', 't-group'),
              ('a3', 'svc-x', 'service', 't-legal'), ('a4', 'loc-x', 'location', 't-access');
            INSERT INTO cost_option(id, service_id, option, currency, amount, amount_description) VALUES
              ('cost-x', 'svc-x', \(v("Kostenart")), 'EUR', 3.5, \(v("Betragshinweis")));
            INSERT INTO required_document(id, service_id, document) VALUES ('doc-x', 'svc-x', \(v("Unterlage")));
            INSERT INTO unit(id, name) VALUES ('unit-x', \(v("Einheit")));
            INSERT INTO service_capacity(id, service_id, unit_id, available, maximum, description, updated) VALUES
              ('cap-x', 'svc-x', 'unit-x', 1, 5, \(v("Platzart")), '2026-11-01T10:00:00Z');
            INSERT INTO funding(id, service_id, source) VALUES ('fund-x', 'svc-x', \(v("Foerderer")));
            INSERT INTO url(id, label, url, service_id) VALUES ('url-x', \(v("Linktext")), 'javascript:alert(3)', 'svc-x');
            """])
    }

    /// The page must not contain the raw payload, must contain each tagged field escaped, and
    /// must not turn a stored `javascript:` address into a link.
    static func check(_ html: String, shows tags: [String], page: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!html.contains("<script>alert("), "raw script tag on \(page)", sourceLocation: sourceLocation)
        #expect(!html.contains("\" onmouseover=\"x"), "attribute break-out on \(page)", sourceLocation: sourceLocation)
        #expect(!html.lowercased().contains("href=\"javascript:"), "javascript link on \(page)", sourceLocation: sourceLocation)
        for tag in tags {
            #expect(html.contains(shown(tag)), "\(tag) not shown escaped on \(page)", sourceLocation: sourceLocation)
        }
        for secret in ["Geheimer Standort", "Verborgene Gasse 9", "+49 40 66969 999"] {
            #expect(!html.contains(secret), "confidential \(secret) on \(page)", sourceLocation: sourceLocation)
        }
    }

    @Test func everyPageEscapesEveryField() throws {
        let site = try Self.directory()
        Self.check(try site.html("/angebote/svc-x"), shows: [
            "Angebotsname", "Zweitname", "Beschreibung", "Warnhinweis", "Organisationsname", "Bedarfname", "Zielgruppenname",
            "Voraussetzung", "Quartiername", "Anmeldung", "Wartezeit", "Standortname", "Standortbeschreibung", "Zuhanden",
            "Strasse", "Zusatz", "Ortsname", "Anfahrt", "Telefonhinweis", "Merkmalname", "Zugangstext", "Zeitname", "Zeitnotiz",
            "Mail", "Linktext", "Kontaktname", "Funktion", "Abteilung", "Kontaktmail", "Sprachname", "Dolmetschen", "Kostenart",
            "Betragshinweis", "Kostenhinweis", "Rechtsgrundlagenname", "Foerderer", "Kapazitaetsnotiz", "Platzart", "Einheit",
            "Unterlage",
        ], page: "service")
        Self.check(try site.html("/organisationen/org-x"), shows: [
            "Organisationsname", "Kurzname", "Organisationsbeschreibung", "Rechtsform", "Kennungsart", "Kennung", "Angebotsname",
            "Standortname", "Strasse", "Anfahrt", "Partnername", "Kooperationsthema", "Kooperationsbeschreibung", "Quartiername",
        ], page: "organization")
        Self.check(try site.html("/organisationen/org-p"), shows: ["Partnername", "Organisationsname", "Kooperationsthema"], page: "partner")
        Self.check(try site.html("/suche"), shows: [
            "Angebotsname", "Organisationsname", "Quartiername", "Beschreibung", "Bedarfname", "Zielgruppenname", "Sprachname",
            "Merkmalname", "Rechtsgrundlagenname", "Stadtname",
        ], page: "results")
        Self.check(try site.html("/suche?bedarf=pflege&sozialraum=quartier-x"), shows: ["Bedarfname", "Quartiername"], page: "filtered results")
        Self.check(try site.html("/suche/druck"), shows: [
            "Angebotsname", "Organisationsname", "Standortname", "Strasse", "Ortsname", "Telefonhinweis", "Zeitname", "Anfahrt",
        ], page: "print")
        Self.check(try site.html("/sozialraeume/quartier-x"), shows: ["Quartiername", "Stadtname", "Bedarfname", "Organisationsname"],
                   page: "sozialraum")
        Self.check(try site.html("/"), shows: ["Bedarfname", "Stadtname", "Quartiername"], page: "start")
    }

    @Test func searchTextIsEscapedWhereverItIsEchoed() throws {
        let site = try Self.directory()
        let html = try site.html("/suche?q=" + WebFixture.encode(Self.payload))
        Self.check(html, shows: [], page: "query echo")
        #expect(html.contains("value=\"\(Self.escaped)\""))
        #expect(html.contains("<title>Suchergebnisse für „\(Self.escaped)“"))
    }

    @Test func jsonTwinsKeepTheTextAsData() throws {
        let site = try Self.directory()
        let twin = try site.json("/angebote/svc-x.json")
        #expect(twin["name"] as? String == Self.value("Angebotsname"))
        #expect((twin["website"] as? [String: Any])?["href"] is NSNull)
    }
}
