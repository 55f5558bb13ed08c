// Request+Negotiation: proactive content negotiation on the Accept header (RFC 9110 §12.5.1),
// e.g. whether a client prefers JSON over HTML.

extension Request {
    /// Whether the client accepts `mediaType` (e.g. "application/json") with a quality above 0.
    /// Without an Accept header everything is acceptable.
    public func accepts(_ mediaType: String) -> Bool {
        quality(of: mediaType) > 0
    }

    /// The candidate the client rates highest (earlier candidates win ties), or nil if it accepts
    /// none of them.
    public func preferredMediaType(from candidates: [String]) -> String? {
        var best: (type: String, quality: Double)?
        for candidate in candidates {
            let quality = quality(of: candidate)
            if quality > 0 && quality > (best?.quality ?? 0) { best = (candidate, quality) }
        }
        return best?.type
    }

    /// The quality the Accept header gives `mediaType`: the most specific matching range decides
    /// (RFC 9110 §12.5.1); 1 when there is no Accept header, 0 when nothing matches.
    func quality(of mediaType: String) -> Double {
        let accept = headers.values("Accept")
        guard !accept.isEmpty else { return 1 }
        let wanted = mediaType.lowercased().split(separator: "/", maxSplits: 1).map(String.init)
        guard wanted.count == 2 else { return 0 }
        var bestSpecificity = -1
        var bestQuality = 0.0
        for range in accept.joined(separator: ",").split(separator: ",") {
            let parameters = range.split(separator: ";").map { $0.trimmingOWS() }
            guard let rangeType = parameters.first?.lowercased() else { continue }
            let parts = rangeType.split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            let specificity: Int
            if parts[0] == wanted[0] && parts[1] == wanted[1] {
                specificity = 2
            } else if parts[0] == wanted[0] && parts[1] == "*" {
                specificity = 1
            } else if parts[0] == "*" && parts[1] == "*" {
                specificity = 0
            } else {
                continue
            }
            var quality = 1.0
            for parameter in parameters.dropFirst() where parameter.lowercased().hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)) ?? 1
            }
            if specificity > bestSpecificity {
                bestSpecificity = specificity
                bestQuality = quality
            }
        }
        return bestQuality
    }
}
