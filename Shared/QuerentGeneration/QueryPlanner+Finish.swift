import Foundation
import QuerentQueryPlan
import QuerentSchemaLinking

extension QueryPlanner {
    /// Compiles the intent into a plan: conditions with AND/OR, NOT IN subqueries, the
    /// projection (with defaults), grouping, ranking, DISTINCT, set operations and joins.
    func compile() -> QueryPlan? {
        guard let subject else { return nil }
        var plan = QueryPlan(mainTable: subject)
        plan.tables = intent.tables
        plan.preferredEdges = intent.preferredEdges + preferredEdges()
        // "customers who rented a Comedy film": the event a verb names lies on the join path
        let joinedAway = intent.conditions.contains { $0.condition.left.column.map { $0.table != subject } ?? false }
        for (offset, mention) in mentions.enumerated()
        where joinedAway && !usedMentions.contains(offset) && mention.range.count == 1 && tokens[mention.range.lowerBound].isParticiple {
            if let table = reading.tableReading(of: offset), table != subject, !plan.tables.contains(table),
                let path = reading.joinPlanner.shortestPath(from: [subject], to: table, preferred: plan.preferredEdges, avoiding: [])
            {
                plan.tables.append(table)
                plan.preferredEdges = path + plan.preferredEdges
            }
        }

        // conditions, in question order, joined by the words between them
        var items = intent.conditions.enumerated().sorted { ($0.element.span.lowerBound, $0.offset) < ($1.element.span.lowerBound, $1.offset) }.map(
            \.element
        )
        applyNegatedExistence(&items, preferred: plan.preferredEdges)
        items = items.enumerated().sorted { ($0.element.span.lowerBound, $0.offset) < ($1.element.span.lowerBound, $1.offset) }.map(\.element)
        for offset in items.indices {
            if offset == 0 {
                items[offset].condition.conjunction = .and
                continue
            }
            let from = items[offset - 1].span.upperBound + 1
            let to = items[offset].span.lowerBound
            let between = from < to ? (from..<to).map { reading.word($0) } : []
            items[offset].condition.conjunction =
                between.contains("or") && !between.contains("and") ? .or : (between.contains("or") && between.last == "or" ? .or : .and)
        }
        // the same condition read twice ("female students (with sex F)") is kept once
        for condition in items.map(\.condition) {
            let repeated = plan.conditions.contains { $0.left == condition.left && $0.op == condition.op && $0.right == condition.right }
            if !(repeated && condition.conjunction == .and) { plan.conditions.append(condition) }
        }

        // what to return
        var select = intent.returned.map(\.expression)
        var positions = intent.returned.map(\.position)
        if intent.returnedRegion.lowerBound > (intent.countPosition ?? Int.max),
            let named = intent.returnedRegion.first(where: {
                ["count", "number", "total"].contains(reading.word($0)) && !(reading.mention(at: $0).map { usedMentions.contains($0) } ?? false)
            })
        {
            // the count is listed with the other returned things
            intent.countPosition = named
        }
        if let countAsSum = intent.countAsSum {
            let position = intent.countPosition ?? 0
            let at = positions.firstIndex { $0 > position } ?? select.count
            select.insert(.aggregate(.sum, countAsSum), at: at)
            positions.insert(position, at: at)
        } else if let countDistinct = intent.countDistinct {
            let position = intent.countPosition ?? 0
            let at = positions.firstIndex { $0 > position } ?? select.count
            select.insert(.aggregate(.count, countDistinct, distinct: true), at: at)
            positions.insert(position, at: at)
        } else if intent.countTarget != nil {
            let position = intent.countPosition ?? 0
            let at = positions.firstIndex { $0 > position } ?? select.count
            select.insert(.countAll, at: at)
            positions.insert(position, at: at)
        }
        // the same thing asked twice ("the maximum weight … list the maximum weight") is returned once
        var seenItems: [QueryPlan.Expression] = []
        var keptPositions: [Int] = []
        for (item, position) in zip(select, positions) where !seenItems.contains(item) {
            seenItems.append(item)
            keptPositions.append(position)
        }
        select = seenItems
        positions = keptPositions
        if select.isEmpty && !intent.selectAll {
            select = [defaultProjection(subject)]
            positions = [0]
            signals.defaultProjection = true
        }

        // grouping; "how many X are in each Y" answers Y first
        var groupBy: [QueryPlan.ColumnRef] = []
        let keyFirst = intent.countPosition.map { reading.word($0) == "how" } ?? false
        if keyFirst { for target in intent.groups { intent.groupPositions[target] = -1 } }
        for target in intent.groups {
            switch target {
            case .column(let ref):
                if !groupBy.contains(ref) { groupBy.append(ref) }
                if !select.contains(where: { $0.column == ref && $0.aggregate == nil }) {
                    let position = intent.groupPositions[target] ?? -1
                    let at = positions.firstIndex { $0 > position } ?? select.count
                    select.insert(.column(ref), at: at)
                    positions.insert(position, at: at)
                }
            case .table(let table):
                // "the average quantity per order item": per row of the aggregated table itself
                let aggregatedTables = Set(select.filter { $0.aggregate != nil }.compactMap { $0.column?.table })
                if !aggregatedTables.isEmpty && aggregatedTables == [table] && intent.countTarget == nil && intent.countRanking == nil
                    && intent.having.isEmpty
                {
                    continue
                }
                let key = QueryPlan.ColumnRef(table: table, column: index.keyColumn(of: table))
                if !groupBy.contains(key) { groupBy.append(key) }
                if !select.contains(where: { $0.column?.table == table && $0.aggregate == nil }) {
                    let position = intent.groupPositions[target] ?? -1
                    let at = positions.firstIndex { $0 > position } ?? select.count
                    // "each doctor's full name": first and last name together
                    let fullName = tokens.indices.contains { reading.word($0) == "full" && ["name", "names"].contains(reading.word($0 + 1)) }
                    select.insert(
                        fullName ? labelExpression(table) : .column(QueryPlan.ColumnRef(table: table, column: index.labelColumn(of: table))),
                        at: at
                    )
                    positions.insert(position, at: at)
                }
                if !plan.tables.contains(table) { plan.tables.append(table) }
            }
        }
        if intent.groupOnReturned {
            for item in select where item.aggregate == nil {
                if let ref = item.column, !groupBy.contains(ref) { groupBy.append(ref) }
            }
        }
        let rankedByCount = intent.countRanking != nil
        if groupBy.isEmpty && (rankedByCount || !intent.having.isEmpty) {
            let countTable = intent.countRanking?.target ?? plan.tables.last
            if let first = select.first(where: { $0.aggregate == nil })?.column {
                let isLabel = first.column == index.labelColumn(of: first.table) && index.tables[first.table].primaryKey.count == 1
                if first.table != countTable && (reading.mentionedTables.contains(first.table) || isLabel) {
                    groupBy = [QueryPlan.ColumnRef(table: first.table, column: index.keyColumn(of: first.table))]
                } else {
                    groupBy = [first]
                }
            } else if let countTable, countTable != subject {
                groupBy = [QueryPlan.ColumnRef(table: subject, column: index.keyColumn(of: subject))]
            } else if let countTable, countTable == subject, let other = reading.mentionedTables.first(where: { $0 != subject }) {
                groupBy = [QueryPlan.ColumnRef(table: other, column: index.keyColumn(of: other))]
                select.insert(.column(QueryPlan.ColumnRef(table: other, column: index.labelColumn(of: other))), at: 0)
                positions.insert(-1, at: 0)
            }
            if let countTable, countTable >= 0, !plan.tables.contains(countTable) { plan.tables.append(countTable) }
        }
        if groupBy.isEmpty {
            let plain = select.filter { $0.aggregate == nil }.compactMap(\.column)
            let aggregatedTables = Set(select.filter { $0.aggregate != nil }.map { $0.column?.table ?? intent.countTarget ?? subject })
            // "the names of singers and the total sales of their songs": one row per singer
            if !plain.isEmpty && select.contains(where: { $0.aggregate != nil }) && select.count > plain.count
                && !plain.contains(where: { aggregatedTables.contains($0.table) })
            {
                // one row per entity: the key of the returned columns' table when they all come from one
                let tables = Set(plain.map(\.table))
                if tables.count == 1, let table = tables.first, index.tables[table].primaryKey.count == 1 {
                    groupBy = [QueryPlan.ColumnRef(table: table, column: index.keyColumn(of: table))]
                } else {
                    groupBy = plain
                }
                signals.implicitGroup = true
            }
        }
        plan.groupBy = groupBy
        // "the most common cancel reason": rows without a value have no reason to rank
        if intent.countRanking != nil, groupBy.count == 1, let ref = groupBy.first, plan.conditions.allSatisfy({ $0.conjunction == .and }),
            index.tables[ref.table].columns[ref.column].nullable, !index.tables[ref.table].columns[ref.column].isPrimaryKey,
            !index.tables[ref.table].columns[ref.column].isForeignKey, !plan.conditions.contains(where: { $0.left.column == ref })
        {
            plan.conditions.append(QueryPlan.Condition(left: .column(ref), op: .isNotNull, right: .none))
        }
        plan.having = intent.having
        // "how many categories have more than 10 products": count the groups, not rows per group
        if intent.countTarget != nil, intent.countDistinct == nil, intent.countAsSum == nil, !intent.having.isEmpty, intent.groups.isEmpty,
            let key = groupBy.first,
            select.count == 1, select[0] == .countAll
        {
            select = [.column(key)]
            plan.countRows = true
        }
        if !groupBy.isEmpty || !intent.having.isEmpty { signals.grouped = true }

        // ranking
        var orderBy = intent.orderings
        if let ranked = intent.countRanking {
            orderBy.append(QueryPlan.Ordering(expression: .countAll, descending: ranked.descending))
            if let table = ranked.target, !plan.tables.contains(table) { plan.tables.append(table) }
        }
        if let descending = intent.alphabetical {
            let text = select.compactMap(\.column).first { index.tables[$0.table].columns[$0.column].kind == .text }
            if let ref = text ?? select.compactMap(\.column).first {
                orderBy.append(QueryPlan.Ordering(expression: .column(ref), descending: descending))
            }
        }
        // "total sales by country, from highest to lowest": the groups sorted by their figure
        let sorted = SortPhrase.find(in: tokens.map(\.lower))
        if orderBy.isEmpty, !groupBy.isEmpty, let sorted,
            let figure = select.first(where: { $0.aggregate != nil || $0 == .countAll })
        {
            orderBy = [QueryPlan.Ordering(expression: figure, descending: sorted.descending)]
            consumed.formUnion(sorted.span)
        }
        plan.orderBy = orderBy
        if !orderBy.isEmpty, intent.limit == nil, intent.countRanking != nil { intent.limit = 1 }
        // "largest first", "from the highest fee to the lowest": an order, not a pick
        if intent.limit == 1, !tokens.contains(where: { $0.kind == .number }), sortsAll() || sorted != nil {
            intent.limit = nil
        }
        plan.limit = orderBy.isEmpty ? (intent.limit.flatMap { $0 > 1 ? $0 : nil }) : intent.limit

        // DISTINCT: "different", "distinct", "unique" asked for the returned values
        let distinctWord = tokens.indices.contains {
            ["different", "distinct", "unique"].contains(reading.word($0)) && !consumed.contains($0) && $0 < max(reading.headEnd, 1) + 2
        }
        if distinctWord && !select.contains(where: { $0.aggregate != nil }) { plan.distinct = true }
        // "Which countries do customers live in?": the different values of an attribute
        if ["which", "what"].contains(reading.word(0)), let first = reading.mention(atStart: 1), mentions[first].isColumn,
            tokens[mentions[first].range].last.map({ $0.lower != $0.stem }) == true,
            ["do", "does", "did"].contains(reading.word(mentions[first].range.upperBound)),
            select.count == 1, select[0].aggregate == nil, let ref = select[0].column, ref.column != index.labelColumn(of: ref.table),
            !index.tables[ref.table].columns[ref.column].isPrimaryKey, groupBy.isEmpty
        {
            plan.distinct = true
        }
        plan.select = select

        // two values of one column joined by "and" can only both hold across rows
        splitSetOperation(&plan)

        // joins
        planJoins(&plan)
        for offset in plan.setPlan.indices { planJoins(&plan.setPlan[offset]) }
        return plan
    }

