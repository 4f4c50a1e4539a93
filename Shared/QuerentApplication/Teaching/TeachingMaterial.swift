import Foundation
import QuerentCore

/// Everything a source was taught, as the query path reads it (cached with the schema context).
public struct TeachingMaterial: Sendable {
    /// A bare down-vote: `sql` is a wrong answer to the (normalized) question.
    public struct Rejection: Sendable, Hashable {
        public var question: String
        public var sql: String
    }

    /// The trained examples.
    public var examples: [TaughtExample]
    /// The glossary.
    public var glossary: [GlossaryTerm]
    /// The instructions for the LLM, when set.
    public var instructions: String?
    /// Down-voted answers.
    public var rejected: [Rejection]
    /// The words of each example's question (``QuestionKey/normalize(_:)``), by position.
    let exampleWords: [Set<Substring>]

    /// The material; the examples' words are read once here, not once per question.
    public init(examples: [TaughtExample], glossary: [GlossaryTerm], instructions: String?, rejected: [Rejection]) {
        self.examples = examples
        self.glossary = glossary
        self.instructions = instructions
        self.rejected = rejected
        exampleWords = examples.map { Set(QuestionKey.normalize($0.question).split(separator: " ")) }
    }

    /// True when nothing was taught.
    public var isEmpty: Bool { examples.isEmpty && glossary.isEmpty && (instructions ?? "").isEmpty && rejected.isEmpty }
}
