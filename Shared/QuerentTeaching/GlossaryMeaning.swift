import Foundation
import QuerentCore
import QuerentSafety
import QuerentSchemaLinking

/// What a glossary term's SQL stands for, read against the source's trained tables.
public enum GlossaryMeaning: Sendable, Hashable {
    /// An aggregate over one table's columns: a measure (`SUM(order_items.quantity * order_items.unit_price)`).
    case measure(table: String, expression: SemanticModel.MeasureExpression, aggregation: SemanticModel.Aggregation)
    /// A condition on one table's columns: a named filter (`customers.status = 'active'`).
    case filter(table: String, condition: String)
    /// A table: the term is another name for it.
    case table(String)
    /// A column: the term is another name for it.
    case column(table: String, column: String)

    /// The table the meaning is about.
    public var table: String {
        switch self {
        case .measure(let table, _, _), .filter(let table, _), .table(let table), .column(let table, _): return table
        }
    }

    /// A query that exercises the meaning on its table, for checking it through the safety gate
    /// and running it once: the aggregate, the count of rows the condition keeps, or a row.
    public func probe(sql: String) -> String {
        switch self {
        case .measure: return "SELECT \(sql) FROM \(table)"
        case .filter(_, let condition): return "SELECT COUNT(*) FROM \(table) WHERE \(condition)"
        case .table: return "SELECT * FROM \(table) LIMIT 1"
        case .column(_, let column): return "SELECT \(column) FROM \(table) LIMIT 1"
        }
    }

