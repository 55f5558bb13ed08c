// HousingQuota: a housing company's yearly commitment of flats for people in housing need,
// by household-size class (column `housing_quota.household_class`), as a coordinator records
// it; and the classes themselves, which the planning figures count lettings in.

/// The household-size classes quotas are agreed in.
public enum HouseholdClass: String, CaseIterable, Sendable, Codable {
    case one = "1", two = "2", threeToFour = "3-4", fivePlus = "5+"

    /// The class of a household of `size` persons (sizes under 1 count as 1).
    public static func of(size: Int) -> HouseholdClass {
        switch size {
        case ...1: .one
        case 2: .two
        case 3...4: .threeToFour
        default: .fivePlus
        }
    }

    /// The German label ("1 Person", "3–4 Personen").
    public var label: String {
        switch self {
        case .one: "1 Person"
        case .two: "2 Personen"
        case .threeToFour: "3–4 Personen"
        case .fivePlus: "5 und mehr Personen"
        }
    }

    /// The short label of audit entries and table heads ("1 Pers.", "3–4 Pers.").
    public var short: String {
        switch self {
        case .one: "1 Pers."
        case .two: "2 Pers."
        case .threeToFour: "3–4 Pers."
        case .fivePlus: "5+ Pers."
        }
    }

    /// The form field of the class on the quota form (no "+" or "-" in ids).
    public var field: String {
        switch self {
        case .one: "quota_1"
        case .two: "quota_2"
        case .threeToFour: "quota_3_4"
        case .fivePlus: "quota_5_plus"
        }
    }
}

/// One company's quota for one year.
public struct HousingQuota: Sendable, Equatable {
    public let organizationID: String
    public let organizationName: String
    public let year: Int
    /// Flats per class; a class without an entry has no quota.
    public let flats: [HouseholdClass: Int]

    public init(organizationID: String, organizationName: String, year: Int, flats: [HouseholdClass: Int]) {
        self.organizationID = organizationID
        self.organizationName = organizationName
        self.year = year
        self.flats = flats
    }

    /// All classes together.
    public var total: Int { flats.values.reduce(0, +) }

    /// "1 Pers. 5, 2 Pers. 8" (classes without a quota left out; "keine" when none).
    public var summary: String {
        let parts = HouseholdClass.allCases.compactMap { kind in flats[kind].map { "\(kind.short) \($0)" } }
        return parts.isEmpty ? "keine" : parts.joined(separator: ", ")
    }
}
