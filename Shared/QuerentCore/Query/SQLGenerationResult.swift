import Foundation

/// What a generator produced for a question: the product contract
/// `{sql, confidence, explanation, table_used, safety_warnings?, estimated_rows?}`.
public struct SQLGenerationResult: Codable, Sendable, Hashable {
    /// The SQL, or empty when the generator could not answer.
    public var sql: String
    /// Calibrated confidence in 0…1 that the SQL answers the question.
    public var confidence: Double
    /// What was linked and why, in plain language (or why nothing could be).
    public var explanation: String
    /// The tables the SQL reads.
    public var tableUsed: [String]
    /// Problems the generator or the safety gate noticed (a refusal reason, a rewritten clause); nil when none.
    public var safetyWarnings: [String]?
    /// The planner's row estimate (Postgres `EXPLAIN`), when known.
    public var estimatedRows: Int64?
    /// Which generator answered: `builtin` or `llm`.
    public var generator: String?

    /// A generator's answer; warnings, estimate and generator name are optional.
    public init(
        sql: String,
        confidence: Double,
        explanation: String,
        tableUsed: [String],
        safetyWarnings: [String]? = nil,
        estimatedRows: Int64? = nil,
        generator: String? = nil
    ) {
        self.sql = sql
        self.confidence = confidence
        self.explanation = explanation
        self.tableUsed = tableUsed
        self.safetyWarnings = safetyWarnings
        self.estimatedRows = estimatedRows
        self.generator = generator
    }

    enum CodingKeys: String, CodingKey {
        case sql, confidence, explanation
        case tableUsed = "table_used"
        case safetyWarnings = "safety_warnings"
        case estimatedRows = "estimated_rows"
        case generator
    }
}
