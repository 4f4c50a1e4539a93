import QuerentCore
import QuerentSchemaLinking

extension QueryPlan {
    /// A shape of query that is rarely what a question means, whatever its words: the
    /// generator lowers its confidence in a plan that has one.
    package enum Doubt: String, Sendable, Hashable {
        /// An aggregate selected next to plain columns without GROUP BY: one row made of an
        /// aggregate and an arbitrary row's values (an error on Postgres and MySQL). SQLite's
        /// `min`/`max` beside plain columns is meant (the plain columns come from the extreme
        /// row) unless a plain column is the aggregated one.
        case aggregateBesidePlainColumns
        /// A plain column of a table that no grouped column determines, in a grouped query: an
        /// arbitrary value per group (an error on Postgres). A table is determined when one of
        /// its columns is grouped, or when it is joined by its primary key to a grouped column;
        /// a join column equal to a grouped column is determined too.
        case columnOutsideTheGroups
        /// A sum or an average of an identifier: a key, or a column named as a number or a code
        /// (`invoice_number`, `zip_code`).
        case aggregatedIdentifier
    }

    /// Last words of a column name that make it an identifier, not a quantity.
    static let identifierWords: Set<String> = ["id", "number", "no", "num", "code", "key", "phone", "zip", "postcode"]

    /// The doubts this plan (and the plans it combines) raises over `index` in `dialect`.
    package func doubts(in index: SchemaIndex, dialect: Dialect) -> Set<Doubt> {
        var found: Set<Doubt> = []
        let aggregates = select.filter { $0.aggregate != nil }
        let plain = select.filter { $0.aggregate == nil && $0.column != nil }
        if !aggregates.isEmpty, !plain.isEmpty, groupBy.isEmpty {
            let extremes = aggregates.allSatisfy { $0.aggregate == .min || $0.aggregate == .max }
            let repeated = plain.contains { item in aggregates.contains { $0.column == item.column } }
            if dialect != .sqlite || !extremes || repeated { found.insert(.aggregateBesidePlainColumns) }
        }
        if !groupBy.isEmpty {
            let determined = determinedTables(index)
            // (a join column equal to a grouped column has its value)
            let equalToGrouped = Set(
                (joins + joins.map(\.reversed)).flatMap { edge in
                    zip(edge.fromColumns, edge.toColumns).filter { groupBy.contains(ColumnRef(table: edge.to, column: $0.1)) }
                        .map { ColumnRef(table: edge.from, column: $0.0) }
                }
            )
            if plain.contains(where: { !determined.contains($0.column!.table) && !equalToGrouped.contains($0.column!) }) {
                found.insert(.columnOutsideTheGroups)
            }
        }
        for expression in select + orderBy.map(\.expression) + having.map(\.left)
        where expression.aggregate == .sum || expression.aggregate == .avg {
            guard let ref = expression.column, expression.since == nil else { continue }
            let column = index.tables[ref.table].columns[ref.column]
            if column.isPrimaryKey || column.isForeignKey || column.words.last.map({ Self.identifierWords.contains($0.text) }) == true {
                found.insert(.aggregatedIdentifier)
            }
        }
        for other in setPlan { found.formUnion(other.doubts(in: index, dialect: dialect)) }
        return found
    }

    /// A count, sum or average selected beside plain columns without GROUP BY is read per
    /// value of those columns ("each type code and its number of templates"): they become the
    /// groups.
    package mutating func groupPlainColumnsBesideTotals() {
        guard groupBy.isEmpty, setPlan.isEmpty, !countRows,
            select.contains(where: { $0.aggregate == .count || $0.aggregate == .sum || $0.aggregate == .avg })
        else { return }
        let plain = select.filter { $0.aggregate == nil }
        guard !plain.isEmpty, plain.allSatisfy({ $0.column != nil && $0.since == nil }) else { return }
        groupBy = plain.compactMap(\.column)
        // ordering by a plain column of another row makes no sense per group
        orderBy.removeAll { $0.expression.aggregate == nil && !groupBy.contains($0.expression.column!) }
    }

    /// In a grouped query, the groups' columns come before the totals: "the total tax per
    /// country" asks for a report keyed by country (country, then the sum), where "the total
    /// tax of each country" keeps the question's order.
    package mutating func putGroupsBeforeTotals() {
        guard !groupBy.isEmpty, setPlan.isEmpty,
            let firstPlain = select.firstIndex(where: { $0.aggregate == nil }),
            select[..<firstPlain].contains(where: { $0.aggregate != nil })
        else { return }
        select = select.filter { $0.aggregate == nil } + select.filter { $0.aggregate != nil }
    }

    /// The tables whose columns have one value per group: those with a grouped column, and,
    /// repeatedly, those joined by their whole primary key to the columns of a determined table.
    func determinedTables(_ index: SchemaIndex) -> Set<Int> {
        var determined = Set(groupBy.map(\.table))
        var changed = true
        while changed {
            changed = false
            for edge in joins + joins.map(\.reversed) where determined.contains(edge.from) && !determined.contains(edge.to) {
                let key = index.tables[edge.to].primaryKey
                let grouped = edge.fromColumns.allSatisfy { column in groupBy.contains(ColumnRef(table: edge.from, column: column)) }
                if !key.isEmpty, Set(edge.toColumns) == Set(key), grouped || edge.fromColumns == index.tables[edge.from].primaryKey {
                    determined.insert(edge.to)
                    changed = true
                }
            }
        }
        return determined
    }
}
