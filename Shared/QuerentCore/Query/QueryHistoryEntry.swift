import Foundation

/// One recorded question or hand-written statement, successful or not.
public struct QueryHistoryEntry: Codable, Sendable, Hashable {
    /// Increasing id; also the pagination cursor.
    public var id: Int64
    public var sourceId: String
    public var userId: String
    public var agentId: String
    /// The question, or nil for hand-written SQL.
    public var question: String?
    public var sql: String
    public var success: Bool
    public var rowCount: Int
    public var executionTimeMs: Double
    public var error: String?
    /// `builtin`, `llm` or `sql` (hand-written).
    public var generator: String
    public var confidence: Double?
    public var createdAt: Date

    public init(
        id: Int64 = 0, sourceId: String, userId: String, agentId: String, question: String?, sql: String, success: Bool,
        rowCount: Int, executionTimeMs: Double, error: String?, generator: String, confidence: Double?, createdAt: Date = Date()
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
    }
}
