import Foundation

/// Reads a linked question and builds a ``QueryPlan``: finds the table the question is about,
/// its filters (values, numbers, dates, negations), superlatives, grouping, ordering and the
/// columns to return. Rules are about English question shapes, never about a schema.
///
/// The planner is single-use: create one per question and call ``build()``.
final class QueryPlanner {
    let index: SchemaIndex
    let tokens: [QuestionToken]
    let mentions: [Mention]
    let allMentions: [Mention]
    let joinPlanner: JoinPlanner

    /// Tokens whose meaning has been used.
    var consumed = Set<Int>()
    /// Chosen mentions (by position in `mentions`) whose meaning has been used.
    var usedMentions = Set<Int>()
    /// What was linked, for the explanation.
    var notes: [String] = []
    /// What could not be linked.
    var missing: [String] = []
    /// Signals for the confidence score.
    var signals = ConfidenceSignals()

    var subject: Int?
    var countTarget: Int?
    /// Where the count cue ("how many") is, to place count(*) among the returned columns.
    var countPosition: Int?
    /// "in alphabetical order" with no column named: sort by what is returned.
    var pendingAlphabetical: Bool?
    /// "each of them": group by the returned columns.
    var groupOnProjection = false
    var countDistinct: QueryPlan.ColumnRef?
    var plan: QueryPlan
    /// Conditions with the token range they came from (for negation scopes and set operations).
    var conditionSpans: [(condition: QueryPlan.Condition, span: ClosedRange<Int>)] = []
    var havingConditions: [QueryPlan.Condition] = []
    var groupTargets: [GroupTarget] = []
    var orderings: [QueryPlan.Ordering] = []
    var limit: Int?
    var superlativeByCount: (descending: Bool, target: Int?, position: Int)?
    var negatedExistence: [NegatedExistence] = []
    var distinct = false
    var projection: [ProjectionItem] = []
    /// Token index where the question's head (what to return) ends.
    var headEnd = 0
    /// Token index where the last sentence starts when a question has several sentences.
    var sentenceStarts: [Int] = [0]

    /// A grouping target: a column, or a table (grouped by its key).
    enum GroupTarget: Hashable {
        case column(QueryPlan.ColumnRef)
        case table(Int)
    }

    /// A NOT IN / NOT EXISTS clause under construction.
    struct NegatedExistence {
        var table: Int
        var scope: ClosedRange<Int>
    }

    /// A projected item with the token where it was asked for.
    struct ProjectionItem {
        var expression: QueryPlan.Expression
        var position: Int
    }

    init(index: SchemaIndex, tokens: [QuestionToken], link: SchemaLinker.Result) {
        self.index = index
        self.tokens = tokens
        self.mentions = link.chosen
        self.allMentions = link.all
        self.joinPlanner = JoinPlanner(index: index)
        self.plan = QueryPlan(mainTable: 0)
    }

    // MARK: - Entry

    /// Builds the plan, or nil when nothing in the question could be linked to a table.
    func build() -> QueryPlan? {
        findSentences()
        findHeadEnd()
        resolveSubject()
        guard let subject else { return nil }
        plan.mainTable = subject
        findTopLimit()
        findValueConditions()
        findLiteralConditions()
        findBooleanConditions()
        findNumberConditions()
        findAverageComparisons()
        findDateConditions()
        findNullConditions()
        findNegatedExistence()
        findSuperlatives()
        findOrdering()
        findGrouping()
        findProjection()
        finish()
        return plan
    }

    // MARK: - Token helpers

    func word(_ index: Int) -> String {
        guard index >= 0, index < tokens.count else { return "" }
        return tokens[index].lower
    }

    func stem(_ index: Int) -> String {
        guard index >= 0, index < tokens.count else { return "" }
        return tokens[index].stem
    }

    /// True when the tokens starting at `start` read `words` (lower-cased; "*" matches any word).
    func matches(_ words: [String], at start: Int) -> Bool {
        guard start >= 0, start + words.count <= tokens.count else { return false }
        for (offset, expected) in words.enumerated() {
            let token = tokens[start + offset]
            if expected == "*" { continue }
            if token.lower != expected && token.stem != expected { return false }
        }
        return true
    }

    /// The first position at or after `from` (and before `to`) where `words` read.
    func find(_ words: [String], from: Int = 0, to: Int? = nil) -> Int? {
        let end = min(to ?? tokens.count, tokens.count)
        guard from < end else { return nil }
        for start in from..<end where matches(words, at: start) { return start }
        return nil
    }

