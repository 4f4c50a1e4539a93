import Foundation
import QuerentCore
import QuerentDialects
import QuerentSchemaLinking

/// Writes an ``AnalyticIntent`` as one SELECT in a dialect: the groups (entities by their
/// display columns and key, columns, time buckets), the metric, joins along the shortest
/// foreign-key paths from the metric's table, filters, HAVING, ordering and limit.
package struct AnalyticRenderer: Sendable {
    let index: SchemaIndex
    let model: SemanticModel
    let rules: DialectRules

    package init(index: SchemaIndex, model: SemanticModel, dialect: Dialect) {
        self.index = index
        self.model = model
        rules = dialect.rules
    }

    /// The SQL and the tables it reads, or nil when the intent's tables are not connected.
    package func render(_ intent: AnalyticIntent) -> (sql: String, tables: [String])? {
        let root = intent.metric.table
        guard let joins = JoinPlanner(index: index).joins(main: root, required: intent.tables) else { return nil }
        var order = [root]
        for edge in joins where !order.contains(edge.to) { order.append(edge.to) }
        let qualified = order.count > 1
        var aliases: [Int: String] = [:]
        for (offset, table) in order.enumerated() { aliases[table] = "T\(offset + 1)" }
        func column(_ table: Int, _ column: Int) -> String {
            let name = rules.quoting.identifier(index.tables[table].columns[column].name)
            return qualified ? aliases[table]! + "." + name : name
        }
        func columnNamed(_ table: Int, _ name: String) -> String? {
            index.columnIndex(table, named: name).map { column(table, $0) }
        }

        var select: [String] = []
        var groupBy: [String] = []
        var orderGroups: [String] = []
        for group in intent.groups {
            switch group {
            case .entity(let table):
                let display = displayColumns(table)
                let shown = display.map { column(table, $0) }
                // a person is shown by one full name, not by separate name columns
                let isPerson = model.entity(index.tables[table].name)?.isPerson == true && shown.count > 1
                let label = isPerson ? rules.generation.joinedWithSpaces(shown) : nil
                select += label.map { [$0 + " AS " + rules.quoting.identifier("full_name")] } ?? shown
                let key = index.tables[table].primaryKey.count == 1 ? [column(table, index.tables[table].primaryKey[0])] : []
                groupBy += key + shown.filter { !key.contains($0) }
                orderGroups += label.map { [$0] } ?? shown
            case .column(let ref):
                let text = column(ref.table, ref.column)
                select.append(text)
                groupBy.append(text)
                orderGroups.append(text)
            case .time(let ref, let grain):
                var source = column(ref.table, ref.column)
                if let cast = rules.generation.textDateCast, Self.isTextType(index.tables[ref.table].columns[ref.column].declaredType) {
                    source = "CAST(\(source) AS \(cast))"
                }
                // within one year a quarter is its number (1–4)
                let oneYear = intent.filters.contains { if case .year(ref, _) = $0 { return true } else { return false } }
                let bucket = grain == .quarter && oneYear ? rules.generation.quarterOfYear(source) : rules.generation.timeBucket(grain, source)
                select.append(bucket + " AS " + rules.quoting.identifier(grain.rawValue))
                groupBy.append(bucket)
                orderGroups.append(bucket)
            }
        }
        guard var metric = metricExpression(intent.metric, column: columnNamed, aliases: aliases, qualified: qualified) else { return nil }
        if let share = intent.share, let part = partOf(metric.sql, share: share, column: column) {
            metric = (part, "percentage")
        }
        if let scale = intent.scale {
            // minutes to hours divides by 60; hours to minutes multiplies by 60
            // (a decimal literal keeps integer totals from being divided as integers)
            let factor = scale < 1 ? (1 / scale * 1_000).rounded() / 1_000 : scale
            let literal = factor == factor.rounded() ? DialectRules.number(factor) + ".0" : DialectRules.number(factor)
            metric.sql += (scale < 1 ? " / " : " * ") + literal
        }
        if intent.showsMetric { select.append(metric.sql + " AS " + rules.quoting.identifier(metric.alias)) }

        var body = " FROM " + tableReference(root) + (qualified ? " AS \(aliases[root]!)" : "")
        for edge in joins {
            let pairs = zip(edge.fromColumns, edge.toColumns).map { column(edge.from, $0.0) + " = " + column(edge.to, $0.1) }
            body += " JOIN " + tableReference(edge.to) + " AS \(aliases[edge.to]!) ON " + pairs.joined(separator: " AND ")
        }
        let conditions = intent.filters.map { filter -> String in
            switch filter {
            case .equals(let ref, let value):
                return column(ref.table, ref.column) + " = " + DialectRules.literal(value)
            case .excludes(let ref, let values):
                return column(ref.table, ref.column) + " NOT IN (" + values.map(DialectRules.literal).joined(separator: ", ") + ")"
            case .isNull(let ref):
                return column(ref.table, ref.column) + " IS NULL"
            case .dates(let ref, let from, let until):
                let text = column(ref.table, ref.column)
                let bounds = [from.map { "\(text) >= \(DialectRules.literal($0))" }, until.map { "\(text) < \(DialectRules.literal($0))" }]
                return bounds.compactMap { $0 }.joined(separator: " AND ")
            case .year(let ref, let year):
                let bounds = rules.generation.periodBounds(.year(year))
                let text = column(ref.table, ref.column)
                return "\(text) >= \(bounds.start) AND \(text) < \(bounds.end)"
            }
        }
        if !conditions.isEmpty { body += " WHERE " + conditions.joined(separator: " AND ") }
        let ungrouped = body
        if !groupBy.isEmpty { body += " GROUP BY " + groupBy.joined(separator: ", ") }
        var sql = "SELECT " + select.joined(separator: ", ") + body
        if let threshold = intent.threshold { sql += " HAVING \(metric.sql) \(threshold.op) \(DialectRules.number(threshold.value))" }
        if let op = intent.versusAverage, !groupBy.isEmpty {
            // the metric over all rows, or the same groups' totals averaged in a derived table
            sql +=
                intent.versusOverall
                ? " HAVING \(metric.sql) \(op) (SELECT \(metric.sql)\(ungrouped))"
                : " HAVING \(metric.sql) \(op) (SELECT AVG(per_group.total) FROM (SELECT \(metric.sql) AS total\(body)) AS per_group)"
        }
        switch intent.order {
        case .metric(let descending)?:
            sql += " ORDER BY \(metric.sql) " + (descending ? "DESC" : "ASC")
        case .groups?:
            if !orderGroups.isEmpty { sql += " ORDER BY " + orderGroups.joined(separator: ", ") }
        case nil:
            break
        }
        if let limit = intent.limit { sql += " LIMIT \(limit)" }
        return (sql, order.map { index.tables[$0].name })
    }

    /// `100.0 * <the metric over the rows meeting the condition> / <the metric>`: `COUNT(*)` counts
    /// the rows meeting it, `SUM(x)` sums `x` over them.
    func partOf(_ metric: String, share: AnalyticIntent.Share, column: (Int, Int) -> String) -> String? {
        let condition: String
        switch share {
        case .equals(let ref, let value):
            condition = column(ref.table, ref.column) + " = " + DialectRules.literal(value)
        case .flag(let ref):
            let target = index.tables[ref.table].columns[ref.column]
            let text = column(ref.table, ref.column)
            if target.declaredType.lowercased().contains("bool") {
                condition = text
            } else if let yes = (target.values + target.samples).first(where: { SchemaIndex.truth($0) == true && Int($0) == nil }) {
                condition = text + " = " + DialectRules.literal(yes)
            } else {
                condition = text + " = 1"
            }
        }
        if metric.hasPrefix("COUNT(") {
            return "100.0 * SUM(CASE WHEN \(condition) THEN 1 ELSE 0 END) / \(metric)"
        }
        guard let open = metric.firstIndex(of: "("), metric.hasSuffix(")"), metric.hasPrefix("SUM(") else { return nil }
        let argument = metric[metric.index(after: open)..<metric.index(before: metric.endIndex)]
        return "100.0 * SUM(CASE WHEN \(condition) THEN \(argument) ELSE 0 END) / \(metric)"
    }

    /// The columns that show a row of `table`: the semantic model's display columns, else the
    /// table's label column.
    func displayColumns(_ table: Int) -> [Int] {
        let display = model.entity(index.tables[table].name)?.display.compactMap { index.columnIndex(table, named: $0) } ?? []
        return display.isEmpty ? [index.labelColumn(of: table)] : display
    }

    func metricExpression(
        _ metric: AnalyticIntent.Metric,
        column: (Int, String) -> String?,
        aliases: [Int: String],
        qualified: Bool
    ) -> (sql: String, alias: String)? {
        func expression(_ measure: SemanticModel.Measure, _ table: Int) -> String? {
            var parts: [String] = []
            for (offset, term) in measure.expression.terms.enumerated() {
                if offset > 0 { parts.append(measure.expression.operators[offset - 1]) }
                if let name = term.column {
                    guard let text = column(table, name) else { return nil }
                    parts.append(text)
                } else if let number = term.number {
                    parts.append(DialectRules.number(number))
                }
            }
            return parts.joined(separator: " ")
        }
        switch metric {
        case .measure(let measure, let table, let aggregation):
            guard let argument = expression(measure, table) else { return nil }
            let words: [SemanticModel.Aggregation: String] = [.sum: "total", .avg: "average", .min: "minimum", .max: "maximum", .count: "count"]
            return ("\(aggregation.rawValue.uppercased())(\(argument))", (words[aggregation] ?? "value") + "_" + measure.name.lowercased())
        case .averagePer(let measure, let table, let entity):
            guard let argument = expression(measure, table) else { return nil }
            let key = index.keyColumn(of: entity)
            guard let keyText = column(entity, index.tables[entity].columns[key].name) else { return nil }
            return (
                "SUM(\(argument)) * 1.0 / COUNT(DISTINCT \(keyText))",
                "average_" + measure.name.lowercased() + "_per_" + index.tables[entity].baseName.lowercased()
            )
        case .count(let table):
            let key = index.tables[table].primaryKey
            if qualified, key.count == 1, let keyText = column(table, index.tables[table].columns[key[0]].name) {
                return ("COUNT(DISTINCT \(keyText))", "count")
            }
            return ("COUNT(*)", "count")
        }
    }

    func tableReference(_ table: Int) -> String {
        rules.tableReference(name: index.tables[table].name, schemaName: index.tables[table].schemaName)
    }

    static func isTextType(_ declared: String) -> Bool {
        let type = declared.lowercased()
        return type.contains("char") || type.contains("text")
    }
}
