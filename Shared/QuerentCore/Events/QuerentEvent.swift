import Foundation

/// An event on the bus. Channels: `training.progress`, `schema.trained`, `schema.untrained`.
public struct QuerentEvent: Codable, Sendable, Hashable {
    /// The channels Querent publishes on.
    public enum Channel: String, Codable, Sendable, Hashable, CaseIterable {
        case trainingProgress = "training.progress"
        case schemaTrained = "schema.trained"
        case schemaUntrained = "schema.untrained"
    }

    public var channel: Channel
    public var jobId: String?
    public var sourceId: String
    public var tableName: String
    public var userId: String
    public var agentId: String
    public var state: TrainingState?
    public var stage: TrainingStage?
    public var progress: Int?
    public var attempt: Int?
    public var error: String?
    public var at: Date

    public init(
        channel: Channel, jobId: String? = nil, sourceId: String, tableName: String, tenant: Tenant, state: TrainingState? = nil,
        stage: TrainingStage? = nil, progress: Int? = nil, attempt: Int? = nil, error: String? = nil, at: Date = Date()
    ) {
        self.channel = channel
        self.jobId = jobId
        self.sourceId = sourceId
        self.tableName = tableName
        self.userId = tenant.userId
        self.agentId = tenant.agentId
        self.state = state
        self.stage = stage
        self.progress = progress
        self.attempt = attempt
        self.error = error
        self.at = at
    }

    public var tenant: Tenant { Tenant(userId: userId, agentId: agentId) }

    enum CodingKeys: String, CodingKey {
        case channel
        case jobId = "job_id"
        case sourceId = "source_id"
        case tableName = "table_name"
        case userId = "user_id"
        case agentId = "agent_id"
        case state, stage, progress, attempt, error, at
    }
}
