import Foundation

/// A question read against a schema index: its tokens, the mentions the linker chose, where
/// its sentences start and where its head (the list of things to return) ends, and questions
/// about positions ("the next mention after this word", "the table this mention names").
/// Read-only, so every planning pass can share one.
package struct QuestionReading: Sendable {
    package let index: SchemaIndex
    package let tokens: [QuestionToken]
    /// The mentions the linker chose, in question order.
    package let mentions: [Mention]
    /// Every candidate mention, chosen or not.
    package let allMentions: [Mention]
    /// The calendar dates the question names in words ("on 10 March 2025").
    package let dates: [DateExpression]
    package let joinPlanner: JoinPlanner
    /// Where each sentence starts when a question has several.
    package private(set) var sentenceStarts: [Int] = [0]
    /// Token index where the question's head (what to return) ends.
    package private(set) var headEnd = 0
    /// The tables the question mentions, in order.
    package private(set) var mentionedTables: [Int] = []

    package init(index: SchemaIndex, tokens: [QuestionToken], link: SchemaLinker.Result) {
        self.index = index
        self.tokens = tokens
        self.mentions = link.chosen
        self.allMentions = link.all
        self.dates = link.dates
        self.joinPlanner = JoinPlanner(index: index)
        for (offset, token) in tokens.enumerated() where token.kind == .punctuation && [".", "?", ";", "!"].contains(token.text) {
            if offset + 1 < tokens.count { sentenceStarts.append(offset + 1) }
        }
        headEnd = headRegion(from: firstContentIndex()).upperBound
        for offset in mentions.indices where !mentions[offset].isValue {
            if let table = tableReading(of: offset), !mentionedTables.contains(table) { mentionedTables.append(table) }
        }
    }

    /// Aggregate and ranking words that may sit in a question's head ("the average age", "the
    /// largest city").
    static let aggregateWords = Set(QuestionEnglish.standard.aggregateWords.keys)
    static let superlativeWords = Set(QuestionEnglish.standard.superlatives.keys)

    // MARK: - Token helpers

    package func word(_ index: Int) -> String {
        guard index >= 0, index < tokens.count else { return "" }
        return tokens[index].lower
    }

    package func stem(_ index: Int) -> String {
        guard index >= 0, index < tokens.count else { return "" }
        return tokens[index].stem
    }

    /// True when the tokens starting at `start` read `words` (lower-cased; "*" matches any word).
    package func matches(_ words: [String], at start: Int) -> Bool {
        guard start >= 0, start + words.count <= tokens.count else { return false }
        for (offset, expected) in words.enumerated() {
            let token = tokens[start + offset]
            if expected == "*" { continue }
            if token.lower != expected && token.stem != expected { return false }
        }
        return true
    }

    /// The first position at or after `from` (and before `to`) where `words` read.
    package func find(_ words: [String], from: Int = 0, to: Int? = nil) -> Int? {
        let end = min(to ?? tokens.count, tokens.count)
        guard from < end else { return nil }
        for start in from..<end where matches(words, at: start) { return start }
        return nil
    }

    /// Words skipped when looking for the next or previous meaningful token.
    package static let fillerWords: Set<String> = QuestionEnglish.standard.words("filler_words")

    package func isFiller(_ index: Int) -> Bool {
        Self.fillerWords.contains(word(index))
    }

    /// The chosen mention covering a token.
    package func mention(at token: Int) -> Int? {
        mentions.firstIndex { $0.range.contains(token) }
    }

    /// The next chosen mention starting after `token`, skipping at most `skip` filler-like words.
    package func nextMention(after token: Int, maxGap: Int = 2, skipping extra: Set<String> = []) -> Int? {
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
    package func previousMention(before token: Int, maxGap: Int = 2, skipping extra: Set<String> = []) -> Int? {
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

    /// Generic nouns that ask for a table's label or key ("airline names", "ids of the shops").
    package static let genericHeadNouns: Set<String> = ["name", "names", "id", "ids", "title", "titles", "identifier", "identifiers"]

    /// Words allowed inside the list of things a question asks for.
    package static let headListWords: Set<String> = QuestionEnglish.standard.words("head_list_words")

    /// The list of returned things starting at `start`: mentions, aggregate words and list
    /// glue ("the name, age and the number of …"), up to the first other word.
    package func headRegion(from start: Int) -> Range<Int> {
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
                    // "each doctor's name and specialty": what follows the possessive is returned
                    if tokens[position - 1].possessive { continue }
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
                if mention(at: next) != nil || Self.aggregateWords.contains(word(next)) || ["many", "much"].contains(word(position + 2)) {
                    position = next
                    continue
                }
            }
            // "average expected life expectancy": one unknown modifier between an aggregate and a column
            if position > start, Self.aggregateWords.contains(word(position - 1)), mention(atStart: position + 1) != nil,
                tokens[position].kind == .word
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
                && (Self.superlativeWords.contains(word(position + 1)) || ["most", "least"].contains(word(position + 1))
                    || mention(atStart: position + 1) != nil)
            if Self.headListWords.contains(lower) || Self.aggregateWords.contains(lower) || Self.superlativeWords.contains(lower) || limitNumber {
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
    package func firstContentIndex() -> Int {
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

    /// The table named right next to a column mention: "stadium name", "name of the stadium".
    package func qualifyingTable(for mentionIndex: Int) -> Int? {
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
    package func listQualifier(for mentionIndex: Int) -> Int? {
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
    package func qualifiesNext(_ mentionIndex: Int) -> Bool {
        let current = mentions[mentionIndex]
        // English compound modifiers are singular: "car makers", "singer names" (not "products cost")
        guard let last = tokens[current.range].last, last.kind == .word, last.lower == last.stem || last.lower.hasSuffix("ss") else { return false }
        guard let next = mention(atStart: current.range.upperBound) else { return false }
        let tables = Set(current.tables.map(\.table))
        guard !tables.isEmpty else { return false }
        return mentions[next].columns.contains { tables.contains($0.table) }
    }

    package func mention(atStart position: Int) -> Int? {
        guard let found = mention(at: position), mentions[found].range.lowerBound == position else { return nil }
        return found
    }

    /// Whether a mention names rows of a table through a key column ("students" for
    /// `Friend.student_id`): the entity, not the key values.
    package func readsAsEntityThroughKey(_ mentionIndex: Int) -> Bool {
        let mention = mentions[mentionIndex]
        guard let best = mention.best, case .column(let t, let c) = best.target, mention.tables.first.map({ $0.score < best.score - 0.05 }) ?? true
        else { return false }
        // keys that hold names ("model" text keys) are values worth returning
        guard index.tables[t].columns[c].kind != .text else { return false }
        return tableReading(of: mentionIndex) != nil
    }

    /// The table a mention names, if it reads as a table (best or close alternative).
    package func tableReading(of mentionIndex: Int) -> Int? {
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

    /// True when a text column holds numbers (years, counts stored as text).
    package func isNumericText(_ table: Int, _ column: Int) -> Bool {
        let info = index.tables[table].columns[column]
        let values = info.values + info.samples
        return !values.isEmpty && values.allSatisfy { Double($0.trimmingCharacters(in: .whitespaces)) != nil }
    }

    package func tableName(_ table: Int) -> String { index.tables[table].baseName }
}
