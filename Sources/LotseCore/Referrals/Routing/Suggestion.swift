// Suggestion: what the router is asked (a need with area, target group, language,
// accessibility) and what it answers — services in rank order with the points each factor
// gave, so a page can say why a service is suggested.

/// What a counselor looks for.
public struct SuggestionRequest: Sendable, Equatable {
    /// Need codes (taxonomy `bedarf`), at least one.
    public var needs: [String]
    /// The citizen's Sozialraum code (ranks by closeness and distance).
    public var sozialraum: String?
    /// Target group codes.
    public var targetGroups: [String] = []
    /// ISO 639 code.
    public var language: String?
    /// Accessibility feature codes, all wished for.
    public var accessibility: [String] = []
    /// Services not to suggest (e.g. already asked).
    public var excluding: Set<String> = []
    /// Suggestions to return.
    public var limit = 10

    /// Creates a request.
    public init(needs: [String], sozialraum: String? = nil) {
        self.needs = needs
        self.sozialraum = sozialraum
    }

    /// The request that fits a referral.
    public init(referral: Referral, sozialraumCode: String?) {
        needs = referral.needs
        sozialraum = sozialraumCode
        targetGroups = referral.targetGroups
        language = referral.preferredLanguage
        accessibility = referral.accessibilityNeeds
        excluding = Set(referral.recipients.map(\.serviceID))
    }
}

/// The points each ranking factor gave a service (higher is better).
public struct SuggestionFactors: Sendable, Equatable {
    /// Share of the requested needs offered (0…30).
    public var need = 0.0
    /// Sozialraum closeness tier (0…25).
    public var area = 0.0
    /// Distance from the area's centre to the service's locations (0…10).
    public var distance = 0.0
    /// Kilometres, when both positions are known.
    public var distanceKilometres: Double?
    /// Serves a requested target group (0 or 8).
    public var targetGroup = 0.0
    /// Offers the preferred language (0 or 8).
    public var language = 0.0
    /// Share of the requested accessibility features (0…8).
    public var accessibility = 0.0
    /// Capacity status (0…10).
    public var capacity = 0.0
    /// Verified recently, not overdue (0…5).
    public var freshness = 0.0
    /// Acceptance rate and reply time (0…10; 5 without enough history).
    public var responsiveness = 0.0

    /// The total score.
    public var total: Double {
        need + area + distance + targetGroup + language + accessibility + capacity + freshness + responsiveness
    }
}

/// One suggested service.
public struct Suggestion: Sendable, Equatable {
    /// Why it is listed.
    public enum Source: Sendable, Equatable {
        /// A coordinator's routing rule (position in its list).
        case rule(id: String, position: Int)
        /// Ranked by the factors.
        case ranked
    }

    /// The target service.
    public let serviceID: String
    /// Why it is listed.
    public let source: Source
    /// The points per factor.
    public let factors: SuggestionFactors
    /// The service's answering record, when known.
    public let responsiveness: ServiceResponsiveness?

    /// The total score.
    public var score: Double { factors.total }
}

/// The router's answer.
public struct RoutingSuggestions: Sendable, Equatable {
    /// Rule services first (in the rule's order), then ranked services.
    public let suggestions: [Suggestion]
    /// A pool a routing rule names for this need and area, to offer as "send to pool".
    public let pool: RoutingRule.Target?
    /// The rule that applied, if any.
    public let ruleID: String?
}
