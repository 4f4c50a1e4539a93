import Foundation
import QuerentCore
import QuerentSafety

/// A light scan of model-written SQL against the schema it was given: which statement it is,
/// which tables it reads, and which tables and columns it names that the schema does not have.
///
/// It resolves table aliases, CTE names and output-column aliases, and skips functions, typed
/// literals and casts, so a correct query over the schema reports nothing. It is a hint for the
/// confidence and for the self-correction prompt, not the safety gate.
struct LLMSchemaCheck: Equatable {
    /// The statement's first keyword, upper-cased (`SELECT`, `WITH`, `DELETE`); empty for no SQL.
    var statement: String
    /// Keywords that write or change state (`DELETE`, `INTO`, `DROP`…) found anywhere in the SQL.
    var writeKeywords: [String]
    /// The schema's tables the SQL reads (canonical names, first use first).
    var tablesRead: [String]
    /// Tables the SQL reads that the schema does not have, as written.
    var unknownTables: [String]
    /// Columns the SQL names that none of its tables have, as written (`alias.column` or `column`).
    var unknownColumns: [String]

    /// A `SELECT` or `WITH … SELECT` that writes nothing.
    var isReadOnlyQuery: Bool { (statement == "SELECT" || statement == "WITH") && writeKeywords.isEmpty }

    private static let writeWords: Set<String> = [
        "INSERT", "UPDATE", "DELETE", "DROP", "ALTER", "CREATE", "TRUNCATE", "MERGE", "GRANT", "REVOKE", "ATTACH", "DETACH",
        "PRAGMA", "VACUUM", "COPY", "CALL", "INTO", "LOCK",
    ]

    /// Words that never name a column (clauses, operators, literals, date parts).
    private static let keywords: Set<String> = Set([
        "SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "IS", "NULL", "LIKE", "ILIKE", "GLOB", "REGEXP", "SIMILAR", "TO",
        "BETWEEN", "EXISTS", "CASE", "WHEN", "THEN", "ELSE", "END", "AS", "ON", "JOIN", "INNER", "LEFT", "RIGHT", "FULL",
        "OUTER", "CROSS", "NATURAL", "USING", "GROUP", "BY", "ORDER", "HAVING", "LIMIT", "OFFSET", "UNION", "ALL",
        "INTERSECT", "EXCEPT", "DISTINCT", "ASC", "DESC", "NULLS", "FIRST", "LAST", "WITH", "RECURSIVE", "TRUE", "FALSE",
        "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "LOCALTIME", "LOCALTIMESTAMP", "INTERVAL", "YEAR", "MONTH",
        "DAY", "HOUR", "MINUTE", "SECOND", "WEEK", "QUARTER", "DOW", "DOY", "EPOCH", "ESCAPE", "COLLATE", "NOCASE", "OVER",
        "PARTITION", "ROWS", "RANGE", "PRECEDING", "FOLLOWING", "UNBOUNDED", "CURRENT", "ROW", "FILTER", "WINDOW", "FETCH",
        "NEXT", "ONLY", "TIES", "ANY", "SOME", "LATERAL", "VALUES", "SET", "AT", "ZONE", "UNKNOWN", "MATERIALIZED", "OF",
        "INTEGER", "INT", "REAL", "TEXT", "NUMERIC", "DECIMAL", "FLOAT", "DOUBLE", "PRECISION", "VARCHAR", "CHAR", "DATE",
        "TIME", "TIMESTAMP", "BOOLEAN", "BIGINT",
    ]).union(writeWords)

    /// Words after which a name is a table: `FROM t`, `JOIN t`.
    private static let tableIntroducers: Set<String> = ["FROM", "JOIN", "UPDATE", "INTO", "TABLE"]

    /// Words that end a `FROM` list.
    private static let fromListEnders: Set<String> = [
        "WHERE", "GROUP", "ORDER", "HAVING", "LIMIT", "OFFSET", "UNION", "INTERSECT", "EXCEPT", "ON", "USING", "WINDOW", "SET",
        "VALUES", "SELECT", "FETCH", "RETURNING",
    ]

