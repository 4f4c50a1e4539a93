import Foundation

/// Whether a job trains a table for the first time or again.
public enum TrainingType: String, Codable, Sendable, Hashable {
    case newTable = "new_table"
    case retrainTable = "retrain_table"

    /// The job name on the queue: `train_table_schema` or `retrain_table_schema`.
    public var jobName: String {
        switch self {
        case .newTable: return "train_table_schema"
        case .retrainTable: return "retrain_table_schema"
        }
    }
}

/// A job on the `database-schema-training` queue.
///
/// The JSON form is the product contract `{sourceId, tableName, userId, agentId, trainingType}`
/// plus the job id and the attempt number.
public struct TrainingJob: Codable, Sendable, Hashable {
    /// The queue every trainer consumes.
    public static let queueName = "database-schema-training"

    public var jobId: String
    public var sourceId: String
    public var tableName: String
    public var userId: String
    public var agentId: String
    public var trainingType: TrainingType
    /// 1 for the first try; incremented by each retry.
    public var attempt: Int

    public init(
        jobId: String = UUID().uuidString.lowercased(), sourceId: String, tableName: String, tenant: Tenant,
        trainingType: TrainingType, attempt: Int = 1
    ) {
        self.jobId = jobId
        self.sourceId = sourceId
        self.tableName = tableName
        self.userId = tenant.userId
        self.agentId = tenant.agentId
        self.trainingType = trainingType
        self.attempt = attempt
    }

    public var tenant: Tenant { Tenant(userId: userId, agentId: agentId) }
    public var name: String { trainingType.jobName }
}
