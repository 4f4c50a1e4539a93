import Foundation

/// Where a training job stands.
public enum TrainingState: String, Codable, Sendable, Hashable {
    case queued
    case active
    case completed
    case failed
}

/// The steps of training and the progress each one reaches: fetch 25, analyze 50,
/// vectorize 75, complete 100.
public enum TrainingStage: String, Codable, Sendable, Hashable, CaseIterable {
    case queued
    case started
    case fetch
    case analyze
    case vectorize
    case complete
    case failed

    /// Progress in percent when the stage is done.
    public var progress: Int {
        switch self {
        case .queued, .started, .failed: return 0
        case .fetch: return 25
        case .analyze: return 50
        case .vectorize: return 75
        case .complete: return 100
        }
    }
}

/// The latest status of training one table (the route `training-status`).
public struct TrainingStatus: Codable, Sendable, Hashable {
    public var jobId: String
    public var sourceId: String
    public var tableName: String
    public var state: TrainingState
    public var progress: Int
    public var stage: TrainingStage
    public var attempts: Int
    public var error: String?
    public var updatedAt: Date

    public init(
        jobId: String, sourceId: String, tableName: String, state: TrainingState, progress: Int, stage: TrainingStage,
        attempts: Int, error: String? = nil, updatedAt: Date = Date()
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
