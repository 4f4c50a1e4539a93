import Foundation

/// Whether a job trains a table for the first time or again.
public enum TrainingType: String, Codable, Sendable, Hashable {
    /// The table is not trained yet.
    case newTable = "new_table"
    /// The table is trained; its schema, context and vector are refreshed.
    case retrainTable = "retrain_table"
    /// A taught example: its question is embedded into the tenant's vector namespace.
    case example

    /// The job name on the queue: `train_table_schema` or `retrain_table_schema`.
    public var jobName: String {
        switch self {
        case .newTable: return "train_table_schema"
        case .retrainTable: return "retrain_table_schema"
        case .example: return "train_example"
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

    /// A unique id (a lower-case UUID), kept across retries; the status and events carry it.
    public var jobId: String
    /// The source holding the table.
    public var sourceId: String
    /// The canonical name of the table to train; empty for an example.
    public var tableName: String
    /// The example to train, for a job of type ``TrainingType/example``.
    public var exampleId: String?
    /// The tenant's user, who asked for the training.
    public var userId: String
    /// The tenant's agent; with ``userId`` it picks the vector namespace.
    public var agentId: String
    /// First training or retraining.
    public var trainingType: TrainingType
    /// 1 for the first try; incremented by each retry.
    public var attempt: Int

    /// A new job (attempt 1, fresh id unless given) for `tableName` of `sourceId`, owned by `tenant`.
    public init(
        jobId: String = UUID().uuidString.lowercased(),
        sourceId: String,
        tableName: String,
        tenant: Tenant,
        trainingType: TrainingType,
        exampleId: String? = nil,
        attempt: Int = 1
    ) {
        self.jobId = jobId
        self.sourceId = sourceId
        self.tableName = tableName
        self.userId = tenant.userId
        self.agentId = tenant.agentId
        self.trainingType = trainingType
        self.exampleId = exampleId
        self.attempt = attempt
    }

    /// The (user, agent) pair that owns the job.
    public var tenant: Tenant { Tenant(userId: userId, agentId: agentId) }
    /// The job name: `train_table_schema` or `retrain_table_schema`.
    public var name: String { trainingType.jobName }
}
