import Foundation

extension QueryPlanner {
    /// Verbs that open a sentence asking for columns ("List the id and name.").
    static let imperativeWords: Set<String> = ["list", "show", "give", "return", "find", "include", "display", "provide", "tell", "report", "output"]

    /// The columns and aggregates to return.
    func findProjection() {
        var region = firstContentIndex()..<max(firstContentIndex(), headEnd)
        // a later imperative sentence says what to return: "… ? List the name and id."
        for start in sentenceStarts.dropFirst() where Self.imperativeWords.contains(word(start)) || (word(start) == "what" && start > 0) {
            let end = sentenceStarts.first { $0 > start } ?? tokens.count
            let hasColumns = mentions.enumerated().contains { $0.element.range.lowerBound >= start && $0.element.range.lowerBound < end && !usedMentions.contains($0.offset) && $0.element.isColumn }
            if hasColumns {
                region = start..<end
                break
            }
        }
        // the head can run past a boundary when it lists several things: "name, country, age for all"
        var items: [ProjectionItem] = []
        for (offset, mention) in mentions.enumerated() where region.contains(mention.range.lowerBound) {
            if usedMentions.contains(offset) { continue }
            let columnReading = mention.columns.first
            let tableScore = mention.tables.first?.score ?? 0
            let readsAsColumn = columnReading.map { $0.score >= tableScore - 0.02 || !mention.isTable } ?? false
            if mention.isValue { continue }
            if readsAsColumn {
                // a table word right before a column of the same table only qualifies it
                guard var ref = resolveColumn(offset) else { continue }
                if let table = tableReading(of: offset), let next = nextMention(after: mention.range.upperBound - 1, maxGap: 0),
                    mentions[next].columns.contains(where: { $0.table == table }), mentions[next].isColumn
                {
                    continue
                }
                // a foreign key asked for by its table's word ("the country of the maker") → the referenced label
                ref = labelIfKeyAskedByName(ref, mention: mention)
                let aggregates = aggregatesBefore(mention.range.lowerBound)
                use(offset)
                if aggregates.isEmpty {
                    items.append(ProjectionItem(expression: .column(ref), position: mention.range.lowerBound))
                } else {
                    for aggregate in aggregates {
                        items.append(ProjectionItem(expression: .aggregate(aggregate.function, ref), position: aggregate.position))
                    }
                }
            }
        }
        // aggregate words with nothing after them that name a column themselves ("the average")
        for position in region where !consumed.contains(position) {
            guard let aggregate = Self.aggregateWords[word(position)], ["average", "total", "maximum", "minimum"].contains(word(position)) else { continue }
            if let found = mention(at: position), let ref = resolveColumn(found) {
                use(found)
                items.append(ProjectionItem(expression: .column(ref), position: position))
            } else if items.isEmpty, let ref = countableColumnFor(aggregate, after: position) {
                items.append(ProjectionItem(expression: .aggregate(aggregate, ref), position: position))
            }
            consumed.insert(position)
        }
        projection.append(contentsOf: items)
        projection.sort { $0.position < $1.position }
        if projection.isEmpty && limit == nil {
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
        guard label != edge.toColumns.first, target.columns[label].kind == .text, index.tables[ref.table].columns[ref.column].kind != .text else { return ref }
        if !plan.tables.contains(edge.to) { plan.tables.append(edge.to) }
        plan.preferredEdges.append(edge)
        return QueryPlan.ColumnRef(table: edge.to, column: label)
    }

    /// The aggregate words in front of a column: "average, minimum, and maximum age".
    func aggregatesBefore(_ position: Int) -> [(function: QueryPlan.Aggregate, position: Int)] {
        var result: [(QueryPlan.Aggregate, Int)] = []
        var back = position - 1
        while back >= 0 {
            let lower = tokens[back].kind == .punctuation ? tokens[back].text : word(back)
            if consumed.contains(back) && Self.aggregateWords[lower] == nil { break }
            if let aggregate = Self.aggregateWords[lower] {
                // "number of": a count; "total number": not a sum
                if lower == "total" && word(back + 1) == "number" { break }
                if Self.superlativeWords[lower] != nil && !isHeadAggregate(back) && Self.aggregateWords[lower] != .avg && Self.aggregateWords[lower] != .sum { break }
                result.insert((aggregate, back), at: 0)
                consumed.insert(back)
                back -= 1
                continue
            }
            if [",", "and", "the", "of", "&", "also"].contains(lower) {
                back -= 1
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
}
