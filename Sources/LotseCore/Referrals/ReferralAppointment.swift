// ReferralAppointment: the appointment a referral can carry — date, time and place — and the
// one rule for what counts as a valid one (German messages per form field). The requesting
// team enters it; it is printed on the citizen's slip, and a provider sees it from acceptance
// on as far as consent covers `needs` (ReferralAccess.appointment).
import Foundation

/// An appointment for the citizen at the provider.
public struct ReferralAppointment: Sendable, Equatable {
    /// The day, `YYYY-MM-DD`.
    public let date: String
    /// The time, `HH:MM` (24 hours).
    public let time: String
    /// Where, when not at the service's address (may be personal: a home visit).
    public let place: String?

    /// The longest place accepted.
    public static let placeLimit = 200

    /// Creates an appointment (use `validated` for input).
    public init(date: String, time: String, place: String?) {
        self.date = date
        self.time = time
        self.place = place
    }

    /// One problem with the input: the form field (`termin_datum`, `termin_zeit`,
    /// `termin_ort`) and the German message.
    public struct Problem: Sendable, Equatable {
        /// The form field.
        public let field: String
        /// The message.
        public let message: String
    }

    /// The appointment of the typed `date` (`JJJJ-MM-TT` as the date field sends it, or
    /// `TT.MM.JJJJ`), `time` (`SS:MM`, also `9:30` or `9.30`) and optional `place`, or the
    /// problems; a day before `today` (`YYYY-MM-DD`) is refused.
    public static func validated(date: String, time: String, place: String, today: String) -> Result<ReferralAppointment, Problems> {
        var problems: [Problem] = []
        let day = normalizedDate(date.trimmingCharacters(in: .whitespaces))
        let hour = normalizedTime(time.trimmingCharacters(in: .whitespaces))
        let where_ = place.trimmingCharacters(in: .whitespacesAndNewlines)
        if date.trimmingCharacters(in: .whitespaces).isEmpty {
            problems.append(Problem(field: "termin_datum", message: "Bitte den Tag des Termins angeben."))
        } else if day == nil {
            problems.append(Problem(field: "termin_datum", message: "Tag des Termins: bitte ein Datum angeben (TT.MM.JJJJ)."))
        } else if let day, day < today {
            problems.append(Problem(field: "termin_datum", message: "Der Termin liegt in der Vergangenheit."))
        }
        if time.trimmingCharacters(in: .whitespaces).isEmpty {
            problems.append(Problem(field: "termin_zeit", message: "Bitte die Uhrzeit des Termins angeben."))
        } else if hour == nil {
            problems.append(Problem(field: "termin_zeit", message: "Uhrzeit: bitte als SS:MM angeben, zum Beispiel 09:30."))
        }
        if where_.count > placeLimit {
            problems.append(Problem(field: "termin_ort", message: "Der Ort ist zu lang (höchstens \(placeLimit) Zeichen)."))
        }
        guard problems.isEmpty, let day, let hour else { return .failure(Problems(list: problems)) }
        return .success(ReferralAppointment(date: day, time: hour, place: where_.isEmpty ? nil : where_))
    }

    /// The problems of an input, as an error (the first message is the error's).
    public struct Problems: Error, Sendable, Equatable {
        /// Every problem, in field order.
        public let list: [Problem]
    }

    /// `YYYY-MM-DD` of `JJJJ-MM-TT` or `TT.MM.JJJJ`, or nil.
    static func normalizedDate(_ text: String) -> String? {
        if Timestamp.isDate(text) { return text }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy(digits), let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2]),
              parts[2].count == 4, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count) else { return nil }
        let iso = String(format: "%04d-%02d-%02d", year, month, day)
        return Timestamp.isDate(iso) ? iso : nil
    }

    /// True when `part` is ASCII digits only.
    static func digits(_ part: Substring) -> Bool { !part.isEmpty && part.allSatisfy { $0.isASCII && $0.isNumber } }

    /// `HH:MM` of `H:MM`, `HH:MM` or with a dot, or nil.
    static func normalizedTime(_ text: String) -> String? {
        let parts = text.split(separator: text.contains(":") ? ":" : ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy(digits), (1...2).contains(parts[0].count), parts[1].count == 2,
              let hour = Int(parts[0]), let minute = Int(parts[1]), (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        return String(format: "%02d:%02d", hour, minute)
    }
}
