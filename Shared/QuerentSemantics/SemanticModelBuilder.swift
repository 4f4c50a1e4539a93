import Foundation
import QuerentCore

/// Derives a source's ``QuerentCore/SemanticModel`` from its trained table schemas, by general
/// English and database naming conventions (``NamingConventions``): nothing here knows any
/// particular database.
public enum SemanticModelBuilder {
    /// The model of `tables` (the source's trained schemas, value profiles included).
    public static func derive(sourceId: String, tables: [TableSchema]) -> SemanticModel {
        let conventions = NamingConventions.standard
        let names = Set(tables.map { $0.tableName.lowercased() })
        var entities: [SemanticModel.Entity] = []
        var measures: [SemanticModel.Measure] = []
        var dimensions: [SemanticModel.Dimension] = []
        var links: [SemanticModel.Link] = []
        for table in JoinInference.applied(to: tables) {
            entities.append(entity(table, conventions: conventions))
            measures += Self.measures(table, conventions: conventions)
            dimensions += Self.dimensions(table, conventions: conventions)
            links += Self.links(table, known: names, conventions: conventions)
        }
        return SemanticModel(sourceId: sourceId, entities: entities, measures: measures, dimensions: dimensions, relationships: links)
    }

    // MARK: - Entities

    static func entity(_ table: TableSchema, conventions: NamingConventions) -> SemanticModel.Entity {
        let baseName = table.tableName.split(separator: ".").last.map(String.init) ?? table.tableName
        let words = NamingConventions.words(baseName)
        let label = (words.dropLast() + [NamingConventions.singular(words.last ?? baseName)]).joined(separator: " ")
        let lower = Dictionary(table.columns.map { ($0.name.lowercased(), $0.name) }, uniquingKeysWith: { first, _ in first })
        let first = conventions.firstNameColumns.lazy.compactMap { lower[$0] }.first
        let last = conventions.lastNameColumns.lazy.compactMap { lower[$0] }.first
        let personName = words.contains { conventions.personWords.contains(NamingConventions.singular($0)) }
        let isPerson = (first != nil && last != nil) || (personName && (first != nil || lower["name"] != nil || lower["full_name"] != nil))
        var display: [String] = []
        if let first, let last {
            display = [first, last]
        } else {
            let singular = NamingConventions.singular(words.last ?? "")
            let candidates = ["\(singular)_name", "\(singular)name", "\(baseName.lowercased())_name"] + conventions.labelColumns
            if let column = candidates.lazy.compactMap({ lower[$0] }).first(where: { name in
                table.columns.first { $0.name == name }.map { isText($0.type) } ?? false
            }) {
                display = [column]
            } else if let column = table.columns.first(where: { column in
                isText(column.type) && !column.primaryKey && column.foreignKey == nil
                    && NamingConventions.words(column.name).contains { $0 == "name" || $0 == "title" }
            }) {
                display = [column.name]
            }
        }
        let endDates = table.columns.filter { isEndDate($0, conventions: conventions) }.map(\.name)
        return SemanticModel.Entity(
            table: table.tableName,
            label: label,
            display: display,
            key: table.primaryKey,
            isPerson: isPerson,
            isBridge: isBridge(table),
            currentWhenNull: endDates
        )
    }

    /// A nullable date column that records when a row stopped being current: its words name an
    /// ending (`termination_date`, `ended_on`, `cancelled_at`) or close a validity range
    /// (`effective_to`, `valid_until`).
    static func isEndDate(_ column: ColumnSchema, conventions: NamingConventions) -> Bool {
        guard column.nullable, !column.primaryKey, column.foreignKey == nil else { return false }
        let words = NamingConventions.words(column.name)
        let dated = isDate(column, words: words, conventions: conventions)
        if words.count > 1, let last = words.last, conventions.endDateSuffixes.contains(last) { return dated || isText(column.type) }
        return dated && words.contains { conventions.endDateWords.contains($0) }
    }

    /// A table whose columns are (almost) all foreign keys: at least two, and at most one other
    /// non-key column.
    static func isBridge(_ table: TableSchema) -> Bool {
        let foreign = Set(table.relationships.flatMap(\.columns))
        guard Set(table.relationships.map(\.referencesTable)).count >= 2 else { return false }
        let others = table.columns.filter { !foreign.contains($0.name) && !($0.primaryKey && isInteger($0.type) && table.primaryKey.count == 1) }
        return others.count <= 1
    }

    // MARK: - Measures

