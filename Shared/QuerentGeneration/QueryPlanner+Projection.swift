import Foundation
import QuerentQueryPlan
import QuerentSchemaLinking

extension QueryPlanner {
    /// Verbs that open a sentence asking for columns ("List the id and name.").
    static let imperativeWords: Set<String> = ["list", "show", "give", "return", "find", "include", "display", "provide", "tell", "report", "output"]

    /// The columns and aggregates to return.
    func findProjection() {
        let head = reading.firstContentIndex()..<max(reading.firstContentIndex(), reading.headEnd)
        var region = head
        // a later imperative sentence or clause says what to return: "… ? List the name and id."
        let clauseStarts =
            reading.sentenceStarts.dropFirst() + tokens.indices.filter { tokens[$0].text == "," && $0 + 1 < tokens.count }.map { $0 + 1 }
        for start in clauseStarts.sorted()
        where Self.imperativeWords.contains(reading.word(start)) || (reading.word(start) == "what" && reading.sentenceStarts.contains(start)) {
            var from = start + 1
            while from < tokens.count, ["me", "us", "the", "all", "both", "also", "its", "their", "is", "are"].contains(reading.word(from)) {
                from += 1
            }
            let candidate = reading.headRegion(from: from)
            let hasColumns = mentions.enumerated().contains { item in
                candidate.contains(item.element.range.lowerBound) && !usedMentions.contains(item.offset)
                    && (item.element.isColumn || item.element.columns.contains { $0.score >= item.element.score - 0.05 })
            }
            if hasColumns {
                region = candidate
                break
            }
        }
        intent.returnedRegion = region
        // "What is the average price for each category? Show the category name.": the head's
        // aggregates stay and the later sentence adds to them
        let headAggregates =
            region != head
            && head.contains { position in
                Self.aggregateWords[reading.word(position)] != nil
                    && (aggregateChainTarget(from: position) != nil || aggregateOfTable(at: position) != nil)
            }
        // "What region does Angola belong to and what is its population?": a second question
        var extra: [Range<Int>] = []
        for position in tokens.indices
        where position > region.upperBound
            && ["and", ","].contains(tokens[position].kind == .punctuation ? tokens[position].text : reading.word(position))
            && ["what", "which"].contains(reading.word(position + 1))
        {
            var from = position + 2
            while from < tokens.count, ["is", "are", "was", "were", "the", "its", "their", "his", "her"].contains(reading.word(from)) { from += 1 }
            let second = reading.headRegion(from: from)
            if !second.isEmpty { extra.append(second) }
        }
        var withTheir = false
        // "… in the Imaging category with their list price": more to return after the conditions
        for position in tokens.indices
        where position > region.lowerBound && ["with", "plus", "and"].contains(reading.word(position))
            && ["their", "its", "his", "her"].contains(reading.word(position + 1))
        {
            // (one unknown modifier may come first: "their list price" for `list_price`)
            let more = reading.headRegion(from: position + 2)
            withTheir = true
            if !more.isEmpty {
                extra.append(more)
            } else if let next = reading.mention(at: position + 3) {
                extra.append(mentions[next].range.lowerBound..<mentions[next].range.upperBound)
            }
        }
        func inRegions(_ position: Int) -> Bool {
            region.contains(position) || (headAggregates && head.contains(position)) || extra.contains { $0.contains(position) }
        }
        var items: [QuestionIntent.ReturnedItem] = []
        // "… and what do they add up to?": the total of the rows' amount too
        if let add = tokens.indices.first(where: { ["add", "adds", "added"].contains(reading.word($0)) && reading.word($0 + 1) == "up" }),
            let amount = moneyColumn()
        {
            items.append(QuestionIntent.ReturnedItem(expression: .aggregate(.sum, amount), position: add))
            consumed.formUnion(add...(add + 1))
        }
        for (offset, mention) in mentions.enumerated() where inRegions(mention.range.lowerBound) {
            if usedMentions.contains(offset) { continue }
            let columnReading = mention.columns.first
            let tableScore = mention.tables.first?.score ?? 0
            let readsAsColumn = columnReading.map { $0.score >= tableScore - 0.02 || !mention.isTable } ?? false
            if mention.isValue { continue }
            if reading.readsAsEntityThroughKey(offset) { continue }
            // an aggregate word matched as a column ("average") that starts a list of aggregates
            if mention.range.count == 1, Self.aggregateWords[reading.word(mention.range.lowerBound)] != nil,
                aggregateChainTarget(from: mention.range.lowerBound) != nil || aggregateOfTable(at: mention.range.lowerBound) != nil
            {
                continue
            }
            // a word that only qualifies the next one ("singer names", "maker full name")
            if reading.qualifiesNext(offset) { continue }
            // "the name of the country": the table after "of" says whose name
            if ["of", "for"].contains(previousWord(before: mention.range.lowerBound)), reading.tableReading(of: offset) != nil, !items.isEmpty {
                continue
            }
            // "the products with (and) their prices": the products themselves are returned too
            if mention.isTable, ["with", "and"].contains(reading.word(mention.range.upperBound)),
                ["their", "its"].contains(reading.word(mention.range.upperBound + 1)),
                let table = reading.tableReading(of: offset)
            {
                items.append(QuestionIntent.ReturnedItem(expression: labelExpression(table), position: mention.range.lowerBound))
                continue
            }
            // "government form name": the name of a text column is the column itself
            if mention.range.count == 1, ["name", "names"].contains(reading.word(mention.range.lowerBound)),
                let previous = reading.previousMention(before: mention.range.lowerBound, maxGap: 0), mentions[previous].isColumn,
                let option = mentions[previous].columns.first, index.tables[option.table].columns[option.column].kind == .text,
                !index.tables[option.table].columns[option.column].words.contains(where: { $0.text == "name" })
            {
                use(offset)
                continue
            }
            // "the number of countries": counted, not returned
            let lead = previousWord(before: mention.range.lowerBound)
            let numericColumn =
                mention.isColumn
                && mention.columns.first.map {
                    index.tables[$0.table].columns[$0.column].kind == .number && !index.tables[$0.table].columns[$0.column].isForeignKey
                } == true
            if ((lead == "of" && ["number", "count", "amount"].contains(reading.word(mention.range.lowerBound - 2))) || lead == "many")
                && !numericColumn
            {
                continue
            }
            if readsAsColumn {
                guard var ref = resolveColumn(offset) else { continue }
                ref = labelIfKeyAskedByName(ref, mention: mention)
                let aggregates = aggregatesBefore(mention.range.lowerBound)
                use(offset)
                if aggregates.isEmpty {
                    // "the full name": a person's first and last name, of the people the question is about
                    let person =
                        reading.word(mention.range.lowerBound - 1) == "full"
                        ? ([ref.table] + contextTables).first { index.nameColumns(of: $0) != nil } : nil
                    let expression = person.map(labelExpression) ?? .column(ref)
                    items.append(QuestionIntent.ReturnedItem(expression: expression, position: mention.range.lowerBound))
                } else {
                    for aggregate in aggregates {
                        items.append(QuestionIntent.ReturnedItem(expression: .aggregate(aggregate.function, ref), position: aggregate.position))
                    }
                }
            }
        }
        // "airline names", "names of the shops" when no column of that table is called so
        for position in region
        where QuestionReading.genericHeadNouns.contains(reading.word(position)) && reading.mention(at: position) == nil
            && !consumed.contains(position)
        {
            var table: Int?
            if let previous = reading.mention(at: position - 1), let named = reading.tableReading(of: previous) { table = named }
            if table == nil, reading.word(position + 1) == "of" {
                var next = position + 2
                while next < tokens.count, reading.isFiller(next) { next += 1 }
                if let found = reading.mention(atStart: next) { table = reading.tableReading(of: found) }
            }
            guard let table else { continue }
            let isKey = ["id", "ids", "identifier", "identifiers"].contains(reading.word(position))
            consumed.insert(position)
            let expression = isKey ? .column(QueryPlan.ColumnRef(table: table, column: index.keyColumn(of: table))) : labelExpression(table)
            items.append(QuestionIntent.ReturnedItem(expression: expression, position: position))
        }
        // aggregate words with nothing after them that name a column themselves ("the average")
        for position in Array(headAggregates ? head : 0..<0) + Array(region) + extra.flatMap({ Array($0) }) where !consumed.contains(position) {
            guard let aggregate = Self.aggregateWords[reading.word(position)] else { continue }
            if Self.superlativeWords[reading.word(position)] != nil && !isHeadAggregate(position) { continue }
            if let (ref, found, named) = aggregateOfTable(at: position) {
                // "the total value of payments", "the average order total"
                if named { use(found) }
                if let own = reading.mention(at: position) { use(own) }
                items.append(QuestionIntent.ReturnedItem(expression: .aggregate(aggregate, ref), position: position))
                consumed.insert(position)
                continue
            }
            if let found = reading.mention(at: position), let ref = resolveColumn(found) {
                use(found)
                items.append(QuestionIntent.ReturnedItem(expression: .column(ref), position: position))
            } else if items.isEmpty, let ref = countableColumnFor(aggregate, after: position) {
                items.append(QuestionIntent.ReturnedItem(expression: .aggregate(aggregate, ref), position: position))
            }
            consumed.insert(position)
        }
        // "List the procedures … with their list price": the rows themselves, then what is added
        if withTheir, let subject, !items.contains(where: { region.contains($0.position) }),
            mentions.indices.contains(where: { region.contains(mentions[$0].range.lowerBound) && reading.tableReading(of: $0) == subject })
        {
            items.append(QuestionIntent.ReturnedItem(expression: labelExpression(subject), position: region.lowerBound))
        }
        intent.returned.append(contentsOf: items)
        intent.returned.sort { $0.position < $1.position }
        // "all the information about hiring", "everything about X": every column
        if intent.returned.isEmpty && intent.countTarget == nil && intent.countDistinct == nil {
            let everything =
                tokens.indices.contains { position in
                    ["information", "info", "details", "data", "columns", "fields", "attributes"].contains(reading.word(position))
                        && reading.mention(at: position) == nil
                        && (max(0, position - 3)..<position).contains { reading.word($0) == "all" }
                } || tokens.contains { $0.lower == "everything" }
            if everything { intent.selectAll = true }
        }
        if intent.returned.isEmpty && intent.limit == nil {
            // "Which 3 …": nothing to add
        }
    }