    /// The column returned when the question names none: a person's name for "who", a date
    /// for "when", a place for "where", else the subject's label column.
    func defaultProjection(_ table: Int) -> QueryPlan.Expression {
        let first = reading.word(firstCommandIndex())
        if first == "when", let ref = columns(matching: ["date", "year", "time"], kinds: [.date, .number, .text], tables: [table]).first {
            return .column(ref)
        }
        if first == "where",
            let ref = columns(matching: ["location", "city", "address", "place", "country", "hometown", "town", "venue"], tables: [table]).first
        {
            return .column(ref)
        }
        return labelExpression(table)
    }

    /// Whether a superlative only says how to sort ("largest first", "from the highest to the
    /// lowest").
    func sortsAll() -> Bool {
        for position in tokens.indices
        where Self.superlativeWords[reading.word(position)] != nil || ["most", "least"].contains(reading.word(position)) {
            if reading.word(position + 1) == "first" { return true }
            // "largest budget first"
            if (position + 2...position + 3).contains(where: { reading.word($0) == "first" && SchemaLinker.isPhraseWord($0, tokens: tokens) }) {
                return true
            }
            if reading.word(position - 1) == "the", reading.word(position - 2) == "to" { return true }
        }
        return false
    }

    /// What shows a row of `table` when the question names the table, not a column: a person
    /// by first and last name, anything else by its label column.
    func labelExpression(_ table: Int) -> QueryPlan.Expression {
        var expression = QueryPlan.Expression.column(QueryPlan.ColumnRef(table: table, column: index.labelColumn(of: table)))
        if let (first, last) = index.nameColumns(of: table) {
            expression.column = QueryPlan.ColumnRef(table: table, column: first)
            expression.nameParts = [first, last]
        }
        return expression
    }

