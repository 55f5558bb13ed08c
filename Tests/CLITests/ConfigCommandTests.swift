// ConfigCommandTests: `lotse config list|get|set` on the built binary — German errors with exit
// status 65 (bad value) and 66 (unknown key), the change printed and audited.
import Foundation
import Testing

@Suite struct ConfigCommandTests {
    @Test func listGetAndSetWithValidation() throws {
        let db = LotseProcess.temporaryDatabase()
        defer { try? FileManager.default.removeItem(atPath: db) }
        #expect(try LotseProcess.run(["init", "--db", db, "--empty"]).status == 0)
        let list = try LotseProcess.run(["config", "list", "--db", db])
        #expect(list.status == 0 && list.stdout.contains("referral.alert_after_days = 2 (Voreinstellung)") && list.stdout.contains("digest.time = MO 07:00"))
        let bad = try LotseProcess.run(["config", "set", "retention.audit_days", "7", "--db", db])
        #expect(bad.status == 65 && bad.stderr.contains("Aufbewahrung des Prüfprotokolls: 7 liegt außerhalb des erlaubten Bereichs."))
        let unknown = try LotseProcess.run(["config", "get", "referral.nix", "--db", db])
        #expect(unknown.status == 66 && unknown.stderr.contains("Unbekannte Einstellung »referral.nix«"))
        let set = try LotseProcess.run(["config", "set", "digest.time", "do 18:00", "--db", db])
        #expect(set.status == 0 && set.stdout == "digest.time: MO 07:00 → TH 18:00\n")
        #expect(try LotseProcess.run(["config", "get", "digest.time", "--db", db]).stdout == "TH 18:00\n")
        #expect(try LotseProcess.run(["audit", "verify", "--db", db]).status == 0)
        #expect(try LotseProcess.run(["config", "frobnicate", "--db", db]).status == 64)
    }
}