    /// Reads `sql` against the trained tables.
    /// - Throws: ``ServiceError`` `.unprocessable` naming what is wrong: an unknown table or
    ///   column, columns of several tables, or text that is none of the four forms;
    ///   `.badRequest` for empty or over-long text.
    public static func read(_ sql: String, tables: [TableSchema]) throws -> GlossaryMeaning {
        let tokens = SQLScanner.tokens(sql)
        guard sql.count <= 2_000, !sql.contains("\0") else {
            throw ServiceError(.badRequest, "sql must be 1 to 2,000 characters, without NUL")
        }
        guard !tokens.isEmpty else { throw ServiceError(.unprocessable, "glossary sql: '\(sql)' holds no SQL") }
        func table(named name: String) -> TableSchema? {
            tables.first { $0.tableName == name } ?? tables.first { $0.tableName.lowercased() == name.lowercased() }
        }
        func column(_ name: String, of schema: TableSchema) throws -> String {
            guard let column = schema.columns.first(where: { $0.name.lowercased() == name.lowercased() }) else {
                throw ServiceError(.unprocessable, "glossary sql: table '\(schema.tableName)' has no column '\(name)'")
            }
            return column.name
        }
        // `table` or `schema.table`, `table.column`
        if tokens.allSatisfy({ $0.isName || $0.isSymbol(".") }), tokens.count <= 5 {
            let names = tokens.filter(\.isName).map(\.text)
            if let schema = table(named: names.joined(separator: ".")) { return .table(schema.tableName) }
            if names.count >= 2, let schema = table(named: names.dropLast().joined(separator: ".")) {
                return .column(table: schema.tableName, column: try column(names.last!, of: schema))
            }
            throw ServiceError(.unprocessable, "glossary sql: '\(sql)' names no trained table or column")
        }
        let references = try qualifiedColumns(tokens, table: table)
        guard let first = references.first else {
            throw ServiceError(.unprocessable, "glossary sql must name its columns with their table (customers.status = 'active')")
        }
        guard references.allSatisfy({ $0.table.tableName == first.table.tableName }) else {
            throw ServiceError(.unprocessable, "glossary sql must use the columns of one table")
        }
        for reference in references { _ = try column(reference.column, of: reference.table) }
        let tableName = first.table.tableName
        if let aggregation = tokens.first?.keyword.flatMap({ SemanticModel.Aggregation(rawValue: $0.lowercased()) }),
            tokens.count > 3, tokens[1].isSymbol("("), tokens.last!.isSymbol(")")
        {
            let inner = sql[tokens[1].range.upperBound..<tokens.last!.range.lowerBound]
            let expression = try MeasureExpressionParser.parse(unqualifiedExpression(String(inner)))
            return .measure(table: tableName, expression: expression, aggregation: aggregation)
        }
        return .filter(table: tableName, condition: sql.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// `t.a * t.b` → `a * b`.
    static func unqualifiedExpression(_ text: String) -> String {
        var result = ""
        var last = text.startIndex
        let tokens = SQLScanner.tokens(text)
        var index = 0
        while index < tokens.count {
            if index + 2 < tokens.count, tokens[index].isName, tokens[index + 1].isSymbol("."), tokens[index + 2].isName {
                result += text[last..<tokens[index].range.lowerBound]
                result += tokens[index + 2].text
                last = tokens[index + 2].range.upperBound
                index += 3
                continue
            }
            index += 1
        }
        result += text[last...]
        return result
    }

    /// Every `table.column` of the tokens, with the table it names (`schema.table.column` too).
    static func qualifiedColumns(_ tokens: [SQLScanToken], table: (String) -> TableSchema?) throws -> [(table: TableSchema, column: String)] {
        var found: [(TableSchema, String)] = []
        var index = 0
        while index + 2 < tokens.count {
            guard tokens[index].isName, tokens[index + 1].isSymbol("."), tokens[index + 2].isName else {
                index += 1
                continue
            }
            if index + 4 < tokens.count, tokens[index + 3].isSymbol("."), tokens[index + 4].isName,
                let schema = table(tokens[index].text + "." + tokens[index + 2].text)
            {
                found.append((schema, tokens[index + 4].text))
                index += 5
            } else if let schema = table(tokens[index].text) {
                found.append((schema, tokens[index + 2].text))
                index += 3
            } else {
                throw ServiceError(.unprocessable, "glossary sql: '\(tokens[index].text)' is not a trained table")
            }
        }
        return found
    }
}

/// Lays a source's glossary over its semantic model: measures for aggregates, named filters for
/// conditions, synonyms for tables and columns.
public enum GlossaryModel {
    /// `model` with `terms` applied; a term whose SQL no longer reads against `tables` (a table
    /// untrained since) is left out.
    public static func apply(_ terms: [GlossaryTerm], to model: SemanticModel, tables: [TableSchema]) -> SemanticModel {
        var model = model
        for term in terms {
            guard let sql = term.sql, let meaning = try? GlossaryMeaning.read(sql, tables: tables) else { continue }
            let word = term.term.trimmingCharacters(in: .whitespacesAndNewlines)
            switch meaning {
            case .measure(let table, let expression, let aggregation):
                let name = word.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: "_")
                model.measures.removeAll { $0.table == table && $0.name == name }
                // the user's definition is the word's only meaning: derived measures lose it as a synonym
                for index in model.measures.indices {
                    model.measures[index].synonyms.removeAll { GlossaryTerm.key($0) == GlossaryTerm.key(word) }
                }
                model.measures.insert(
                    SemanticModel.Measure(
                        name: name,
                        table: table,
                        expression: expression,
                        aggregation: aggregation,
                        kind: .amount,
                        synonyms: [word]
                    ),
                    at: 0
                )
            case .filter(let table, let condition):
                model.filters.append(SemanticModel.NamedFilter(term: word, table: table, condition: condition))
            case .table(let table):
                if let index = model.entities.firstIndex(where: { $0.table == table }) { model.entities[index].synonyms.append(word) }
            case .column(let table, let column):
                for index in model.dimensions.indices where model.dimensions[index].table == table && model.dimensions[index].column == column {
                    model.dimensions[index].synonyms.append(word)
                }
                for index in model.measures.indices where model.measures[index].table == table && model.measures[index].expression.columns == [column]
                {
                    model.measures[index].synonyms.append(word)
                }
            }
        }
        return model
    }
}
