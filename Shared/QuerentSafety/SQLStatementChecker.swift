import Foundation
import QuerentCore
import QuerentDialects

/// The parser-level half of the safety gate: checks one statement's tokens and parenthesis
/// tree, and collects the tables it reads.
///
/// Rather than a full grammar of both dialects, it follows the structure that decides safety:
/// what kind of statement it is, every `WITH` list (with the scoping rules of common table
/// expressions), every `FROM`/`JOIN`/comma-join item at every nesting level (tables, derived
/// tables, parenthesized joins, table functions), and every function call. Where the dialects'
/// grammars leave a reading open, it takes the reading that refuses more. What differs between
/// dialects comes from their ``DialectRules/SafetyRules``.
struct SQLStatementChecker {
    private let dialect: Dialect
    private let rules: DialectRules.SafetyRules
    private let resolver: SQLTableResolver
    /// The dialect's refused keyword phrases, split into words, longest first.
    private let refusedPhrases: [(words: [String], reason: String)]
    /// Canonical names of the tables read, in order of first appearance.
    private(set) var tables: [String] = []
    private(set) var warnings: [String] = []

    init(dialect: Dialect, allowedTables: Set<String>) {
        self.dialect = dialect
        rules = dialect.rules.safety
        resolver = SQLTableResolver(dialect: dialect, allowedTables: allowedTables)
        refusedPhrases = rules.refusedKeywords.map { (words: $0.key.split(separator: " ").map(String.init), reason: $0.value) }
            .sorted { ($0.words.count, $0.words.joined(separator: " ")) > ($1.words.count, $1.words.joined(separator: " ")) }
    }

    /// How a group's `FROM` keywords are read.
    private enum Mode {
        /// A query, subquery or expression: `FROM` starts a from-list.
        case query
        /// A derived table's parenthesized join: the group starts with a from-item.
        case fromItems
        /// The arguments of `EXTRACT`, `SUBSTRING`, `TRIM`, `OVERLAY`: `FROM` is an argument separator.
        case expression
    }

    /// Checks `statement`: the tree of one statement's tokens, `tokens` the same tokens flat.
    mutating func check(_ statement: SQLGroup, tokens: [SQLToken]) throws {
        try checkStatementStart(statement.elements)
        try checkTokens(tokens)
        try scan(statement.elements, scope: [], mode: .query)
    }

    // MARK: - Statement kind

    private func checkStatementStart(_ elements: [SQLElement]) throws {
        guard let token = Self.leadingToken(elements) else { throw ServiceError(.unsafeQuery, "the statement is empty") }
        if token.isKeyword("SELECT") || token.isKeyword("WITH") { return }
        if token.kind == .word {
            throw ServiceError(.unsafeQuery, "only SELECT (or WITH … SELECT) statements are allowed, not \(token.keyword)")
        }
        throw ServiceError(.unsafeQuery, "the statement must start with SELECT or WITH")
    }

    /// The first token of `elements`, looking into leading parentheses.
    private static func leadingToken(_ elements: [SQLElement]) -> SQLToken? {
        var current = elements
        while let first = current.first {
            switch first {
            case .token(let token): return token
            case .group(let group): current = group.elements
            }
        }
        return nil
    }

    /// Requires the query that starts `elements` (a WITH body, or what follows a WITH list) to be
    /// a SELECT (or, for a WITH body, VALUES).
    private func requireQuery(_ elements: [SQLElement], withBody: Bool) throws {
        guard let token = Self.leadingToken(elements) else { throw ServiceError(.unsafeQuery, "malformed WITH clause: empty query") }
        if token.isKeyword("SELECT") || token.isKeyword("WITH") || (withBody && token.isKeyword("VALUES")) { return }
        let what = token.kind == .word ? token.keyword : token.value
        if withBody {
            throw ServiceError(.unsafeQuery, "a query inside WITH must be a SELECT, not \(what)")
        }
        throw ServiceError(.unsafeQuery, "WITH must be followed by SELECT, not \(what)")
    }

    // MARK: - Token-level rules

