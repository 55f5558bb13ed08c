// HousingOffer: one flat a housing company or cooperative offers to the network — where it is
// (the Sozialraum, the street only if the company shows it, street and house number to the
// company and the holding team only), rooms, size, rent as the cost bearers split it, its
// barrier-free features, from when, WBS, the household sizes it suits and its quota.
import Foundation

/// A flat offer as stored.
public struct HousingOffer: Sendable, Equatable {
    public let id: String
    /// The housing company or cooperative.
    public let organizationID: String
    public let organizationName: String
    /// Where the flat is.
    public let sozialraumID: String
    public let sozialraumName: String
    /// Street name, house number and postal code (see `address(for:)` for who sees them).
    public let street: String
    public let houseNumber: String
    public let postalCode: String
    /// True when the company shows the street name (never the house number) before a hold.
    public let showStreet: Bool
    /// Rooms and living space in tenths (25 = 2,5 rooms; 584 = 58,4 m²).
    public let roomsTenths: Int
    public let sizeTenths: Int
    /// Cold rent, running costs ("kalte Betriebskosten") and heating per month, in cents.
    public let coldRentCents: Int
    public let runningCostsCents: Int
    public let heatingCents: Int
    /// Barrier-free feature codes (HousingFeatures).
    public internal(set) var features: [String]
    /// First day the flat can be let (YYYY-MM-DD).
    public let availableFrom: String
    /// A Wohnberechtigungsschein is needed.
    public let wbsRequired: Bool
    /// The household sizes it suits.
    public let householdMin: Int
    public let householdMax: Int
    /// The quota it counts against, if any.
    public let quota: String?
    public let description: String?
    public let status: HousingOfferLifecycle.Status
    /// The team (organization) of the counselor holding the flat, while held.
    public let heldByOrganizationID: String?

    /// Cold rent plus running costs: what the rent limits cap.
    public var grossColdCents: Int { coldRentCents + runningCostsCents }
    /// Everything per month.
    public var totalCents: Int { coldRentCents + runningCostsCents + heatingCents }
    /// The household sizes it suits.
    public var householdSizes: ClosedRange<Int> { householdMin...householdMax }

    /// True when `account` sees street and house number: editors of the owning company, and
    /// while the flat is held, the holding counselor's team. Nobody else — coordinators and
    /// other providers included.
    public func revealsAddress(to account: Account?) -> Bool {
        guard let account else { return false }
        switch account.role {
        case .provider: return account.organizations.contains(organizationID)
        case .counselor:
            return status == .held && heldByOrganizationID != nil && account.organizationID == heldByOrganizationID
        case .coordinator, .admin: return false
        }
    }

    /// Where the flat is, as far as `account` may see it: the full address, the street name
    /// when the company shows it, else nil (the Sozialraum only).
    public func address(for account: Account?) -> String? {
        if revealsAddress(to: account) {
            return [[street, houseNumber].filter { !$0.isEmpty }.joined(separator: " "), postalCode]
                .filter { !$0.isEmpty }.joined(separator: ", ")
        }
        return showStreet ? street : nil
    }
}

/// The barrier-free features an offer can have: the directory's accessibility vocabulary plus
/// the features of a flat (step-free access, lift, wheelchair-usable, level shower).
public enum HousingFeatures {
    /// The flat's own features, added to the vocabulary when it lacks their code.
    public static let flatFeatures: [(code: String, label: String)] = [
        ("stufenlos", "Stufenloser Zugang"), ("aufzug", "Aufzug"), ("rollstuhlgerecht", "Rollstuhlgerecht nutzbar"),
        ("bodengleiche-dusche", "Bad mit bodengleicher Dusche"),
    ]
}

/// Euro amounts as typed in German ("512,50", "1.020", "512.5 €") and as shown.
public enum Euro {
    /// The amount in cents; nil when the text is no amount.
    public static func cents(_ text: String) -> Int? {
        var value = text.replacingOccurrences(of: "€", with: "").replacingOccurrences(of: " ", with: "")
        if value.contains(",") { value = value.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".") }
        else if value.filter({ $0 == "." }).count == 1, let dot = value.firstIndex(of: "."), value[value.index(after: dot)...].count == 3 {
            value = value.replacingOccurrences(of: ".", with: "")  // "1.020": a thousands separator
        }
        guard !value.isEmpty, value.allSatisfy({ $0.isNumber || $0 == "." }), let number = Decimal(string: value), number >= 0 else { return nil }
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 2 && parts[1].count > 2 { return nil }
        return NSDecimalNumber(decimal: number * 100).intValue
    }

    /// "512,50 €".
    public static func text(_ cents: Int) -> String {
        let sign = cents < 0 ? "-" : ""
        let absolute = abs(cents)
        var euros = String(absolute / 100)
        var grouped = ""
        while euros.count > 3 { grouped = "." + euros.suffix(3) + grouped; euros.removeLast(3) }
        return sign + euros + grouped + "," + String(format: "%02d", absolute % 100) + " €"
    }

    /// Tenths as German text: 25 → "2,5", 30 → "3".
    public static func tenths(_ value: Int) -> String {
        value % 10 == 0 ? String(value / 10) : "\(value / 10),\(value % 10)"
    }

    /// German text in tenths ("2,5", "2.5", "58") → 25; nil when it is none.
    public static func parseTenths(_ text: String) -> Int? {
        let value = text.replacingOccurrences(of: ",", with: ".").replacingOccurrences(of: " ", with: "")
            .replacingOccurrences(of: "m²", with: "")
        guard !value.isEmpty, value.allSatisfy({ $0.isNumber || $0 == "." }), let number = Decimal(string: value), number > 0 else { return nil }
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 2 && parts[1].count > 1 { return nil }
        return NSDecimalNumber(decimal: number * 10).intValue
    }
}