    /// A foreign-key column asked for with the referenced table's name ("the country")
    /// stays as asked; only keys matched weakly become the referenced table's label.
    func labelIfKeyAskedByName(_ ref: QueryPlan.ColumnRef, mention: Mention) -> QueryPlan.ColumnRef {
        let column = index.tables[ref.table].columns[ref.column]
        guard column.isForeignKey, !column.isPrimaryKey else { return ref }
        // "ids" asked for: keep the key
        let askedForKey = tokens[mention.range].contains { ["id", "ids", "code", "codes", "key", "number", "no"].contains($0.lower) }
        if askedForKey { return ref }
        guard let edge = index.edges.first(where: { $0.from == ref.table && $0.fromColumns == [ref.column] }) else { return ref }
        let target = index.tables[edge.to]
        // only when the referenced table is a lookup of the same thing (continents.Continent)
        let label = index.labelColumn(of: edge.to)
        guard label != edge.toColumns.first, target.columns[label].kind == .text, index.tables[ref.table].columns[ref.column].kind != .text else {
            return ref
        }
        if !intent.tables.contains(edge.to) { intent.tables.append(edge.to) }
        intent.preferredEdges.append(edge)
        return QueryPlan.ColumnRef(table: edge.to, column: label)
    }

    /// "total value of payments", "average order total": an aggregate followed by a table
    /// means the table's one measure, or the measure the table's words name.
    func aggregateOfTable(at position: Int) -> (ref: QueryPlan.ColumnRef, mention: Int, named: Bool)? {
        var next = position + 1
        while next < tokens.count,
            ["value", "values", "amount", "amounts", "sum", "figure", "level", "of", "the", "all", "for"].contains(reading.word(next)),
            reading.mention(atStart: next) == nil
        {
            next += 1
        }
        guard let found = reading.mention(atStart: next), mentions[found].isTable, let table = reading.tableReading(of: found) else { return nil }
        let numeric = index.tables[table].columns.indices.filter {
            let column = index.tables[table].columns[$0]
            return column.kind == .number && !column.isPrimaryKey && !column.isForeignKey && !Lexicon.root(column.name).hasSuffix("id")
                && column.words.last.map { !["id", "code", "no"].contains($0.text) } ?? true
        }
        let words = Set(tokens[mentions[found].range].map { Lexicon.root($0.lower) })
        if let named = numeric.first(where: { index.tables[table].columns[$0].words.allSatisfy { words.contains(Lexicon.root($0.text)) } }) {
            return (QueryPlan.ColumnRef(table: table, column: named), found, false)
        }
        if numeric.count == 1, next > position + 1 { return (QueryPlan.ColumnRef(table: table, column: numeric[0]), found, false) }
        return nil
    }