    init(sql: String, tables: [TableSchema]) {
        let tokens = SQLScanner.tokens(sql)
        statement = tokens.first(where: { !$0.isSymbol("(") })?.keyword ?? ""
        let catalog = Catalog(tables)
        var writes: [String] = []
        for (position, token) in tokens.enumerated() {
            guard let word = token.keyword, Self.writeWords.contains(word), !catalog.isKnownName(token.text) else { continue }
            if tokens.indices.contains(position + 1), tokens[position + 1].isSymbol("(") { continue }
            if !writes.contains(word) { writes.append(word) }
        }
        writeKeywords = writes

        let scope = Self.scope(of: tokens, catalog: catalog)
        tablesRead = scope.tables.compactMap(\.schema?.tableName).reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        unknownTables = scope.tables.filter { $0.schema == nil && !scope.cteNames.contains($0.written.lowercased()) }.map(\.written)
        unknownColumns = Self.unknownColumns(in: tokens, scope: scope, catalog: catalog)
    }

    // MARK: - Names

    /// The schema's tables and columns, looked up case-insensitively.
    private struct Catalog {
        var tables: [String: TableSchema] = [:]
        var columnNames: Set<String> = []

        init(_ schemas: [TableSchema]) {
            for schema in schemas {
                let name = schema.tableName.lowercased()
                tables[name] = schema
                if let dot = name.lastIndex(of: ".") { tables[String(name[name.index(after: dot)...]), default: schema] = schema }
                columnNames.formUnion(schema.columns.map { $0.name.lowercased() })
            }
        }

        func table(_ name: String) -> TableSchema? {
            let key = name.lowercased()
            if let schema = tables[key] { return schema }
            if let dot = key.lastIndex(of: ".") { return tables[String(key[key.index(after: dot)...])] }
            return nil
        }

        func isKnownName(_ name: String) -> Bool { table(name) != nil || columnNames.contains(name.lowercased()) }
    }

    /// A table reference in a `FROM` list or join.
    private struct TableReference {
        var written: String
        var schema: TableSchema?
        var alias: String?
    }

    /// Everything the query names besides columns.
    private struct Scope {
        var tables: [TableReference] = []
        var cteNames: Set<String> = []
        /// Output-column, derived-table and table aliases (lower-cased).
        var aliases: Set<String> = []
        /// Token positions holding table names, aliases or CTE names (not columns).
        var nonColumnPositions: Set<Int> = []

        /// The table an `x.` qualifier stands for: `.some(schema)` for the schema's tables,
        /// `.some(nil)` for CTEs, derived tables and unknown tables, `nil` when nothing has that name.
        func qualifier(_ name: String, catalog: Catalog) -> TableSchema?? {
            let key = name.lowercased()
            if let reference = tables.first(where: { $0.alias?.lowercased() == key }) { return .some(reference.schema) }
            if let reference = tables.first(where: { $0.alias == nil && $0.written.lowercased() == key }) { return .some(reference.schema) }
            if cteNames.contains(key) || aliases.contains(key) { return .some(nil) }
            if let schema = catalog.table(name) { return .some(schema) }
            return nil
        }
    }

