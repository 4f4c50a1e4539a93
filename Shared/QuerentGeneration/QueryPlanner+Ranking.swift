import Foundation
import QuerentQueryPlan
import QuerentSchemaLinking

extension QueryPlanner {
    /// Words in front of a superlative that make it an aggregate of what follows
    /// ("what is the maximum capacity") rather than a ranking of rows.
    static let aggregateLeadWords: Set<String> = English.standard.words("aggregate_lead_words")

    /// Is the superlative at `position` an aggregate in the head of its sentence
    /// ("what is the maximum capacity", "list the average and maximum age")?
    func isHeadAggregate(_ position: Int) -> Bool {
        if position >= reading.firstContentIndex() && position < reading.headEnd, aggregateOfTable(at: position) != nil { return true }
        if position >= reading.firstContentIndex() && position < reading.headEnd, let target = aggregateChainTarget(from: position) {
            return mentions[target].isColumn || mentions[target].columns.contains { $0.score >= mentions[target].score - 0.05 }
        }
        var back = position - 1
        while back >= 0 {
            if reading.sentenceStarts.contains(back + 1) && back + 1 != 0 { break }
            if tokens[back].text == "," && ["and", "what", "which"].contains(reading.word(back + 1)) { break }
            let lower = tokens[back].kind == .punctuation ? tokens[back].text : reading.word(back)
            if Self.aggregateWords[lower] != nil {
                back -= 1
                continue
            }
            if !Self.aggregateLeadWords.contains(lower) { return false }
            back -= 1
        }
        guard let target = aggregateChainTarget(from: position) else { return false }
        return mentions[target].isColumn || mentions[target].columns.contains { $0.score >= mentions[target].score - 0.05 }
    }

