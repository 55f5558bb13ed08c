// HousingProposal: one proposal of a household for a flat as stored in `housing_proposal` —
// the business state beside its referral (the referral to the housing company carries the
// consent, the gating and the audit) — and the hold date rule.
import Foundation
import SQLite

/// A housing proposal as stored (never hand it to a page without HousingHolds' gate).
public struct HousingProposal: Sendable, Equatable {
    /// The referral's id (the proposal's id).
    public let referralID: String
    public let offerID: String
    /// The housing company the proposal (the referral) is addressed to.
    public let companyOrganizationID: String
    public let householdSize: Int
    public let pot: HousingPot
    public let costBearerOfficeID: String?
    public let state: HousingProposalLifecycle.State
    public let proposedAt: String
    public let heldAt: String?
    /// The last day of the hold (YYYY-MM-DD).
    public let holdUntil: String?
    public let extendedAt: String?
    public let extensionReason: String?
    public let approvalAppliedOn: String?
    public let documentsMissing: String?
    public let approvedOn: String?
    public let refusedOn: String?
    public let letOn: String?
    public let endedAt: String?
    public let endReason: HousingProposalLifecycle.EndReason?
    public let remindedAt: String?

    static let columns = """
        referral_id, offer_id, company_organization_id, household_size, pot, cost_bearer_office_id, state, proposed_at, held_at,
        hold_until, extended_at, extension_reason, approval_applied_on, documents_missing, approved_on, refused_on, let_on, ended_at,
        end_reason, reminded_at
        """

    static func load(_ db: Database, where condition: String, _ values: [SQLBindable?]) throws -> [HousingProposal] {
        try db.query("SELECT \(columns) FROM housing_proposal WHERE \(condition) ORDER BY proposed_at DESC, referral_id", values: values) { row in
            HousingProposal(
                referralID: row.string(0), offerID: row.string(1), companyOrganizationID: row.string(2), householdSize: row.int(3),
                pot: HousingPot(rawValue: row.string(4)) ?? .sgb2, costBearerOfficeID: row.optionalString(5),
                state: HousingProposalLifecycle.State(rawValue: row.string(6)) ?? .withdrawn, proposedAt: row.string(7),
                heldAt: row.optionalString(8), holdUntil: row.optionalString(9), extendedAt: row.optionalString(10),
                extensionReason: row.optionalString(11), approvalAppliedOn: row.optionalString(12), documentsMissing: row.optionalString(13),
                approvedOn: row.optionalString(14), refusedOn: row.optionalString(15), letOn: row.optionalString(16),
                endedAt: row.optionalString(17), endReason: row.optionalString(18).flatMap(HousingProposalLifecycle.EndReason.init(rawValue:)),
                remindedAt: row.optionalString(19))
        }
    }

    static func load(_ db: Database, id: String) throws -> HousingProposal? {
        try load(db, where: "referral_id = ?", [id]).first
    }
}

/// The hold date rule (docs/domain.md, "Holds"): a hold lasts calendar days from the day the
/// company accepts; when its last day is no working day in the Land of the flat's Sozialraum
/// (weekend, public holiday), the hold runs to the next working day. A date the company picks
/// must lie within the limits (settings `housing.hold_min_days` … `housing.hold_max_days`) and
/// be a working day; one extension may add at most `housing.hold_max_days` to the current end.
/// The hold lapses when its last day has passed; reminders go out `housing.hold_reminder_days`
/// working days before it.
public enum HoldDeadline {
    /// The date `days` calendar days after `date` (YYYY-MM-DD).
    public static func adding(days: Int, to date: String) -> String {
        guard let day = WorkingDays.dayNumber(date) else { return date }
        return WorkingDays.dateString(day + days)
    }

    /// The default end: `days` calendar days after `today`, moved to the next working day.
    public static func standard(from today: String, days: Int, calendar: WorkingDays) -> String {
        calendar.adding(0, to: adding(days: days, to: today))
    }

    /// Checks a date the company picked: a date, a working day, within `minimum`…`maximum`
    /// calendar days after `start` (the first day of the hold, or the current end for an
    /// extension, where it must also be later). German errors.
    public static func check(_ chosen: String, from start: String, minimum: Int, maximum: Int, calendar: WorkingDays) throws {
        guard Timestamp.isDate(chosen) else { throw LotseError(.invalidInput, "»\(chosen)« ist kein Datum (JJJJ-MM-TT).") }
        let earliest = adding(days: minimum, to: start), latest = adding(days: maximum, to: start)
        guard chosen >= earliest, chosen <= latest else {
            throw LotseError(.invalidInput, "Die Reservierung muss zwischen dem \(german(earliest)) und dem \(german(latest)) enden.")
        }
        guard calendar.isWorkingDay(chosen) else {
            throw LotseError(.invalidInput, "Der \(german(chosen)) ist kein Arbeitstag; bitte einen Arbeitstag wählen.")
        }
    }

    /// True when the hold ending on `holdUntil` has lapsed on `today`.
    public static func hasLapsed(_ holdUntil: String, today: String) -> Bool { today > holdUntil }

    /// True when the reminder before `holdUntil` is due on `today`.
    public static func reminderDue(_ holdUntil: String, today: String, workingDays: Int, calendar: WorkingDays) -> Bool {
        today <= holdUntil && calendar.count(from: today, to: holdUntil) <= workingDays
    }

    /// "2026-11-30" → "30.11.2026".
    public static func german(_ date: String) -> String {
        let parts = date.split(separator: "-")
        guard parts.count == 3 else { return date }
        return "\(parts[2]).\(parts[1]).\(parts[0])"
    }
}
