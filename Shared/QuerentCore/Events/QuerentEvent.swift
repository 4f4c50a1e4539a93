import Foundation

/// An event on the bus. Channels: `training.progress`, `schema.trained`, `schema.untrained`,
/// `knowledge.changed`.
public struct QuerentEvent: Codable, Sendable, Hashable {
    /// The channels Querent publishes on.
    public enum Channel: String, Codable, Sendable, Hashable, CaseIterable {
        /// A training job changed state or stage (queued, active at 25/50/75, completed, failed).
        case trainingProgress = "training.progress"
        /// A table finished training: caches of its tenant and source are stale.
        case schemaTrained = "schema.trained"
        /// A table left the trained set (table `*`: the source was deleted): caches are stale.
        case schemaUntrained = "schema.untrained"
        /// A source's examples, glossary or instructions changed (an example trained or deleted,
        /// a term added…): caches of its tenant and source are stale.
        case knowledgeChanged = "knowledge.changed"
    }

    /// The channel the event is published on.
    public var channel: Channel
    /// The training job the event is about; nil for untraining.
    public var jobId: String?
    /// The source of the table.
    public var sourceId: String
    /// The canonical name of the table; `*` for every table of a deleted source; empty for an
    /// event about an example or the glossary.
    public var tableName: String
    /// The example the event is about (training progress of an example, its training or removal).
    public var exampleId: String?
    /// The tenant's user; subscribers filter on the tenant so no one sees another's events.
    public var userId: String
    /// The tenant's agent.
    public var agentId: String
    /// The job's state (progress events only).
    public var state: TrainingState?
    /// The pipeline stage just reached (progress events only).
    public var stage: TrainingStage?
    /// Progress from 0 to 100 (progress events only).
    public var progress: Int?
    /// The attempt number, 1-based (progress events only).
    public var attempt: Int?
    /// Why the attempt failed, safe to show a client (failed or retried jobs only).
    public var error: String?
    /// When the event was created.
    public var at: Date

    /// An event about `tableName` of `sourceId`, owned by `tenant`.
    public init(
        channel: Channel,
        jobId: String? = nil,
        sourceId: String,
        tableName: String,
        tenant: Tenant,
        state: TrainingState? = nil,
        stage: TrainingStage? = nil,
        progress: Int? = nil,
        attempt: Int? = nil,
        error: String? = nil,
        exampleId: String? = nil,
        at: Date = Date()
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
        self.exampleId = exampleId
        self.at = at
    }

    /// The (user, agent) pair the event belongs to.
    public var tenant: Tenant { Tenant(userId: userId, agentId: agentId) }

    enum CodingKeys: String, CodingKey {
        case channel
        case jobId = "job_id"
        case sourceId = "source_id"
        case tableName = "table_name"
        case userId = "user_id"
        case agentId = "agent_id"
        case state, stage, progress, attempt, error, at
        case exampleId = "example_id"
    }
}
