// OrganizationBlock: the dashboard context of one organization — its own data and
// verification, services with capacity and stale markers, locations and contacts with their
// visibility, pending and returned changes (as diffs) and open correction suggestions.
import LotseCore
import Templating

/// One organization on the editing dashboard.
enum OrganizationBlock {
    /// The context of organization `id` (404 when there is none); `here` is the page forms
    /// return to.
    static func context(_ id: String, editing: DirectoryEditing, today: String, here: String) throws -> TemplateValue {
        let overview = try editing.overview(organization: id)
        let organization = overview.organization
        let pendingIDs = Set(overview.pending.map(\.entityID))
        let services = overview.services.map { service in
            TemplateValue.object(verification(service, today: today).merging([
                "name": .string(service.text("name") ?? "Angebot"), "id": .string(service.id),
                "status": .string((ServiceStatus(rawValue: service.text("status") ?? "") ?? .active).label),
                "hidden": .bool(service.text("hidden") == "1"),
                "capacity": .string((CapacityStatus(rawValue: service.text("capacity_status") ?? "") ?? .unknown).label),
                "capacityNote": TemplateValue(service.text("capacity_note")),
                "pending": .bool(pendingIDs.contains(service.id)),
                "editURL": .string(URLs.editService(service.id)), "hoursURL": .string(URLs.editHours(service.id)),
                "capacityURL": .string(URLs.editCapacity(service.id)), "historyURL": .string(URLs.serviceHistory(service.id)),
                "confirmURL": .string(URLs.confirmService(service.id)), "publicURL": .string(URLs.service(service.id)),
            ], uniquingKeysWith: { $1 }))
        }
        let locations = overview.locations.map { entry in
            TemplateValue.object([
                "name": .string(entry.location.text("name") ?? "Standort"),
                "address": TemplateValue(entry.address.map { ChangeDiff.describe($0, lookup: overview.lookup) }),
                "visibility": .string((Visibility(rawValue: entry.location.text("visibility") ?? "") ?? .public).label),
                "pending": .bool(pendingIDs.contains(entry.location.id)), "editURL": .string(URLs.editLocation(entry.location.id)),
            ])
        }
        let contacts = overview.contacts.map { contact in
            TemplateValue.object([
                "name": .string([contact.text("name"), contact.text("title")].compactMap { $0 }.joined(separator: ", ").nonEmpty ?? "Kontakt"),
                "visibility": .string((Visibility(rawValue: contact.text("visibility") ?? "") ?? .public).label),
                "pending": .bool(pendingIDs.contains(contact.id)), "editURL": .string(URLs.editContact(contact.id)),
            ])
        }
        var values = verification(organization, today: today)
        values.merge([
            "id": .string(id), "name": .string(organization.text("name") ?? "Organisation"),
            "membership": .string(MembershipStatus(rawValue: organization.text("membership_status") ?? "")?.label ?? ""),
            "hidden": .bool(organization.text("hidden") == "1"), "here": .string(here),
            "publicURL": .string(URLs.organization(id)), "editURL": .string(URLs.editOrganization(id)),
            "historyURL": .string(URLs.organizationHistory(id)), "confirmURL": .string(URLs.confirmOrganization(id)),
            "newServiceURL": .string(URLs.newService(organization: id)), "newLocationURL": .string(URLs.newLocation(organization: id)),
            "newContactURL": .string(URLs.newContact(organization: id)), "newCooperationURL": .string(URLs.newCooperation(id)),
            "cooperations": .array(try Cooperations(store: editing.store).of(id).map { cooperation in
                .object(["partner": .string(cooperation.partner), "topic": .string(cooperation.topic),
                         "until": TemplateValue(GermanFormat.date(cooperation.until)), "editURL": .string(URLs.editCooperation(cooperation.id))])
            }),
            "services": .array(services), "locations": .array(locations), "contacts": .array(contacts),
            "pendingChanges": .array(overview.pending.map { change(request: $0, lookup: overview.lookup) }),
            "returnedChanges": .array(overview.returned.map { change(request: $0, lookup: overview.lookup) }),
            "corrections": .array(overview.corrections.map { suggestion in
                .object(["service": .string(suggestion.serviceName), "serviceURL": .string(URLs.editService(suggestion.serviceID)),
                         "text": .string(suggestion.text), "created": .string(GermanFormat.date(suggestion.createdAt) ?? suggestion.createdAt),
                         "action": .string(URLs.handleCorrection(suggestion.id))])
            }),
        ], uniquingKeysWith: { $1 })
        return .object(values)
    }

    /// `verifiedOn`, `nextReviewDue`, `isStale` of an organization or service.
    static func verification(_ record: Record, today: String) -> [String: TemplateValue] {
        let due = record.text("next_review_due")
        return ["verifiedOn": TemplateValue(GermanFormat.date(record.text("verified_at"))),
                "verifiedBy": TemplateValue(record.text("verified_by")),
                "nextReviewDue": TemplateValue(GermanFormat.date(due)),
                "isStale": .bool(due.map { $0 < today } ?? true)]
    }

    /// A change request for the provider: summary, dates, comment, diff, withdraw action.
    static func change(request: ChangeRequest, lookup: RecordLookup) -> TemplateValue {
        .object(["summary": .string(request.summary), "status": .string(request.status.label),
                 "submitted": .string(GermanFormat.date(request.submittedAt) ?? request.submittedAt),
                 "submittedBy": .string(request.submittedByName),
                 "reviewed": TemplateValue(GermanFormat.date(request.reviewedAt)), "comment": TemplateValue(request.comment),
                 "lines": ChangeDiff.context(ChangeDiff.lines(request, lookup: lookup)),
                 "withdrawURL": .string(URLs.withdrawChange(request.id))])
    }
}

extension String {
    /// Nil for the empty string.
    var nonEmpty: String? { isEmpty ? nil : self }
}
