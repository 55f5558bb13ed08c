// OrganizationBlock: the dashboard context of one organization — its own data and
// verification, services with capacity and stale markers, locations and contacts with their
// visibility, pending and returned changes (as diffs) and open correction suggestions.
import LotseCore
import SQLite
import Templating

/// One organization on the editing dashboard.
enum OrganizationBlock {
    /// The context of organization `id`; `here` is the page forms return to.
    static func context(_ id: String, db: Database, today: String, here: String) throws -> TemplateValue {
        guard let organization = try TableColumns.load("organization", where: "id = ?", [id], in: db).first else {
            throw LotseError(.notFound, "Diese Organisation gibt es nicht.")
        }
        let queue = ReviewQueue(db: db)
        let pending = try queue.pending(organization: id)
        let pendingIDs = Set(pending.map(\.entityID))
        let services = try TableColumns.load("service", where: "organization_id = ?", [id], order: "name, id", in: db).map { service in
            TemplateValue.object(verification(service, today: today).merging([
                "name": .string(service.text("name") ?? "Angebot"), "id": .string(service.id),
                "status": .string((ServiceStatus(rawValue: service.text("status") ?? "") ?? .active).label),
                "hidden": .bool(service["hidden"] == .integer(1)),
                "capacity": .string((CapacityStatus(rawValue: service.text("capacity_status") ?? "") ?? .unknown).label),
                "capacityNote": TemplateValue(service.text("capacity_note")),
                "pending": .bool(pendingIDs.contains(service.id)),
                "editURL": .string(URLs.editService(service.id)), "hoursURL": .string(URLs.editHours(service.id)),
                "capacityURL": .string(URLs.editCapacity(service.id)), "historyURL": .string(URLs.serviceHistory(service.id)),
                "confirmURL": .string(URLs.confirmService(service.id)), "publicURL": .string(URLs.service(service.id)),
            ], uniquingKeysWith: { $1 }))
        }
        let locations = try TableColumns.load("location", where: "organization_id = ?", [id], order: "name, id", in: db).map { location in
            let address = try TableColumns.load("address", where: "location_id = ?", [location.id], in: db).first
            return TemplateValue.object([
                "name": .string(location.text("name") ?? "Standort"),
                "address": TemplateValue(address.map { ChangeDiff.describe($0, db: db) }),
                "visibility": .string((Visibility(rawValue: location.text("visibility") ?? "") ?? .public).label),
                "pending": .bool(pendingIDs.contains(location.id)), "editURL": .string(URLs.editLocation(location.id)),
            ])
        }
        let contacts = try TableColumns.load("contact", where: """
            organization_id = ?1 OR service_id IN (SELECT id FROM service WHERE organization_id = ?1)
            OR location_id IN (SELECT id FROM location WHERE organization_id = ?1)
            """, [id], order: "name, id", in: db).map { contact in
            TemplateValue.object([
                "name": .string([contact.text("name"), contact.text("title")].compactMap { $0 }.joined(separator: ", ").nonEmpty ?? "Kontakt"),
                "visibility": .string((Visibility(rawValue: contact.text("visibility") ?? "") ?? .public).label),
                "pending": .bool(pendingIDs.contains(contact.id)), "editURL": .string(URLs.editContact(contact.id)),
            ])
        }
        let returned = try queue.history(organization: id, limit: 20).filter { $0.status == .returned }.prefix(5)
        let corrections = try Corrections(db: db).list(organization: id, status: .open)
        var values = verification(organization, today: today)
        values.merge([
            "id": .string(id), "name": .string(organization.text("name") ?? "Organisation"),
            "membership": .string(MembershipStatus(rawValue: organization.text("membership_status") ?? "")?.label ?? ""),
            "hidden": .bool(organization["hidden"] == .integer(1)), "here": .string(here),
            "publicURL": .string(URLs.organization(id)), "editURL": .string(URLs.editOrganization(id)),
            "historyURL": .string(URLs.organizationHistory(id)), "confirmURL": .string(URLs.confirmOrganization(id)),
            "newServiceURL": .string(URLs.newService(organization: id)), "newLocationURL": .string(URLs.newLocation(organization: id)),
            "newContactURL": .string(URLs.newContact(organization: id)),
            "services": .array(services), "locations": .array(locations), "contacts": .array(contacts),
            "pendingChanges": .array(pending.map { change(request: $0, db: db) }),
            "returnedChanges": .array(returned.map { change(request: $0, db: db) }),
            "corrections": .array(corrections.map { suggestion in
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
    static func change(request: ChangeRequest, db: Database) -> TemplateValue {
        .object(["summary": .string(request.summary), "status": .string(request.status.label),
                 "submitted": .string(GermanFormat.date(request.submittedAt) ?? request.submittedAt),
                 "submittedBy": .string(request.submittedByName),
                 "reviewed": TemplateValue(GermanFormat.date(request.reviewedAt)), "comment": TemplateValue(request.comment),
                 "lines": ChangeDiff.context(ChangeDiff.lines(request, db: db)),
                 "withdrawURL": .string(URLs.withdrawChange(request.id))])
    }
}

extension String {
    /// Nil for the empty string.
    var nonEmpty: String? { isEmpty ? nil : self }
}
