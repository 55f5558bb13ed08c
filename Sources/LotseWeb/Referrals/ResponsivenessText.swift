// ResponsivenessText: how a service answers referrals, in German — median reply time and
// acceptance rate — shown on suggestions and (to logged-in professionals) on service pages
// once there are enough answers to say something.
import LotseCore

/// German sentences about a service's responsiveness.
enum ResponsivenessText {
    /// Answers needed before the record is shown (fewer say little and could point at persons).
    static let minimumAnswers = 5

    /// "Antwortet im Mittel nach 6 Stunden; nimmt 80 % an (aus 12 Antworten)." or nil when
    /// there are fewer than `minimumAnswers` answers.
    static func sentence(_ record: ServiceResponsiveness?) -> String? {
        guard let record, record.isMeaningful(minimum: minimumAnswers), let hours = record.medianReplyHours,
              let rate = record.acceptanceRate else { return nil }
        return "Antwortet im Mittel nach \(duration(hours)); nimmt \(GermanFormat.number((rate * 100).rounded())) % an (aus \(record.responses) Antworten)."
    }

    /// "6 Stunden", "1 Stunde", "2,5 Tagen" (dative, after "nach").
    static func duration(_ hours: Double) -> String {
        if hours < 1 { return "weniger als einer Stunde" }
        if hours < 48 {
            let whole = Int(hours.rounded())
            return whole == 1 ? "einer Stunde" : "\(whole) Stunden"
        }
        return GermanFormat.number((hours / 24 * 10).rounded() / 10) + " Tagen"
    }
}
