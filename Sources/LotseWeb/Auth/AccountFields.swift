// AccountFields: the fields of the account forms (login, login link, forgotten and new
// password, invitation, password change) on the shared field partial, so that they are
// labelled, described and marked invalid exactly like the editing forms.
import LotseCore
import Templating

/// The fields of the `konto/*` forms.
enum AccountFields {
    /// The address of the login-link form (its id differs from the password form's `email`).
    static let linkEmail = FormField(name: "email", label: "E-Mail-Adresse", kind: .email, optional: false, autocomplete: "email",
                                     id: "link-email", required: true)
    /// The address of the password login (a login name: no `email` input, no spell checking).
    static let loginEmail = FormField(name: "email", label: "E-Mail-Adresse", optional: false, autocomplete: "username",
                                      required: true, inputMode: "email", spellcheck: false)
    /// The password of the login.
    static let loginPassword = FormField(name: "passwort", label: "Passwort", kind: .password, optional: false,
                                         autocomplete: "current-password", required: true)
    /// The address of "Passwort vergessen".
    static let forgottenEmail = FormField(name: "email", label: "E-Mail-Adresse", kind: .email, optional: false, autocomplete: "email",
                                          required: true)
    /// The current password, when one is set.
    static let currentPassword = FormField(name: "aktuell", label: "Bisheriges Passwort", kind: .password, optional: false,
                                           autocomplete: "current-password", required: true)
    /// The new password, with `hint`.
    static func newPassword(hint: String, minimum: Int? = nil) -> FormField {
        FormField(name: "passwort", label: "Neues Passwort", kind: .password, hint: hint, optional: false, autocomplete: "new-password",
                  required: true, minLength: minimum)
    }
    /// The new password again.
    static let repeatedPassword = FormField(name: "passwort2", label: "Neues Passwort wiederholen", kind: .password, optional: false,
                                            autocomplete: "new-password", required: true)
    /// The name of an invited person.
    static let invitedName = FormField(name: "name", label: "Ihr Name", optional: false, autocomplete: "name", required: true)
    /// The optional password of an invited person.
    static func invitedPassword(minimum: Int) -> FormField {
        FormField(name: "passwort", label: "Passwort", kind: .password,
                  hint: "Ohne Passwort melden Sie sich jedes Mal per E-Mail-Link an. Mit Passwort: mindestens \(minimum) Zeichen.",
                  autocomplete: "new-password")
    }

    /// The template values of `fields`, with the values typed so far and the errors.
    static func context(_ fields: [FormField], values: [String: TemplateValue] = [:], errors: FormErrors) -> TemplateValue {
        .array(fields.map { $0.context(values[$0.name]?.stringValue ?? "", errors: errors) })
    }
}
