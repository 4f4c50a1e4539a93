import Foundation

/// Why retrieval offered a table to the generator.
public enum RetrievalReason: String, Codable, Sendable, Hashable {
    /// Its schema document is among the closest to the question (vector similarity).
    case vector
    /// Words of the question name it, its columns or its comments (lexical index).
    case lexical
    /// A word of the question is one of its stored values.
    case value
    /// A foreign key joins it to a table chosen for the question.
    case foreignKeyNeighbour = "foreign_key_neighbour"
    /// A join inferred from names and types (no foreign key declared) links it to a chosen table.
    case inferredJoin = "inferred_join"
    /// It holds the money measure the question asks for, or lies on the join path to it.
    case measurePath = "measure_path"
    /// Nothing matched; the source's first trained table is offered so the generator can say so.
    case fallback
}

/// A trained table offered to a generator: its schema, business context and retrieval score.
public struct RetrievedTable: Sendable, Hashable {
    /// The table's stored schema, value profile included.
    public var schema: TableSchema
    /// The table's business context (user description + generated paragraph).
    public var businessContext: String
    /// How well it matches the question, 0 to 1 (0 for tables added as neighbours).
    public var score: Float
    /// Why it was offered.
    public var reason: RetrievalReason

    /// A retrieved table with its similarity `score`, offered for `reason`.
    public init(schema: TableSchema, businessContext: String, score: Float, reason: RetrievalReason = .vector) {
        self.schema = schema
        self.businessContext = businessContext
        self.score = score
        self.reason = reason
    }
}

/// Everything a ``SQLGenerator`` needs to answer one question.
public struct GenerationRequest: Sendable {
    /// The user's question (the query pipeline trims it and caps it at 2,000 characters).
    public var question: String
    /// The SQL dialect the answer must be written in.
    public var dialect: Dialect
    /// The retrieved tables, most relevant first; the SQL may use only these.
    public var tables: [RetrievedTable]
    /// The previous attempt and why it failed, for self-correction.
    public var feedback: Feedback?
    /// The source's semantic model with the user's edits, when one is stored; generators derive
    /// one from ``tables`` when it is nil.
    public var semanticModel: SemanticModel?
    /// What the source was taught that bears on this question (examples, glossary,
    /// instructions, down-voted SQL); nil when nothing was.
    public var teaching: TeachingContext?

    /// A failed attempt: the SQL and the gate's or the database's error message.
    public struct Feedback: Sendable, Hashable {
        /// The SQL that failed.
        public var sql: String
        /// Why it failed, as the safety gate or the database said (no secrets).
        public var error: String

        /// Feedback on `sql`, which failed with `error`.
        public init(sql: String, error: String) {
            self.sql = sql
            self.error = error
        }
    }

    /// A request for `question` over `tables`; `feedback` asks for a correction.
    public init(
        question: String,
        dialect: Dialect,
        tables: [RetrievedTable],
        feedback: Feedback? = nil,
        semanticModel: SemanticModel? = nil,
        teaching: TeachingContext? = nil
    ) {
        self.question = question
        self.dialect = dialect
        self.tables = tables
        self.feedback = feedback
        self.semanticModel = semanticModel
        self.teaching = teaching
    }
}

/// Turns a question into SQL over the retrieved tables.
///
/// Adapters: the built-in schema-linking generator (no LLM); an OpenAI-compatible chat model.
public protocol SQLGenerator: Sendable {
    /// `builtin` or `llm`.
    var name: String { get }
    /// Writes SQL answering `request.question` over `request.tables` only.
    ///
    /// Never throws for a question it cannot answer: it returns an empty ``SQLGenerationResult/sql``
    /// with confidence 0 and an explanation. The SQL is not yet checked: the caller passes it through
    /// the safety gate before anything runs.
    /// - Throws: ``ServiceError`` `.unavailable` when a remote model cannot be reached or answers
    ///   with an error (the built-in generator never throws).
    func generate(_ request: GenerationRequest) async throws -> SQLGenerationResult
}
