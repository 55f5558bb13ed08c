// ReviewedForm: what the forms whose changes go to the review queue share — the pending or
// returned change of a record shown above the form, and submitting the row operations with
// a German summary, answering with the dashboard or the form again on errors.
import HTTP
import LotseCore
import Templating

/// Shared steps of the reviewed forms.
enum ReviewedForm {
    /// The pending change of a record (its rows and diff) and, when none is pending, the
    /// comment of the last returned one.
    static func state(entityID: String, organization: String, _ context: AppContext) throws -> (rows: [RowChange], diff: TemplateValue, returned: String?) {
        let state = try EditorAccess.editing(context).reviewState(entityID: entityID, organization: organization)
        guard let pending = state.pending else { return ([], .null, state.returnedComment) }
        return (pending.rows, .object(["lines": ChangeDiff.context(ChangeDiff.lines(pending, lookup: state.lookup))]), nil)
    }

    /// Queues `rows` (nothing when empty) and returns the redirect to the organization's
    /// dashboard; throws `DirectoryWriter.Rejected` for the form to show.
    static func submit(_ context: AppContext, account: Account, organization: String, entity: String, entityID: String,
                       action: String, summary: String, rows: [RowChange], next: String? = nil) throws -> Response {
        guard !rows.isEmpty else { return .redirect(to: next ?? URLs.editorOrganization(organization, notice: "unveraendert")) }
        try EditorAccess.editing(context).submit(rows, organization: organization, entity: entity, entityID: entityID, action: action,
                                                 summary: summary, by: account)
        return .redirect(to: next ?? URLs.editorOrganization(organization, notice: "eingereicht"))
    }

    /// The directory's own checks of `rows` (types, plausibility, references), so that a form
    /// shows them together with its own checks.
    static func problems(_ rows: [RowChange], _ context: AppContext) throws -> [DirectoryWriter.FieldProblem] {
        try EditorAccess.editing(context).problems(rows)
    }

    /// "Angebot »X« geändert: Name, E-Mail, Bedarfe" from the rows.
    static func summary(_ kind: String, name: String, created: Bool, rows: [RowChange]) -> String {
        var parts: [String] = []
        for row in rows {
            let label: String
            switch row.table {
            case "attribute": label = "Zuordnungen"
            case "language": label = "Sprachen"
            case "service_at_location": label = "Standorte"
            case "address": label = "Adresse"
            case "phone": label = "Telefon"
            default: label = row.delete ? "gelöscht" : row.values.keys.filter { !FieldLabels.quiet.contains($0) }.sorted().map(FieldLabels.column).joined(separator: ", ")
            }
            if !label.isEmpty && !parts.contains(label) { parts.append(label) }
        }
        return "\(kind) »\(name)« \(created ? "neu" : "geändert")" + (created || parts.isEmpty ? "" : ": " + parts.joined(separator: ", "))
    }
}
