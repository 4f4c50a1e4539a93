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
    /// How many distinct words each example's question has (``QuestionKey/normalize(_:)``), by position.
    let wordCounts: [Int]
    /// The examples (positions) whose question has each word.
    let postings: [Substring: [Int]]
    /// Each example's position, by id.
    let positions: [String: Int]

    /// The material; the examples' words are read once here, not once per question.
    public init(examples: [TaughtExample], glossary: [GlossaryTerm], instructions: String?, rejected: [Rejection]) {
        self.examples = examples
        self.glossary = glossary
        self.instructions = instructions
        self.rejected = rejected
        var postings: [Substring: [Int]] = [:]
        var counts: [Int] = []
        for (index, example) in examples.enumerated() {
            let words = Set(QuestionKey.normalize(example.question).split(separator: " "))
            counts.append(words.count)
            for word in words { postings[word, default: []].append(index) }
        }
        self.postings = postings
        wordCounts = counts
        positions = Dictionary(examples.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// True when nothing was taught.
    public var isEmpty: Bool { examples.isEmpty && glossary.isEmpty && (instructions ?? "").isEmpty && rejected.isEmpty }
}
