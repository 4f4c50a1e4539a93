import Foundation

/// A verified question → SQL pair a user taught a source (`POST /:sourceId/examples`, an
/// up-vote, or a corrected down-vote). Both generators answer its paraphrases with its SQL.
public struct TaughtExample: Codable, Sendable, Hashable {
    /// Where an example came from.
    public enum Origin: String, Codable, Sendable, Hashable {
        /// Posted to `…/examples` or imported with `…/knowledge`.
        case taught
        /// An up-voted answer from the history.
        case upvote
        /// The corrected SQL of a down-voted answer.
        case correction
    }

    /// How far its training got: queued, trained (in the vector index) or failed.
    public enum State: String, Codable, Sendable, Hashable {
        case queued, trained, failed
    }

    /// A lower-case UUID.
    public var id: String
    /// The source the example belongs to.
    public var sourceId: String
    /// The question, as taught.
    public var question: String
    /// The SQL that answers it, checked by the safety gate and executed once before it was stored.
    public var sql: String
    /// Where the example came from.
    public var origin: Origin
    /// The history entry whose feedback made it, for ``Origin/upvote`` and ``Origin/correction``.
    public var historyId: Int64?
    /// Training state; only trained examples are retrieved for questions.
    public var state: State
    /// Why training failed, when it did.
    public var error: String?
    /// The user who taught it.
    public var createdBy: String
    /// When it was stored.
    public var createdAt: Date

    /// A new queued example.
    public init(
        id: String = UUID().uuidString.lowercased(),
        sourceId: String,
        question: String,
        sql: String,
        origin: Origin = .taught,
        historyId: Int64? = nil,
        state: State = .queued,
        error: String? = nil,
        createdBy: String,
        createdAt: Date = Date()
    ) {
        self.id = id
        self.sourceId = sourceId
        self.question = question
        self.sql = sql
        self.origin = origin
        self.historyId = historyId
        self.state = state
        self.error = error
        self.createdBy = createdBy
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, question, sql, origin, state, error
        case sourceId = "source_id"
        case historyId = "history_id"
        case createdBy = "created_by"
        case createdAt = "created_at"
    }
}

/// A taught example retrieved for a question, with how close it is (0…1, higher is closer).
public struct ExampleMatch: Sendable, Hashable {
    /// The example.
    public var example: TaughtExample
    /// Embedding similarity blended with word overlap.
    public var score: Double

    /// `example` at closeness `score`.
    public init(example: TaughtExample, score: Double) {
        self.example = example
        self.score = score
    }
}
