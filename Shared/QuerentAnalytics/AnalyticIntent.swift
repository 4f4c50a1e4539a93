import Foundation
import QuerentCore
import QuerentSchemaLinking

/// What an analyst's question asks for, independent of SQL: one metric (a measure under an
/// aggregation, or a count of rows), the groups to slice it by (entities, columns, time
/// buckets), filters, a threshold on the aggregate, and ordering and limit. Built by
/// ``AnalyticPlanner`` from the question and the source's semantic model; written as SQL by
/// ``AnalyticRenderer``. Tables and columns are positions in the ``SchemaIndex``.
package struct AnalyticIntent: Sendable, Hashable {
    /// A column of an indexed table.
    package struct ColumnRef: Sendable, Hashable {
        package var table: Int
        package var column: Int
    }

    /// What is computed.
    package enum Metric: Sendable, Hashable {
        /// A measure of `table` under `aggregation`.
        case measure(SemanticModel.Measure, table: Int, aggregation: SemanticModel.Aggregation)
        /// The measure's total per row of `entity`, averaged: total ÷ distinct rows of the entity
        /// ("average order value").
        case averagePer(SemanticModel.Measure, table: Int, entity: Int)
        /// The number of rows of `table` (distinct by its key when joins could repeat them).
        case count(table: Int)

        /// The table the metric's rows come from.
        package var table: Int {
            switch self {
            case .measure(_, let table, _), .averagePer(_, let table, _), .count(let table): return table
            }
        }
    }

    /// One way the metric is sliced.
    package enum Group: Sendable, Hashable {
        /// Per row of a table, shown by its display columns.
        case entity(Int)
        /// Per value of a column.
        case column(ColumnRef)
        /// Per time bucket of a date column.
        case time(ColumnRef, SemanticModel.TimeGrain)

        /// The table the group reads.
        package var table: Int {
            switch self {
            case .entity(let table): return table
            case .column(let ref), .time(let ref, _): return ref.table
            }
        }
    }

    /// A condition on the rows before aggregation.
    package enum Filter: Sendable, Hashable {
        /// The column equals a stored value.
        case equals(ColumnRef, String)
        /// The date column falls in a calendar year.
        case year(ColumnRef, Int)
        /// The column holds none of the values ("leaving out cancelled and refunded orders").
        case excludes(ColumnRef, [String])
        /// The column is NULL (an end date of a current row).
        case isNull(ColumnRef)
        /// The date column falls in `[from, until)` (ISO days; nil is open).
        case dates(ColumnRef, from: String?, until: String?)

        /// The table the filter reads.
        package var table: Int {
            switch self {
            case .equals(let ref, _), .year(let ref, _), .excludes(let ref, _), .isNull(let ref), .dates(let ref, _, _): return ref.table
            }
        }
    }

    /// What part of the metric a percentage asks for ("what percentage of employees work
    /// remotely": the rows whose flag is set).
    package enum Share: Sendable, Hashable {
        /// Rows where the column equals a stored value.
        case equals(ColumnRef, String)
        /// Rows where a yes/no column is set.
        case flag(ColumnRef)

        /// The table the condition reads.
        package var table: Int {
            switch self {
            case .equals(let ref, _), .flag(let ref): return ref.table
            }
        }
    }

    /// How rows are ordered.
    package enum Order: Sendable, Hashable {
        /// By the metric, largest first (`descending`) or smallest first.
        case metric(descending: Bool)
        /// By the groups, in their natural order (time buckets oldest first).
        case groups
    }

    package var metric: Metric
    package var groups: [Group] = []
    package var filters: [Filter] = []
    /// A comparison of the aggregate with a number (`HAVING total > 1000`).
    package var threshold: (op: String, value: Double)?
    /// A comparison of each group's aggregate with the average of all groups' ("customers who
    /// spent more than the average customer"): the operator.
    package var versusAverage: String?
    /// True when the question asks for the one row holding the largest (smallest) value and
    /// the group it belongs to ("the largest invoice, and which patient was it for").
    package var singleRow = false
    /// With ``versusAverage``: compare with the metric over all rows instead ("carriers whose
    /// average cost is above the overall average").
    package var versusOverall = false
    package var order: Order?
    /// False when the metric only filters ("which doctors invoiced more than 15,000"): the groups
    /// are listed without it.
    package var showsMetric = true
    /// When set, the metric is the percentage of it that meets this condition.
    package var share: Share?
    /// A factor the metric is multiplied by (a duration converted to the unit asked for).
    package var scale: Double?
    package var limit: Int?
    /// What was understood, for the explanation.
    package var notes: [String] = []
    /// Where each group is named in the question (groups are shown in that order).
    package var groupPositions: [Group: Int] = [:]
    /// Token positions the intent accounts for.
    package var explained: Set<Int> = []
    /// True when the measure was one of several the question's word could mean.
    package var guessedMeasure = false

    package init(metric: Metric) {
        self.metric = metric
    }

    package static func == (lhs: AnalyticIntent, rhs: AnalyticIntent) -> Bool {
        lhs.metric == rhs.metric && lhs.groups == rhs.groups && lhs.filters == rhs.filters && lhs.threshold?.op == rhs.threshold?.op
            && lhs.threshold?.value == rhs.threshold?.value && lhs.order == rhs.order && lhs.limit == rhs.limit && lhs.scale == rhs.scale
            && lhs.share == rhs.share && lhs.versusAverage == rhs.versusAverage
            && lhs.versusOverall == rhs.versusOverall && lhs.singleRow == rhs.singleRow
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(metric)
        hasher.combine(groups)
        hasher.combine(filters)
        hasher.combine(order)
        hasher.combine(limit)
    }

    /// Every table the intent reads.
    package var tables: [Int] {
        var result = [metric.table]
        func add(_ table: Int) { if !result.contains(table) { result.append(table) } }
        if case .averagePer(_, _, let entity) = metric { add(entity) }
        for group in groups { add(group.table) }
        for filter in filters { add(filter.table) }
        if let share { add(share.table) }
        return result
    }
}

extension AnalyticIntent.Metric {
    /// What the metric is, in words, for an explanation ("sum of invoices.amount").
    package func description(in index: SchemaIndex) -> String {
        switch self {
        case .measure(let measure, let table, let aggregation):
            return "\(aggregation.rawValue) of \(index.tables[table].baseName).\(measure.name)"
        case .averagePer(let measure, let table, let entity):
            return "\(index.tables[table].baseName).\(measure.name) totalled per \(index.tables[entity].baseName), averaged"
        case .count(let table):
            return "number of \(index.tables[table].baseName)"
        }
    }
}
