// MAEView: the template values of an MAE round that the coordinators' and the members' pages
// share — the round's data, the distribution table (wanted, proposed, decided with reasons,
// filled and vacant) with totals, and the members' comments with organization and time.
import LotseCore
import Templating

/// Template values of MAE rounds.
enum MAEView {
    /// The round's own data.
    static func round(_ round: MAERounds.Round) -> [String: TemplateValue] {
        [
            "id": .string(round.id), "jobCentre": .string(round.jobCentre), "places": .int(round.places), "hours": .int(round.hoursPerWeek),
            "periodFrom": TemplateValue(GermanFormat.date(round.periodFrom)), "periodUntil": TemplateValue(GermanFormat.date(round.periodUntil)),
            "commentUntil": TemplateValue(GermanFormat.date(round.commentUntil)), "note": TemplateValue(round.note),
            "state": .string(round.state.rawValue), "stateLabel": .string(round.state.label),
            "fields": .string(round.fields.map(\.label).joined(separator: ", ")),
            "isOpen": .bool(round.state == .open), "isProposed": .bool(round.state == .proposed),
            "isDecided": .bool(round.state == .decided), "isClosed": .bool(round.state == .closed),
            "hasDecision": .bool(round.state == .decided || round.state == .closed),
        ]
    }

    /// The distribution table's rows and totals.
    static func allocations(_ allocations: [MAERounds.Allocation]) -> [String: TemplateValue] {
        let rows = allocations.map { allocation -> TemplateValue in
            .object(["organizationID": .string(allocation.organizationID), "organization": .string(allocation.organizationName),
                     "wanted": .int(allocation.wanted), "proposed": .int(allocation.proposed), "decided": TemplateValue(allocation.decided),
                     "reason": TemplateValue(allocation.reason), "filled": .int(allocation.filled), "vacant": .int(allocation.vacant)])
        }
        return [
            "allocations": .array(rows),
            "totalWanted": .int(allocations.map(\.wanted).reduce(0, +)), "totalProposed": .int(allocations.map(\.proposed).reduce(0, +)),
            "totalDecided": .int(allocations.compactMap(\.decided).reduce(0, +)), "totalFilled": .int(allocations.map(\.filled).reduce(0, +)),
            "totalVacant": .int(allocations.map(\.vacant).reduce(0, +)),
        ]
    }

    /// The comments, oldest first.
    static func comments(_ comments: [MAERounds.Comment]) -> TemplateValue {
        .array(comments.map { comment in
            .object(["organization": .string(comment.organizationName), "body": .string(comment.body),
                     "at": TemplateValue(GermanFormat.dateTime(comment.createdAt))])
        })
    }

    /// Places wanted per field, as text ("Grünpflege …: 4; …").
    static func wanted(_ application: MAERounds.Application) -> String {
        MAEField.allCases.compactMap { field in application.wanted[field].map { "\(field.label): \($0)" } }.joined(separator: "; ")
    }
}
