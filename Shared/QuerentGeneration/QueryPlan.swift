import Foundation
import QuerentCore
import QuerentDialects
import QuerentSchemaLinking

/// The dialect-free shape of a generated query: what to select, from which tables, under
/// which conditions, grouped, ordered and limited how; optionally combined with a second plan
/// (INTERSECT, EXCEPT, UNION).
struct QueryPlan: Sendable, Hashable {
    /// A column of an indexed table.
    struct ColumnRef: Sendable, Hashable {
        var table: Int
        var column: Int
    }

    /// An aggregate function.
    enum Aggregate: String, Sendable, Hashable {
        case count, sum, avg, min, max
    }

    /// A selected (or ordered, or compared) expression: a column, an aggregate of a column,
    /// or `count(*)` when `column` is nil.
    struct Expression: Sendable, Hashable {
        var aggregate: Aggregate?
        var column: ColumnRef?
        var distinct: Bool = false
        /// Columns of `column`'s table shown joined by spaces instead of `column` alone (a
        /// person's first and last name).
        var nameParts: [Int] = []
        /// The days from this date column to `column` instead of `column` itself.
        var since: ColumnRef?

        static func column(_ ref: ColumnRef) -> Expression { Expression(aggregate: nil, column: ref) }
        static func aggregate(_ function: Aggregate, _ ref: ColumnRef?, distinct: Bool = false) -> Expression {
            Expression(aggregate: function, column: ref, distinct: distinct)
        }
        static var countAll: Expression { Expression(aggregate: .count, column: nil) }
    }

    /// A comparison operator.
    enum Operator: String, Sendable, Hashable {
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
        var negated: Operator {
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
    indirect enum Operand: Sendable, Hashable {
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
    typealias DatePeriod = CalendarPeriod

    /// One condition of a WHERE or HAVING clause.
    struct Condition: Sendable, Hashable {
        var left: Expression
        var op: Operator
        var right: Operand
        /// How this condition joins the previous one.
        var conjunction: Conjunction = .and
    }

    /// AND or OR.
    enum Conjunction: String, Sendable, Hashable {
        case and = "AND"
        case or = "OR"
    }

    /// A sort key.
    struct Ordering: Sendable, Hashable {
        var expression: Expression
        var descending: Bool
    }

    /// A set operation combining two plans.
    enum SetOperation: String, Sendable, Hashable {
        case intersect = "INTERSECT"
        case except = "EXCEPT"
        case union = "UNION"
    }

    var select: [Expression] = []
    var distinct = false
    /// The table rows come from (first in FROM).
    var mainTable: Int
    /// Every table the query must read (joins are planned to connect them).
    var tables: [Int] = []
    var conditions: [Condition] = []
    var groupBy: [ColumnRef] = []
    var having: [Condition] = []
    var orderBy: [Ordering] = []
    var limit: Int?
    var setOperation: SetOperation?
    var setPlan: [QueryPlan] = []
    /// Count the rows of the set operation instead of returning them
    /// (`SELECT count(*) FROM (… INTERSECT …)`).
    var countRows = false
    /// Joins chosen by the join planner, in order.
    var joins: [SchemaIndex.Edge] = []
    /// The preferred join columns per table pair, chosen from the question's words.
    var preferredEdges: [SchemaIndex.Edge] = []

    init(mainTable: Int) {
        self.mainTable = mainTable
    }

    /// Every table a column of the plan (or a condition) refers to, in first-use order.
    var referencedTables: [Int] {
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
