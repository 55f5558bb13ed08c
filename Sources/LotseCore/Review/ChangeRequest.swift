// ChangeRequest: a provider's structural change waiting for a coordinator — one or more row
// operations (write these columns of this record, or delete it) applied together on approval.
import Foundation

/// One row operation of a change.
public struct RowChange: Codable, Sendable, Equatable {
    /// Table of the record.
    public var table: String
    /// Its id (a new UUID for a new record).
    public var id: String
    /// Columns to set (nil clears).
    public var values: [String: String?]
    /// True to delete the record instead.
    public var delete: Bool

    /// Creates an operation.
    public init(table: String, id: String, values: [String: String?] = [:], delete: Bool = false) {
        self.table = table
        self.id = id
        self.values = values
        self.delete = delete
    }
}

/// A change in the review queue.
public struct ChangeRequest: Sendable {
    /// Where it stands.
    public enum Status: String, Sendable {
        case pending, approved, returned, withdrawn

        /// German label.
        public var label: String {
            switch self {
            case .pending: "wartet auf Prüfung"
            case .approved: "freigegeben"
            case .returned: "zurückgegeben"
            case .withdrawn: "zurückgezogen"
            }
        }
    }

    public let id: String
    public let organizationID: String
    public let entity: String
    public let entityID: String
    /// "create" or "update".
    public let action: String
    /// German one-liner for the queue.
    public let summary: String
    public let rows: [RowChange]
    public let submittedBy: String
    public let submittedByName: String
    public let submittedAt: String
    public let status: Status
    public let reviewedAt: String?
    public let comment: String?
}
