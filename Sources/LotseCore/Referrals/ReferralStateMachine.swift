// ReferralStateMachine: the one rule book for referral status changes (docs/domain.md §5.1). Every
// path — pages, CLI, jobs — goes through `check`; an illegal change is a LotseError, never a
// silent change. It knows roles and reasons only; whether a person acts for the right
// organization is decided by ReferralDesk.

import Foundation

/// Which role may move a referral from one status to another, and which reasons that needs.
public enum ReferralStateMachine {
    /// True when `role` (nil: the system) may change a referral from `from` to `to`.
    public static func isAllowed(from: ReferralStatus, to: ReferralStatus, role: Role?) -> Bool {
        guard from != to else { return false }
        switch role {
        case .counselor?:
            if to == .enteredInError { return true }
            switch (from, to) {
            case (.draft, .requested): return true
            case (.requested, .cancelled), (.accepted, .cancelled), (.inProgress, .cancelled), (.onHold, .cancelled): return true
            default: return false
            }
        case .provider?:
            switch (from, to) {
            case (.requested, .accepted), (.requested, .rejected), (.requested, .cancelled): return true
            case (.accepted, .inProgress), (.accepted, .onHold), (.accepted, .completed), (.accepted, .failed), (.accepted, .cancelled):
                return true
            case (.inProgress, .onHold), (.inProgress, .completed), (.inProgress, .failed), (.inProgress, .cancelled): return true
            case (.onHold, .inProgress), (.onHold, .completed), (.onHold, .failed), (.onHold, .cancelled): return true
            default: return false
            }
        case nil:
            // The system cancels unanswered offers (no response, sibling accepted, consent withdrawn)
            // and ends an accepted housing proposal whose hold ran out (no response in time).
            return (from == .requested && to == .cancelled) || (from == .accepted && to == .failed)
        case .coordinator?, .admin?:
            return false
        }
    }

    /// The statuses `role` may move a referral in `status` to, in declaration order.
    public static func targets(from status: ReferralStatus, role: Role?) -> [ReferralStatus] {
        ReferralStatus.allCases.filter { isAllowed(from: status, to: $0, role: role) }
    }

    /// Throws unless the change is allowed and carries the reasons it needs: a coded reason
    /// for rejected, cancelled, on-hold and failed (a text with `other`); system reasons only
    /// from the system and the system only with them; no reason code for other statuses.
    public static func check(from: ReferralStatus, to: ReferralStatus, role: Role?,
                             reason: ReferralReason?, reasonText: String?) throws {
        guard isAllowed(from: from, to: to, role: role) else {
            let who = role?.label ?? "das System"
            throw LotseError(.conflict, "Statuswechsel von »\(from.label)« zu »\(to.label)« ist für \(who) nicht zulässig.")
        }
        if to.requiresReason {
            guard let reason else {
                throw LotseError(.invalidInput, "Für »\(to.label)« bitte einen Grund angeben.")
            }
            if reason.isSystemReason != (role == nil) {
                throw LotseError(.invalidInput, role == nil
                                 ? "Das System storniert nur mit einem Systemgrund."
                                 : "Der Grund »\(reason.label)« wird nur vom System vergeben.")
            }
            if reason == .other && (reasonText ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw LotseError(.invalidInput, "Bei »anderer Grund« bitte den Grund beschreiben.")
            }
        } else if let reason {
            throw LotseError(.invalidInput, "Für »\(to.label)« ist kein Grund vorgesehen (angegeben: \(reason.label)).")
        }
    }

    /// Throws unless `role` may reopen a referral in `status`: only a counselor, and only a
    /// referral marked "entered-in-error" (it returns to the status it had before).
    public static func checkReopen(status: ReferralStatus, role: Role?) throws {
        guard role == .counselor else {
            throw LotseError(.forbidden, "Nur die Beratung kann einen Fehleintrag wieder öffnen.")
        }
        guard status == .enteredInError else {
            throw LotseError(.conflict, "Nur ein Fehleintrag kann wieder geöffnet werden (Status: \(status.label)).")
        }
    }
}
