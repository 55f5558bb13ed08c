// DeskAccess: how the referral screens reach the domain — the logged-in account, a ReferralDesk
// in one write transaction (reads are audited, so they write), and the gate every handler of
// a referral passes first: ReferralAccess decides, a page never looks at a referral without it.
import HTTP
import LotseCore

/// Access helpers of the referral screens.
enum DeskAccess {
    /// The logged-in account (the route table has let only the route's roles through).
    static func account(_ request: PageRequest) throws -> Account {
        try request.account
    }

    /// Runs `body` with a desk on the writer, in one transaction, with the stored settings.
    static func desk<T>(_ context: AppContext, _ body: (ReferralDesk) throws -> T) throws -> T {
        try context.store.desk(now: context.now(), body)
    }

    /// What a viewer may do with one referral: the stored record (for recipients and the
    /// state machine only; pages render `ReferralView`s) and the access ReferralAccess grants.
    struct Gate {
        /// The stored referral.
        let referral: Referral
        /// What the viewer may see.
        let access: ReferralAccess

        /// True for the requesting team.
        var isOwner: Bool { access.level == .owner }
        /// True for a provider the referral is addressed to (at least its status).
        var isRecipient: Bool { access.level >= .statusOnly && access.level < .owner }
    }

    /// The gate of referral `id` for `account`: 404 when there is none, 403 when the account
    /// may see nothing of it (another team, another provider, coordinators, admins).
    @discardableResult
    static func gate(_ id: String, account: Account, desk: ReferralDesk) throws -> Gate {
        guard let referral = try desk.storedReferral(id) else {
            throw LotseError(.notFound, "Diese Vermittlung gibt es nicht.")
        }
        let access = ReferralAccess.decide(viewer: account, referral: referral, consents: try desk.groupConsents(referral.groupID),
                                           now: desk.now, graceDays: desk.settings.accessGraceDays)
        guard access.level >= .statusOnly else {
            throw LotseError(.forbidden, access.level == .aggregatesOnly
                             ? "Die Koordination sieht Vermittlungen nur in Auswertungen, nicht im Einzelnen."
                             : "Diese Vermittlung ist für Sie nicht sichtbar.")
        }
        return Gate(referral: referral, access: access)
    }

    /// The gate for the requesting team only (403 for everyone else).
    @discardableResult
    static func ownerGate(_ id: String, account: Account, desk: ReferralDesk) throws -> Gate {
        let gate = try gate(id, account: account, desk: desk)
        guard gate.isOwner else { throw LotseError(.forbidden, "Nur die anfragende Beratungsstelle darf das.") }
        return gate
    }

    /// The gate for a draft of the requesting team (409 once it was sent).
    @discardableResult
    static func draftGate(_ id: String, account: Account, desk: ReferralDesk) throws -> Gate {
        let gate = try ownerGate(id, account: account, desk: desk)
        guard gate.referral.status == .draft else {
            throw LotseError(.conflict, "Diese Vermittlung ist schon gesendet (Status: \(gate.referral.status.label)).")
        }
        return gate
    }
}

/// Targets as they travel between the suggestion, consent and send pages: `service:ID` or
/// `pool:KIND:SOZIALRAUM-CODE`.
enum TargetCode {
    /// The target of a code, or nil when malformed.
    static func parse(_ code: String) -> ReferralTarget? {
        let parts = code.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        switch parts.first {
        case "service" where parts.count == 2 && !parts[1].isEmpty: return .service(parts[1])
        case "pool" where parts.count == 3:
            guard let kind = OrganizationKind(rawValue: parts[1]), !parts[2].isEmpty else { return nil }
            return .pool(kind: kind, sozialraum: parts[2])
        default: return nil
        }
    }

    /// The code of a target.
    static func code(_ target: ReferralTarget) -> String {
        switch target {
        case .service(let id): "service:" + id
        case .pool(let kind, let area): "pool:" + kind.rawValue + ":" + area
        }
    }

    /// The distinct well-formed targets of `codes` (400 for a malformed one).
    static func targets(_ codes: [String]) throws -> [ReferralTarget] {
        var result: [ReferralTarget] = []
        for code in codes where !code.isEmpty {
            guard let target = parse(code) else { throw LotseError(.invalidInput, "Unbekanntes Ziel: \(code)") }
            if !result.contains(target) { result.append(target) }
        }
        return result
    }
}
