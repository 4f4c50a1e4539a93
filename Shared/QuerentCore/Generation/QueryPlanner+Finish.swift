import Foundation

extension QueryPlanner {
    /// Puts the pieces together: conditions with AND/OR, NOT IN subqueries, the projection
    /// (with defaults), grouping, ranking, DISTINCT, set operations and joins.
    func finish() {
        guard let subject else { return }
        choosePreferredEdges()

        // conditions, in question order, joined by the words between them
        var items = conditionSpans.sorted { $0.span.lowerBound < $1.span.lowerBound }
        applyNegatedExistence(&items)
        items.sort { $0.span.lowerBound < $1.span.lowerBound }
        for offset in items.indices {
            if offset == 0 {
                items[offset].condition.conjunction = .and
                continue
            }
            let from = items[offset - 1].span.upperBound + 1
            let to = items[offset].span.lowerBound
            let between = from < to ? (from..<to).map { word($0) } : []
            items[offset].condition.conjunction = between.contains("or") && !between.contains("and") ? .or : (between.contains("or") && between.last == "or" ? .or : .and)
        }
        plan.conditions = items.map(\.condition)

        // what to return
        var select = projection.map(\.expression)
        var positions = projection.map(\.position)
        if let countDistinct {
            let position = countPosition ?? 0
            let at = positions.firstIndex { $0 > position } ?? select.count
            select.insert(.aggregate(.count, countDistinct, distinct: true), at: at)
            positions.insert(position, at: at)
        } else if countTarget != nil {
            let position = countPosition ?? 0
            let at = positions.firstIndex { $0 > position } ?? select.count
            select.insert(.countAll, at: at)
            positions.insert(position, at: at)
        }
        if select.isEmpty {
            select = [defaultProjection(subject)]
            positions = [0]
            signals.defaultProjection = true
        }

        // grouping
        var groupBy: [QueryPlan.ColumnRef] = []
        for target in groupTargets {
            switch target {
            case .column(let ref):
                if !groupBy.contains(ref) { groupBy.append(ref) }
                if !select.contains(where: { $0.column == ref && $0.aggregate == nil }) {
                    select.insert(.column(ref), at: 0)
                    positions.insert(-1, at: 0)
                }
            case .table(let table):
                let key = QueryPlan.ColumnRef(table: table, column: index.keyColumn(of: table))
                if !groupBy.contains(key) { groupBy.append(key) }
                if !select.contains(where: { $0.column?.table == table && $0.aggregate == nil }) {
                    select.insert(.column(QueryPlan.ColumnRef(table: table, column: index.labelColumn(of: table))), at: 0)
                    positions.insert(-1, at: 0)
                }
                if !plan.tables.contains(table) { plan.tables.append(table) }
            }
        }
        if groupOnProjection {
            for item in select where item.aggregate == nil {
                if let ref = item.column, !groupBy.contains(ref) { groupBy.append(ref) }
            }
        }
        let rankedByCount = superlativeByCount != nil
        if groupBy.isEmpty && (rankedByCount || !havingConditions.isEmpty) {
            let countTable = superlativeByCount?.target ?? plan.tables.last
            if let first = select.first(where: { $0.aggregate == nil })?.column {
                if first.table != countTable && mentionedTables.contains(first.table) {
                    groupBy = [QueryPlan.ColumnRef(table: first.table, column: index.keyColumn(of: first.table))]
                } else {
                    groupBy = [first]
                }
            } else if let countTable, countTable != subject {
                groupBy = [QueryPlan.ColumnRef(table: subject, column: index.keyColumn(of: subject))]
            } else if let countTable, countTable == subject, let other = mentionedTables.first(where: { $0 != subject }) {
                groupBy = [QueryPlan.ColumnRef(table: other, column: index.keyColumn(of: other))]
                select.insert(.column(QueryPlan.ColumnRef(table: other, column: index.labelColumn(of: other))), at: 0)
                positions.insert(-1, at: 0)
            }
            if let countTable, countTable >= 0, !plan.tables.contains(countTable) { plan.tables.append(countTable) }
        }
        if groupBy.isEmpty {
            let plain = select.filter { $0.aggregate == nil }.compactMap(\.column)
            if !plain.isEmpty && select.contains(where: { $0.aggregate != nil }) && select.count > plain.count {
                groupBy = plain
                signals.implicitGroup = true
            }
        }
        plan.groupBy = groupBy
        plan.having = havingConditions
        if !groupBy.isEmpty || !havingConditions.isEmpty { signals.grouped = true }

        // ranking
        var orderBy = orderings
        if let ranked = superlativeByCount {
            orderBy.append(QueryPlan.Ordering(expression: .countAll, descending: ranked.descending))
            if let table = ranked.target, !plan.tables.contains(table) { plan.tables.append(table) }
        }
        if let descending = pendingAlphabetical {
            let text = select.compactMap(\.column).first { index.tables[$0.table].columns[$0.column].kind == .text }
            if let ref = text ?? select.compactMap(\.column).first {
                orderBy.append(QueryPlan.Ordering(expression: .column(ref), descending: descending))
            }
        }
        plan.orderBy = orderBy
        if !orderBy.isEmpty, limit == nil, superlativeByCount != nil { limit = 1 }
        plan.limit = orderBy.isEmpty ? (limit.flatMap { $0 > 1 ? $0 : nil }) : limit

        // DISTINCT: "different", "distinct", "unique" asked for the returned values
        let distinctWord = tokens.indices.contains { ["different", "distinct", "unique"].contains(word($0)) && !consumed.contains($0) && $0 < max(headEnd, 1) + 2 }
        if distinctWord && !select.contains(where: { $0.aggregate != nil }) { plan.distinct = true }
        plan.select = select

        // two values of one column joined by "and" can only both hold across rows
        splitSetOperation()

        // joins
        planJoins(&plan)
        for offset in plan.setPlan.indices { planJoins(&plan.setPlan[offset]) }
    }

