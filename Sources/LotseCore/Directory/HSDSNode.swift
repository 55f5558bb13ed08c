// HSDSNode: a record with its nested objects, shaped like the HSDS 3.1 JSON objects
// (a service with its organization, service_at_locations → location → addresses …).

/// A record and its nested HSDS objects.
public struct HSDSNode: Sendable {
    /// The record itself.
    public var record: Record
    /// Nested objects in output order: an array property (`phones`) or a single object
    /// (`organization`, `location`, `unit`, `taxonomy_term`).
    public var children: [(name: String, nodes: [HSDSNode], single: Bool)] = []

    /// Creates a node.
    public init(_ record: Record) { self.record = record }

    /// Adds an array property (also when empty, so that consumers see the key).
    public mutating func add(_ name: String, _ nodes: [HSDSNode]) {
        children.append((name, nodes, false))
    }

    /// Adds a single nested object, if present.
    public mutating func add(_ name: String, single node: HSDSNode?) {
        if let node { children.append((name, [node], true)) }
    }

    /// The nested nodes of a property.
    public func nodes(_ name: String) -> [HSDSNode] {
        children.first { $0.name == name }?.nodes ?? []
    }

    /// The single nested node of a property.
    public func node(_ name: String) -> HSDSNode? { nodes(name).first }
}