    /// The column an aggregate word and the aggregate words after it apply to: "average, minimum, and maximum age".
    func aggregateChainTarget(from position: Int) -> Int? {
        var next = position + 1
        while next < tokens.count {
            let lower = tokens[next].kind == .punctuation ? tokens[next].text : reading.word(next)
            if var found = reading.mention(atStart: next), !(mentions[found].range.count == 1 && Self.aggregateWords[lower] != nil) {
                // "the largest payment amount": past the qualifier
                while reading.qualifiesNext(found), let following = reading.mention(atStart: mentions[found].range.upperBound) { found = following }
                return mentions[found].isColumn || mentions[found].columns.contains { $0.score >= mentions[found].score - 0.05 } ? found : nil
            }
            if Self.aggregateWords[lower] != nil || [",", "and", "the", "&"].contains(lower)
                || (["number", "amount"].contains(lower) && reading.word(next + 1) == "of")
                || (lower == "of" && ["number", "amount"].contains(reading.word(next - 1)))
            {
                next += 1
                continue
            }
            return nil
        }
        return nil
    }

    /// The aggregate words in front of a column: "average, minimum, and maximum age".
    func aggregatesBefore(_ position: Int) -> [(function: QueryPlan.Aggregate, position: Int)] {
        var result: [(QueryPlan.Aggregate, Int)] = []
        var back = position - 1
        while back >= 0 {
            let lower = tokens[back].kind == .punctuation ? tokens[back].text : reading.word(back)
            if consumed.contains(back) && Self.aggregateWords[lower] == nil { break }
            if let aggregate = Self.aggregateWords[lower] {
                if let found = reading.mention(at: back) {
                    if mentions[found].range.count > 1 { break }
                    use(found)
                }
                // "number of": a count; "total number": not a sum
                if lower == "total" && reading.word(back + 1) == "number" { break }
                if Self.superlativeWords[lower] != nil && !isHeadAggregate(back) && Self.aggregateWords[lower] != .avg
                    && Self.aggregateWords[lower] != .sum
                {
                    break
                }
                result.insert((aggregate, back), at: 0)
                consumed.insert(back)
                back -= 1
                continue
            }
            if [",", "and", "the", "of", "&", "also"].contains(lower) || (["number", "amount"].contains(lower) && reading.word(back + 1) == "of") {
                back -= 1
                continue
            }
            // "the average expected life expectancy": one modifier between the aggregate and the column
            if back == position - 1, tokens[back].kind == .word, reading.mention(at: back) == nil, Self.aggregateWords[reading.word(back - 1)] != nil
            {
                back -= 1
                continue
            }
            // "the total payment amount": past the table word that qualifies the column
            if let found = reading.mention(at: back), mentions[found].range.upperBound == position, reading.qualifiesNext(found) {
                back = mentions[found].range.lowerBound - 1
                continue
            }
            break
        }
        // "the total and average X": keep a leading "the" out of the count
        return result.map { (function: $0.0, position: $0.1) }
    }

