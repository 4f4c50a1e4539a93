import Foundation
import QuerentCore

extension QueryPlanner {
    /// A ranking word: its direction and, for adjectives that imply a column ("youngest"),
    /// the column words it implies with the direction for each.
    struct Superlative {
        var descending: Bool
        var hints: [(word: String, descending: Bool)] = []
        /// True for words that can also be an aggregate in the head ("maximum capacity").
        var aggregate: Bool = true
    }

    /// Comparison phrases, longest first, with the operator they mean and the columns an
    /// adjective implies ("older than" → age).
    struct Comparison {
        var words: [String]
        var op: QueryPlan.Operator
        var hints: [String] = []
        /// Dates and years compare by time ("after 2013").
        var temporal = false
    }

    /// The general English the planner reads questions with, from `Resources/english.json`
    /// (data, not code).
    struct English: Decodable {
        struct SuperlativeEntry: Decodable {
            var descending: Bool
            var hints: [[Hint]]?
            var aggregate: Bool?
        }

        /// A hint's word or its direction, as the JSON pairs them (`["age", false]`).
        enum Hint: Decodable {
            case word(String)
            case descending(Bool)

            init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let flag = try? container.decode(Bool.self) { self = .descending(flag) } else { self = .word(try container.decode(String.self)) }
            }
        }

        struct ComparisonEntry: Decodable {
            var words: [String]
            var op: String
            var hints: [String]?
            var temporal: Bool?
        }

        var superlatives: [String: SuperlativeEntry]
        var comparisons: [ComparisonEntry]
        var aggregateWords: [String: String]
        var populationNouns: Set<String>
        var negationWords: Set<String>
        /// Other named sets of words the planner's passes read ("value_lead_words", …).
        var wordSets: [String: Set<String>]

        /// The named word set; a missing name is a packaging error.
        func words(_ name: String) -> Set<String> {
            guard let words = wordSets[name] else { fatalError("QuerentGeneration: Resources/english.json has no word set \(name)") }
            return words
        }

        enum CodingKeys: String, CodingKey {
            case superlatives, comparisons
            case wordSets = "word_sets"
            case aggregateWords = "aggregate_words"
            case populationNouns = "population_nouns"
            case negationWords = "negation_words"
        }

        static let standard: English = BundledData.load(English.self, named: "english", in: .module, module: "QuerentGeneration")
    }

    static let superlativeWords: [String: Superlative] = English.standard.superlatives.mapValues { entry in
        let hints = (entry.hints ?? []).compactMap { pair -> (word: String, descending: Bool)? in
            guard pair.count == 2, case .word(let word) = pair[0], case .descending(let descending) = pair[1] else { return nil }
            return (word, descending)
        }
        return Superlative(descending: entry.descending, hints: hints, aggregate: entry.aggregate ?? true)
    }

    static let comparisons: [Comparison] = {
        var list = English.standard.comparisons.compactMap { entry -> Comparison? in
            guard let op = QueryPlan.Operator(rawValue: entry.op) else { return nil }
            return Comparison(words: entry.words, op: op, hints: entry.hints ?? [], temporal: entry.temporal ?? false)
        }
        list.sort { $0.words.count > $1.words.count }
        return list
    }()

    /// Aggregate words for the head of a question.
    static let aggregateWords: [String: QueryPlan.Aggregate] = English.standard.aggregateWords.compactMapValues(QueryPlan.Aggregate.init)

    /// Nouns that mean a population count when no table holds them.
    static let populationNouns = English.standard.populationNouns

    /// Words that make a clause negative.
    static let negationWords = English.standard.negationWords
}
