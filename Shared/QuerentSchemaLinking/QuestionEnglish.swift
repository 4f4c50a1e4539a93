import Foundation
import QuerentCore

/// The general English the planner reads questions with, from `Resources/english.json`
/// (data, not code).
package struct QuestionEnglish: Decodable, Sendable {
    package struct SuperlativeEntry: Decodable, Sendable {
        package var descending: Bool
        package var hints: [[Hint]]?
        package var aggregate: Bool?
    }

    /// A hint's word or its direction, as the JSON pairs them (`["age", false]`).
    package enum Hint: Decodable, Sendable {
        case word(String)
        case descending(Bool)

        package init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let flag = try? container.decode(Bool.self) { self = .descending(flag) } else { self = .word(try container.decode(String.self)) }
        }
    }

    package struct ComparisonEntry: Decodable, Sendable {
        package var words: [String]
        package var op: String
        package var hints: [String]?
        package var temporal: Bool?
    }

    package var superlatives: [String: SuperlativeEntry]
    package var comparisons: [ComparisonEntry]
    package var aggregateWords: [String: String]
    package var populationNouns: Set<String>
    package var negationWords: Set<String>
    /// Prefixes that negate an adjective ("inactive", "unverified", "non-public").
    package var negativePrefixes: [String]
    /// Words that mean a yes/no column is false, with the column words they negate ("failed":
    /// `succeeded`).
    package var flagAntonyms: [String: [String]]
    /// Other named sets of words the planner's passes read ("value_lead_words", …).
    package var wordSets: [String: Set<String>]

    /// The named word set; a missing name is a packaging error.
    package func words(_ name: String) -> Set<String> {
        guard let words = wordSets[name] else { fatalError("QuerentSchemaLinking: Resources/english.json has no word set \(name)") }
        return words
    }

    enum CodingKeys: String, CodingKey {
        case superlatives, comparisons
        case wordSets = "word_sets"
        case aggregateWords = "aggregate_words"
        case populationNouns = "population_nouns"
        case negationWords = "negation_words"
        case negativePrefixes = "negative_prefixes"
        case flagAntonyms = "flag_antonyms"
    }

    package static let standard: QuestionEnglish = BundledData.load(
        QuestionEnglish.self,
        named: "english",
        in: .module,
        module: "QuerentSchemaLinking"
    )
}