    static func measures(_ table: TableSchema, conventions: NamingConventions) -> [SemanticModel.Measure] {
        let tableWords = Set(NamingConventions.words(table.tableName.split(separator: ".").last.map(String.init) ?? table.tableName))
        let revenueTable = !tableWords.isDisjoint(with: conventions.revenueTables)
        var result: [SemanticModel.Measure] = []
        var prices: [ColumnSchema] = []
        var quantities: [ColumnSchema] = []
        var discount: ColumnSchema?
        for column in table.columns where isNumeric(column.type) && !column.primaryKey && column.foreignKey == nil {
            let words = NamingConventions.words(column.name)
            guard !words.isEmpty, !words.contains(where: { conventions.notMeasureWords.contains($0) }) || words.contains("count") else { continue }
            guard
                !(words.last == "id"
                    || column.name.lowercased().hasSuffix("id") && column.name.count > 2 && isInteger(column.type) && words.count == 1)
            else { continue }
            let kind = measureKind(words, conventions: conventions)
            if kind == .score, words.contains("discount") { discount = column }
            if kind == .price { prices.append(column) }
            // a quantity moved by the row (sold, ordered, shipped), not one held (stock, capacity)
            if kind == .quantity, words.allSatisfy({ !conventions.heldQuantityWords.contains($0) }) { quantities.append(column) }
            var synonyms: [String] = []
            if kind == .amount, revenueTable,
                words.contains(where: { ["amount", "total", "payment", "price", "charge", "subtotal", "value"].contains($0) })
            {
                synonyms = conventions.revenueSynonyms
            }
            result.append(
                SemanticModel.Measure(
                    name: column.name,
                    table: table.tableName,
                    expression: .column(column.name),
                    aggregation: [.price, .score].contains(kind) ? .avg : .sum,
                    kind: kind,
                    unit: kind == .duration ? durationUnit(words, conventions: conventions) : nil,
                    synonyms: synonyms
                )
            )
        }
        // A line table (it refers to its parent): quantity × unit price, less a fractional discount,
        // is what the line is worth.
        if !table.relationships.isEmpty, let quantity = quantities.first, let price = prices.first {
            var terms: [SemanticModel.MeasureExpression.Term] = [.column(price.name), .column(quantity.name)]
            var operators = ["*"]
            if let discount, discount.type.lowercased().contains("int") == false {
                terms += [.column(price.name), .column(quantity.name), .column(discount.name)]
                operators += ["-", "*", "*"]
            }
            result.append(
                SemanticModel.Measure(
                    name: "line_value",
                    table: table.tableName,
                    expression: SemanticModel.MeasureExpression(terms: terms, operators: operators),
                    aggregation: .sum,
                    kind: .amount,
                    synonyms: conventions.revenueSynonyms
                )
            )
        }
        return result
    }

    static func measureKind(_ words: [String], conventions: NamingConventions) -> SemanticModel.MeasureKind {
        // The last word names what the number is ("unit_price" is a price, "price_total" an amount).
        for word in words.reversed() {
            for kind in ["price", "duration", "quantity", "amount", "score"] where conventions.measureKinds[kind]?.contains(word) == true {
                if kind == "duration", conventions.durationUnits[word] == nil, !["duration", "length", "runtime", "elapsed"].contains(word) {
                    continue
                }
                return SemanticModel.MeasureKind(rawValue: kind) ?? .number
            }
            if conventions.durationUnits[word] != nil, words.count > 1 { return .duration }
        }
        return .number
    }

    static func durationUnit(_ words: [String], conventions: NamingConventions) -> String? {
        words.lazy.compactMap { conventions.durationUnits[$0] }.first
    }

    // MARK: - Dimensions

    static func dimensions(_ table: TableSchema, conventions: NamingConventions) -> [SemanticModel.Dimension] {
        table.columns.compactMap { column -> SemanticModel.Dimension? in
            guard !column.primaryKey else { return nil }
            let type = column.type.lowercased()
            let words = NamingConventions.words(column.name)
            if conventions.booleanTypes.contains(where: { type.hasPrefix($0) })
                || (isInteger(type) && words.first.map(conventions.booleanPrefixes.contains) == true && words.count > 1)
            {
                return SemanticModel.Dimension(table: table.tableName, column: column.name, kind: .boolean)
            }
            if isDate(column, words: words, conventions: conventions) {
                return SemanticModel.Dimension(table: table.tableName, column: column.name, kind: .time, grains: SemanticModel.TimeGrain.allCases)
            }
            if column.foreignKey == nil, isText(type), let values = table.valueProfile?[column.name], !values.isEmpty {
                return SemanticModel.Dimension(table: table.tableName, column: column.name, kind: .categorical)
            }
            return nil
        }
    }

    static func isDate(_ column: ColumnSchema, words: [String], conventions: NamingConventions) -> Bool {
        let type = column.type.lowercased()
        if conventions.dateTypes.contains(where: { type.hasPrefix($0) }) { return !type.hasPrefix("interval") }
        // SQLite and loose schemas keep dates as text: trust the name.
        return isText(type) && words.last.map(conventions.dateWords.contains) == true
    }

    // MARK: - Relationships

    static func links(_ table: TableSchema, known: Set<String>, conventions: NamingConventions) -> [SemanticModel.Link] {
        let counts = Dictionary(grouping: table.relationships, by: { $0.referencesTable.lowercased() }).mapValues(\.count)
        return table.relationships.filter { known.contains($0.referencesTable.lowercased()) }.map { relationship in
            let selfReference = relationship.referencesTable.lowercased() == table.tableName.lowercased()
            var role: String?
            if selfReference || (counts[relationship.referencesTable.lowercased()] ?? 0) > 1, relationship.columns.count == 1 {
                let column = relationship.columns[0]
                let words = NamingConventions.words(column).filter { $0 != "id" && $0 != "key" && $0 != "fk" }
                let joined = words.joined(separator: "_")
                role =
                    conventions.roleColumns[joined] ?? conventions.roleColumns[column.lowercased()]
                    ?? (words.isEmpty ? nil : words.joined(separator: " "))
            }
            return SemanticModel.Link(
                table: table.tableName,
                columns: relationship.columns,
                referencesTable: relationship.referencesTable,
                referencesColumns: relationship.referencesColumns,
                role: role,
                inferred: relationship.inferred == true
            )
        }
    }

    // MARK: - Types

    static func isNumeric(_ type: String) -> Bool {
        let type = type.lowercased()
        return ["int", "numeric", "decimal", "real", "double", "float", "money", "number", "smallint", "bigint"].contains { type.contains($0) }
    }

    static func isInteger(_ type: String) -> Bool {
        type.lowercased().contains("int")
    }

    static func isText(_ type: String) -> Bool {
        let type = type.lowercased()
        return type.isEmpty || ["char", "text", "clob", "string", "varchar", "citext", "name", "enum"].contains { type.contains($0) }
    }
}
