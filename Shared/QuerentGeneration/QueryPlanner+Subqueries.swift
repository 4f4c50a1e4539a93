import Foundation
import QuerentQueryPlan
import QuerentSchemaLinking

extension QueryPlanner {
    /// "without any concert", "do not have a pet", "never received an evaluation":
    /// rows of the subject with no linked rows in another table.
    func findNegatedExistence() {
        for position in tokens.indices where !consumed.contains(position) {
            let lower = reading.word(position)
            guard ["not", "no", "never", "without", "none"].contains(lower) || (lower == "other" && reading.word(position + 1) == "than") else {
                continue
            }
            guard let subject else { return }
            // the clause the negation governs
            var end = position + 1
            while end < tokens.count,
                !["and", "or", "but", ",", ".", "?", ";"].contains(tokens[end].kind == .punctuation ? tokens[end].text : reading.word(end))
            {
                end += 1
            }
            var found: (mention: Int, table: Int)?
            var scan = position + 1
            while scan < end {
                if let m = reading.mention(at: scan), !usedMentions.contains(m), let table = reading.tableReading(of: m),
                    table != subject || selfLinked(subject)
                {
                    found = (m, table)
                    break
                }
                scan += 1
            }
            guard let found, found.table != subject || selfLinked(subject), reading.joinPlanner.distance(subject, found.table) != nil else {
                continue
            }
            use(found.mention)
            consumed.insert(position)
            intent.existence.append(QuestionIntent.Existence(table: found.table, scope: position...(end - 1)))
            notes.append("\(reading.tableName(subject)) rows with no \(reading.tableName(found.table)) rows")
            signals.subqueries += 1
        }
    }

    /// "students who have a pet", "courses that have students enrolled": rows of the subject
    /// with linked rows in another table (an IN subquery, so rows are not repeated).
    func findPositiveExistence() {
        guard let subject else { return }
        for position in tokens.indices
        where ["have", "has", "had", "own", "owns", "owned"].contains(reading.word(position)) && !consumed.contains(position) {
            // not negated, and about the subject: "who/that/which have"
            if (max(0, position - 3)..<position).contains(where: { Self.negationWords.contains(reading.word($0)) }) { continue }
            guard
                ["who", "that", "which", "do", "does", "did", "also", "ever"].contains(reading.word(position - 1))
                    || ["who", "that", "which"].contains(reading.word(position - 2))
                    // "how many buyers have placed orders"
                    || reading.mention(at: position - 1).flatMap({ reading.tableReading(of: $0) }) == subject
            else { continue }
            var next = position + 1
            // "have placed orders", "has written reviews": the verb's object
            if tokens.indices.contains(next), tokens[next].isParticiple,
                reading.mention(atStart: next + 1).flatMap({ reading.tableReading(of: $0) }) != nil
            {
                next += 1
            }
            while next < tokens.count, ["a", "an", "any", "some", "the", "at", "least", "one"].contains(reading.word(next)) { next += 1 }
            guard let found = reading.mention(atStart: next), !usedMentions.contains(found), let table = reading.tableReading(of: found),
                table != subject
            else {
                continue
            }
            // the clause must end with the table: other conditions keep the plain join
            let after = mentions[found].range.upperBound
            let end = after < tokens.count ? (tokens[after].kind == .punctuation ? tokens[after].text : reading.word(after)) : "."
            guard [".", "?", ",", "and", "or", "but", ";"].contains(end) || ["enrolled", "registered", "listed", "assigned"].contains(end) else {
                continue
            }
            guard reading.joinPlanner.distance(subject, table) != nil, !aggregatesOver(table) else { continue }
            use(found)
            consumed.formUnion(position..<mentions[found].range.lowerBound)
            if after < tokens.count, tokens[after].kind == .word { consumed.insert(after) }
            intent.existence.append(QuestionIntent.Existence(table: table, scope: position...(after - 1), positive: true))
            notes.append("\(reading.tableName(subject)) rows with \(reading.tableName(table)) rows")
            signals.subqueries += 1
        }
    }

    /// Whether counts, rankings or HAVING use a table (then it must stay joined).
    func aggregatesOver(_ table: Int) -> Bool {
        if intent.countTarget == table || intent.countRanking?.target == table { return true }
        return intent.tables.contains(table)
    }

    func selfLinked(_ table: Int) -> Bool {
        index.edges.contains { $0.from == table && $0.to == table }
    }

