import Foundation
import QuerentCore
import QuerentDialects
import QuerentSchemaLinking

/// Writes a ``QueryPlan`` as SQL for one dialect: identifiers quoted only when they must be
/// (mixed case in Postgres, reserved words, odd characters), `schema.table` names split into
/// quoted parts, string literals escaped, relative dates in the dialect's date functions. The
/// dialect's part is its ``DialectRules``.
package struct SQLRenderer: Sendable {
    package let index: SchemaIndex
    package let dialect: Dialect
    private let rules: DialectRules

    package init(index: SchemaIndex, dialect: Dialect) {
        self.index = index
        self.dialect = dialect
        rules = dialect.rules
    }

    /// The SQL for `plan` (joins must already be planned).
    package func render(_ plan: QueryPlan) -> String {
        var sql = renderSingle(plan)
        for (offset, other) in plan.setPlan.enumerated() {
            let operation = offset == 0 ? (plan.setOperation ?? .union) : .union
            sql += " \(operation.rawValue) " + renderSingle(other)
        }
        // (a derived table needs a name on Postgres before 16 and on MySQL)
        if plan.countRows { sql = "SELECT count(*) FROM (" + sql + ") AS counted" }
        return sql
    }

    /// A quoted identifier when needed.
    func identifier(_ name: String) -> String {
        rules.quoting.identifier(name)
    }

    /// The table name as it goes in FROM: `schema.table` with each part quoted when needed.
    func tableName(_ table: Int) -> String {
        rules.tableReference(name: index.tables[table].name, schemaName: index.tables[table].schemaName)
    }

    /// A string literal.
    func literal(_ text: String) -> String {
        DialectRules.literal(text)
    }

    /// A number literal: integers without a decimal point.
    func number(_ value: Double) -> String {
        DialectRules.number(value)
    }

    // MARK: - One SELECT

    struct Scope {
        var aliases: [Int: String]
        var qualified: Bool
    }

    func renderSingle(_ plan: QueryPlan) -> String {
        var order: [Int] = [plan.mainTable]
        for edge in plan.joins where !order.contains(edge.to) { order.append(edge.to) }
        for table in plan.referencedTables where !order.contains(table) { order.append(table) }
        let qualified = order.count > 1
        var aliases: [Int: String] = [:]
        for (offset, table) in order.enumerated() { aliases[table] = "T\(offset + 1)" }
        let scope = Scope(aliases: aliases, qualified: qualified)

        var parts: [String] = []
        let items = plan.select.isEmpty ? ["*"] : plan.select.map { expression($0, scope) }
        parts.append("SELECT " + (plan.distinct ? "DISTINCT " : "") + items.joined(separator: ", "))
        var from = "FROM " + tableName(plan.mainTable) + (qualified ? " AS \(aliases[plan.mainTable]!)" : "")
        for edge in plan.joins {
            let pairs = zip(edge.fromColumns, edge.toColumns).map { pair in
                column(QueryPlan.ColumnRef(table: edge.from, column: pair.0), scope) + " = "
                    + column(QueryPlan.ColumnRef(table: edge.to, column: pair.1), scope)
            }
            from += " JOIN " + tableName(edge.to) + " AS \(aliases[edge.to]!) ON " + pairs.joined(separator: " AND ")
        }
        parts.append(from)
        if !plan.conditions.isEmpty { parts.append("WHERE " + conditions(plan.conditions, scope)) }
        if !plan.groupBy.isEmpty {
            // a full name shown for a grouped column groups by every part of it
            var grouped: [QueryPlan.ColumnRef] = []
            for ref in plan.groupBy {
                let parts = plan.select.first { $0.column == ref && $0.nameParts.count > 1 }?.nameParts ?? [ref.column]
                for part in parts where !grouped.contains(QueryPlan.ColumnRef(table: ref.table, column: part)) {
                    grouped.append(QueryPlan.ColumnRef(table: ref.table, column: part))
                }
            }
            parts.append("GROUP BY " + grouped.map { column($0, scope) }.joined(separator: ", "))
        }
        if !plan.having.isEmpty { parts.append("HAVING " + conditions(plan.having, scope)) }
        if !plan.orderBy.isEmpty {
            parts.append(
                "ORDER BY " + plan.orderBy.map { expression($0.expression, scope) + ($0.descending ? " DESC" : " ASC") }.joined(separator: ", ")
            )
        }
        if let limit = plan.limit { parts.append("LIMIT \(limit)") }
        return parts.joined(separator: " ")
    }

    func column(_ ref: QueryPlan.ColumnRef, _ scope: Scope) -> String {
        let name = identifier(index.tables[ref.table].columns[ref.column].name)
        if scope.qualified, let alias = scope.aliases[ref.table] { return alias + "." + name }
        return name
    }

    func expression(_ expression: QueryPlan.Expression, _ scope: Scope) -> String {
        if expression.aggregate == nil, expression.nameParts.count > 1, let ref = expression.column {
            return rules.generation.joinedWithSpaces(expression.nameParts.map { column(QueryPlan.ColumnRef(table: ref.table, column: $0), scope) })
        }
        var argument = expression.column.map { column($0, scope) } ?? "*"
        if let since = expression.since { argument = rules.generation.daysBetween(column(since, scope), argument) }
        guard let function = expression.aggregate else { return argument }
        return function.rawValue + "(" + (expression.distinct ? "DISTINCT " : "") + argument + ")"
    }

    /// Conditions joined by their conjunctions; runs of OR are parenthesized when ANDed with
    /// others, so "cat or dog and older than 3" keeps the meaning it was read with.
    func conditions(_ list: [QueryPlan.Condition], _ scope: Scope) -> String {
        var groups: [[String]] = []
        for (offset, condition) in list.enumerated() {
            let text = self.condition(condition, scope)
            if offset > 0 && condition.conjunction == .or {
                groups[groups.count - 1].append(text)
            } else {
                groups.append([text])
            }
        }
        if groups.count == 1 { return groups[0].joined(separator: " OR ") }
        return groups.map { $0.count > 1 ? "(" + $0.joined(separator: " OR ") + ")" : $0[0] }.joined(separator: " AND ")
    }

    func condition(_ condition: QueryPlan.Condition, _ scope: Scope) -> String {
        let left = expression(condition.left, scope)
        switch (condition.op, condition.right) {
        case (.isNull, _), (.isNotNull, _):
            return left + " " + condition.op.rawValue
        case (.between, .range(let low, let high)):
            return left + " BETWEEN " + operand(low, scope) + " AND " + operand(high, scope)
        case (_, .period(let period)):
            return periodCondition(left, period, negated: condition.op == .notEqual)
        case (.inSubquery, .subquery(let plan)), (.notInSubquery, .subquery(let plan)):
            return left + " " + condition.op.rawValue + " (" + render(plan) + ")"
        case (.equal, _) where isBoolean(condition.left) && truth(condition.right) != nil,
            (.notEqual, _) where isBoolean(condition.left) && truth(condition.right) != nil:
            // a yes/no column compares with TRUE/FALSE: Postgres has no boolean = integer
            return left + " " + condition.op.rawValue + " " + (truth(condition.right) == true ? "TRUE" : "FALSE")
        case (.notEqual, .text) where condition.left.aggregate == nil && condition.left.column.map(isNullable) == true:
            // "not cancelled", "leave out plan changes": a row with no value is not that value either
            return "(" + left + " IS NULL OR " + left + " != " + operand(condition.right, scope) + ")"
        case (.like, .text(let text)), (.notLike, .text(let text)):
            let like = rules.generation.caseInsensitiveLike
            let op = condition.op == .like ? like : "NOT " + like
            return left + " " + op + " " + literal(text)
        default:
            return left + " " + condition.op.rawValue + " " + operand(condition.right, scope)
        }
    }

    /// Whether a column may hold NULL (as declared).
    func isNullable(_ ref: QueryPlan.ColumnRef) -> Bool {
        index.tables[ref.table].columns[ref.column].nullable
    }

    /// Whether `expression` is a plain column of a boolean type.
    func isBoolean(_ expression: QueryPlan.Expression) -> Bool {
        guard expression.aggregate == nil, let ref = expression.column else { return false }
        return index.tables[ref.table].columns[ref.column].kind == .boolean
    }

    /// The truth value a flag is compared with (`1`, `'t'`, `'yes'`…), nil for anything else.
    func truth(_ operand: QueryPlan.Operand) -> Bool? {
        switch operand {
        case .number(let value) where value == 0 || value == 1: return value == 1
        case .text(let text): return SchemaIndex.truth(text)
        default: return nil
        }
    }

    func operand(_ operand: QueryPlan.Operand, _ scope: Scope) -> String {
        switch operand {
        case .number(let value): return number(value)
        case .text(let text): return literal(text)
        case .column(let ref): return column(ref, scope)
        case .subquery(let plan): return "(" + render(plan) + ")"
        case .range(let low, let high): return self.operand(low, scope) + " AND " + self.operand(high, scope)
        case .period, .none: return "NULL"
        }
    }

    /// `left` falls in `period` (half-open ranges, so timestamps work too).
    func periodCondition(_ left: String, _ period: QueryPlan.DatePeriod, negated: Bool) -> String {
        let (start, end) = bounds(period)
        let text = "\(left) >= \(start) AND \(left) < \(end)"
        return negated ? "NOT (\(text))" : "(\(text))"
    }

    func bounds(_ period: QueryPlan.DatePeriod) -> (String, String) {
        let bounds = rules.generation.periodBounds(period)
        return (bounds.start, bounds.end)
    }
}
