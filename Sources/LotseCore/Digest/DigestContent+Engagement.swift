// DigestContent+Engagement: the brokering DLZ's digest line about neighbourhood help — how many
// help requests sent to it are open (not yet met by an agreed helper) — a count and a plain link
// to its inbox behind the login, no content.
import Foundation
import SQLite
import Templating

extension DigestContent {
    /// This content with the open help requests of every DLZ the recipient is staff of (only
    /// providers; unchanged when there are none).
    func addingNeighbourhoodHelp(_ db: Database, siteURL: String, paths: MailLinks) throws -> DigestContent {
        guard account.role == .provider, case .object(var provider)? = context["provider"] else { return self }
        var lines: [TemplateValue] = []
        for organization in account.organizations.sorted() {
            guard try db.scalarString("SELECT kind FROM organization WHERE id = ?", organization) == OrganizationKind.dlz.rawValue else { continue }
            let open = try NeighbourhoodHelpFigures.openRequests(db, organizationID: organization)
            guard open > 0 else { continue }
            lines.append(["organization": .string(try db.scalarString("SELECT name FROM organization WHERE id = ?", organization) ?? ""),
                          "open": .int(open)])
        }
        guard !lines.isEmpty else { return self }
        provider["helpRequests"] = .array(lines)
        provider["helpRequestsURL"] = .string(siteURL + paths.referrals)
        var values = context
        values["provider"] = .object(provider)
        return DigestContent(account: account, context: values, hasNews: true)
    }
}