    /// Words skipped when looking for the next or previous meaningful token.
    static let fillerWords: Set<String> = [
        "the", "a", "an", "its", "their", "his", "her", "all", "any", "some", "of", "our", "this", "that", "these", "those",
        "each", "every", "one", "ones",
    ]

    func isFiller(_ index: Int) -> Bool {
        Self.fillerWords.contains(word(index))
    }

    /// The chosen mention covering a token.
    func mention(at token: Int) -> Int? {
        mentions.firstIndex { $0.range.contains(token) }
    }

    /// The next chosen mention starting after `token`, skipping at most `skip` filler-like words.
    func nextMention(after token: Int, maxGap: Int = 2, skipping extra: Set<String> = []) -> Int? {
        var position = token + 1
        var gap = 0
        while position < tokens.count {
            if let found = mention(at: position), mentions[found].range.lowerBound == position { return found }
            if tokens[position].kind == .punctuation && tokens[position].text != "(" { return nil }
            if isFiller(position) || extra.contains(word(position)) {
                position += 1
                continue
            }
            gap += 1
            if gap > maxGap { return nil }
            position += 1
        }
        return nil
    }

    /// The previous chosen mention ending before `token`.
    func previousMention(before token: Int, maxGap: Int = 2, skipping extra: Set<String> = []) -> Int? {
        var position = token - 1
        var gap = 0
        while position >= 0 {
            if let found = mention(at: position) { return found }
            if tokens[position].kind == .punctuation { return nil }
            if isFiller(position) || extra.contains(word(position)) {
                position -= 1
                continue
            }
            gap += 1
            if gap > maxGap { return nil }
            position -= 1
        }
        return nil
    }

    // MARK: - Sentences and head

    func findSentences() {
        for (offset, token) in tokens.enumerated() where token.kind == .punctuation && [".", "?", ";", "!"].contains(token.text) {
            if offset + 1 < tokens.count { sentenceStarts.append(offset + 1) }
        }
    }

    /// Words that end the head of a question (what to return) and start its conditions.
    static let boundaryWords: Set<String> = [
        "with", "whose", "who", "whom", "that", "where", "having", "has", "have", "had", "when", "which", "if", "whereby",
        "sorted", "ordered", "order", "sort", "than", "without", "except", "but", "in", "from", "by", "before", "after",
        "above", "below", "under", "over", "between", "on", "at", "for", "is", "are", "was", "were", "do", "does", "did",
        "ranked", "arranged",
    ]

    func findHeadEnd() {
        headEnd = tokens.count
        let start = firstContentIndex()
        for position in (start + 1)..<max(start + 1, tokens.count) {
            let lower = word(position)
            if ["which", "that", "who", "whose", "with", "where", "having", "has", "have", "had", "whom", "without", "when", "than", "if"].contains(lower) {
                headEnd = position
                return
            }
            if tokens[position].kind == .punctuation && ["?", ".", ";"].contains(tokens[position].text) {
                headEnd = position
                return
            }
        }
    }

    /// The first token after the question word or command ("what is the", "show me all").
    func firstContentIndex() -> Int {
        var position = 0
        let openers: Set<String> = [
            "what", "which", "who", "whom", "whose", "how", "show", "list", "give", "find", "return", "tell", "get", "display",
            "me", "is", "are", "was", "were", "the", "a", "an", "all", "of", "please", "can", "you", "us", "do", "does",
            "did", "there", "for", "each", "every", "provide", "report", "select", "retrieve", "identify", "name", "names",
        ]
        while position < tokens.count, openers.contains(word(position)), !(word(position) == "name" && position > 0) {
            position += 1
        }
        return min(position, max(0, tokens.count - 1))
    }

    // MARK: - Column resolution

    /// The tables the question mentions, in order.
    lazy var mentionedTables: [Int] = {
        var result: [Int] = []
        for mention in mentions {
            if let best = mention.best, case .table(let t) = best.target, !result.contains(t) { result.append(t) }
        }
        return result
    }()

    /// Tables the question is about: the subject first, then mentioned tables, then tables of
    /// linked values and columns.
    var contextTables: [Int] {
        var result: [Int] = []
        if let subject { result.append(subject) }
        for table in mentionedTables where !result.contains(table) { result.append(table) }
        for table in plan.referencedTables where !result.contains(table) { result.append(table) }
        return result
    }

