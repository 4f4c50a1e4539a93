import Foundation

/// A trained table offered to a generator: its schema, business context and retrieval score.
public struct RetrievedTable: Sendable, Hashable {
    public var schema: TableSchema
    public var businessContext: String
    /// Cosine similarity to the question (0 for tables added as foreign-key neighbours).
    public var score: Float

    public init(schema: TableSchema, businessContext: String, score: Float) {
        self.schema = schema
        self.businessContext = businessContext
        self.score = score
    }
}

/// Everything a ``SQLGenerator`` needs to answer one question.
public struct GenerationRequest: Sendable {
    public var question: String
    public var dialect: Dialect
    /// The retrieved tables, most relevant first; the SQL may use only these.
    public var tables: [RetrievedTable]
    /// The previous attempt and why it failed, for self-correction.
    public var feedback: Feedback?

    public struct Feedback: Sendable, Hashable {
        public var sql: String
        public var error: String

        public init(sql: String, error: String) {
            self.sql = sql
            self.error = error
        }
    }

    public init(question: String, dialect: Dialect, tables: [RetrievedTable], feedback: Feedback? = nil) {
        self.question = question
        self.dialect = dialect
        self.tables = tables
        self.feedback = feedback
    }
}

/// Turns a question into SQL over the retrieved tables.
///
/// Adapters: the built-in schema-linking generator (no LLM); an OpenAI-compatible chat model.
public protocol SQLGenerator: Sendable {
    /// `builtin` or `llm`.
    var name: String { get }
    func generate(_ request: GenerationRequest) async throws -> SQLGenerationResult
}