    /// Superlatives: "the youngest singer", "the stadium with the highest capacity",
    /// "the most concerts", "the most common hometown".
    func findSuperlatives() {
        var position = 0
        while position < tokens.count {
            defer { position += 1 }
            if consumed.contains(position) { continue }
            let lower = reading.word(position)
            guard var superlative = Self.superlativeWords[lower], reading.word(position - 1) != "at" else { continue }
            // "first name", "last name" are columns; "first 3" is a limit
            if ["first", "last"].contains(lower) {
                if tokens.indices.contains(position + 1) && tokens[position + 1].kind == .number { continue }
                // "largest first": the order of the superlative before it
                if SchemaLinker.isPhraseWord(position, tokens: tokens) { continue }
                if let found = reading.mention(at: position) {
                    // "first name", "first and last names" are columns; "the last transcript" ranks
                    let single = mentions[found].range.count == 1
                    let listed = ["and", ",", "or", "&"].contains(reading.word(position + 1))
                    guard single && !listed && reading.mention(atStart: position + 1) != nil else { continue }
                    use(found)
                }
            }
            if let found = reading.mention(at: position), mentions[found].range.count > 1, mentions[found].isColumn { continue }
            var merged = false
            var cueEnd = position
            // "most recent", "least expensive", "most common"
            if lower == "most" || lower == "least" {
                let next = reading.word(position + 1)
                if let adjective = Self.superlativeWords[next], !adjective.hints.isEmpty {
                    superlative = adjective
                    if lower == "least" {
                        superlative.descending.toggle()
                        superlative.hints = superlative.hints.map { ($0.word, !$0.descending) }
                    }
                    cueEnd = position + 1
                    merged = true
                } else if ["common", "frequent", "popular", "often", "frequently", "commonly"].contains(next)
                    || Lexicon.editDistance(next, "common", limit: 1) <= 1
                {
                    // "the most common X": group by X, rank by count
                    cueEnd = position + 1
                    consumed.formUnion(position...cueEnd)
                    var target = reading.nextMention(after: cueEnd, maxGap: 1)
                    // "the most common singer citizenship": the head of the compound
                    while let current = target, reading.qualifiesNext(current),
                        let following = reading.mention(atStart: mentions[current].range.upperBound)
                    {
                        target = following
                    }
                    if let target, let ref = resolveColumn(target), !mentions[target].isTable {
                        use(target)
                        addGroup(.column(ref), at: mentions[target].range.lowerBound)
                        projectionHint(ref, position: mentions[target].range.lowerBound)
                    } else if let target, let table = reading.tableReading(of: target) {
                        use(target)
                        intent.countRanking = (lower == "most", table, position)
                        continue
                    }
                    intent.countRanking = (lower == "most", target == nil ? recordingTable(before: position) : nil, position)
                    if intent.limit == nil { intent.limit = 1 }
                    continue
                }
            }
            if isHeadAggregate(position) && superlative.aggregate { continue }
            if !superlative.aggregate && superlative.hints.isEmpty == false && isHeadAggregate(position) && reading.word(position - 1) != "the" {
                continue
            }
            // what is ranked
            var after = cueEnd
            var byCount = false
            while after + 1 < tokens.count {
                let next = reading.word(after + 1)
                if ["number", "count"].contains(next) && reading.word(after + 2) == "of" {
                    if let found = reading.mention(at: after + 1), mentions[found].isColumn, mentions[found].range.count > 1 { break }
                    byCount = true
                    after += 2
                } else if ["the", "a", "total", "of", "amount", "value", "level"].contains(next)
                    && !(next == "total" && reading.mention(atStart: after + 1) != nil && reading.mention(atStart: after + 2) == nil)
                {
                    after += 1
                } else {
                    break
                }
            }
            consumed.formUnion(position...after)
            let target = reading.nextMention(after: after, maxGap: 1, skipping: ["different", "distinct", "kinds", "types"])
            // "the first order", "his latest shipment": the table's own date, the one a verb names
            if let target, !byCount, superlative.hints.contains(where: { $0.word == "date" }), let table = reading.tableReading(of: target),
                let date = rowDate(of: table)
            {
                use(target)
                intent.orderings.append(QueryPlan.Ordering(expression: .column(date), descending: superlative.descending))
                if intent.limit == nil { intent.limit = 1 }
                // "when was the first order placed?": the date is the answer
                if reading.word(firstCommandIndex()) == "when" { projectionHint(date, position: position) }
                notes.append("the \(superlative.descending ? "latest" : "earliest") by \(columnName(date))")
                continue
            }
            // "the largest invoice total", "the highest order amount": a number of the table named
            if let target, !byCount, let table = reading.tableReading(of: target), let ref = rankedColumn(after: target, of: table) {
                use(target)
                // "what was the largest invoice total": the total is asked for too
                if reading.word(position - 1) == "the", ["is", "was"].contains(reading.word(position - 2)), reading.word(position - 3) == "what" {
                    projectionHint(ref, position: position)
                    // "…, and which patient was it for?": the row's owner, shown first
                    if let which = reading.find(["which"], from: position + 1), let owner = reading.nextMention(after: which, maxGap: 0),
                        let ownerTable = reading.tableReading(of: owner), ownerTable != table
                    {
                        use(owner)
                        consumed.insert(which)
                        intent.returned.append(QuestionIntent.ReturnedItem(expression: labelExpression(ownerTable), position: position - 1))
                    }
                }
                intent.orderings.append(QueryPlan.Ordering(expression: .column(ref), descending: superlative.descending))
                if intent.limit == nil { intent.limit = 1 }
                notes.append("the \(superlative.descending ? "highest" : "lowest") \(columnName(ref))")
                continue
            }
            // "the most express shipments": a value before the table whose rows are counted
            if let target, !byCount, mentions[target].isValue, ["most", "least", "fewest"].contains(lower),
                let counted = reading.mention(atStart: mentions[target].range.upperBound), let table = reading.tableReading(of: counted)
            {
                use(counted)
                intent.countRanking = (superlative.descending, table, position)
                if intent.limit == nil { intent.limit = 1 }
                notes.append("ranked by how many \(reading.tableName(table)) rows")
                continue
            }
            if let target, !byCount {
                let mention = mentions[target]
                let numericColumn = mention.columns.first {
                    let kind = index.tables[$0.table].columns[$0.column].kind
                    return kind == .number || kind == .date || reading.isNumericText($0.table, $0.column)
                }
                // "the most awards": a plural noun after most/fewest counts rows
                let plural = tokens[mention.range].last.map { $0.lower != $0.stem } ?? false
                let countingWord = ["most", "least", "fewest"].contains(lower) && !merged
                if countingWord && plural, numericColumn != nil, let ref = resolveColumn(target),
                    index.tables[ref.table].columns[ref.column].kind == .text || reading.isNumericText(ref.table, ref.column)
                {
                    use(target)
                    intent.countRanking = (superlative.descending, ref.table, position)
                    if intent.limit == nil { intent.limit = 1 }
                    notes.append("ranked by how many \(reading.tableName(ref.table)) rows")
                    continue
                }
                if let numericColumn, numericColumn.score >= (mention.tables.first?.score ?? 0) - 0.05 || !mention.isTable,
                    let ref = resolveColumn(target, numericOnly: true)
                {
                    use(target)
                    intent.orderings.append(QueryPlan.Ordering(expression: .column(ref), descending: superlative.descending))
                    if intent.limit == nil { intent.limit = 1 }
                    notes.append("the \(superlative.descending ? "highest" : "lowest") \(columnName(ref))")
                    continue
                }
                if let table = reading.tableReading(of: target) {
                    if superlative.hints.isEmpty || ((lower == "most" || lower == "least" || lower == "fewest") && !merged) {
                        use(target)
                        intent.countRanking = (superlative.descending, table, position)
                        if intent.limit == nil { intent.limit = 1 }
                        notes.append("ranked by how many \(reading.tableName(table)) rows")
                        continue
                    }
                }
                if let ref = resolveColumn(target), superlative.hints.isEmpty {
                    // "the most languages": a text column counted, not compared
                    use(target)
                    intent.countRanking = (superlative.descending, ref.table, position)
                    if intent.limit == nil { intent.limit = 1 }
                    notes.append("ranked by how many \(columnName(ref)) values")
                    continue
                }
            }
            if byCount {
                let table = target.flatMap { reading.tableReading(of: $0) } ?? target.flatMap { mentions[$0].columns.first?.table }
                if let target { use(target) }
                intent.countRanking = (superlative.descending, table, position)
                if intent.limit == nil { intent.limit = 1 }
                notes.append("ranked by count")
                continue
            }
            // "whose number of products is the largest": the column before "is the"
            if target == nil, ["the", "is", "are", "was"].contains(reading.word(position - 1)),
                let found = reading.previousMention(before: position, maxGap: 2, skipping: ["is", "are", "was", "were", "the"]),
                !usedMentions.contains(found), mentions[found].isColumn, let ref = resolveColumn(found, numericOnly: true)
            {
                use(found)
                intent.orderings.append(QueryPlan.Ordering(expression: .column(ref), descending: superlative.descending))
                if intent.limit == nil { intent.limit = 1 }
                continue
            }
            // "the fewest people": a population column
            if target == nil, Self.populationNouns.contains(reading.word(after + 1)),
                let ref = columns(matching: ["population", "inhabitant", "resident"], kinds: [.number]).first(where: {
                    contextTables.contains($0.table)
                })
            {
                consumed.insert(after + 1)
                intent.orderings.append(QueryPlan.Ordering(expression: .column(ref), descending: superlative.descending))
                if intent.limit == nil { intent.limit = 1 }
                continue
            }
            // the adjective names the column: "youngest" → age
            var placed = false
            for hint in superlative.hints {
                if let ref = columns(matching: [hint.word], kinds: [.number, .date, .text]).first(where: {
                    isNear($0.table)
                        && (index.tables[$0.table].columns[$0.column].kind != .text || reading.isNumericText($0.table, $0.column)
                            || looksLikeDates($0))
                }) {
                    intent.orderings.append(QueryPlan.Ordering(expression: .column(ref), descending: hint.descending))
                    if intent.limit == nil { intent.limit = 1 }
                    notes.append("'\(lower)' ranks by \(columnName(ref))")
                    placed = true
                    break
                }
            }
            if !placed && (lower == "most" || lower == "least" || lower == "fewest") && target == nil {
                // "which X has the most?" with nothing after: rank by count ("prescribed most
                // often": of the rows that record the verb)
                intent.countRanking = (superlative.descending, recordingTable(before: position), position)
                if intent.limit == nil { intent.limit = 1 }
                placed = true
            }
            if !placed { missing.append("what '\(lower)' ranks by") }
        }
    }

