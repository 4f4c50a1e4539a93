import Foundation

/// Where a training job stands.
public enum TrainingState: String, Codable, Sendable, Hashable {
    /// Waiting on the queue (also between a failed attempt and its retry).
    case queued
    /// A trainer is running it.
    case active
    /// Trained: the table is in the trained set.
    case completed
    /// Every attempt failed; the job is a dead letter.
    case failed
}

/// The steps of training and the progress each one reaches: fetch 25, analyze 50,
/// vectorize 75, model 90, complete 100.
public enum TrainingStage: String, Codable, Sendable, Hashable, CaseIterable {
    /// Not started.
    case queued
    /// Claimed by a trainer.
    case started
    /// Schema introspected from the customer database.
    case fetch
    /// Business context and value profile computed and stored.
    case analyze
    /// Embedded and upserted into the vector store.
    case vectorize
    /// Marked trained, then the source's semantic model derived again from all its trained
    /// tables and stored (a failure to derive it is logged and never fails the job).
    case model
    /// Trained: the job is done and `schema.trained` follows.
    case complete
    /// Gave up (dead letter).
    case failed

    /// Progress in percent when the stage is done.
    public var progress: Int {
        switch self {
        case .queued, .started, .failed: return 0
        case .fetch: return 25
        case .analyze: return 50
        case .vectorize: return 75
        case .model: return 90
        case .complete: return 100
        }
    }
}

/// The latest status of training one table (the route `training-status`).
public struct TrainingStatus: Codable, Sendable, Hashable {
    /// The latest job for the table.
    public var jobId: String
    /// The source holding the table.
    public var sourceId: String
    /// The canonical table name; one status per source and table.
    public var tableName: String
    /// Queued, active, completed or failed.
    public var state: TrainingState
    /// Percent done, 0 to 100 (0 when failed).
    public var progress: Int
    /// The last stage reached.
    public var stage: TrainingStage
    /// The attempt number of the job (0 while first queued).
    public var attempts: Int
    /// Why the last attempt failed, safe to show a client; nil otherwise.
    public var error: String?
    /// When the status was last written.
    public var updatedAt: Date

    /// A status as the coordinator or a trainer records it.
    public init(
        jobId: String,
        sourceId: String,
        tableName: String,
        state: TrainingState,
        progress: Int,
        stage: TrainingStage,
        attempts: Int,
        error: String? = nil,
        updatedAt: Date = Date()
    ) {
        self.jobId = jobId
        self.sourceId = sourceId
        self.tableName = tableName
        self.state = state
        self.progress = progress
        self.stage = stage
        self.attempts = attempts
        self.error = error
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case jobId = "job_id"
        case sourceId = "source_id"
        case tableName = "table_name"
        case state, progress, stage, attempts, error
        case updatedAt = "updated_at"
    }
}
