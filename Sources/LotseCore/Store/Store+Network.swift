// Store+Network: what the database says about the network it holds — its name and whether it
// is the fictitious sample network — for page chrome, mail senders and the CLI.

extension Store {
    /// The network's name and whether the database holds the fictitious sample data.
    public struct NetworkIdentity: Sendable, Equatable {
        /// The name (from the seeds), "Lotse" when none is recorded.
        public let name: String
        /// True for the fictitious sample network.
        public let isSampleData: Bool
    }

    /// Reads the network's identity.
    public func networkIdentity() throws -> NetworkIdentity {
        try pool.read { db in
            NetworkIdentity(name: try db.scalarString("SELECT value FROM lotse_meta WHERE key = 'network_name'") ?? "Lotse",
                            isSampleData: try db.scalarString("SELECT value FROM lotse_meta WHERE key = 'sample_data'") == "1")
        }
    }
}
