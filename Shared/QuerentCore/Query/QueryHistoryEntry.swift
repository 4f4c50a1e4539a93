import Foundation

/// One recorded question or hand-written statement, successful or not.
public struct QueryHistoryEntry: Codable, Sendable, Hashable {
    /// Increasing id; also the pagination cursor.
    public var id: Int64
    /// The source the statement ran on.
    public var sourceId: String
    /// The tenant's user; history is only ever read back for the same tenant.
    public var userId: String
    /// The tenant's agent.
    public var agentId: String
    /// The question, or nil for hand-written SQL.
    public var question: String?
    /// The SQL that was (or would have been) run; empty when none was generated.
    public var sql: String
    /// Whether the SQL ran successfully.
    public var success: Bool
    /// Rows returned (0 on failure).
    public var rowCount: Int
    /// Execution time in milliseconds.
    public var executionTimeMs: Double
    /// Why it failed, safe to show a client; nil on success.
    public var error: String?
    /// `builtin`, `llm` or `sql` (hand-written).
    public var generator: String
    /// The generator's confidence; nil for hand-written SQL.
    public var confidence: Double?
    /// When the entry was recorded.
    public var createdAt: Date
    /// The user's verdict on the answer, once given.
    public var feedback: AnswerFeedback?

    /// An entry to append; the store assigns ``id``.
    public init(
        id: Int64 = 0,
        sourceId: String,
        userId: String,
        agentId: String,
        question: String?,
        sql: String,
        success: Bool,
        rowCount: Int,
        executionTimeMs: Double,
        error: String?,
        generator: String,
        confidence: Double?,
        createdAt: Date = Date(),
        feedback: AnswerFeedback? = nil
    ) {
        self.id = id
        self.sourceId = sourceId
        self.userId = userId
        self.agentId = agentId
        self.question = question
        self.sql = sql
        self.success = success
        self.rowCount = rowCount
        self.executionTimeMs = executionTimeMs
        self.error = error
        self.generator = generator
        self.confidence = confidence
        self.createdAt = createdAt
        self.feedback = feedback
    }

    enum CodingKeys: String, CodingKey {
        case id
        case sourceId = "source_id"
        case userId = "user_id"
        case agentId = "agent_id"
        case question, sql, success
        case rowCount = "row_count"
        case executionTimeMs = "execution_time_ms"
        case error, generator, confidence
        case createdAt = "created_at"
        case feedback
    }
}