    private static func scope(of tokens: [SQLScanToken], catalog: Catalog) -> Scope {
        var scope = Scope()
        // Per parenthesis depth: whether a SELECT opened there (so `FROM` is a table list, not
        // `EXTRACT(YEAR FROM x)`), and whether a `FROM` list is open.
        var selectAtDepth: [Bool] = [false]
        var fromListAtDepth: [Bool] = [false]
        var position = 0

        func token(_ offset: Int) -> SQLScanToken? { tokens.indices.contains(offset) ? tokens[offset] : nil }

        while position < tokens.count {
            let current = tokens[position]
            // An alias without `AS`: `count(*) total` is handled at `)`; `name n`, `'x' label`, `END total` here.
            if isPlainName(current), let previous = token(position - 1),
                previous.kind == .number || previous.kind == .string || previous.keyword == "END" || isPlainName(previous)
            {
                scope.aliases.insert(current.text.lowercased())
                scope.nonColumnPositions.insert(position)
            }
            if current.isSymbol("(") {
                selectAtDepth.append(false)
                fromListAtDepth.append(false)
            } else if current.isSymbol(")") {
                if selectAtDepth.count > 1 {
                    selectAtDepth.removeLast()
                    fromListAtDepth.removeLast()
                }
                // A derived table or CTE column list alias: `(…) AS x` or `(…) x`.
                var next = position + 1
                if token(next)?.keyword == "AS" { next += 1 }
                if let alias = token(next), isPlainName(alias) {
                    scope.aliases.insert(alias.text.lowercased())
                    scope.nonColumnPositions.insert(next)
                }
            } else if let word = current.keyword {
                if word == "SELECT" { selectAtDepth[selectAtDepth.count - 1] = true }
                if fromListEnders.contains(word) { fromListAtDepth[fromListAtDepth.count - 1] = false }
                // CTE names: `WITH name AS (`, `, name (a, b) AS (`.
                if let next = token(position + 1), next.keyword == "AS" || next.isSymbol("("),
                    let previous = token(position - 1), previous.keyword == "WITH" || previous.keyword == "RECURSIVE" || previous.isSymbol(","),
                    selectAtDepth.count == 1, !fromListAtDepth[0], isCTEDefinition(tokens, at: position)
                {
                    scope.cteNames.insert(current.text.lowercased())
                    scope.nonColumnPositions.insert(position)
                    // The CTE's column list names its output columns.
                    var column = position + 2
                    while next.isSymbol("("), let name = token(column), !name.isSymbol(")") {
                        if name.isName {
                            scope.aliases.insert(name.text.lowercased())
                            scope.nonColumnPositions.insert(column)
                        }
                        column += 1
                    }
                }
                let isDistinctFrom =
                    word == "FROM" && token(position - 1)?.keyword == "DISTINCT" && ["IS", "NOT"].contains(token(position - 2)?.keyword ?? "")
                let introducesTable =
                    tableIntroducers.contains(word) && !isDistinctFrom
                    && (word != "FROM" || selectAtDepth.last == true || selectAtDepth.count == 1)
                if introducesTable {
                    if word == "FROM" { fromListAtDepth[fromListAtDepth.count - 1] = true }
                    position = readTable(tokens, after: position, catalog: catalog, into: &scope)
                    continue
                }
                // `AS name` defines an alias (or names a type in `CAST(x AS type)`).
                if word == "AS", let next = token(position + 1), next.isName, next.keyword != "SELECT", !(token(position + 2)?.isSymbol("(") ?? false)
                {
                    scope.aliases.insert(next.text.lowercased())
                    scope.nonColumnPositions.insert(position + 1)
                }
            } else if current.isSymbol(","), fromListAtDepth.last == true {
                position = readTable(tokens, after: position, catalog: catalog, into: &scope)
                continue
            }
            position += 1
        }
        return scope
    }

    /// A quoted identifier or a bare word that is not a keyword.
    private static func isPlainName(_ token: SQLScanToken) -> Bool {
        token.kind == .quotedIdentifier || (token.kind == .word && !keywords.contains(token.text.uppercased()))
    }

    /// Whether the name at `position` is followed by `AS (` or `(columns) AS (`.
    private static func isCTEDefinition(_ tokens: [SQLScanToken], at position: Int) -> Bool {
        var next = position + 1
        if tokens.indices.contains(next), tokens[next].isSymbol("(") {
            while tokens.indices.contains(next), !tokens[next].isSymbol(")") { next += 1 }
            next += 1
        }
        guard tokens.indices.contains(next + 1), tokens[next].keyword == "AS" else { return false }
        if tokens[next + 1].isSymbol("(") { return true }
        return ["MATERIALIZED", "NOT"].contains(tokens[next + 1].keyword ?? "")
    }

