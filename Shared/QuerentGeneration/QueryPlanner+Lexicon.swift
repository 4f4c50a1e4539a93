import Foundation
import QuerentCore
import QuerentQueryPlan
import QuerentSchemaLinking

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

    /// The general English the planner reads questions with (``QuerentSchemaLinking/QuestionEnglish``).
    typealias English = QuestionEnglish

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