    /// Keywords refused wherever they appear unquoted: they only occur in statements that write,
    /// change the schema or session, or create tables.
    private static let writeKeywords: Set<String> = [
        "INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "TRUNCATE", "DROP", "CREATE", "ALTER", "GRANT", "REVOKE",
        "RETURNING", "REINDEX", "VACUUM", "ATTACH", "DETACH", "PRAGMA",
    ]

    private func checkTokens(_ tokens: [SQLToken]) throws {
        for (index, token) in tokens.enumerated() {
            if token.kind == .word {
                let keyword = token.keyword
                for phrase in refusedPhrases where phrase.words[0] == keyword && index + phrase.words.count <= tokens.count {
                    if zip(phrase.words, tokens[index...]).allSatisfy({ $1.isKeyword($0) }) {
                        throw ServiceError(.unsafeQuery, phrase.reason)
                    }
                }
                if Self.writeKeywords.contains(keyword) {
                    let previous = index > 0 ? tokens[index - 1] : nil
                    let beforePrevious = index > 1 ? tokens[index - 2] : nil
                    if previous?.isSymbol("(") == true, beforePrevious?.isKeyword("AS") == true || beforePrevious?.isKeyword("MATERIALIZED") == true {
                        throw ServiceError(
                            .unsafeQuery,
                            "data-modifying \(keyword) inside WITH is not allowed: only read-only SELECT statements may run"
                        )
                    }
                    throw ServiceError(.unsafeQuery, "\(keyword) is not allowed: only read-only SELECT statements may run")
                }
                switch keyword {
                case "INTO":
                    throw ServiceError(.unsafeQuery, "SELECT … INTO is not allowed: it creates a table")
                case "TABLE":
                    throw ServiceError(.unsafeQuery, "TABLE (shorthand for SELECT * FROM) is not allowed: write a SELECT")
                case "FOR":
                    if index + 1 < tokens.count, ["UPDATE", "SHARE", "NO", "KEY"].contains(tokens[index + 1].keyword) {
                        let clause =
                            tokens[index + 1].keyword == "NO"
                            ? "FOR NO KEY UPDATE" : tokens[index + 1].keyword == "KEY" ? "FOR KEY SHARE" : "FOR \(tokens[index + 1].keyword)"
                        throw ServiceError(.unsafeQuery, "the row-locking clause \(clause) is not allowed: it takes locks")
                    }
                default:
                    break
                }
            }
            // Object-identifier types (Postgres): casting a name to them looks it up in the catalog.
            if token.isName, rules.catalogTypes.contains(SQLToken.asciiLowercased(token.value)) {
                throw ServiceError(.unsafeQuery, "the type \(token.value) is not allowed: it looks names up in the system catalog")
            }
        }
    }

    // MARK: - Structure

    /// Scans one group. `scope` holds the common table expressions visible here (normalized names).
    private mutating func scan(_ elements: [SQLElement], scope: Set<String>, mode: Mode) throws {
        var scope = scope
        var index = 0
        if mode != .expression, elements.first?.isKeyword("WITH") == true {
            index = try scanWith(elements, scope: &scope)
            try requireQuery(Array(elements[index...]), withBody: false)
        }
        var fromList = mode == .fromItems
        var expectTable = mode == .fromItems
        while index < elements.count {
            let element = elements[index]
            if expectTable {
                index = try scanTableItem(elements, at: index, scope: scope)
                expectTable = false
                continue
            }
            let token: SQLToken
            switch element {
            case .group(let group):
                try scan(group.elements, scope: scope, mode: .query)
                index += 1
                continue
            case .token(let element):
                token = element
            }
            if token.isSymbol(",") {
                expectTable = fromList
                index += 1
                continue
            }
            guard token.isName else {
                index += 1
                continue
            }
            if token.isKeyword("AS") {
                // What follows AS is an alias or a type name, even when it is a keyword (`AS from`).
                index += 1
                if index < elements.count, elements[index].token?.isName == true { index += 1 }
                continue
            }
            if token.kind == .word {
                switch token.keyword {
                case "FROM":
                    if mode != .expression, !isDistinctFrom(elements, at: index) {
                        fromList = true
                        expectTable = true
                    }
                    index += 1
                    continue
                case let keyword where keyword == "JOIN" || rules.joinKeywords.contains(keyword):
                    fromList = true
                    expectTable = true
                    index += 1
                    continue
                default:
                    if endsFromList(elements, at: index) { fromList = false }
                }
            }
            let (parts, next) = Self.nameChain(elements, at: index)
            if next < elements.count, let arguments = elements[next].group, arguments.opener == "(" {
                try checkCall(parts, arguments: arguments)
                let isExpressionCall = parts.count == 1 && ["EXTRACT", "SUBSTRING", "TRIM", "OVERLAY"].contains(token.keyword)
                try scan(arguments.elements, scope: scope, mode: isExpressionCall ? .expression : .query)
                index = next + 1
            } else {
                index = next
            }
        }
        if expectTable { throw ServiceError(.unsafeQuery, "a table name is missing after FROM, JOIN or ','") }
    }

