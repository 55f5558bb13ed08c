// ReferralListSearch: what a search in the outbox or the inbox matches — only what the viewer
// sees of a referral in the list. The requesting team finds a referral by its case reference;
// a provider never does, because its list items carry no case reference (ReferralAccess keeps
// it for the owning team, docs/domain.md §6.2) — it finds referrals by number, need,
// Sozialraum and service.
import Foundation

/// The short number of a referral people quote to each other (the first eight characters of
/// its id, which is also in the page's address).
public enum ReferralNumber {
    /// The number of referral `id`.
    public static func of(_ id: String) -> String { String(id.prefix(8)) }
}

extension ReferralListItem {
    /// The referral's short number.
    public var number: String { ReferralNumber.of(id) }

    /// True when `term` (trimmed; ignoring case and accents) occurs in what the viewer sees of
    /// this item: its case reference (only the requesting team's items carry one), its number
    /// or id, or one of the `shown` texts (need, Sozialraum and service as the list shows them).
    /// An empty term matches everything.
    public func matches(_ term: String, shown: [String]) -> Bool {
        let term = term.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !term.isEmpty else { return true }
        return ([caseReference, id] + shown).contains { text in
            text?.range(of: term, options: [.caseInsensitive, .diacriticInsensitive]) != nil
        }
    }
}
