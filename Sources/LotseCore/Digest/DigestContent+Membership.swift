// DigestContent+Membership: the coordinators' digest line on applications for membership that
// were confirmed and wait for a decision (a count and the link to the coordination; no names).
import Templating

extension DigestContent {
    /// The line's values, or null when no application waits.
    static func membershipApplications(_ figures: DigestFigures, coordinationURL: String) -> TemplateValue {
        guard figures.openApplications > 0 else { return .null }
        return .object(["count": .int(figures.openApplications), "url": .string(coordinationURL)])
    }
}
