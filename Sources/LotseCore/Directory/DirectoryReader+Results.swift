// DirectoryReader+Results: the lines of a results page — each service's summary with its short
// excerpt — for one page of service ids in the order the search ranked them.

extension DirectoryReader {
    /// The summaries of `ids` in order, each with its excerpt (ids the audience may not see are
    /// left out, as `ServiceSummary.load` does).
    public func results(_ ids: [String]) throws -> [(summary: ServiceSummary, excerpt: ServiceExcerpt?)] {
        let summaries = try ServiceSummary.load(ids, from: db, today: today)
        let excerpts = try ServiceExcerpt.load(ids, from: db)
        return summaries.map { ($0, excerpts[$0.id]) }
    }
}
