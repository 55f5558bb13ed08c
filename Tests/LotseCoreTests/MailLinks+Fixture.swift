// MailLinks+Fixture: the links of the core mail tests. LotseCore's tests cannot import the web
// layer's URL builder, so they use recognisable stand-in paths; LotseWebTests check the real
// ones against the route table.
import LotseCore

extension MailLinks {
    /// Stand-in paths under `/test/`.
    static let fixture = MailLinks(
        loginLink: { "/test/login/" + $0 }, invitation: { "/test/invitation/" + $0 }, passwordReset: { "/test/reset/" + $0 },
        signedLink: { "/test/\($0.rawValue)/" + $1 }, editorHome: "/test/editor", referrals: "/test/referrals", coordination: "/test/coordination",
        referral: { "/test/referrals/" + $0 }, grants: "/test/grants")
}
