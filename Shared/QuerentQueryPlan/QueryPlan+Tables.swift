import QuerentSchemaLinking

extension QueryPlan {
    /// Whether the plan lists rows of some tables joined to the many side of a one-to-many
    /// relationship they do not show ("which customers placed an order in 2025": a customer with
    /// two orders would be listed twice), so each row should be listed once.
    package func repeatsRows(in index: SchemaIndex) -> Bool {
        guard !distinct, setPlan.isEmpty, groupBy.isEmpty, orderBy.isEmpty, limit == nil, !countRows, !select.isEmpty,
            select.allSatisfy({ $0.aggregate == nil && $0.column != nil })
        else { return false }
        let shown = Set(select.compactMap(\.column?.table))
        return joins.contains { edge in
            // the joined table holds the foreign key: many of its rows per row it joins to
            !shown.contains(edge.to) && edge.toColumns.allSatisfy { index.tables[edge.to].columns[$0].isForeignKey }
                && !edge.fromColumns.allSatisfy { index.tables[edge.from].columns[$0].isForeignKey }
        }
    }

    /// The names of every table the plan reads, subqueries and set operations included, in
    /// first-use order.
    package func tableNames(in index: SchemaIndex) -> [String] {
        var tables: [Int] = []
        func collect(_ plan: QueryPlan) {
            for table in [plan.mainTable] + plan.joins.map(\.to) + plan.referencedTables where !tables.contains(table) { tables.append(table) }
            for condition in plan.conditions + plan.having {
                if case .subquery(let inner) = condition.right { collect(inner) }
            }
            plan.setPlan.forEach(collect)
        }
        collect(self)
        return tables.map { index.tables[$0].name }
    }
}