    /// `IS [NOT] DISTINCT FROM`: this FROM is part of an operator.
    private func isDistinctFrom(_ elements: [SQLElement], at index: Int) -> Bool {
        guard index >= 2, elements[index - 1].isKeyword("DISTINCT") else { return false }
        if elements[index - 2].isKeyword("IS") { return true }
        return index >= 3 && elements[index - 2].isKeyword("NOT") && elements[index - 3].isKeyword("IS")
    }

    /// Whether the keyword at `index` ends a from-list. Only keywords that can never be a table
    /// alias in the dialect count (SQLite takes `OFFSET`, `FOR` and usually `WINDOW` as aliases),
    /// so a comma after an alias-like word still starts a new from-item.
    private func endsFromList(_ elements: [SQLElement], at index: Int) -> Bool {
        guard let keyword = elements[index].token?.keyword else { return false }
        if keyword == "WINDOW" {
            switch rules.window {
            case .clause:
                return true
            case .clauseBeforeNameAs:
                return index + 2 < elements.count && elements[index + 1].token?.isName == true && elements[index + 2].isKeyword("AS")
            }
        }
        return rules.clauseKeywords.contains(keyword)
    }

    /// A dotted name starting at `index`: its parts and the index after it.
    private static func nameChain(_ elements: [SQLElement], at index: Int) -> (parts: [SQLToken], next: Int) {
        guard let first = elements[index].token else { return ([], index + 1) }
        var parts = [first]
        var next = index + 1
        while next + 1 < elements.count, elements[next].token?.isSymbol(".") == true, let part = elements[next + 1].token, part.isName {
            parts.append(part)
            next += 2
        }
        return (parts, next)
    }

    // MARK: - WITH

    /// Scans `WITH [RECURSIVE] name [(columns)] AS [[NOT] MATERIALIZED] (query), …` at the start
    /// of `elements`, adds the names to `scope`, and returns the index of the main query.
    ///
    /// Visibility is the strictest the two dialects agree on: a body sees the CTEs listed before
    /// it, and with RECURSIVE every CTE of the list. A reference the database might resolve to a
    /// real table is checked as a table.
    private mutating func scanWith(_ elements: [SQLElement], scope: inout Set<String>) throws -> Int {
        var index = 1
        let recursive = index < elements.count && elements[index].isKeyword("RECURSIVE")
        if recursive { index += 1 }
        var names: [String] = []
        var bodies: [SQLGroup] = []
        let malformed = ServiceError(.unsafeQuery, "malformed WITH clause: expected name AS (query)")
        while true {
            guard index < elements.count, let name = elements[index].token, name.isName else { throw malformed }
            names.append(resolver.normalized(name))
            index += 1
            if index < elements.count, elements[index].group?.opener == "(" { index += 1 }
            guard index < elements.count, elements[index].isKeyword("AS") else { throw malformed }
            index += 1
            if index < elements.count, elements[index].isKeyword("NOT") { index += 1 }
            if index < elements.count, elements[index].isKeyword("MATERIALIZED") { index += 1 }
            guard index < elements.count, let body = elements[index].group, body.opener == "(" else { throw malformed }
            bodies.append(body)
            index += 1
            if index < elements.count, elements[index].isKeyword("SEARCH") || elements[index].isKeyword("CYCLE") {
                throw ServiceError(.unsafeQuery, "SEARCH and CYCLE clauses of WITH queries are not supported")
            }
            guard index < elements.count, elements[index].isSymbol(",") else { break }
            index += 1
        }
        for (position, body) in bodies.enumerated() {
            try requireQuery(body.elements, withBody: true)
            let visible = recursive ? names : Array(names[..<position])
            try scan(body.elements, scope: scope.union(visible), mode: .query)
        }
        scope.formUnion(names)
        guard index < elements.count else { throw ServiceError(.unsafeQuery, "WITH must be followed by SELECT") }
        return index
    }