    /// INTERSECT / EXCEPT for conditions that cannot hold on one row.
    func splitSetOperation(_ plan: inout QueryPlan) {
        let conditions = plan.conditions
        guard conditions.count >= 2 else { return }
        for i in conditions.indices {
            for j in conditions.indices where j > i {
                let a = conditions[i]
                let b = conditions[j]
                guard let column = a.left.column, a.left == b.left, b.conjunction == .and, a.left.aggregate == nil else { continue }
                var operation: QueryPlan.SetOperation?
                var second = b
                if a.op == .equal && b.op == .equal, a.right != b.right, case .text = a.right {
                    operation = .intersect
                } else if a.op == .equal && b.op == .equal, a.right != b.right, case .number = a.right {
                    operation = .intersect
                } else if a.op == .equal && b.op == .notEqual && column.table != subject, case .text = b.right {
                    operation = .except
                    second.op = .equal
                } else if case .number(let x) = a.right, case .number(let y) = b.right, contradictory(a.op, x, b.op, y) {
                    operation = .intersect
                }
                guard let operation else { continue }
                // aggregates over "A and B" mean the rows of both: an OR; "how many … both" counts the intersection
                let allAggregate = !plan.select.isEmpty && plan.select.allSatisfy { $0.aggregate != nil }
                let both = tokens.contains { $0.lower == "both" }
                if allAggregate && operation == .intersect && !(both && plan.select == [.countAll]) {
                    plan.conditions[j].conjunction = .or
                    return
                }
                var first = plan
                first.conditions = conditions.enumerated().filter { $0.offset != j }.map(\.element)
                var other = plan
                other.conditions = conditions.enumerated().filter { $0.offset != i && $0.offset != j }.map(\.element)
                other.conditions.append(second)
                other.conditions = other.conditions.enumerated().map { offset, condition in
                    var copy = condition
                    if offset == 0 { copy.conjunction = .and }
                    return copy
                }
                first.orderBy = []
                first.limit = nil
                other.orderBy = []
                other.limit = nil
                first.setPlan = []
                other.setPlan = []
                if allAggregate, let subject {
                    let key = QueryPlan.Expression.column(QueryPlan.ColumnRef(table: subject, column: index.keyColumn(of: subject)))
                    first.select = [key]
                    other.select = [key]
                    first.countRows = true
                }
                plan = first
                plan.setOperation = operation
                plan.setPlan = [other]
                notes.append(
                    operation == .intersect ? "rows matching both values (INTERSECT)" : "rows matching the first value but not the second (EXCEPT)"
                )
                signals.setOperation = true
                return
            }
        }
    }

