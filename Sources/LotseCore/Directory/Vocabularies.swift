// Vocabularies: the closed value sets of the DE profile (kinds, membership, visibility,
// capacity, verification, service status), each with its German label. They mirror the CHECK
// constraints in Schema.swift.

/// The kind of a network member organization (docs/domain.md §2).
public enum OrganizationKind: String, CaseIterable, Sendable, Codable {
    case traeger, housingCompany = "housing_company", housingCooperative = "housing_cooperative"
    case dlz, quartiersmanagement, initiative, publicOffice = "public_office", cooperative

    /// The German label shown in pages.
    public var label: String {
        switch self {
        case .traeger: "Träger"
        case .housingCompany: "Wohnungsunternehmen"
        case .housingCooperative: "Wohnungsgenossenschaft"
        case .dlz: "Dienstleistungszentrum"
        case .quartiersmanagement: "Quartiersmanagement"
        case .initiative: "Initiative"
        case .publicOffice: "Öffentliche Stelle"
        case .cooperative: "Sozialgenossenschaft"
        }
    }
}

/// An organization's standing in the network. Only members appear in the public directory.
public enum MembershipStatus: String, CaseIterable, Sendable, Codable {
    case applicant, member, suspended, left

    /// The German label.
    public var label: String {
        switch self {
        case .applicant: "Aufnahme beantragt"
        case .member: "Mitglied"
        case .suspended: "Ruhend"
        case .left: "Ausgetreten"
        }
    }
}

/// Who may see a location, contact or phone.
public enum Visibility: String, CaseIterable, Sendable, Codable, Comparable {
    /// Everyone, including the public.
    case `public`
    /// Logged-in professionals of the network.
    case network
    /// The owning organization and coordinators only.
    case `internal`

    /// The German label.
    public var label: String {
        switch self {
        case .public: "öffentlich"
        case .network: "nur Netzwerk"
        case .internal: "intern"
        }
    }

    private var rank: Int {
        switch self {
        case .public: 0
        case .network: 1
        case .internal: 2
        }
    }

    public static func < (lhs: Visibility, rhs: Visibility) -> Bool { lhs.rank < rhs.rank }
}

/// Whether a service can take people now (HL7 Gravity capacity model, coarse).
public enum CapacityStatus: String, CaseIterable, Sendable, Codable {
    case available, unavailable, waitlist, assessment, unknown

    /// The German label.
    public var label: String {
        switch self {
        case .available: "Plätze frei"
        case .unavailable: "keine Plätze frei"
        case .waitlist: "Warteliste"
        case .assessment: "nach Erstgespräch"
        case .unknown: "unbekannt"
        }
    }
}

/// How an entry was last confirmed by a human.
public enum VerificationMethod: String, CaseIterable, Sendable, Codable {
    case selfConfirmation = "self_confirmation", coordinatorReview = "coordinator_review"
    case phone, siteVisit = "site_visit", `import`

    /// The German label.
    public var label: String {
        switch self {
        case .selfConfirmation: "vom Träger bestätigt"
        case .coordinatorReview: "von der Koordination geprüft"
        case .phone: "telefonisch geprüft"
        case .siteVisit: "vor Ort geprüft"
        case .import: "aus Import übernommen"
        }
    }
}

/// HSDS service status.
public enum ServiceStatus: String, CaseIterable, Sendable, Codable {
    case active, inactive, defunct, temporarilyClosed = "temporarily closed"

    /// The German label.
    public var label: String {
        switch self {
        case .active: "aktiv"
        case .inactive: "inaktiv"
        case .defunct: "eingestellt"
        case .temporarilyClosed: "vorübergehend geschlossen"
        }
    }

    /// True when the service is listed in the directory.
    public var isListed: Bool { self == .active || self == .temporarilyClosed }
}

/// The codes of Lotse's own taxonomies (table `taxonomy.code`).
public enum TaxonomyCode: String, CaseIterable, Sendable {
    /// Needs (two levels).
    case need = "bedarf"
    /// Target groups.
    case targetGroup = "zielgruppe"
    /// Accessibility features of locations.
    case accessibility = "barrierefreiheit"
    /// Legal basis and funding (SGB II … XII, self-pay, free).
    case legalBasis = "rechtsgrundlage"
}