    /// The table named right next to a column mention: "stadium name", "name of the stadium".
    func qualifyingTable(for mentionIndex: Int) -> Int? {
        let mention = mentions[mentionIndex]
        let columnTables = Set(mention.columns.map(\.table))
        if let previous = previousMention(before: mention.range.lowerBound, maxGap: 0),
            let table = tableReading(of: previous), columnTables.contains(table)
        {
            return table
        }
        if let next = nextMention(after: mention.range.upperBound - 1, maxGap: 1, skipping: ["for", "in", "from", "per", "across", "among", "on", "by"]),
            let table = tableReading(of: next), columnTables.contains(table),
            ["of", "for", "in", "from", "per", "across", "among", "on", "by"].contains(where: { word(mention.range.upperBound) == $0 })
                || word(mention.range.upperBound) == "'s"
        {
            return table
        }
        return nil
    }

    /// The table a mention names, if it reads as a table (best or close alternative).
    func tableReading(of mentionIndex: Int) -> Int? {
        let mention = mentions[mentionIndex]
        guard let best = mention.best else { return nil }
        if case .table(let t) = best.target { return t }
        if let table = mention.tables.first, table.score >= best.score - 0.05 { return table.table }
        return nil
    }

    /// Picks one column for a column mention, preferring the qualifying table, then the
    /// subject, then other mentioned tables, then the link score.
    func resolveColumn(_ mentionIndex: Int, prefer: [Int] = [], numericOnly: Bool = false) -> QueryPlan.ColumnRef? {
        let mention = mentions[mentionIndex]
        var options = mention.columns
        if numericOnly {
            let numeric = options.filter { index.tables[$0.table].columns[$0.column].kind != .text || isNumericText($0.table, $0.column) }
            if !numeric.isEmpty { options = numeric }
        }
        guard !options.isEmpty else { return nil }
        let qualifier = qualifyingTable(for: mentionIndex)
        let context = contextTables
        func rank(_ option: (table: Int, column: Int, score: Double)) -> Double {
            var value = option.score
            if option.table == qualifier { value += 0.5 }
            if let position = prefer.firstIndex(of: option.table) { value += 0.3 - Double(position) * 0.02 }
            if option.table == subject { value += 0.2 }
            if let position = context.firstIndex(of: option.table) { value += 0.12 - Double(position) * 0.01 }
            let column = index.tables[option.table].columns[option.column]
            // a bare key column is rarely what a word means when the table has a better one
            if column.isForeignKey && !column.isPrimaryKey { value -= 0.05 }
            return value
        }
        let best = options.max { rank($0) < rank($1) }!
        return QueryPlan.ColumnRef(table: best.table, column: best.column)
    }

    /// True when a text column holds numbers (years, counts stored as text).
    func isNumericText(_ table: Int, _ column: Int) -> Bool {
        let info = index.tables[table].columns[column]
        let values = info.values + info.samples
        return !values.isEmpty && values.allSatisfy { Double($0.trimmingCharacters(in: .whitespaces)) != nil }
    }

    func columnName(_ ref: QueryPlan.ColumnRef) -> String {
        index.tables[ref.table].baseName + "." + index.tables[ref.table].columns[ref.column].name
    }

    func tableName(_ table: Int) -> String { index.tables[table].baseName }

    /// Marks a mention (and its tokens) as used.
    func use(_ mentionIndex: Int) {
        usedMentions.insert(mentionIndex)
        consumed.formUnion(mentions[mentionIndex].range)
    }

    /// Columns of the context tables whose words match one of `hints` (roots), best first.
    func columns(matching hints: [String], kinds: Set<SchemaIndex.ValueKind>? = nil, tables: [Int]? = nil) -> [QueryPlan.ColumnRef] {
        var result: [(QueryPlan.ColumnRef, Double)] = []
        let searchTables = tables ?? (contextTables + index.tables.indices.filter { !contextTables.contains($0) })
        for (rank, table) in searchTables.enumerated() {
            for (c, column) in index.tables[table].columns.enumerated() {
                if let kinds, !kinds.contains(column.kind) && !(kinds.contains(.number) && isNumericText(table, c)) { continue }
                let roots = column.words.map { Lexicon.root($0.text) }
                for (h, hint) in hints.enumerated() where roots.contains(hint) || roots.contains(where: { Lexicon.similarity(identifier: $0, question: hint) >= 0.9 }) {
                    result.append((QueryPlan.ColumnRef(table: table, column: c), Double(h) + Double(rank) * 0.1 + (column.isForeignKey ? 0.5 : 0)))
                    break
                }
            }
        }
        return result.sorted { $0.1 < $1.1 }.map(\.0)
    }
}
