// DirectoryReader+Outline: the overviews of the public pages — the need categories and
// Sozialräume of the start page, a Sozialraum's profile — and how services answer referrals,
// read in the reader's transaction.

extension DirectoryReader {
    /// The terms of `taxonomy` with their counts of listed services (start page, profiles).
    public func outline(_ taxonomy: TaxonomyCode) throws -> [DirectoryOutline.Entry] {
        try DirectoryOutline.terms(taxonomy, in: db)
    }

    /// The Sozialräume with their counts of listed services.
    public func areaOutline() throws -> [DirectoryOutline.Entry] {
        try DirectoryOutline.areas(in: db)
    }

    /// The profile of Sozialraum `code`, nil when there is none.
    public func sozialraumProfile(_ code: String) throws -> SozialraumProfile? {
        try SozialraumProfile.load(code: code, from: db)
    }

    /// How service `id` answers referrals (median reply time, acceptance), nil before any.
    public func responsiveness(of id: String) throws -> ServiceResponsiveness? {
        try Responsiveness.compute(db, serviceIDs: [id])[id]
    }
}