    /// The date that places a table's rows in time: one a word of the question names ("placed"
    /// for `placed_at`), else the first that records what happened.
    /// "which medication was prescribed most often": the table whose rows record the verb
    /// before `position`, among those referencing the subject: the one named like the verb
    /// (prescribed, prescriptions), else the only one.
    func recordingTable(before position: Int) -> Int? {
        guard let subject else { return nil }
        let referencing = Set(
            index.edges.filter { edge in
                edge.to == subject && edge.from != subject && edge.fromColumns.allSatisfy { index.tables[edge.from].columns[$0].isForeignKey }
            }.map(\.from)
        ).sorted()
        let verbs = (reading.headEnd..<max(reading.headEnd, position)).filter { tokens[$0].isParticiple }
        guard !referencing.isEmpty, !verbs.isEmpty else { return nil }
        for verb in verbs {
            let word = tokens[verb].lower
            if let table = referencing.first(where: { table in
                index.tables[table].words.contains { name in
                    let shared = zip(name.text, word).prefix { $0 == $1 }.count
                    return shared >= 5 && Double(shared) >= 0.6 * Double(min(name.text.count, word.count))
                }
            }) {
                return table
            }
        }
        return referencing.count == 1 ? referencing[0] : nil
    }

    func rowDate(of table: Int) -> QueryPlan.ColumnRef? {
        dateColumns(of: table).first { dateNamedByQuestion($0) } ?? eventDate(of: table)
    }