    // MARK: - From-items

    /// Scans one from-item starting at `index` (a table, CTE, derived table, parenthesized join or
    /// table function) and returns the index after it.
    private mutating func scanTableItem(_ elements: [SQLElement], at start: Int, scope: Set<String>) throws -> Int {
        var index = start
        while index < elements.count, elements[index].isKeyword("LATERAL") || elements[index].isKeyword("ONLY") { index += 1 }
        guard index < elements.count else { throw ServiceError(.unsafeQuery, "a table name is missing after FROM, JOIN or ','") }
        if let group = elements[index].group {
            guard group.opener == "(" else { throw ServiceError(.unsafeQuery, "a table name is missing after FROM, JOIN or ','") }
            let first = group.elements.first
            let isQuery = first?.isKeyword("SELECT") == true || first?.isKeyword("WITH") == true || first?.isKeyword("VALUES") == true
            try scan(group.elements, scope: scope, mode: isQuery ? .query : .fromItems)
            return index + 1
        }
        guard let token = elements[index].token, token.isName else {
            throw ServiceError(.unsafeQuery, "a table name is missing after FROM, JOIN or ','")
        }
        if token.isKeyword("ROWS"), index + 1 < elements.count, elements[index + 1].isKeyword("FROM") {
            throw ServiceError(.unsafeQuery, "ROWS FROM (…) is not supported")
        }
        let (parts, next) = Self.nameChain(elements, at: index)
        let isCall = next < elements.count && elements[next].group?.opener == "("
        if parts.count == 1, token.kind == .word, rules.dummyTables.contains(token.keyword), !isCall {
            return next
        }
        if next < elements.count, let arguments = elements[next].group, arguments.opener == "(" {
            let name = parts[parts.count - 1].value
            try checkCall(parts, arguments: arguments)
            guard SQLFunctionPolicy.isAllowedAsTable(name, dialect: dialect) else {
                throw ServiceError(
                    .unsafeQuery,
                    "the function \(name) cannot be used as a table: \(rules.tableFunctionsSummary) (\(dialect.rawValue))"
                )
            }
            try scan(arguments.elements, scope: scope, mode: .query)
            return next + 1
        }
        if parts.count == 1, scope.contains(resolver.normalized(parts[0])) { return next }
        let table = try resolver.resolve(parts)
        if !tables.contains(table) { tables.append(table) }
        return next
    }

    // MARK: - Calls

    /// Checks a call of `parts` (a possibly qualified function name).
    private mutating func checkCall(_ parts: [SQLToken], arguments: SQLGroup) throws {
        let name = parts[parts.count - 1].value
        let written = parts.map(\.value).joined(separator: ".")
        if parts.count > 1 {
            let qualifiedByCatalog = parts.count == 2 && rules.qualifiedCallSchemas.contains(resolver.normalized(parts[0]))
            guard qualifiedByCatalog else {
                throw ServiceError(.unsafeQuery, "schema-qualified function calls (\(written)) are not allowed")
            }
        }
        if let reason = SQLFunctionPolicy.denial(name, dialect: dialect) {
            throw ServiceError(.unsafeQuery, "the function \(name) is not allowed: \(reason)")
        }
        let lower = SQLToken.asciiLowercased(name)
        if SQLFunctionPolicy.heavyFunctions.contains(lower),
            arguments.elements.contains(where: {
                ($0.token?.kind == .number) && (Double($0.token?.value ?? "") ?? 0) >= SQLFunctionPolicy.heavyArgument
            })
        {
            let warning = "\(lower)(…) with a large argument may run long or use much memory"
            if !warnings.contains(warning) { warnings.append(warning) }
        }
    }
}
