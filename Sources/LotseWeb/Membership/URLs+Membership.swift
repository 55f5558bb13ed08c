// URLs+Membership: the paths of joining and leaving — the public application form and its
// confirmation link, the coordinators' queue, leaving and the register's CSV download.
import LotseCore

extension URLs {
    /// The public application form.
    public static let membershipApplication = "/mitglied-werden"
    /// The confirmation link of an application (in the confirmation e-mail).
    public static func membershipConfirmation(_ token: String) -> String { "/mitglied-werden/bestaetigen/" + segment(token) }
    /// The coordinators' queue of applications.
    public static let membershipApplications = "/koordination/mitglieder/antraege"
    /// Admits an application.
    public static func admitApplication(_ id: String) -> String { membershipApplications + "/" + segment(id) + "/aufnehmen" }
    /// Rejects an application.
    public static func rejectApplication(_ id: String) -> String { membershipApplications + "/" + segment(id) + "/ablehnen" }
    /// Records a member's leaving.
    public static func memberLeaving(_ id: String) -> String { "/koordination/mitglieder/" + segment(id) + "/austritt" }
    /// The members' register as CSV.
    public static let membersCSV = "/koordination/mitglieder.csv"
}
