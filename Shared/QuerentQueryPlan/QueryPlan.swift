import Foundation
import QuerentCore
import QuerentDialects
import QuerentSchemaLinking

/// The dialect-free shape of a generated query: what to select, from which tables, under
/// which conditions, grouped, ordered and limited how; optionally combined with a second plan
/// (INTERSECT, EXCEPT, UNION).
package struct QueryPlan: Sendable, Hashable {
    /// A column of an indexed table.
    package struct ColumnRef: Sendable, Hashable {
        package var table: Int
        package var column: Int

        package init(table: Int, column: Int) {
            self.table = table
            self.column = column
        }
    }

    /// An aggregate function.
    package enum Aggregate: String, Sendable, Hashable {
        case count, sum, avg, min, max
    }

    /// A selected (or ordered, or compared) expression: a column, an aggregate of a column,
    /// or `count(*)` when `column` is nil.
    package struct Expression: Sendable, Hashable {
        package var aggregate: Aggregate?
        package var column: ColumnRef?
        package var distinct: Bool = false
        /// Columns of `column`'s table shown joined by spaces instead of `column` alone (a
        /// person's first and last name).
        package var nameParts: [Int] = []
        /// The days from this date column to `column` instead of `column` itself.
        package var since: ColumnRef?

        package init(aggregate: Aggregate?, column: ColumnRef?, distinct: Bool = false, nameParts: [Int] = [], since: ColumnRef? = nil) {
            self.aggregate = aggregate
            self.column = column
            self.distinct = distinct
            self.nameParts = nameParts
            self.since = since
        }

        package static func column(_ ref: ColumnRef) -> Expression { Expression(aggregate: nil, column: ref) }
        package static func aggregate(_ function: Aggregate, _ ref: ColumnRef?, distinct: Bool = false) -> Expression {
            Expression(aggregate: function, column: ref, distinct: distinct)
        }
        package static var countAll: Expression { Expression(aggregate: .count, column: nil) }
    }

    /// A comparison operator.
    package enum Operator: String, Sendable, Hashable {
        case equal = "="
        case notEqual = "!="
        case greater = ">"
        case less = "<"
        case greaterOrEqual = ">="
        case lessOrEqual = "<="
        case between = "BETWEEN"
        case like = "LIKE"
        case notLike = "NOT LIKE"
        case isNull = "IS NULL"
        case isNotNull = "IS NOT NULL"
        case inSubquery = "IN"
        case notInSubquery = "NOT IN"

        /// The operator with its sides swapped or negated where that reads naturally.
        package var negated: Operator {
            switch self {
            case .equal: return .notEqual
            case .notEqual: return .equal
            case .greater: return .lessOrEqual
            case .less: return .greaterOrEqual
            case .greaterOrEqual: return .less
            case .lessOrEqual: return .greater
            case .like: return .notLike
            case .notLike: return .like
            case .isNull: return .isNotNull
            case .isNotNull: return .isNull
            case .inSubquery: return .notInSubquery
            case .notInSubquery: return .inSubquery
            case .between: return .between
            }
        }
    }

    /// The right-hand side of a condition.
    package indirect enum Operand: Sendable, Hashable {
        case number(Double)
        case text(String)
        case column(ColumnRef)
        case range(Operand, Operand)
        case subquery(QueryPlan)
        /// A calendar period relative to today ("last month", "this year").
        case period(DatePeriod)
        case none
    }

    /// A calendar period relative to the current date (its bounds are dialect rules).
    package typealias DatePeriod = CalendarPeriod

    /// One condition of a WHERE or HAVING clause.
    package struct Condition: Sendable, Hashable {
        package var left: Expression
        package var op: Operator
        package var right: Operand
        /// How this condition joins the previous one.
        package var conjunction: Conjunction = .and

        package init(left: Expression, op: Operator, right: Operand, conjunction: Conjunction = .and) {
            self.left = left
            self.op = op
            self.right = right
            self.conjunction = conjunction
        }
    }

    /// AND or OR.
    package enum Conjunction: String, Sendable, Hashable {
        case and = "AND"
        case or = "OR"
    }

    /// A sort key.
    package struct Ordering: Sendable, Hashable {
        package var expression: Expression
        package var descending: Bool

        package init(expression: Expression, descending: Bool) {
            self.expression = expression
            self.descending = descending
        }
    }

    /// A set operation combining two plans.
    package enum SetOperation: String, Sendable, Hashable {
        case intersect = "INTERSECT"
        case except = "EXCEPT"
        case union = "UNION"
    }

    package var select: [Expression] = []
    package var distinct = false
    /// The table rows come from (first in FROM).
    package var mainTable: Int
    /// Every table the query must read (joins are planned to connect them).
    package var tables: [Int] = []
    package var conditions: [Condition] = []
    package var groupBy: [ColumnRef] = []
    package var having: [Condition] = []
    package var orderBy: [Ordering] = []
    package var limit: Int?
    package var setOperation: SetOperation?
    package var setPlan: [QueryPlan] = []
    /// Count the rows of the set operation instead of returning them
    /// (`SELECT count(*) FROM (… INTERSECT …)`).
    package var countRows = false
    /// Joins chosen by the join planner, in order.
    package var joins: [SchemaIndex.Edge] = []
    /// The preferred join columns per table pair, chosen from the question's words.
    package var preferredEdges: [SchemaIndex.Edge] = []

    package init(mainTable: Int) {
        self.mainTable = mainTable
    }

    /// Every table a column of the plan (or a condition) refers to, in first-use order.
    package var referencedTables: [Int] {
        var result: [Int] = [mainTable]
        func add(_ ref: ColumnRef?) {
            if let ref, !result.contains(ref.table) { result.append(ref.table) }
        }
        for item in select { add(item.column) }
        for condition in conditions {
            add(condition.left.column)
            if case .column(let ref) = condition.right { add(ref) }
        }
        for ref in groupBy { add(ref) }
        for condition in having { add(condition.left.column) }
        for order in orderBy { add(order.expression.column) }
        for table in tables where !result.contains(table) { result.append(table) }
        return result
    }
}
