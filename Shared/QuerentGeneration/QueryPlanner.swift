import Foundation
import QuerentQueryPlan
import QuerentSchemaLinking
import QuerentSemantics

/// Reads a linked question and builds a ``QueryPlan``: finds the table the question is about,
/// its filters (values, numbers, dates, negations), superlatives, grouping, ordering and the
/// columns to return. Rules are about English question shapes, never about a schema.
///
/// The planner is single-use: create one per question and call ``build()``.
final class QueryPlanner {
    /// The question as read against the schema: tokens, mentions, sentences and head.
    let reading: QuestionReading
    var index: SchemaIndex { reading.index }
    var tokens: [QuestionToken] { reading.tokens }
    var mentions: [Mention] { reading.mentions }

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

    /// The column of the last numeric comparison, for parallel ones ("above 40 and below 30").
    var lastNumberColumn: QueryPlan.ColumnRef?
    /// What the question asks, filled in by the passes of ``build()``.
    var intent = QuestionIntent()

    /// The table the question is about, once a pass has chosen it.
    var subject: Int? { intent.subject }

    init(index: SchemaIndex, tokens: [QuestionToken], link: SchemaLinker.Result) {
        self.reading = QuestionReading(index: index, tokens: tokens, link: link)
    }

    // MARK: - Entry

    /// Builds the plan, or nil when nothing in the question could be linked to a table.
    func build() -> QueryPlan? {
        resolveSubject()
        guard subject != nil else { return nil }
        findCalendarDates()
        findHierarchyLevels()
        findTopLimit()
        findVerbFlags()
        findValueConditions()
        findParentValues()
        findLiteralConditions()
        findBooleanConditions()
        findDayGaps()
        findColumnComparisons()
        findSigns()
        findLateness()
        findNumberConditions()
        findAverageComparisons()
        findDateConditions()
        findNullConditions()
        findNegatedExistence()
        findPositiveExistence()
        findMeasureRanking()
        findOrdering()
        findSuperlatives()
        findGrouping()
        findRanges()
        findProjection()
        findAverageDayGap()
        return compile()
    }

    // MARK: - Column resolution

    /// Tables the question is about: the subject first, then mentioned tables, then tables of
    /// linked values and columns.
    var contextTables: [Int] {
        var result: [Int] = []
        if let subject { result.append(subject) }
        for table in reading.mentionedTables where !result.contains(table) { result.append(table) }
        for item in intent.conditions {
            if let table = item.condition.left.column?.table, !result.contains(table) { result.append(table) }
        }
        for table in intent.tables where !result.contains(table) { result.append(table) }
        for target in intent.groups {
            switch target {
            case .table(let t): if !result.contains(t) { result.append(t) }
            case .column(let ref): if !result.contains(ref.table) { result.append(ref.table) }
            }
        }
        // tables of the linked values
        for mention in mentions {
            guard let best = mention.best, case .value(let t, _, _) = best.target else { continue }
            if !result.contains(t) { result.append(t) }
        }
        return result
    }

    /// Picks one column for a column mention, preferring the qualifying table, then the
    /// subject, then other mentioned tables, then the link score.
    func resolveColumn(_ mentionIndex: Int, prefer: [Int] = [], numericOnly: Bool = false) -> QueryPlan.ColumnRef? {
        let mention = mentions[mentionIndex]
        var options = mention.columns
        if numericOnly {
            let numeric = options.filter { index.tables[$0.table].columns[$0.column].kind != .text || reading.isNumericText($0.table, $0.column) }
            if !numeric.isEmpty { options = numeric }
        }
        guard !options.isEmpty else { return nil }
        let qualifier = reading.qualifyingTable(for: mentionIndex)
        let context = contextTables
        func rank(_ option: (table: Int, column: Int, score: Double)) -> Double {
            var value = option.score
            if option.table == qualifier { value += 0.5 }
            if let position = prefer.firstIndex(of: option.table) { value += 0.3 - Double(position) * 0.02 }
            if option.table == subject { value += 0.2 }
            if let position = context.firstIndex(of: option.table) { value += 0.12 - Double(position) * 0.01 } else { value -= 0.25 }
            let column = index.tables[option.table].columns[option.column]
            // a bare key column is rarely what a word means when the table has a better one
            if column.isForeignKey && !column.isPrimaryKey { value -= 0.05 }
            return value
        }
        // ties go to the earlier reading; tables far from the subject cost a little
        let ranked = options.enumerated().map { item -> (Int, Double) in
            var value = rank(item.element)
            if let subject, let distance = reading.joinPlanner.distance(subject, item.element.table) { value -= 0.03 * Double(distance) }
            return (item.offset, value)
        }
        let best = options[ranked.max { ($0.1, -$0.0) < ($1.1, -$1.0) }!.0]
        // "continent name", "maker id", "names of all suppliers": a table named with a generic
        // column word means that table's label or key, even when its columns are named differently
        if qualifier == nil, tokens[mention.range].count == 1,
            let table =
                (reading.previousMention(before: mention.range.lowerBound, maxGap: 0).flatMap {
                    mentions[$0].tables.first(where: { $0.score >= 0.5 })?.table
                })
                    ?? reading.listQualifier(for: mentionIndex),
            index.hasNameLabel(table) || !["name", "title"].contains(tokens[mention.range.lowerBound].stem)
        {
            let generic = tokens[mention.range.lowerBound].stem
            if ["name", "title"].contains(generic) { return QueryPlan.ColumnRef(table: table, column: index.labelColumn(of: table)) }
            if ["id", "identifier", "key"].contains(generic) { return QueryPlan.ColumnRef(table: table, column: index.keyColumn(of: table)) }
        }
        // "List full name and the id": a bare "id" is the key of what the question is about
        if qualifier == nil, tokens[mention.range].count == 1, ["id", "identifier"].contains(tokens[mention.range.lowerBound].stem),
            let table = intent.groups.compactMap({
                if case .table(let t) = $0 { return t }
                return nil
            }).first ?? subject,
            index.tables[table].primaryKey.count == 1, options.contains(where: { $0.table == table })
        {
            return QueryPlan.ColumnRef(table: table, column: index.keyColumn(of: table))
        }
        return QueryPlan.ColumnRef(table: best.table, column: best.column)
    }

    /// A table of the question or one join away from the subject (where an adjective such as
    /// "tallest" may find its column).
    func isNear(_ table: Int) -> Bool {
        if contextTables.contains(table) { return true }
        guard let subject else { return false }
        return (reading.joinPlanner.distance(subject, table) ?? 99) <= 1
    }

    func columnName(_ ref: QueryPlan.ColumnRef) -> String {
        index.tables[ref.table].baseName + "." + index.tables[ref.table].columns[ref.column].name
    }

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
                if let kinds, !kinds.contains(column.kind) && !(kinds.contains(.number) && reading.isNumericText(table, c)) { continue }
                // (a number named in a unit of time is a duration: `Milliseconds`)
                var roots = column.words.map { Lexicon.root($0.text) }
                if column.kind == .number, column.words.contains(where: { DurationUnits.unit(named: $0.text) != nil }) { roots.append("duration") }
                for (h, hint) in hints.enumerated()
                where roots.contains(hint) || roots.contains(where: { Lexicon.similarity(identifier: $0, question: hint) >= 0.9 }) {
                    result.append((QueryPlan.ColumnRef(table: table, column: c), Double(h) + Double(rank) * 0.1 + (column.isForeignKey ? 0.5 : 0)))
                    break
                }
            }
        }
        return result.enumerated().sorted { ($0.element.1, $0.offset) < ($1.element.1, $1.offset) }.map(\.element.0)
    }
}
