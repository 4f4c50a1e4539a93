import Foundation

/// A source's teaching material as one document (`GET`/`PUT /:sourceId/knowledge`): examples,
/// glossary and instructions without ids or states, so a team can review it in git and copy it
/// between environments.
public struct SourceKnowledge: Codable, Sendable, Hashable {
    /// The document format; 1.
    public var version: Int
    /// The verified examples.
    public var examples: [Example]
    /// The glossary.
    public var glossary: [Term]
    /// Free-text instructions for the LLM generator; nil or empty for none.
    public var instructions: String?

    /// One example of the document.
    public struct Example: Codable, Sendable, Hashable {
        public var question: String
        public var sql: String

        public init(question: String, sql: String) {
            self.question = question
            self.sql = sql
        }
    }

    /// One glossary term of the document.
    public struct Term: Codable, Sendable, Hashable {
        public var term: String
        public var definition: String
        public var sql: String?

        public init(term: String, definition: String, sql: String? = nil) {
            self.term = term
            self.definition = definition
            self.sql = sql
        }
    }

    /// A document of format version 1.
    public init(examples: [Example] = [], glossary: [Term] = [], instructions: String? = nil, version: Int = 1) {
        self.version = version
        self.examples = examples
        self.glossary = glossary
        self.instructions = instructions
    }
}

/// What a source has been taught that bears on one question, handed to generators in the
/// ``GenerationRequest``: the closest trained examples, the glossary, the instructions, and the
/// SQL users down-voted for this very question.
public struct TeachingContext: Sendable, Hashable {
    /// The closest trained examples, closest first.
    public var examples: [ExampleMatch]
    /// Every glossary term of the source.
    public var glossary: [GlossaryTerm]
    /// The source's instructions for the LLM, when set.
    public var instructions: String?
    /// SQL texts users down-voted (without correcting them) as answers to this question.
    public var rejectedSQL: [String]

    /// A context; everything defaults to empty.
    public init(examples: [ExampleMatch] = [], glossary: [GlossaryTerm] = [], instructions: String? = nil, rejectedSQL: [String] = []) {
        self.examples = examples
        self.glossary = glossary
        self.instructions = instructions
        self.rejectedSQL = rejectedSQL
    }

    /// Nothing taught.
    public var isEmpty: Bool { examples.isEmpty && glossary.isEmpty && (instructions ?? "").isEmpty && rejectedSQL.isEmpty }
}

/// A user's verdict on a recorded answer (`POST /:sourceId/query-history/{id}/feedback`).
public struct AnswerFeedback: Codable, Sendable, Hashable {
    /// Up or down.
    public enum Verdict: String, Codable, Sendable, Hashable {
        case up, down
    }

    /// The verdict.
    public var verdict: Verdict
    /// The corrected SQL of a down-vote, when one was given.
    public var sql: String?
    /// The example the feedback stored (an up-vote or a correction); nil for a bare down-vote.
    public var exampleId: String?
    /// When it was given.
    public var at: Date

    /// Feedback given now.
    public init(verdict: Verdict, sql: String? = nil, exampleId: String? = nil, at: Date = Date()) {
        self.verdict = verdict
        self.sql = sql
        self.exampleId = exampleId
        self.at = at
    }

    enum CodingKeys: String, CodingKey {
        case verdict, sql, at
        case exampleId = "example_id"
    }
}

/// How questions compare when feedback and examples are matched: lower case, letters and
/// digits only, single spaces.
public enum QuestionKey {
    /// The normalized form of `question`.
    public static func normalize(_ question: String) -> String {
        question.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: " ")
    }
}
