// HousingOffers: the flat offers of housing companies and cooperatives — kept by their own
// editors (only editors of a housing company or cooperative), listed to signed-in network
// members with filters and the rent check per household size, and moved through
// HousingOfferLifecycle. Offers live in their own tables: no public page, export or HSDS API
// reads them.
import Foundation
import SQLite

/// The flat offers on a store.
public struct HousingOffers: Sendable {
    /// An offer as typed ("" for an empty field); features are codes.
    public struct Draft: Sendable, Equatable {
        public var organizationID = "", sozialraumID = "", street = "", houseNumber = "", postalCode = ""
        public var showStreet = false
        public var rooms = "", size = "", coldRent = "", runningCosts = "", heating = ""
        public var features: [String] = []
        public var availableFrom = "", wbsRequired = false, householdMin = "", householdMax = "", quota = "", description = ""

        public init() {}
    }

    /// Filters of the network's list.
    public struct Filter: Sendable, Equatable {
        /// An area; offers in it or below it.
        public var sozialraumID: String?
        /// At least this many rooms, in tenths.
        public var minRoomsTenths: Int?
        /// At most this total rent (cold, running costs, heating), in cents.
        public var maxTotalCents: Int?
        /// Every one of these features.
        public var features: [String] = []
        /// Suits a household of this size.
        public var householdSize: Int?

        public init() {}
    }

    /// An offer with its rent check per household size.
    public struct Listing: Sendable, Equatable {
        public let offer: HousingOffer
        public let assessments: [RentAssessment]
    }

    public let store: Store
    public let now: Date

    public init(store: Store, now: Date = Date()) {
        self.store = store
        self.now = now
    }

    /// Today in Berlin (YYYY-MM-DD): the day whose rent limits apply.
    public var today: String {
        let day = BerlinTime(now)
        return BerlinTime.format(year: day.year, month: day.month, day: day.day)
    }

    // MARK: Who may keep offers

    /// The housing companies and cooperatives `account` edits (id, name), by name.
    public func housingOrganizations(of account: Account) throws -> [(id: String, name: String)] {
        guard account.role == .provider, !account.organizations.isEmpty else { return [] }
        return try store.pool.read { db in
            try db.query("SELECT id, name, kind FROM organization ORDER BY name") { ($0.string(0), $0.string(1), $0.string(2)) }
                .filter { account.organizations.contains($0.0) && Self.housingKinds.contains($0.2) }.map { (id: $0.0, name: $0.1) }
        }
    }

    /// The organization kinds that keep flat offers.
    public static let housingKinds: Set<String> = [OrganizationKind.housingCompany.rawValue, OrganizationKind.housingCooperative.rawValue]

    /// 403 unless `account` edits at least one housing company or cooperative.
    public func requireHousingEditor(_ account: Account) throws -> [(id: String, name: String)] {
        let organizations = try housingOrganizations(of: account)
        guard !organizations.isEmpty else {
            throw LotseError(.forbidden, "Wohnungsangebote pflegen nur die Redakteur:innen von Wohnungsunternehmen und Wohnungsgenossenschaften.")
        }
        return organizations
    }

    /// Offer `id` for its company's editor `account`: 404 when there is none, 403 unless
    /// `account` edits the housing company that owns it.
    public func ownOffer(_ id: String, for account: Account) throws -> HousingOffer {
        let organizations = try requireHousingEditor(account)
        guard let offer = try offer(id) else { throw LotseError(.notFound, "Dieses Wohnungsangebot gibt es nicht.") }
        guard organizations.contains(where: { $0.id == offer.organizationID }) else {
            throw LotseError(.forbidden, "Sie dürfen nur die Wohnungsangebote Ihrer eigenen Organisation bearbeiten.")
        }
        return offer
    }

    // MARK: Reading

    /// The barrier-free features offers may have: the accessibility vocabulary, plus the
    /// flat's own features it lacks (code, German label).
    public func features() throws -> [(code: String, label: String)] {
        try store.pool.read { db in try Self.features(db) }
    }

    static func features(_ db: Database) throws -> [(code: String, label: String)] {
        let vocabulary = try db.query("""
            SELECT t.code, t.name FROM taxonomy_term t JOIN taxonomy x ON x.id = t.taxonomy_id
            WHERE x.code = ? AND t.retired_at IS NULL ORDER BY t.position, t.name
            """, TaxonomyCode.accessibility.rawValue) { (code: $0.string(0), label: $0.string(1)) }
        return ordered(vocabulary: vocabulary)
    }

    /// The flat's own features (the vocabulary's label where it has the code), then the rest
    /// of the vocabulary.
    static func ordered(vocabulary: [(code: String, label: String)]) -> [(code: String, label: String)] {
        let flat = HousingFeatures.flatFeatures
        let flatCodes = Set(flat.map(\.code))
        return flat + vocabulary.filter { !flatCodes.contains($0.code) }
    }