    func contradictory(_ a: QueryPlan.Operator, _ x: Double, _ b: QueryPlan.Operator, _ y: Double) -> Bool {
        switch (a, b) {
        case (.greater, .less), (.greaterOrEqual, .less), (.greater, .lessOrEqual), (.greaterOrEqual, .lessOrEqual): return x >= y
        case (.less, .greater), (.lessOrEqual, .greater), (.less, .greaterOrEqual), (.lessOrEqual, .greaterOrEqual): return y >= x
        default: return false
        }
    }

    /// When two tables are joined by several foreign keys (source and destination airport),
    /// the one whose column words the question uses.
    func preferredEdges() -> [SchemaIndex.Edge] {
        var preferred: [SchemaIndex.Edge] = []
        var groups: [String: [SchemaIndex.Edge]] = [:]
        for edge in index.edges {
            let key = "\(min(edge.from, edge.to))-\(max(edge.from, edge.to))"
            groups[key, default: []].append(edge)
        }
        for (_, edges) in groups where edges.count > 1 {
            var best: (SchemaIndex.Edge, Double)?
            for edge in edges {
                let words =
                    edge.fromColumns.flatMap { index.tables[edge.from].columns[$0].words }
                    + edge.toColumns.flatMap { index.tables[edge.to].columns[$0].words }
                let tableWords = Set((index.tables[edge.from].words + index.tables[edge.to].words).map { Lexicon.root($0.text) })
                var score = 0.0
                for word in words
                where word.weight >= 0.5 && !["id", "code", "key"].contains(word.text)
                    && !tableWords.contains(where: { Lexicon.similarity(identifier: $0, question: word.text) >= 0.9 })
                {
                    let similarity = tokens.map { Lexicon.similarity(identifier: word.text, question: $0.lower) }.max() ?? 0
                    score += similarity >= 0.8 ? similarity : 0
                }
                // "flights from X to Y": prepositions before the linked values
                let roots = Set(words.map { Lexicon.root($0.text) })
                if tokens.contains(where: { $0.lower == "from" }) && !roots.isDisjoint(with: Self.sourceWords) { score += 0.3 }
                if tokens.contains(where: { ["to", "into"].contains($0.lower) }) && !roots.isDisjoint(with: Self.destinationWords) { score += 0.3 }
                if best == nil || score > best!.1 { best = (edge, score) }
            }
            if let best, best.1 > 0 { preferred.append(best.0) }
        }
        return preferred
    }

