import Foundation
import QuerentQueryPlan
import QuerentSchemaLinking

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

    /// The column of the last numeric comparison, for parallel ones ("above 40 and below 30").
    var lastNumberColumn: QueryPlan.ColumnRef?
    /// What the question asks, filled in by the passes of ``build()``.
    var intent = QuestionIntent()
    /// Token index where the question's head (what to return) ends.
    var headEnd = 0
    /// Token index where the last sentence starts when a question has several sentences.
    var sentenceStarts: [Int] = [0]
    /// The calendar dates the question names in words ("on 10 March 2025").
    let dates: [DateExpression]

    /// The table the question is about, once a pass has chosen it.
    var subject: Int? { intent.subject }

    init(index: SchemaIndex, tokens: [QuestionToken], link: SchemaLinker.Result) {
        self.index = index
        self.tokens = tokens
        self.mentions = link.chosen
        self.allMentions = link.all
        self.dates = link.dates
        self.joinPlanner = JoinPlanner(index: index)
    }

    // MARK: - Entry

    /// Builds the plan, or nil when nothing in the question could be linked to a table.
    func build() -> QueryPlan? {
        findSentences()
        findHeadEnd()
        resolveSubject()
        guard subject != nil else { return nil }
        findCalendarDates()
        findHierarchyLevels()
        findTopLimit()
        findValueConditions()
        findParentValues()
        findLiteralConditions()
        findBooleanConditions()
        findDayGaps()
        findSigns()
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
        return compile()
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
    static let fillerWords: Set<String> = English.standard.words("filler_words")

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

    func findHeadEnd() {
        headEnd = headRegion(from: firstContentIndex()).upperBound
    }

    /// Generic nouns that ask for a table's label or key ("airline names", "ids of the shops").
    static let genericHeadNouns: Set<String> = ["name", "names", "id", "ids", "title", "titles", "identifier", "identifiers"]

    /// Words allowed inside the list of things a question asks for.
    static let headListWords: Set<String> = English.standard.words("head_list_words")

    /// The list of returned things starting at `start`: mentions, aggregate words and list
    /// glue ("the name, age and the number of …"), up to the first other word.
    func headRegion(from start: Int) -> Range<Int> {
        var position = start
        var end = start
        while position < tokens.count {
            // "Kenji Sato's email": the named owner is not returned, what follows is
            if let owner = QuestionTokenizer.namedOwnerEnd(tokens, from: position) {
                position = owner + 1
                continue
            }
            if let found = mention(at: position) {
                position = mentions[found].range.upperBound
                end = position
                // "names of employees hired after …": after the table the list goes on only with glue
                if mentions[found].isTable, position < tokens.count, !qualifiesNext(found) {
                    let next = tokens[position].kind == .punctuation ? tokens[position].text : word(position)
                    // "airline names" where no column is called name: the airline's label
                    if Self.genericHeadNouns.contains(next) && mention(at: position) == nil {
                        position += 1
                        end = position
                        continue
                    }
                    if !["and", ",", "as", "along", "plus", "&", "with"].contains(next) { break }
                }
                continue
            }
            let lower = tokens[position].kind == .punctuation ? tokens[position].text : word(position)
            // "with their prices", "along with its id": more things to return
            if lower == "with" && word(position - 1) != "along" && !["their", "its", "his", "her"].contains(word(position + 1)) { break }
            // "… and what is the population": a second question about the same thing
            if lower == "and" || lower == ",", ["what", "which", "how"].contains(word(position + 1)) {
                var next = position + 2
                while next < tokens.count, ["is", "are", "was", "were", "the", "its", "their", "his", "her"].contains(word(next)) { next += 1 }
                if mention(at: next) != nil || Self.aggregateWords[word(next)] != nil || ["many", "much"].contains(word(position + 2)) {
                    position = next
                    continue
                }
            }
            // "average expected life expectancy": one unknown modifier between an aggregate and a column
            if position > start, Self.aggregateWords[word(position - 1)] != nil, mention(atStart: position + 1) != nil, tokens[position].kind == .word
            {
                position += 1
                continue
            }
            // "airline names": a generic noun after a word naming a table
            if Self.genericHeadNouns.contains(lower), let previous = mention(at: position - 1), tableReading(of: previous) != nil {
                position += 1
                end = position
                continue
            }
            // "the 5 cheapest products": a count of rows to return
            let limitNumber =
                tokens[position].kind == .number
                && (Self.superlativeWords[word(position + 1)] != nil || ["most", "least"].contains(word(position + 1))
                    || mention(atStart: position + 1) != nil)
            if Self.headListWords.contains(lower) || Self.aggregateWords[lower] != nil || Self.superlativeWords[lower] != nil || limitNumber {
                position += 1
                if tokens[position - 1].kind != .punctuation
                    && !["and", "of", "for", "the", "a", "an", "all", "as", "well", "along", "with", "also", "plus", "&", "each", "every"].contains(
                        lower
                    )
                {
                    end = position
                }
                continue
            }
            break
        }
        return start..<max(start, end)
    }

    /// The first token after the question word or command ("what is the", "show me all").
    func firstContentIndex() -> Int {
        var position = 0
        let openers: Set<String> = [
            "what", "which", "who", "whom", "whose", "how", "show", "list", "give", "find", "return", "tell", "get", "display",
            "me", "is", "are", "was", "were", "the", "a", "an", "all", "of", "please", "can", "you", "us", "do", "does",
            "did", "there", "for", "each", "every", "provide", "report", "select", "retrieve", "identify", "name", "names",
        ]
        while position < tokens.count, openers.contains(word(position)), !(["name", "names"].contains(word(position)) && position > 0) {
            position += 1
        }
        return min(position, max(0, tokens.count - 1))
    }

    // MARK: - Column resolution

    /// The tables the question mentions, in order.
    lazy var mentionedTables: [Int] = {
        var result: [Int] = []
        for offset in mentions.indices where !mentions[offset].isValue {
            if let t = tableReading(of: offset), !result.contains(t) { result.append(t) }
        }
        return result
    }()

    /// Tables the question is about: the subject first, then mentioned tables, then tables of
    /// linked values and columns.
    var contextTables: [Int] {
        var result: [Int] = []
        if let subject { result.append(subject) }
        for table in mentionedTables where !result.contains(table) { result.append(table) }
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

    /// The table named right next to a column mention: "stadium name", "name of the stadium".
    func qualifyingTable(for mentionIndex: Int) -> Int? {
        let mention = mentions[mentionIndex]
        let columnTables = Set(mention.columns.map(\.table))
        if let previous = previousMention(before: mention.range.lowerBound, maxGap: 0),
            let table = mentions[previous].tables.map(\.table).first(where: { columnTables.contains($0) })
        {
            return table
        }
        if let table = listQualifier(for: mentionIndex), columnTables.contains(table) { return table }
        if let next = nextMention(
            after: mention.range.upperBound - 1,
            maxGap: 1,
            skipping: ["for", "in", "from", "per", "across", "among", "on", "by"]
        ),
            let table = tableReading(of: next), columnTables.contains(table),
            ["of", "for", "in", "from", "per", "across", "among", "on", "by"].contains(where: { word(mention.range.upperBound) == $0 })
                || word(mention.range.upperBound) == "'s"
        {
            return table
        }
        return nil
    }

    /// The table after a list of columns: "the name and capacity of the stadium".
    func listQualifier(for mentionIndex: Int) -> Int? {
        var position = mentions[mentionIndex].range.upperBound
        while position < tokens.count {
            if let found = mention(at: position) {
                if mentions[found].isColumn || (mentions[found].isValue == false && tableReading(of: found) == nil) {
                    position = mentions[found].range.upperBound
                    continue
                }
                return nil
            }
            let lower = tokens[position].kind == .punctuation ? tokens[position].text : word(position)
            if ["of", "for", "from", "in"].contains(lower) {
                var next = position + 1
                while next < tokens.count, isFiller(next) || ["different", "distinct", "every"].contains(word(next)) { next += 1 }
                if let found = mention(at: next), let table = tableReading(of: found) ?? mentions[found].tables.first?.table { return table }
                return nil
            }
            if ["and", ",", "the", "a", "an", "their", "its", "all"].contains(lower) {
                position += 1
                continue
            }
            return nil
        }
        return nil
    }

    /// Whether the mention right before this one names one of its tables ("car makers",
    /// "singer names"): then it only qualifies the following word.
    func qualifiesNext(_ mentionIndex: Int) -> Bool {
        let current = mentions[mentionIndex]
        // English compound modifiers are singular: "car makers", "singer names" (not "products cost")
        guard let last = tokens[current.range].last, last.kind == .word, last.lower == last.stem || last.lower.hasSuffix("ss") else { return false }
        guard let next = mention(atStart: current.range.upperBound) else { return false }
        let tables = Set(current.tables.map(\.table))
        guard !tables.isEmpty else { return false }
        return mentions[next].columns.contains { tables.contains($0.table) }
    }

    func mention(atStart position: Int) -> Int? {
        guard let found = mention(at: position), mentions[found].range.lowerBound == position else { return nil }
        return found
    }

    /// Whether a mention names rows of a table through a key column ("students" for
    /// `Friend.student_id`): the entity, not the key values.
    func readsAsEntityThroughKey(_ mentionIndex: Int) -> Bool {
        let mention = mentions[mentionIndex]
        guard let best = mention.best, case .column(let t, let c) = best.target, mention.tables.first.map({ $0.score < best.score - 0.05 }) ?? true
        else { return false }
        // keys that hold names ("model" text keys) are values worth returning
        guard index.tables[t].columns[c].kind != .text else { return false }
        return tableReading(of: mentionIndex) != nil
    }

    /// The table a mention names, if it reads as a table (best or close alternative).
    func tableReading(of mentionIndex: Int) -> Int? {
        let mention = mentions[mentionIndex]
        guard let best = mention.best else { return nil }
        if case .table(let t) = best.target { return t }
        if let table = mention.tables.first, table.score >= best.score - 0.05 { return table.table }
        // "models": a plural noun naming a table is the table, even when a column shares the word
        if let last = tokens[mention.range].last, last.kind == .word, last.lower != last.stem,
            !["names", "ids", "types", "codes", "numbers", "dates", "details", "years", "ages"].contains(last.lower),
            let table = mention.tables.first, table.score >= best.score - 0.25, table.score >= 0.75
        {
            return table.table
        }
        // "students" matching only `student_id` keys: the students the keys point at
        if case .column(let t, let c) = best.target, index.tables[t].columns[c].isForeignKey,
            !(index.tables[t].columns[c].isPrimaryKey && index.tables[t].primaryKey.count == 1),
            !tokens[mention.range].contains(where: { ["id", "ids", "code", "codes", "key", "number", "numbers", "no"].contains($0.lower) }),
            tokens[mention.range].last.map({ $0.lower != $0.stem }) == true,
            mention.columns.allSatisfy({
                index.tables[$0.table].columns[$0.column].isForeignKey || index.tables[$0.table].columns[$0.column].isPrimaryKey
            }),
            let edge = index.edges.first(where: { $0.from == t && $0.fromColumns == [c] })
        {
            return edge.to
        }
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
            if let position = context.firstIndex(of: option.table) { value += 0.12 - Double(position) * 0.01 } else { value -= 0.25 }
            let column = index.tables[option.table].columns[option.column]
            // a bare key column is rarely what a word means when the table has a better one
            if column.isForeignKey && !column.isPrimaryKey { value -= 0.05 }
            return value
        }
        // ties go to the earlier reading; tables far from the subject cost a little
        let ranked = options.enumerated().map { item -> (Int, Double) in
            var value = rank(item.element)
            if let subject, let distance = joinPlanner.distance(subject, item.element.table) { value -= 0.03 * Double(distance) }
            return (item.offset, value)
        }
        let best = options[ranked.max { ($0.1, -$0.0) < ($1.1, -$1.0) }!.0]
        // "continent name", "maker id", "names of all suppliers": a table named with a generic
        // column word means that table's label or key, even when its columns are named differently
        if qualifier == nil, tokens[mention.range].count == 1,
            let table =
                (previousMention(before: mention.range.lowerBound, maxGap: 0).flatMap { mentions[$0].tables.first(where: { $0.score >= 0.5 })?.table })
                    ?? listQualifier(for: mentionIndex),
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
        return (joinPlanner.distance(subject, table) ?? 99) <= 1
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