    /// "above the average age", "older than average", "less than the average weight".
    func findAverageComparisons() {
        for position in tokens.indices where ["average", "mean", "avg"].contains(reading.word(position)) && !consumed.contains(position) {
            var back = position - 1
            if reading.word(back) == "the" || reading.word(back) == "an" { back -= 1 }
            guard let found = comparison(endingAt: back) else { continue }
            // the column: after "average" (past a table: "the average product price"), else
            // before the comparison, else implied by it ("longer than" a duration); never a key
            var ref: QueryPlan.ColumnRef?
            var used: [Int] = []
            if let next = reading.nextMention(after: position, maxGap: 1) {
                if let resolved = comparedMeasure(next) {
                    ref = resolved
                    used.append(next)
                } else if mentions[next].isTable, let after = reading.nextMention(after: mentions[next].range.upperBound - 1, maxGap: 0),
                    let resolved = comparedMeasure(after)
                {
                    ref = resolved
                    used += [next, after]
                }
            }
            if ref == nil, let previous = reading.previousMention(before: found.start, maxGap: 2, skipping: Self.comparisonLeadWords),
                let resolved = comparedMeasure(previous)
            {
                ref = resolved
                used.append(previous)
            }
            if ref == nil, !found.comparison.hints.isEmpty {
                ref =
                    columns(matching: found.comparison.hints, kinds: [.number, .date]).first { !isKey($0) }
            }
            guard let ref else {
                missing.append("what is compared with the average")
                continue
            }
            for mention in used { use(mention) }
            var inner = QueryPlan(mainTable: ref.table)
            inner.select = [.aggregate(.avg, ref)]
            let end = used.map { mentions[$0].range.upperBound - 1 }.max().map { Swift.max($0, position) } ?? position
            addCondition(
                QueryPlan.Condition(left: .column(ref), op: found.comparison.op, right: .subquery(inner)),
                span: Swift.min(found.start, used.map { mentions[$0].range.lowerBound }.min() ?? found.start)...end
            )
            notes.append("\(columnName(ref)) \(found.comparison.op.rawValue) its average")
            signals.subqueries += 1
        }
    }

    /// The numeric column a mention names for a comparison with its average; a key column
    /// ("the average track" read as `TrackId`) is not one.
    func comparedMeasure(_ mention: Int) -> QueryPlan.ColumnRef? {
        guard let ref = resolveColumn(mention, numericOnly: true), !isKey(ref) else { return nil }
        let column = index.tables[ref.table].columns[ref.column]
        return column.kind == .text && !reading.isNumericText(ref.table, ref.column) ? nil : ref
    }

    func isKey(_ ref: QueryPlan.ColumnRef) -> Bool {
        let column = index.tables[ref.table].columns[ref.column]
        return column.isPrimaryKey || column.isForeignKey
    }

    /// Builds `subject.key NOT IN (SELECT link FROM … WHERE conditions in the negated clause)`.
    func applyNegatedExistence(_ conditions: inout [QuestionIntent.SpannedCondition], preferred: [SchemaIndex.Edge]) {
        guard let subject else { return }
        for negation in intent.existence {
            guard let path = reading.joinPlanner.joins(main: subject, required: [negation.table], preferred: preferred), let first = path.first
            else { continue }
            // conditions inside the negated clause on the far side move into the subquery
            var inner = QueryPlan(mainTable: first.to)
            var remaining: [(condition: QueryPlan.Condition, span: ClosedRange<Int>)] = []
            for item in conditions {
                let table = item.condition.left.column?.table
                if item.span.overlaps(negation.scope) && table != subject && table != nil {
                    var condition = item.condition
                    condition.conjunction = .and
                    inner.conditions.append(condition)
                    if let table, !inner.tables.contains(table) { inner.tables.append(table) }
                } else {
                    remaining.append(item)
                }
            }
            conditions = remaining
            inner.tables.append(negation.table)
            inner.select = first.toColumns.map { .column(QueryPlan.ColumnRef(table: first.to, column: $0)) }
            inner.joins =
                reading.joinPlanner.joins(main: first.to, required: inner.referencedTables.filter { $0 != first.to }, preferred: preferred) ?? []
            guard first.fromColumns.count == 1 else { continue }
            let outer = QueryPlan.ColumnRef(table: subject, column: first.fromColumns[0])
            conditions.append(
                (
                    QueryPlan.Condition(left: .column(outer), op: negation.positive ? .inSubquery : .notInSubquery, right: .subquery(inner)),
                    negation.scope
                )
            )
        }
    }
}