    /// Plans the joins of `target`, dropping what cannot be reached.
    func planJoins(_ target: inout QueryPlan) {
        let required = target.referencedTables.filter { $0 != target.mainTable }
        if let joins = reading.joinPlanner.joins(main: target.mainTable, required: required, preferred: target.preferredEdges) {
            target.joins = joins
            signals.joins = max(signals.joins, joins.count)
            return
        }
        // keep only the reachable tables
        var reachable: [Int] = []
        for table in required where reading.joinPlanner.distance(target.mainTable, table) != nil { reachable.append(table) }
        let unreachable = Set(required).subtracting(reachable)
        missing.append("a join path to " + unreachable.map { reading.tableName($0) }.sorted().joined(separator: ", "))
        signals.unreachable = true
        target.select.removeAll { $0.column.map { unreachable.contains($0.table) } ?? false }
        if target.select.isEmpty { target.select = [defaultProjection(target.mainTable)] }
        target.conditions.removeAll { $0.left.column.map { unreachable.contains($0.table) } ?? false }
        target.groupBy.removeAll { unreachable.contains($0.table) }
        target.orderBy.removeAll { $0.expression.column.map { unreachable.contains($0.table) } ?? false }
        target.tables.removeAll { unreachable.contains($0) }
        target.joins = reading.joinPlanner.joins(main: target.mainTable, required: reachable, preferred: target.preferredEdges) ?? []
    }
}
