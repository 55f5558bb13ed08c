// DigestContent: one recipient's digest as template values — the sections that apply to the
// role, with signed one-click links and plain links to pages behind the login (a visitor who is
// not signed in goes to the login page and back) — and whether there is anything to report.
import Foundation
import Templating

/// What one person's digest says.
public struct DigestContent: Sendable {
    /// The recipient.
    public let account: Account
    /// Template values.
    public let context: [String: TemplateValue]
    /// False when nothing needs attention.
    public let hasNews: Bool

    /// Builds the content of `account`'s digest from the week's figures. `link` makes a signed
    /// link URL for (purpose, subject); `paths` names the pages the digest links to (under
    /// `siteURL`, without any token).
    public static func make(for account: Account, areas: [String], figures: DigestFigures, referrals: ReferralDigestCounts,
                            week: ISOWeek, networkName: String, siteURL: String, paths: MailLinks,
                            link: (SignedLink.Purpose, String) -> String) -> DigestContent {
        func page(_ path: String) -> String { siteURL + path }
        var context: [String: TemplateValue] = [
            "name": .string(account.displayName), "networkName": .string(networkName), "week": .string(String(week.week)),
            "weekLabel": .string("KW \(week.week)/\(week.year)"), "siteURL": .string(siteURL),
            "unsubscribeURL": .string(link(.unsubscribe, account.id)), "preferencesURL": .string(link(.preferences, account.id)),
        ]
        var news = false
        switch account.role {
        case .provider:
            var organizations: [TemplateValue] = []
            for organization in account.organizations.sorted() {
                let due = figures.dueByOrganization[organization] ?? []
                let capacity = figures.staleCapacityByOrganization[organization] ?? 0
                guard !due.isEmpty || capacity > 0 else { continue }
                news = true
                let shown = due.prefix(5).map { entry -> TemplateValue in
                    ["name": .string(entry.name), "due": .string(Self.germanDate(entry.due)),
                     "confirmURL": .string(link(.confirm, "\(account.id)|\(entry.table):\(entry.id)")),
                     "editURL": .string(page(paths.editorHome))]
                }
                organizations.append([
                    "organization": .string(figures.organizationNames[organization] ?? ""),
                    "due": .array(shown), "dueCount": .int(due.count), "hasDue": .bool(!due.isEmpty), "moreDue": .int(max(0, due.count - shown.count)),
                    "hasMoreDue": .bool(due.count > shown.count), "capacity": .int(capacity), "hasCapacity": .bool(capacity > 0),
                    "dashboardURL": .string(page(paths.editorHome)),
                ])
            }
            let hasReferrals = referrals.waiting > 0 || referrals.statusRequests > 0
            news = news || hasReferrals
            news = addMAE(for: account, figures: figures.mae, page: page(paths.maeRounds), into: &context) || news
            context["provider"] = .object([
                "organizations": .array(organizations), "hasReferrals": .bool(hasReferrals), "waiting": .int(referrals.waiting),
                "overdue": .int(referrals.overdue), "statusRequests": .int(referrals.statusRequests),
                "hasStatusRequests": .bool(referrals.statusRequests > 0), "inboxURL": .string(page(paths.referrals)),
            ])
        case .counselor:
            var newServices = Set<String>()
            for area in areas { newServices.formUnion(figures.newServicesByArea[area] ?? []) }
            let changes = (changes: referrals.statusChanges, rejections: referrals.toReroute)
            news = !newServices.isEmpty || changes.changes > 0 || changes.rejections > 0
            context["counselor"] = .object([
                "newServices": .int(newServices.count), "hasNewServices": .bool(!newServices.isEmpty),
                "areas": .string(areas.compactMap { figures.areaNames[$0] }.sorted().joined(separator: ", ")),
                "changes": .int(changes.changes), "rejections": .int(changes.rejections), "hasChanges": .bool(changes.changes > 0),
                "hasRejections": .bool(changes.rejections > 0), "outboxURL": .string(page(paths.referrals)),
            ])
        case .coordinator:
            news = true
            context["coordinator"] = .object([
                "members": .int(figures.members), "listedServices": .int(figures.listedServices), "reviewQueue": .int(figures.reviewQueue),
                "staleEntries": .int(figures.staleEntries), "openCorrections": .int(figures.openCorrections),
                "unmetNeeds": .array(referrals.unmetByArea.compactMap { entry in entry.count.map { ["area": .string(entry.area), "count": .int($0)] } }),
                "hasUnmetNeeds": .bool(referrals.unmetByArea.contains { $0.count != nil }),
                "coordinationURL": .string(page(paths.coordination)),
            ])
            context["membershipApplications"] = membershipApplications(figures, coordinationURL: page(paths.coordination))
        case .admin:
            news = false
        }
        return DigestContent(account: account, context: context, hasNews: news)
    }

    /// `2026-11-30` → `30.11.2026`.
    static func germanDate(_ date: String) -> String {
        let parts = date.prefix(10).split(separator: "-")
        guard parts.count == 3 else { return date }
        return "\(parts[2]).\(parts[1]).\(parts[0])"
    }
}
