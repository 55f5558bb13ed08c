// ApplicationQueuePage: `/koordination/mitglieder/antraege` — the confirmed applications for
// membership with everything the applicant sent; admit (creates the organization, its address
// and services as member entries and asks for the contact person's invitation as editor through
// the invitation flow, which a second person confirms) or reject with a reason (required; the
// queue comes back with the reason kept when it is missing).
import Foundation
import HTTP
import LotseCore
import Templating

/// The coordinators' queue of applications for membership.
enum ApplicationQueuePage {
    /// `GET /koordination/mitglieder/antraege`.
    static func show(_ request: PageRequest) throws -> Response {
        try render(request, rejecting: nil, errors: FormErrors())
    }

    /// The queue; `rejecting` keeps the reason typed for one application when it was refused.
    static func render(_ request: PageRequest, rejecting: (id: String, reason: String)?, errors: FormErrors) throws -> Response {
        let context = request.context
        let queue = try MembershipApplications(store: context.store, now: context.now()).queue()
        let editing = EditorAccess.editing(context)
        let needNames = Dictionary((try editing.choices([.need]).terms[.need] ?? []).map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let areaNames = Dictionary(try editing.areaChoices().map { ($0.id, $0.path.joined(separator: " › ")) }, uniquingKeysWith: { first, _ in first })
        let open = queue.open.map { application -> TemplateValue in
            let field = "grund-\(application.id)"
            let mine = rejecting?.id == application.id
            return .object([
                "name": .string(application.organizationName),
                "kind": .string(OrganizationKind(rawValue: application.kind)?.label ?? application.kind),
                "address": .string("\(application.street), \(application.postalCode) \(application.city)"),
                "area": .string(application.sozialraumID.flatMap { areaNames[$0] } ?? "nicht angegeben"),
                "website": TemplateValue(application.website), "description": .string(application.description),
                "contactName": .string(application.contactName ?? "–"), "contactEmail": .string(application.contactEmail ?? "–"),
                "confirmed": TemplateValue(GermanFormat.dateTime(application.confirmedAt)),
                "services": .array(application.services.map { service in
                    .object(["name": .string(service.name), "description": .string(service.description),
                             "needs": .string(service.needs.map { needNames[$0] ?? $0 }.joined(separator: ", "))])
                }),
                "admitURL": .string(URLs.admitApplication(application.id)), "rejectURL": .string(URLs.rejectApplication(application.id)),
                "reasonField": .string(field), "reason": .string(mine ? rejecting?.reason ?? "" : ""),
                "reasonError": TemplateValue(mine ? errors.message(for: "reason") : nil),
            ])
        }
        let decided = queue.decided.map { application -> TemplateValue in
            .object([
                "name": .string(application.organizationName), "status": .string(application.status.label),
                "decided": TemplateValue(GermanFormat.date(application.decidedAt)), "decidedBy": TemplateValue(application.decidedBy),
                "reason": TemplateValue(application.reason),
                "organizationURL": TemplateValue(application.organizationID.map { URLs.editorOrganization($0) }),
            ])
        }
        var page: [String: TemplateValue] = [
            "open": .array(open), "openCount": .int(open.count), "decided": .array(decided),
            "retentionDays": .int(try ApplicationForm.retentionDays(request)), "notice": TemplateValue(notice(request)),
        ]
        var summary = FormErrors()
        if let rejecting, let message = errors.message(for: "reason") { summary.add("grund-\(rejecting.id)", message) }
        for (key, value) in summary.context { page[key] = value }
        return try request.page("koordination/antraege", title: (errors.isEmpty ? "" : "Fehler: ") + "Mitgliedsanträge", context: page,
                                status: errors.isEmpty ? 200 : 400)
    }

    /// The notice after a decision.
    static func notice(_ request: PageRequest) -> String? {
        switch request.notice {
        case "aufgenommen": "Die Organisation ist aufgenommen; ihre Angebote sind im Verzeichnis. Die Einladung der Ansprechperson ist beantragt: Sobald eine zweite Person sie bestätigt, geht die E-Mail hinaus."
        case "aufgenommen-ohne-einladung": "Die Organisation ist aufgenommen; ihre Angebote sind im Verzeichnis. Die Einladung der Ansprechperson war nicht möglich – bitte über »Anbieter einladen« nachholen."
        case "abgelehnt": "Der Antrag ist abgelehnt."
        default: CoordinationNotice.text(request)
        }
    }

    /// `POST /koordination/mitglieder/antraege/:id/aufnehmen`.
    static func admit(_ request: PageRequest) throws -> Response {
        let coordinator = try request.account
        let now = request.context.now()
        let applications = MembershipApplications(store: request.context.store, now: now)
        guard let application = try applications.application(request.id) else {
            throw LotseError(.notFound, "Diesen Antrag gibt es nicht (mehr).")
        }
        let admission = try applications.admit(request.id, by: coordinator)
        var notice = "aufgenommen"
        do {
            _ = try Invitations(store: request.context.store, now: now).invite(
                email: application.contactEmail ?? "", name: application.contactName ?? "", organizationID: admission.organizationID,
                by: coordinator)
            request.context.mailQueue.enqueued()
        } catch is DirectoryWriter.Rejected {
            notice = "aufgenommen-ohne-einladung"
        }
        return .redirect(to: URLs.with(notice: notice, URLs.membershipApplications))
    }

    /// `POST /koordination/mitglieder/antraege/:id/ablehnen` with `grund`.
    static func reject(_ request: PageRequest) throws -> Response {
        let coordinator = try request.account
        let reason = try request.input.text("grund")
        do {
            try MembershipApplications(store: request.context.store, now: request.context.now()).reject(request.id, reason: reason, by: coordinator)
        } catch let rejected as DirectoryWriter.Rejected {
            var errors = FormErrors()
            errors.add(rejected)
            return try render(request, rejecting: (request.id, reason), errors: errors)
        }
        return .redirect(to: URLs.with(notice: "abgelehnt", URLs.membershipApplications))
    }
}