    /// The number column of `table` the words right after its mention name: a column linked
    /// there ("invoice total_amount"), or a money word ("total", "amount", "value") when the
    /// table has one money column.
    func rankedColumn(after target: Int, of table: Int) -> QueryPlan.ColumnRef? {
        let next = mentions[target].range.upperBound
        if let found = reading.mention(atStart: next),
            let column = mentions[found].columns.first(where: { $0.table == table && index.tables[table].columns[$0.column].kind == .number })
        {
            use(found)
            return QueryPlan.ColumnRef(table: table, column: column.column)
        }
        guard ["total", "amount", "value", "sum"].contains(reading.word(next)) else { return nil }
        let money = index.tables[table].columns.indices.filter { column in
            let info = index.tables[table].columns[column]
            return info.kind == .number && !info.isPrimaryKey && !info.isForeignKey
                && info.words.contains { Lexicon.moneyColumnWords.contains(Lexicon.stem($0.text)) }
        }
        guard money.count == 1 else { return nil }
        consumed.insert(next)
        return QueryPlan.ColumnRef(table: table, column: money[0])
    }

    /// Remembers that a column should be returned (a grouping column asked for by a superlative).
    func projectionHint(_ ref: QueryPlan.ColumnRef, position: Int) {
        if !intent.returned.contains(where: { $0.expression.column == ref && $0.expression.aggregate == nil }) {
            intent.returned.append(QuestionIntent.ReturnedItem(expression: .column(ref), position: position))
        }
    }

    // MARK: - ORDER BY

    static let descendingWords: Set<String> = English.standard.words("descending_words")
    static let orderCueWords: Set<String> = English.standard.words("order_cue_words")