    /// "What is the average of all stadiums": the only numeric column the aggregate can mean.
    func countableColumnFor(_ aggregate: QueryPlan.Aggregate, after position: Int) -> QueryPlan.ColumnRef? {
        guard let subject else { return nil }
        let numeric = index.tables[subject].columns.indices.filter {
            let column = index.tables[subject].columns[$0]
            return column.kind == .number && !column.isPrimaryKey && !column.isForeignKey
        }
        return numeric.count == 1 ? QueryPlan.ColumnRef(table: subject, column: numeric[0]) : nil
    }

    // MARK: - Ranges

    /// "The salary range", "the range of prices": the lowest and highest values, a pair of
    /// minimum and maximum columns when a table of the question has them (`min_salary`,
    /// `max_salary`), else MIN and MAX of the column named.
    func findRanges() {
        for position in tokens.indices where ["range", "ranges"].contains(reading.word(position)) && !consumed.contains(position) {
            let before = reading.previousMention(before: position, maxGap: 0)
            guard let named = before ?? (reading.word(position + 1) == "of" ? reading.nextMention(after: position + 1, maxGap: 1) : nil) else {
                continue
            }
            let roots = Set(tokens[mentions[named].range].map { Lexicon.root($0.lower) })
            func bound(_ words: Set<String>, in table: Int) -> Int? {
                index.tables[table].columns.indices.first { column in
                    let own = index.tables[table].columns[column].words.map { Lexicon.root($0.text) }
                    return index.tables[table].columns[column].kind == .number && own.contains(where: words.contains)
                        && own.contains(where: roots.contains)
                }
            }
            let tables = contextTables + index.tables.indices.filter { !contextTables.contains($0) }
            // (every word of the name in the pair: "annual salaries" is annual_salary itself)
            func covers(_ table: Int, _ column: Int) -> Bool {
                let own = Set(index.tables[table].columns[column].words.map { Lexicon.root($0.text) })
                return roots.isSubset(of: own)
            }
            let span = before == nil ? position...mentions[named].range.upperBound - 1 : mentions[named].range.lowerBound...position
            if let pair = tables.lazy.compactMap({ table -> (Int, Int, Int)? in
                guard let low = bound(["min", "minimum", "lowest", "low"], in: table),
                    let high = bound(["max", "maximum", "highest", "high"], in: table)
                else { return nil }
                return covers(table, low) && covers(table, high) ? (table, low, high) : nil
            }).first {
                // the pair's table is what the question is about unless something else names the subject
                let subjectNamedElsewhere =
                    mentions.indices.contains {
                        $0 != named && (reading.tableReading(of: $0) == subject || mentions[$0].values.contains { $0.table == subject })
                    }
                if !subjectNamedElsewhere, subject != pair.0 {
                    intent.subject = pair.0
                }
                use(named)
                consumed.formUnion(span)
                intent.returned.append(
                    QuestionIntent.ReturnedItem(expression: .column(QueryPlan.ColumnRef(table: pair.0, column: pair.1)), position: position)
                )
                intent.returned.append(
                    QuestionIntent.ReturnedItem(expression: .column(QueryPlan.ColumnRef(table: pair.0, column: pair.2)), position: position)
                )
                notes.append(
                    "the range is \(columnName(QueryPlan.ColumnRef(table: pair.0, column: pair.1))) to \(columnName(QueryPlan.ColumnRef(table: pair.0, column: pair.2)))"
                )
            } else if let ref = resolveColumn(named, numericOnly: true) {
                use(named)
                consumed.formUnion(span)
                intent.returned.append(QuestionIntent.ReturnedItem(expression: .aggregate(.min, ref), position: position))
                intent.returned.append(QuestionIntent.ReturnedItem(expression: .aggregate(.max, ref), position: position))
                notes.append("the range of \(columnName(ref)) is its minimum and maximum")
            }
        }
    }
}
