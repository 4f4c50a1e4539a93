import Foundation
import QuerentQueryPlan
import QuerentSchemaLinking

/// Scores how likely a generated query answers its question, 0…1.
///
/// A logistic model over what the planner noticed: the share of the question's content words
/// left unexplained, how well the linked words matched, guesses (a literal placed by its shape,
/// a default column, a guessed subject), parts that could not be linked, and the query's
/// complexity (joins, subqueries, set operations, grouping), where a rule-based reading goes
/// wrong more often. The weights were fitted once by logistic regression (L2-regularized) on
/// labelled questions of the Spider dev subset; fitted on one half, the other half scored
/// right answers 0.76 and wrong ones 0.55 on average. They are fixed, not learned at runtime.
enum ConfidenceModel {
    /// The model's inputs, in the order of ``weights`` (after the bias).
    struct Features: Sendable {
        static let names = [
            "unexplained_share", "unexplained_count", "mean_link", "min_link", "missing", "joins", "subqueries",
            "set_operation", "guessed_literals", "unplaced_literals", "default_projection", "weak_links", "unreachable",
            "implicit_group", "guessed_subject", "grouped", "count_question", "ranked", "linked_values", "unused_mentions",
            "content_words", "returned_columns", "ambiguous_links", "unlinked_tables", "subject_named", "question_tokens",
        ]
        var values: [Double]
    }

    /// Bias, then one weight per feature.
    static let weights: [Double] = [
        3.442, -0.317, -0.242, 0.416, -0.735, -2.971, -0.151, 0.263,
        0.721, 0.073, 0.000, -1.929, 0.510, 0.000, 0.221, 0.000,
        -0.204, -0.343, -0.271, -0.475, -0.038, -0.108, -0.171, -0.535,
        -0.527, 0.897, -0.074,
    ]

    /// Words that carry no content of their own for the explanation check.
    static let neutralWords: Set<String> = SchemaLinker.functionWords.union(QueryPlanner.English.standard.words("neutral_words"))

    /// The features of a plan and the question words it left unexplained.
    static func features(
        tokens: [QuestionToken],
        explained: Set<Int>,
        signals: ConfidenceSignals,
        missing: Int,
        linkScores: [Double],
        unusedMentions: Int,
        plan: QueryPlan,
        ambiguousLinks: Int,
        unlinkedTables: Int,
        subjectNamed: Bool
    ) -> (Features, [String]) {
        var content = 0
        var unexplained: [String] = []
        for token in tokens where token.kind == .word || token.kind == .quoted || token.kind == .number {
            if token.kind == .word && (neutralWords.contains(token.lower) || token.lower.count <= 2) { continue }
            if token.kind == .word && (QueryPlanner.superlativeWords[token.lower] != nil || QueryPlanner.aggregateWords[token.lower] != nil) {
                continue
            }
            content += 1
            if !explained.contains(token.index) { unexplained.append(token.text) }
        }
        let share = content == 0 ? 1 : Double(unexplained.count) / Double(content)
        let meanLink = linkScores.isEmpty ? 0.5 : linkScores.reduce(0, +) / Double(linkScores.count)
        let minLink = linkScores.min() ?? 0.5
        func flag(_ value: Bool) -> Double { value ? 1 : 0 }
        let values: [Double] = [
            share, Double(unexplained.count), meanLink, minLink, Double(missing), Double(signals.joins), Double(signals.subqueries),
            flag(signals.setOperation), Double(signals.guessedLiterals), Double(signals.unplacedLiterals), flag(signals.defaultProjection),
            Double(signals.weakLinks), flag(signals.unreachable), flag(signals.implicitGroup), flag(signals.guessedSubject),
            flag(signals.grouped), flag(signals.countQuestion), flag(!plan.orderBy.isEmpty), Double(signals.linkedValues),
            Double(unusedMentions), Double(content), Double(plan.select.count), Double(ambiguousLinks), Double(unlinkedTables),
            flag(subjectNamed), Double(tokens.count),
        ]
        return (Features(values: values), unexplained)
    }

    /// The calibrated probability for `features`, kept inside 0.02…0.97.
    static func score(_ features: Features) -> Double {
        var z = weights[0]
        for (weight, value) in zip(weights.dropFirst(), features.values) { z += weight * value }
        let value = 1 / (1 + exp(-z))
        return min(0.97, max(0.02, value))
    }
}