    /// The column returned when the question names none: a person's name for "who", a date
    /// for "when", a place for "where", else the subject's label column.
    func defaultProjection(_ table: Int) -> QueryPlan.Expression {
        let first = word(firstCommandIndex())
        if first == "when", let ref = columns(matching: ["date", "year", "time"], kinds: [.date, .number, .text], tables: [table]).first {
            return .column(ref)
        }
        if first == "where", let ref = columns(matching: ["location", "city", "address", "place", "country", "hometown", "town", "venue"], tables: [table]).first {
            return .column(ref)
        }
        return .column(QueryPlan.ColumnRef(table: table, column: index.labelColumn(of: table)))
    }

    /// INTERSECT / EXCEPT for conditions that cannot hold on one row.
    func splitSetOperation() {
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
                plan = first
                plan.setOperation = operation
                plan.setPlan = [other]
                notes.append(operation == .intersect ? "rows matching both values (INTERSECT)" : "rows matching the first value but not the second (EXCEPT)")
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
    func choosePreferredEdges() {
        var groups: [String: [SchemaIndex.Edge]] = [:]
        for edge in index.edges {
            let key = "\(min(edge.from, edge.to))-\(max(edge.from, edge.to))"
            groups[key, default: []].append(edge)
        }
        for (_, edges) in groups where edges.count > 1 {
            var best: (SchemaIndex.Edge, Double)?
            for edge in edges {
                let words = edge.fromColumns.flatMap { index.tables[edge.from].columns[$0].words } + edge.toColumns.flatMap { index.tables[edge.to].columns[$0].words }
                var score = 0.0
                for word in words where word.weight >= 0.5 && !["id", "code", "key"].contains(word.text) {
                    let similarity = tokens.map { Lexicon.similarity(identifier: word.text, question: $0.lower) }.max() ?? 0
                    score += similarity >= 0.8 ? similarity : 0
                }
                if best == nil || score > best!.1 { best = (edge, score) }
            }
            if let best, best.1 > 0 { plan.preferredEdges.append(best.0) }
        }
    }

    /// Plans the joins of `target`, dropping what cannot be reached.
    func planJoins(_ target: inout QueryPlan) {
        let required = target.referencedTables.filter { $0 != target.mainTable }
        if let joins = joinPlanner.joins(main: target.mainTable, required: required, preferred: target.preferredEdges) {
            target.joins = joins
            signals.joins = max(signals.joins, joins.count)
            return
        }
        // keep only the reachable tables
        var reachable: [Int] = []
        for table in required where joinPlanner.distance(target.mainTable, table) != nil { reachable.append(table) }
        let unreachable = Set(required).subtracting(reachable)
        missing.append("a join path to " + unreachable.map { tableName($0) }.sorted().joined(separator: ", "))
        signals.unreachable = true
        target.select.removeAll { $0.column.map { unreachable.contains($0.table) } ?? false }
        if target.select.isEmpty { target.select = [defaultProjection(target.mainTable)] }
        target.conditions.removeAll { $0.left.column.map { unreachable.contains($0.table) } ?? false }
        target.groupBy.removeAll { unreachable.contains($0.table) }
        target.orderBy.removeAll { $0.expression.column.map { unreachable.contains($0.table) } ?? false }
        target.tables.removeAll { unreachable.contains($0) }
        target.joins = joinPlanner.joins(main: target.mainTable, required: reachable, preferred: target.preferredEdges) ?? []
    }
}
