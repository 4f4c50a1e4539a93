import Foundation

/// The owner of sources, schemas and vectors: one user working through one agent.
///
/// Every read and write of tenant data is scoped by a `Tenant`; another tenant's data is
/// indistinguishable from data that does not exist.
public struct Tenant: Sendable, Hashable, Codable {
    public var userId: String
    public var agentId: String

    public init(userId: String, agentId: String) {
        self.userId = userId
        self.agentId = agentId
    }

    /// The vector namespace of this tenant: `user_{userId}_agent_{agentId}_db`.
    public var vectorNamespace: String { "user_\(userId)_agent_\(agentId)_db" }
}