    func findOrdering() {
        guard
            let cue = tokens.indices.first(where: { position in
                guard Self.orderCueWords.contains(reading.word(position)) && !consumed.contains(position) else { return false }
                // "arranged to teach", "ranked 3rd", "quantity ordered": not an ordering
                if ["rank", "ranked", "arrange", "arranged", "ordered", "sorted", "order"].contains(reading.word(position)) {
                    let next = reading.word(position + 1)
                    let previous = reading.word(position - 1)
                    if ["by", "in", "according", "from", "alphabetically", "ascending", "descending", "of", "based", "numerically"].contains(next) {
                        return true
                    }
                    if reading.word(position) == "order"
                        && ([
                            "in", "descending", "ascending", "alphabetical", "reverse", "reversed", "lexicographical", "increasing", "decreasing",
                            "sorted", "sort",
                        ].contains(previous))
                    {
                        return true
                    }
                    return false
                }
                return true
            })
        else { return }
        // "rank" as a column name is not an ordering cue, nor "order" naming a table
        if let found = reading.mention(at: cue), mentions[found].isColumn, !["order", "ordered", "sorted", "sort"].contains(reading.word(cue)) {
            return
        }
        if let found = reading.mention(at: cue), reading.tableReading(of: found) != nil, ["order", "orders"].contains(reading.word(cue)),
            !["by", "of"].contains(reading.word(cue + 1)),
            !["in", "descending", "ascending", "alphabetical", "reverse", "sort", "sorted"].contains(reading.word(cue - 1))
        {
            return
        }
        var descending = tokens.indices.contains { Self.descendingWords.contains(reading.word($0)) && $0 >= cue - 3 }
        // "from the oldest to the youngest", "from highest to lowest"
        var hint: Superlative?
        if let from = reading.find(["from"], from: max(0, cue - 8), to: min(tokens.count, cue + 10)), let to = reading.find(["to"], from: from + 1),
            to - from <= 4
        {
            if let first = (from + 1..<to).map({ reading.word($0) }).first(where: { Self.superlativeWords[$0] != nil }),
                let superlative = Self.superlativeWords[first]
            {
                hint = superlative
                descending = superlative.descending
                var last = to + 1
                while last < tokens.count, reading.isFiller(last) || Self.superlativeWords[reading.word(last)] != nil { last += 1 }
                consumed.formUnion(from..<last)
            }
        }
        var ref: QueryPlan.ColumnRef?
        // "sort employee names by their age": the key follows "by"
        if ["sort", "sorted", "order", "ordered", "rank", "ranked", "arrange", "arranged"].contains(reading.word(cue)),
            let by = reading.find(["by"], from: cue + 1, to: min(tokens.count, cue + 8)),
            let found = reading.nextMention(after: by, maxGap: 1, skipping: ["their", "its", "his", "her", "the"]),
            let resolved = resolveColumn(found)
        {
            ref = resolved
            use(found)
        }
        // "by X", "of X" after the cue
        var position = ref == nil ? cue + 1 : tokens.count
        let skip: Set<String> = [
            "by", "in", "of", "the", "their", "its", "descending", "ascending", "order", "alphabetical", "reverse", "reversed",
            "lexicographical", "decreasing", "increasing", "according", "based", "on", "them", "results", "result",
            "alphabetically", "lexicographic", "numerical", "numeric", "value", "values", "and", "his", "her", "a", "an",
        ]
        while position < tokens.count, position <= cue + 6 {
            if consumed.contains(position) && reading.mention(at: position) == nil {
                position += 1
                continue
            }
            if let found = reading.mention(at: position), !usedMentions.contains(found) || mentions[found].isColumn {
                if let table = reading.tableReading(of: found), let next = reading.mention(atStart: mentions[found].range.upperBound),
                    let resolved = resolveColumn(next, prefer: [table])
                {
                    // "ordered by the teacher's name"
                    ref = resolved
                    use(next)
                } else if let resolved = resolveColumn(found) {
                    ref = resolved
                    use(found)
                }
                break
            }
            if !skip.contains(reading.word(position)) { break }
            position += 1
        }
        if ref == nil, let by = reading.find(["by"], from: cue, to: min(tokens.count, cue + 8)),
            let found = reading.nextMention(after: by, maxGap: 1),
            let resolved = resolveColumn(found)
        {
            // "sort employee names by their age"
            ref = resolved
            use(found)
        }
        if ref == nil, !["sort", "sorted", "order", "ordered"].contains(reading.word(cue)) || reading.word(cue - 1) == "in",
            let found = reading.previousMention(
                before: cue,
                maxGap: 3,
                skipping: ["in", "by", "the", "descending", "ascending", "order", "reverse", "alphabetical", "decreasing", "increasing"]
            ),
            !usedMentions.contains(found), mentions[found].isColumn, let resolved = resolveColumn(found)
        {
            // "X in descending order" (the mention stays a projection too)
            ref = resolved
        }
        if let hint {
            let hinted = columns(matching: hint.hints.map(\.word), kinds: [.number, .date, .text]).first { contextTables.contains($0.table) }
            if ref == nil { ref = hinted }
            if let ref,
                let matched = hint.hints.first(where: { h in
                    index.tables[ref.table].columns[ref.column].words.contains { Lexicon.root($0.text) == h.word }
                })
            {
                descending = matched.descending
            }
        }
        consumed.insert(cue)
        for position in tokens.indices
        where Self.descendingWords.contains(reading.word(position))
            || ["ascending", "increasing", "alphabetical", "alphabetically", "lexicographical"].contains(reading.word(position))
        {
            consumed.insert(position)
        }
        if let ref {
            intent.orderings.insert(QueryPlan.Ordering(expression: .column(ref), descending: descending), at: 0)
            // "sorted by last name and then first name", "by hire date, then by name"
            if let then = reading.find(["then"], from: cue + 1, to: min(tokens.count, cue + 12)),
                let found = reading.nextMention(after: then, maxGap: 1, skipping: ["by", "the", "their", "its", "his", "her"]),
                !usedMentions.contains(found), let second = resolveColumn(found), second != ref
            {
                use(found)
                consumed.insert(then)
                // each key's direction is said before the next key
                intent.orderings[0].descending = (max(0, cue - 3)..<then).contains { Self.descendingWords.contains(reading.word($0)) }
                let reversed = (then..<min(tokens.count, then + 8)).contains { Self.descendingWords.contains(reading.word($0)) }
                intent.orderings.insert(QueryPlan.Ordering(expression: .column(second), descending: reversed), at: 1)
            }
            notes.append(
                intent.orderings.prefix(intent.orderings.count > 1 && intent.orderings[1].expression.column != nil ? 2 : 1).map { ordering in
                    "ordered by \(columnName(ordering.expression.column!))\(ordering.descending ? " descending" : "")"
                }.joined(separator: ", then ")
            )
        } else {
            // alphabetical order of what is returned, decided when the projection is known
            intent.alphabetical = descending
        }
    }

