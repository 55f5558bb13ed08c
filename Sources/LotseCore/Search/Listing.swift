// Listing: which services the public directory shows at all — the one condition that search,
// statistics, digests and referrals share.

/// The listed services.
public enum Listing {
    /// The condition for a service to appear in the public directory at all (SQL over the
    /// aliases `s` for service and `o` for its organization); referrals go to listed services only.
    public static let condition = """
        s.hidden = 0 AND o.hidden = 0 AND o.membership_status = 'member'
        AND s.status IN ('active', 'temporarily closed')
        """
}