    /// Reads `name [AS alias]` after a `FROM`, `JOIN` or list comma; returns the next position.
    private static func readTable(_ tokens: [SQLScanToken], after position: Int, catalog: Catalog, into scope: inout Scope) -> Int {
        var index = position + 1
        guard tokens.indices.contains(index), tokens[index].isName, tokens[index].keyword != "SELECT" else { return index }
        if tokens[index].keyword == "LATERAL" || tokens[index].keyword == "ONLY" { index += 1 }
        guard tokens.indices.contains(index), tokens[index].isName else { return index }
        // A table-valued function: `FROM generate_series(…)`.
        if tokens.indices.contains(index + 1), tokens[index + 1].isSymbol("(") { return index + 1 }
        var written = tokens[index].text
        scope.nonColumnPositions.insert(index)
        while tokens.indices.contains(index + 2), tokens[index + 1].isSymbol("."), tokens[index + 2].isName {
            written += "." + tokens[index + 2].text
            index += 2
            scope.nonColumnPositions.insert(index)
        }
        index += 1
        var reference = TableReference(written: written, schema: catalog.table(written), alias: nil)
        if tokens.indices.contains(index), tokens[index].keyword == "AS" { index += 1 }
        if tokens.indices.contains(index), isPlainName(tokens[index]) {
            reference.alias = tokens[index].text
            scope.nonColumnPositions.insert(index)
            index += 1
        }
        scope.tables.append(reference)
        return index
    }

    // MARK: - Columns

    private static func unknownColumns(in tokens: [SQLScanToken], scope: Scope, catalog: Catalog) -> [String] {
        let readSchemas = scope.tables.compactMap(\.schema)
        let readsOnlySchemaTables = !scope.tables.isEmpty && scope.tables.allSatisfy { $0.schema != nil }
        let visibleColumns = Set(
            (readsOnlySchemaTables ? readSchemas : Array(catalog.tables.values)).flatMap { $0.columns.map { $0.name.lowercased() } }
        )
        var unknown: [String] = []
        func report(_ name: String) { if !unknown.contains(name) { unknown.append(name) } }

        var position = 0
        while position < tokens.count {
            defer { position += 1 }
            let token = tokens[position]
            guard token.isName, !scope.nonColumnPositions.contains(position) else { continue }
            let previous = position > 0 ? tokens[position - 1] : nil
            let next = position + 1 < tokens.count ? tokens[position + 1] : nil
            if previous?.isSymbol(".") == true || previous?.isSymbol("::") == true { continue }
            if next?.isSymbol("(") == true || next?.kind == .string { continue }  // a function, a typed literal
            if token.kind == .word, keywords.contains(token.text.uppercased()) { continue }

            // `qualifier.column` (or `schema.table.column`).
            if next?.isSymbol(".") == true, position + 2 < tokens.count {
                var columnPosition = position + 2
                var qualifier = token.text
                while columnPosition + 2 < tokens.count, tokens[columnPosition].isName, tokens[columnPosition + 1].isSymbol(".") {
                    qualifier += "." + tokens[columnPosition].text
                    columnPosition += 2
                }
                let column = tokens[columnPosition]
                position = columnPosition
                guard column.isName, let resolved = scope.qualifier(qualifier, catalog: catalog), let schema = resolved else { continue }
                if !schema.columns.contains(where: { $0.name.lowercased() == column.text.lowercased() }) { report("\(qualifier).\(column.text)") }
                continue
            }
            let key = token.text.lowercased()
            if visibleColumns.contains(key) || scope.aliases.contains(key) || scope.cteNames.contains(key) { continue }
            if catalog.table(token.text) != nil { continue }
            report(token.text)
        }
        return unknown
    }
}
