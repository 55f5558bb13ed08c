// DigestContent+MAE: the members' digest line on MAE rounds — which rounds have a proposed
// distribution open for the members' comments, and until when. Editors of member
// organizations get it; the figures are computed once per run like the others.
import Foundation
import SQLite
import Templating

/// The MAE part of the week's digest figures.
public struct MAEDigestFigures: Sendable {
    /// A round whose proposal is under comment.
    public struct Round: Sendable, Equatable {
        public var jobCentre: String, places: Int, periodFrom: String, periodUntil: String, commentUntil: String
    }

    /// Rounds open for comment, by deadline.
    public var openForComment: [Round] = []
    /// The ids of member organizations.
    public var members: Set<String> = []

    public init() {}

    /// The figures at `now`.
    public static func compute(_ db: Database, now: Date) throws -> MAEDigestFigures {
        var figures = MAEDigestFigures()
        figures.openForComment = try MAERounds.openForComment(db, on: BerlinTime(now).dateString).map {
            Round(jobCentre: $0.jobCentre, places: $0.places, periodFrom: $0.periodFrom, periodUntil: $0.periodUntil, commentUntil: $0.commentUntil)
        }
        if !figures.openForComment.isEmpty {
            figures.members = Set(try db.query("SELECT id FROM organization WHERE membership_status = 'member'") { $0.string(0) })
        }
        return figures
    }
}

extension DigestContent {
    /// Adds the `mae` section to a provider's digest `context` when one of the account's
    /// organizations is a member and a round is open for comment; true when it did. `page` is
    /// the full URL of the members' MAE page.
    static func addMAE(for account: Account, figures: MAEDigestFigures, page: String, into context: inout [String: TemplateValue]) -> Bool {
        guard account.role == .provider, !figures.openForComment.isEmpty, !account.organizations.isDisjoint(with: figures.members) else { return false }
        context["mae"] = .object([
            "rounds": .array(figures.openForComment.map { round -> TemplateValue in
                ["jobCentre": .string(round.jobCentre), "places": .int(round.places), "from": .string(germanDate(round.periodFrom)),
                 "until": .string(germanDate(round.periodUntil)), "commentUntil": .string(germanDate(round.commentUntil))]
            }),
            "url": .string(page),
        ])
        return true
    }
}
