// ServiceView+Details: the costs, capacity and verification sections of the service page.
import LotseCore
import Templating

extension ServiceView {
    /// Costs: `options` (each `option`, `amount` in German money form, `description`,
    /// `validity`), `feesDescription`, `fees`; null when nothing is known.
    static func costs(_ node: HSDSNode) -> TemplateValue {
        let options = node.nodes("cost_options").map { option -> TemplateValue in
            let record = option.record
            let from = GermanFormat.date(record.text("valid_from")), to = GermanFormat.date(record.text("valid_to"))
            let validity: String? = switch (from, to) {
            case let (start?, end?): "gültig vom \(start) bis \(end)"
            case let (start?, nil): "gültig ab \(start)"
            case let (nil, end?): "gültig bis \(end)"
            case (nil, nil): nil
            }
            return .object([
                "option": TemplateValue(record.text("option")),
                "amount": TemplateValue(record.number("amount").map { GermanFormat.money($0, currency: record.text("currency")) }),
                "description": TemplateValue(record.text("amount_description")),
                "validity": TemplateValue(validity),
            ])
        }
        let record = node.record
        guard !options.isEmpty || record.text("fees_description") != nil || record.text("fees") != nil else { return .null }
        return .object([
            "options": .array(options),
            "feesDescription": TemplateValue(record.text("fees_description")),
            "fees": TemplateValue(record.text("fees")),
        ])
    }

    /// Capacity: `status` (code), `label` (German), `note`, `updated` (date), `counts` (each
    /// `description`, `unit`, `available`, `maximum`, `updated`).
    static func capacity(_ node: HSDSNode) -> TemplateValue {
        let record = node.record
        let status = CapacityStatus(rawValue: record.text("capacity_status") ?? "") ?? .unknown
        let counts = node.nodes("capacities").map { capacity -> TemplateValue in
            let row = capacity.record
            return .object([
                "description": TemplateValue(row.text("description")),
                "unit": TemplateValue(capacity.node("unit")?.record.text("name")),
                "available": TemplateValue(row.number("available").map { GermanFormat.number($0) }),
                "maximum": TemplateValue(row.number("maximum").map { GermanFormat.number($0) }),
                "updated": TemplateValue(GermanFormat.date(row.text("updated"))),
            ])
        }
        return .object([
            "status": .string(status.rawValue),
            "label": .string(status.label),
            "note": TemplateValue(record.text("capacity_note")),
            "updated": TemplateValue(GermanFormat.date(record.text("capacity_updated_at"))),
            "counts": .array(counts),
        ])
    }

    /// Verification: `verifiedOn` (German date), `method` (German label), `verifiedBy`,
    /// `nextReviewDue` (German date), `isStale` (past the review date on `today`). The
    /// organization's values stand in where the service has none, as in result lists.
    static func verification(_ record: Record, organization: Record?, today: String) -> TemplateValue {
        let source = record.text("verified_at") != nil ? record : (organization ?? record)
        let due = record.text("next_review_due") ?? organization?.text("next_review_due")
        let method = source.text("verification_method").flatMap(VerificationMethod.init(rawValue:))
        return .object([
            "verifiedOn": TemplateValue(GermanFormat.date(source.text("verified_at"))),
            "method": TemplateValue(method?.label),
            "verifiedBy": TemplateValue(source.text("verified_by")),
            "nextReviewDue": TemplateValue(GermanFormat.date(due)),
            "isStale": .bool(GermanFormat.isoDate(due).map { $0 < today } ?? false),
        ])
    }
}