    /// Offer `id`, if any.
    public func offer(_ id: String) throws -> HousingOffer? {
        try store.pool.read { db in try Self.offers(db, where: "o.id = ?", [id]).first }
    }

    /// Every offer of the housing companies `organizations`, newest first.
    public func offers(of organizations: [String]) throws -> [Listing] {
        guard !organizations.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: organizations.count).joined(separator: ", ")
        return try store.pool.read { db in
            try Self.offers(db, where: "o.organization_id IN (\(marks))", organizations).map {
                Listing(offer: $0, assessments: try RentLimits.assess(db, offer: $0, on: today))
            }
        }
    }

    /// The offers network members see (available or held) that pass `filter`, with the rent
    /// check per household size on today's limits.
    public func listed(_ filter: Filter) throws -> [Listing] {
        var conditions = ["o.status IN ('available', 'held')"]
        var values: [SQLBindable?] = []
        if let area = filter.sozialraumID {
            conditions.append("o.sozialraum_id IN (SELECT descendant FROM sozialraum_closure WHERE ancestor = ?)")
            values.append(area)
        }
        if let rooms = filter.minRoomsTenths { conditions.append("o.rooms_tenths >= ?"); values.append(rooms) }
        if let total = filter.maxTotalCents {
            conditions.append("o.cold_rent_cents + o.running_costs_cents + o.heating_cents <= ?")
            values.append(total)
        }
        if let size = filter.householdSize { conditions.append("? BETWEEN o.household_min AND o.household_max"); values.append(size) }
        for feature in filter.features {
            conditions.append("EXISTS (SELECT 1 FROM housing_offer_feature f WHERE f.offer_id = o.id AND f.feature = ?)")
            values.append(feature)
        }
        return try store.pool.read { db in
            try Self.offers(db, where: conditions.joined(separator: " AND "), values).map {
                Listing(offer: $0, assessments: try RentLimits.assess(db, offer: $0, on: today))
            }
        }
    }

    static func offers(_ db: Database, where condition: String, _ values: [SQLBindable?]) throws -> [HousingOffer] {
        let rows = try db.query("""
            SELECT o.id, o.organization_id, g.name, o.sozialraum_id, s.name, o.street, o.house_number, o.postal_code, o.show_street,
                   o.rooms_tenths, o.size_tenths, o.cold_rent_cents, o.running_costs_cents, o.heating_cents, o.available_from,
                   o.wbs_required, o.household_min, o.household_max, o.quota, o.description, o.status, o.held_by_organization_id
            FROM housing_offer o JOIN organization g ON g.id = o.organization_id JOIN sozialraum s ON s.id = o.sozialraum_id
            WHERE \(condition) ORDER BY o.available_from, s.name, o.id
            """, values: values) { row in
            HousingOffer(
                id: row.string(0), organizationID: row.string(1), organizationName: row.string(2), sozialraumID: row.string(3), sozialraumName: row.string(4),
                street: row.string(5), houseNumber: row.string(6), postalCode: row.string(7), showStreet: row.int(8) == 1,
                roomsTenths: row.int(9), sizeTenths: row.int(10), coldRentCents: row.int(11), runningCostsCents: row.int(12),
                heatingCents: row.int(13), features: [], availableFrom: row.string(14), wbsRequired: row.int(15) == 1,
                householdMin: row.int(16), householdMax: row.int(17), quota: row.optionalString(18), description: row.optionalString(19),
                status: HousingOfferLifecycle.Status(rawValue: row.string(20)) ?? .withdrawn, heldByOrganizationID: row.optionalString(21))
        }
        return try rows.map { offer in
            var offer = offer
            offer.features = try db.query("SELECT feature FROM housing_offer_feature WHERE offer_id = ? ORDER BY feature", offer.id) { $0.string(0) }
            return offer
        }
    }

    // MARK: Writing

    /// The draft of a stored offer (for the edit form).
    public static func draft(of offer: HousingOffer) -> Draft {
        var draft = Draft()
        draft.organizationID = offer.organizationID
        draft.sozialraumID = offer.sozialraumID
        draft.street = offer.street
        draft.houseNumber = offer.houseNumber
        draft.postalCode = offer.postalCode
        draft.showStreet = offer.showStreet
        draft.rooms = Euro.tenths(offer.roomsTenths)
        draft.size = Euro.tenths(offer.sizeTenths)
        draft.coldRent = Euro.text(offer.coldRentCents).replacingOccurrences(of: " €", with: "")
        draft.runningCosts = Euro.text(offer.runningCostsCents).replacingOccurrences(of: " €", with: "")
        draft.heating = Euro.text(offer.heatingCents).replacingOccurrences(of: " €", with: "")
        draft.features = offer.features
        draft.availableFrom = offer.availableFrom
        draft.wbsRequired = offer.wbsRequired
        draft.householdMin = String(offer.householdMin)
        draft.householdMax = String(offer.householdMax)
        draft.quota = offer.quota ?? ""
        draft.description = offer.description ?? ""
        return draft
    }

    /// Creates an offer (status available) for `account`, an editor of the housing company
    /// `draft.organizationID`; returns its id. `DirectoryWriter.Rejected` with German messages
    /// per field when the draft is incomplete or wrong.
    @discardableResult
    public func create(_ draft: Draft, by account: Account) throws -> String {
        let organizations = try requireHousingEditor(account)
        let id = UUID().uuidString.lowercased()
        try store.pool.write { db in
            let values = try validate(draft, db: db, organizations: organizations)
            let stamp = Timestamp.string(now)
            try db.execute("""
                INSERT INTO housing_offer(id, organization_id, sozialraum_id, street, house_number, postal_code, show_street, rooms_tenths,
                    size_tenths, cold_rent_cents, running_costs_cents, heating_cents, available_from, wbs_required, household_min,
                    household_max, quota, description, status, status_changed_at, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'available', ?, ?, ?)
                """, values: [id] + values + [stamp, stamp, stamp])
            try Self.writeFeatures(db, id: id, draft.features)
        }
        return id
    }

    /// Saves the company's changes to offer `id` (its status stays).
    public func update(_ id: String, _ draft: Draft, by account: Account) throws {
        let offer = try ownOffer(id, for: account)
        var draft = draft
        draft.organizationID = offer.organizationID
        let organizations = try housingOrganizations(of: account)
        try store.pool.write { db in
            let values = try validate(draft, db: db, organizations: organizations)
            try db.execute("""
                UPDATE housing_offer SET organization_id = ?, sozialraum_id = ?, street = ?, house_number = ?, postal_code = ?, show_street = ?,
                    rooms_tenths = ?, size_tenths = ?, cold_rent_cents = ?, running_costs_cents = ?, heating_cents = ?, available_from = ?,
                    wbs_required = ?, household_min = ?, household_max = ?, quota = ?, description = ?, updated_at = ?
                WHERE id = ?
                """, values: values + [Timestamp.string(now), id])
            try Self.writeFeatures(db, id: id, draft.features)
        }
    }

    /// Fires `event` on offer `id` for its company's editor `account` (let, withdraw,
    /// re-offer); returns the new status. Holding and releasing are the hold workflow's.
    @discardableResult
    public func change(_ id: String, _ event: HousingOfferLifecycle.Event, by account: Account) throws -> HousingOfferLifecycle.Status {
        let offer = try ownOffer(id, for: account)
        let next = try HousingOfferLifecycle.next(from: offer.status, on: event, by: .companyEditor)
        try store.pool.write { db in
            try HousingHolds.offerChanging(db, offer: offer, event: event, by: account, now: now)
            try Self.move(db, id: id, from: offer.status, to: next, heldBy: nil, now: now)
        }
        return next
    }

    /// Holds available offer `id` for the counselor team `organizationID` while the cost
    /// bearer decides. The one way into `held`: called by the hold workflow (a referral to the
    /// housing company with consent, gating and audit), which runs it in its own transaction.
    public static func hold(_ db: Database, offer id: String, for organizationID: String, now: Date) throws {
        guard let status = try db.scalarString("SELECT status FROM housing_offer WHERE id = ?", id)
            .flatMap(HousingOfferLifecycle.Status.init(rawValue:)) else { throw LotseError(.notFound, "Dieses Wohnungsangebot gibt es nicht.") }
        let next = try HousingOfferLifecycle.next(from: status, on: .hold, by: .holdWorkflow)
        try move(db, id: id, from: status, to: next, heldBy: organizationID, now: now)
    }

    /// Ends the hold on offer `id` without a letting (hold workflow).
    public static func release(_ db: Database, offer id: String, now: Date) throws {
        guard let status = try db.scalarString("SELECT status FROM housing_offer WHERE id = ?", id)
            .flatMap(HousingOfferLifecycle.Status.init(rawValue:)) else { throw LotseError(.notFound, "Dieses Wohnungsangebot gibt es nicht.") }
        let next = try HousingOfferLifecycle.next(from: status, on: .release, by: .holdWorkflow)
        try move(db, id: id, from: status, to: next, heldBy: nil, now: now)
    }

    /// Writes the status move (only if the offer is still in `from`: a concurrent change is a
    /// conflict).
    static func move(_ db: Database, id: String, from: HousingOfferLifecycle.Status, to: HousingOfferLifecycle.Status, heldBy: String?, now: Date) throws {
        try db.execute("""
            UPDATE housing_offer SET status = ?, held_by_organization_id = ?, status_changed_at = ?, updated_at = ?
            WHERE id = ? AND status = ?
            """, to.rawValue, to == .held ? heldBy : nil, Timestamp.string(now), Timestamp.string(now), id, from.rawValue)
        guard db.changes == 1 else { throw LotseError(.conflict, "Das Wohnungsangebot wurde inzwischen geändert; bitte die Seite neu laden.") }
    }

    static func writeFeatures(_ db: Database, id: String, _ features: [String]) throws {
        try db.execute("DELETE FROM housing_offer_feature WHERE offer_id = ?", id)
        for feature in Set(features) { try db.execute("INSERT INTO housing_offer_feature(offer_id, feature) VALUES (?, ?)", id, feature) }
    }

    /// The checked column values in the order of the INSERT/UPDATE (organization … description).
    func validate(_ draft: Draft, db: Database, organizations: [(id: String, name: String)]) throws -> [SQLBindable?] {
        var problems: [DirectoryWriter.FieldProblem] = []
        func problem(_ field: String, _ message: String) { problems.append(.init(field: field, message: message)) }
        if !organizations.contains(where: { $0.id == draft.organizationID }) {
            problem("organization_id", "Bitte das Wohnungsunternehmen wählen, für das Sie das Angebot einstellen.")
        }
        if draft.sozialraumID.isEmpty {
            problem("sozialraum_id", "Bitte den Sozialraum der Wohnung wählen.")
        } else if try db.scalarInt("SELECT count(*) FROM sozialraum WHERE id = ? AND retired_at IS NULL", draft.sozialraumID) != 1 {
            problem("sozialraum_id", "Diesen Sozialraum gibt es nicht (mehr).")
        }
        if draft.street.isEmpty { problem("street", "Bitte die Straße angeben (sie bleibt verborgen, wenn Sie sie nicht zeigen).") }
        if !draft.postalCode.isEmpty && !(draft.postalCode.count == 5 && draft.postalCode.allSatisfy(\.isNumber)) {
            problem("postal_code", "Eine Postleitzahl hat fünf Ziffern.")
        }
        let rooms = Euro.parseTenths(draft.rooms)
        if rooms == nil || !(5...200).contains(rooms!) { problem("rooms", "Bitte die Zimmerzahl angeben, zum Beispiel 2 oder 2,5.") }
        let size = Euro.parseTenths(draft.size)
        if size == nil || !(50...50_000).contains(size!) { problem("size", "Bitte die Wohnfläche in m² angeben, zum Beispiel 58,4.") }
        var cents: [String: Int] = [:]
        for (field, text, label) in [("cold_rent", draft.coldRent, "die Kaltmiete"), ("running_costs", draft.runningCosts, "die kalten Betriebskosten"),
                                     ("heating", draft.heating, "die Heizkosten")] {
            if text.isEmpty { problem(field, "Bitte \(label) in Euro angeben (0 wenn keine).") }
            else if let value = Euro.cents(text) { cents[field] = value }
            else { problem(field, "»\(text)« ist kein Betrag in Euro (zum Beispiel 412,50).") }
        }
        let known = Set(try Self.features(db).map(\.code))
        if let unknown = draft.features.first(where: { !known.contains($0) }) { problem("features", "Das Merkmal »\(unknown)« gibt es nicht.") }
        if draft.availableFrom.isEmpty { problem("available_from", "Bitte angeben, ab wann die Wohnung frei ist.") }
        else if !Timestamp.isDate(draft.availableFrom) { problem("available_from", "»\(draft.availableFrom)« ist kein Datum (JJJJ-MM-TT).") }
        let minimum = Int(draft.householdMin), maximum = Int(draft.householdMax)
        if minimum == nil || !(1...12).contains(minimum!) { problem("household_min", "Bitte die kleinste passende Haushaltsgröße angeben (1 bis 12).") }
        if maximum == nil || !(1...12).contains(maximum!) { problem("household_max", "Bitte die größte passende Haushaltsgröße angeben (1 bis 12).") }
        else if let minimum, minimum > maximum! { problem("household_max", "Die größte Haushaltsgröße darf nicht kleiner sein als die kleinste.") }
        guard problems.isEmpty else { throw DirectoryWriter.Rejected(problems: problems) }
        func optional(_ text: String) -> String? { text.isEmpty ? nil : text }
        return [draft.organizationID, draft.sozialraumID, draft.street, draft.houseNumber, draft.postalCode, draft.showStreet ? 1 : 0,
                rooms!, size!, cents["cold_rent"]!, cents["running_costs"]!, cents["heating"]!, draft.availableFrom,
                draft.wbsRequired ? 1 : 0, minimum!, maximum!, optional(draft.quota), optional(draft.description)]
    }
}
