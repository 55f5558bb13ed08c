// ResultView: result lines of the results page — name, organization, place, capacity, the
// stale marker and a short description — loaded for one page of service ids.
import LotseCore
import Templating

/// Result lines.
enum ResultView {
    /// The lines for `ids` in order: `id`, `name`, `url`, `organization` (`name`, `url`),
    /// `places` (text), `capacity` (`status`, `label`, `note`), `isStale`, `verifiedOn`,
    /// `nextReviewDue`, `excerpt`, `closed` (German status when temporarily closed).
    static func lines(_ results: [(summary: ServiceSummary, excerpt: ServiceExcerpt?)]) -> [TemplateValue] {
        results.map { summary, excerpt in
            var places = summary.places
            for city in summary.cities where !places.contains(city) { places.append(city) }
            return .object([
                "id": .string(summary.id),
                "name": .string(summary.name),
                "url": .string(URLs.service(summary.id)),
                "organization": .object(["name": .string(summary.organizationName), "url": .string(URLs.organization(summary.organizationID))]),
                "places": TemplateValue(places.isEmpty ? nil : places.joined(separator: ", ")),
                "capacity": .object([
                    "status": .string(summary.capacityStatus.rawValue),
                    "label": .string(summary.capacityStatus.label),
                    "note": TemplateValue(excerpt?.capacityNote),
                ]),
                "isStale": .bool(summary.isStale),
                "verifiedOn": TemplateValue(GermanFormat.date(summary.verifiedAt)),
                "nextReviewDue": TemplateValue(GermanFormat.date(summary.nextReviewDue)),
                "excerpt": TemplateValue(excerpt.flatMap { $0.text.isEmpty ? nil : $0.text }),
                "closed": TemplateValue(excerpt?.status == .temporarilyClosed ? ServiceStatus.temporarilyClosed.label : nil),
            ])
        }
    }
}
