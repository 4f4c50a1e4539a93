import Foundation

/// The owner of sources, schemas and vectors: one user working through one agent.
///
/// Every read and write of tenant data is scoped by a `Tenant`; another tenant's data is
/// indistinguishable from data that does not exist.
public struct Tenant: Sendable, Hashable, Codable {
    /// The user id: the bearer token's `sub` claim.
    public var userId: String
    /// The agent id: the bearer token's `agent_id` claim.
    public var agentId: String

    /// The tenant of one user working through one agent.
    public init(userId: String, agentId: String) {
        self.userId = userId
        self.agentId = agentId
    }

    /// The vector namespace of this tenant: `user_{userId}_agent_{agentId}_db`.
    public var vectorNamespace: String { "user_\(userId)_agent_\(agentId)_db" }
}
