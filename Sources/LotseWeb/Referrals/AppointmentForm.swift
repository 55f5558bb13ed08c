// AppointmentForm: `POST /vermittlungen/:id/termin` — the requesting team enters or changes
// the appointment of an open referral (date, time, place), or removes it. Bad input shows the
// referral again with a German message at each field and the typed values kept.
import HTTP
import LotseCore
import Templating

/// The appointment form on the referral page.
enum AppointmentForm {
    /// What the counselor typed, shown again after an error.
    struct Typed {
        /// `termin_datum`.
        var date = ""
        /// `termin_zeit`.
        var time = ""
        /// `termin_ort`.
        var place = ""
    }

    /// `POST /vermittlungen/:id/termin` with `termin_datum`, `termin_zeit`, `termin_ort`, or
    /// `entfernen=1` to remove the appointment.
    static func save(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let id = request.id
        try DeskAccess.desk(request.context) { desk in _ = try DeskAccess.ownerGate(id, account: account, desk: desk) }
        let input = try request.input
        return try ReferralActions.refusalsShown(request) {
            if input.optional("entfernen") != nil {
                try DeskAccess.desk(request.context) { desk in try desk.setAppointment(id, nil, by: account) }
                return .redirect(to: URLs.referral(id, notice: "termin-entfernt"))
            }
            let typed = Typed(date: input.text("termin_datum"), time: input.text("termin_zeit"), place: input.text("termin_ort"))
            let today = BerlinTime(request.context.now()).dateString
            switch ReferralAppointment.validated(date: typed.date, time: typed.time, place: typed.place, today: today) {
            case .failure(let problems):
                var errors = FormErrors()
                for problem in problems.list { errors.add(problem.field, problem.message) }
                return try ReferralPage.render(request, errors: errors, status: 400, typedAppointment: typed)
            case .success(let appointment):
                try DeskAccess.desk(request.context) { desk in try desk.setAppointment(id, appointment, by: account) }
                return .redirect(to: URLs.referral(id, notice: "termin"))
            }
        }
    }

    /// The form's context for the requesting team while the referral is open: `action`,
    /// `date`, `time`, `place` (typed values after an error, else the stored appointment),
    /// `hasAppointment` (offers removing it).
    static func context(_ id: String, stored: ReferralAppointment?, typed: Typed?) -> TemplateValue {
        .object([
            "action": .string(URLs.referralAppointment(id)), "hasAppointment": .bool(stored != nil),
            "date": .string(typed?.date ?? stored?.date ?? ""), "time": .string(typed?.time ?? stored?.time ?? ""),
            "place": .string(typed?.place ?? stored?.place ?? ""),
        ])
    }
}
