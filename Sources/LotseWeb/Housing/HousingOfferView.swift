// HousingOfferView: the template context of one flat offer with its rent check per household
// size, as far as the viewer may see it — the street and house number only for whom
// HousingOffer.revealsAddress says, never in a public page (the routes are signed-in only).
import LotseCore
import Templating

/// One offer in the lists.
enum HousingOfferView {
    /// The offer as `account` sees it; `features` labels the feature codes.
    static func context(_ listing: HousingOffers.Listing, for account: Account?, features: [String: String]) -> TemplateValue {
        let offer = listing.offer
        return .object([
            "id": .string(offer.id), "organization": .string(offer.organizationName), "area": .string(offer.sozialraumName),
            "address": TemplateValue(offer.address(for: account)),
            "rooms": .string(Euro.tenths(offer.roomsTenths)), "size": .string(Euro.tenths(offer.sizeTenths)),
            "coldRent": .string(Euro.text(offer.coldRentCents)), "runningCosts": .string(Euro.text(offer.runningCostsCents)),
            "heating": .string(Euro.text(offer.heatingCents)), "grossCold": .string(Euro.text(offer.grossColdCents)),
            "total": .string(Euro.text(offer.totalCents)),
            "features": .array(offer.features.map { .string(features[$0] ?? $0) }),
            "availableFrom": TemplateValue(GermanFormat.date(offer.availableFrom)), "wbsRequired": .bool(offer.wbsRequired),
            "households": .string(offer.householdMin == offer.householdMax ? "\(offer.householdMin)" : "\(offer.householdMin) bis \(offer.householdMax)"),
            "quota": TemplateValue(offer.quota), "description": TemplateValue(offer.description),
            "status": .string(offer.status.rawValue), "statusLabel": .string(offer.status.label), "isHeld": .bool(offer.status == .held),
            "checks": .array(listing.assessments.map { assessment in
                var within = false, exceeds = false
                var excess: String?
                switch assessment.verdict {
                case .within: within = true
                case .exceeds(let amount): exceeds = true; excess = Euro.text(amount)
                case .noLimit: break
                }
                return .object(["size": .int(assessment.householdSize), "within": .bool(within), "exceeds": .bool(exceeds),
                                "excess": TemplateValue(excess), "limit": TemplateValue(assessment.limit.map { Euro.text($0.grossColdCents) }),
                                "text": .string(assessment.text)])
            }),
        ])
    }
}
