import Foundation

/// Scores how likely a generated query answers its question, 0…1.
///
/// The score falls with every content word of the question left unexplained, every guess
/// (a literal placed by its shape, a default column), every part that could not be linked,
/// and with the query's complexity (joins, subqueries, set operations), where a rule-based
/// reading goes wrong more often.
enum ConfidenceModel {
    /// Words that carry no content of their own for the explanation check.
    static let neutralWords: Set<String> = SchemaLinker.functionWords.union([
        "show", "list", "give", "find", "return", "tell", "display", "provide", "count", "many", "much", "what", "which",
        "who", "whom", "whose", "how", "when", "where", "why", "there", "here", "exist", "exists", "listed", "available",
        "record", "records", "recorded", "stored", "known", "registered", "data", "database", "table", "entry", "entries",
        "row", "rows", "value", "values", "result", "results", "please", "also", "along", "well", "respectively",
        "corresponding", "correspond", "related", "associated", "associate", "belong", "belongs", "belonging", "involved",
        "having", "whether", "everything", "everyone", "anyone", "someone", "thing", "things", "kind", "kinds", "type",
        "types", "sort", "order", "ordered", "sorted", "descending", "ascending", "alphabetical", "alphabetically",
        "different", "distinct", "unique", "total", "number", "average", "mean", "sum", "maximum", "minimum", "most",
        "least", "highest", "lowest", "largest", "smallest", "greatest", "fewest", "top", "first", "last", "each", "every",
        "per", "all", "both", "either", "neither", "only", "just", "exactly", "equal", "more", "less", "greater", "fewer",
        "than", "at", "least", "name", "names", "id", "ids", "information", "details", "detail", "info", "s", "t",
        "currently", "respective", "use", "used", "uses", "using", "make", "made", "get", "got", "go", "goes", "went",
        "come", "came", "take", "took", "do", "did", "done", "does", "have", "has", "had", "be", "is", "are", "was", "were",
    ])

    /// The confidence for a plan and the question words it left unexplained.
    static func score(tokens: [QuestionToken], explained: Set<Int>, signals: ConfidenceSignals, missing: Int, linkScores: [Double]) -> (Double, [String]) {
        var content = 0
        var unexplained: [String] = []
        for token in tokens where token.kind == .word || token.kind == .quoted || token.kind == .number {
            if token.kind == .word && (neutralWords.contains(token.lower) || token.lower.count <= 2) { continue }
            if token.kind == .word && (QueryPlanner.superlativeWords[token.lower] != nil || QueryPlanner.aggregateWords[token.lower] != nil) { continue }
            content += 1
            if !explained.contains(token.index) { unexplained.append(token.text) }
        }
        let unexplainedShare = content == 0 ? 1 : Double(unexplained.count) / Double(content)
        let meanLink = linkScores.isEmpty ? 0.5 : linkScores.reduce(0, +) / Double(linkScores.count)
        var z = 1.6
        z -= 2.6 * unexplainedShare
        z += 1.2 * (meanLink - 0.8)
        z -= 0.7 * Double(missing)
        z -= 0.22 * Double(signals.joins)
        z -= 0.45 * Double(signals.subqueries)
        z -= signals.setOperation ? 0.5 : 0
        z -= 0.35 * Double(signals.guessedLiterals)
        z -= 0.8 * Double(signals.unplacedLiterals)
        z -= signals.defaultProjection ? 0.15 : 0
        z -= 0.25 * Double(signals.weakLinks)
        z -= signals.unreachable ? 1.2 : 0
        z -= signals.implicitGroup ? 0.3 : 0
        z -= signals.guessedSubject ? 0.6 : 0
        z -= signals.grouped ? 0.2 : 0
        let value = 1 / (1 + exp(-z))
        return (min(0.97, max(0.02, value)), unexplained)
    }
}