    // MARK: - GROUP BY

    func addGroup(_ target: QuestionIntent.GroupTarget, at position: Int) {
        intent.groups.append(target)
        intent.groupPositions[target] = position
    }

    /// Whether the question aggregates (counts, sums, averages, ranks by count or filters groups).
    var aggregates: Bool {
        if intent.countTarget != nil || intent.countDistinct != nil || intent.countRanking != nil || !intent.having.isEmpty { return true }
        return tokens.contains { token in
            if ["average", "avg", "mean", "total", "sum", "maximum", "minimum", "max", "min", "many", "much"].contains(token.lower) {
                return reading.mention(at: token.index).map { mentions[$0].range.count == 1 } ?? true
            }
            if ["number", "count"].contains(token.lower) { return reading.word(token.index + 1) == "of" && reading.mention(at: token.index) == nil }
            return false
        }
    }

    func findGrouping() {
        guard aggregates else { return }
        for position in tokens.indices where ["each", "per", "every"].contains(reading.word(position)) && !consumed.contains(position) {
            // "each time": not a grouping
            if ["time", "times"].contains(reading.word(position + 1)) { continue }
            // "has each been rented", "does each have": a verb follows, not what to group by
            if ["been", "has", "have", "had", "was", "were", "is", "are", "did", "does", "do"].contains(reading.word(position + 1)) { continue }
            // "each of them", "each one": the thing already asked for
            if ["one", "of"].contains(reading.word(position + 1)) && (reading.word(position + 2) == "them" || reading.word(position + 1) == "one") {
                intent.groupOnReturned = true
                consumed.insert(position)
                continue
            }
            guard
                var next = reading.nextMention(
                    after: position,
                    maxGap: 1,
                    skipping: ["different", "distinct", "individual", "single", "kind", "type"]
                )
            else { continue }
            // "each payment method": the head of the compound
            while reading.qualifiesNext(next), let following = reading.mention(atStart: mentions[next].range.upperBound) {
                use(next)
                next = following
            }
            consumed.insert(position)
            let mention = mentions[next]
            let columnFirst = mention.isColumn && !(mention.tables.first.map { $0.score >= mention.score - 0.02 } ?? false)
            if columnFirst, let ref = resolveColumn(next) {
                use(next)
                // a foreign key grouped is its referenced table ("each support representative")
                let column = index.tables[ref.table].columns[ref.column]
                let referenced = index.edges.first { $0.from == ref.table && $0.fromColumns == [ref.column] && $0.to != ref.table }
                addGroup(
                    column.isForeignKey && !column.isPrimaryKey ? referenced.map { .table($0.to) } ?? .column(ref) : .column(ref),
                    at: mentions[next].range.lowerBound
                )
                notes.append("one row per \(columnName(ref))")
            } else if var table = reading.tableReading(of: next) {
                use(next)
                // "per film category": the table a bridge (`film_category`) links to
                if let last = tokens[mention.range].last, let linked = index.bridgeTarget(of: table, named: last.lower) { table = linked }
                addGroup(.table(table), at: mentions[next].range.lowerBound)
                notes.append("one row per \(reading.tableName(table))")
            } else if let ref = resolveColumn(next) {
                use(next)
                addGroup(.column(ref), at: mentions[next].range.lowerBound)
                notes.append("one row per \(columnName(ref))")
            }
        }
        // "for different X", "by X" after a count or an aggregate
        if intent.groups.isEmpty {
            for position in tokens.indices
            where reading.word(position) == "different" && !consumed.contains(position)
                && (["for", "across", "of"].contains(previousWord(before: position))
                    || (previousWord(before: position) == "all"
                        && ["for", "across", "of"].contains(
                            reading.word(position - 3) == "all" ? reading.word(position - 4) : reading.word(position - 2)
                        )))
            {
                if let next = reading.nextMention(after: position, maxGap: 1), let ref = resolveColumn(next) {
                    use(next)
                    consumed.insert(position)
                    addGroup(.column(ref), at: mentions[next].range.lowerBound)
                }
            }
        }
        if intent.groups.isEmpty,
            signals.countQuestion
                || tokens.contains(where: {
                    Self.aggregateWords[$0.lower] != nil
                        && ["average", "avg", "mean", "total", "sum", "maximum", "minimum", "max", "min"].contains($0.lower)
                })
        {
            for position in tokens.indices where reading.word(position) == "by" && !consumed.contains(position) {
                let before = reading.word(position - 1)
                if before.hasSuffix("ed") || Self.orderCueWords.contains(before) { continue }
                if let next = reading.nextMention(after: position, maxGap: 0), mentions[next].isColumn, let ref = resolveColumn(next),
                    !usedMentions.contains(next)
                {
                    use(next)
                    consumed.insert(position)
                    // "orders by status": the key comes first
                    addGroup(.column(ref), at: -1)
                    notes.append("one row per \(columnName(ref))")
                }
            }
        }
    }
}
