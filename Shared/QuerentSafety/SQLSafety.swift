import Foundation
import QuerentCore
import QuerentDialects

/// The safety gate for SQL written by a generator or a user, before it reaches a customer
/// database (`validateSQLSafety` and `optimizeSQL` of the design).
///
/// It lexes the text with the dialect's exact rules (``SQLLexer``), then checks the statement's
/// structure (``SQLStatementChecker``): exactly one statement, SELECT or WITH … SELECT only, no
/// writes, locks or SELECT INTO anywhere (data-modifying CTEs included), no denylisted functions
/// (``deniedFunctionReason(_:dialect:)``), no catalog tables, and no table outside the allowed
/// (trained) set, at any nesting level. Every refusal is a ``ServiceError`` `.unsafeQuery` whose
/// message names the cause.
///
/// The drivers add defence in depth at execution: Postgres runs one statement per call, in a
/// read-only transaction with a statement timeout, and refuses statements that return no rows
/// before running them; SQLite opens files read-only and compiles statements under an
/// authorizer and a check of the tables the compiled program opens.
public enum SQLSafety {
    /// The longest statement accepted, in UTF-8 bytes.
    public static let maxLength = 100_000

    /// Checks that `sql` is a single read-only query over `allowedTables` only.
    ///
    /// - Parameters:
    ///   - allowedTables: canonical table names (Postgres: `name` in `public`, `schema.name`
    ///     elsewhere, parts holding `.` or `"` quoted; SQLite: the stored name, matched ignoring
    ///     ASCII case; MySQL: the name as the server spells it, matched exactly, in the
    ///     connection's database).
    /// - Returns: the statement without trailing semicolons, comments and whitespace, the tables
    ///   it reads, warnings, and whether it lacks a top-level row limit, so that
    ///   ``ValidatedSQL/limited(_:)`` gives the row-limited form without lexing the text again.
    /// - Throws: ``ServiceError`` `.unsafeQuery` with the reason.
    public static func validate(_ sql: String, dialect: Dialect, allowedTables: Set<String>) throws -> ValidatedSQL {
        let length = sql.utf8.count
        guard length <= maxLength else {
            throw ServiceError(.unsafeQuery, "the statement is too long: \(length) bytes (at most \(maxLength))")
        }
        let scalars = Array(sql.unicodeScalars)
        let statement = try statementTokens(SQLLexer.tokenize(scalars, dialect: dialect))
        var checker = SQLStatementChecker(dialect: dialect, allowedTables: allowedTables)
        try checker.check(SQLGroup.build(statement), tokens: statement)
        let range = statement[0].range.lowerBound..<statement[statement.count - 1].range.upperBound
        return ValidatedSQL(
            sql: String(String.UnicodeScalarView(scalars[range])),
            tables: checker.tables,
            warnings: checker.warnings,
            isUnlimitedQuery: lacksTopLevelLimit(statement, dialect: dialect)
        )
    }

    /// Appends `LIMIT limit` to a SELECT that has no top-level `LIMIT` (or, on Postgres,
    /// `FETCH FIRST`); trailing semicolons and comments are dropped first so a `--` comment cannot
    /// swallow the clause. Anything that is not a single SELECT comes back unchanged.
    ///
    /// Pass one more than the row cap (`maxRows + 1`) so the driver can still tell that a result
    /// was truncated. A statement that passed ``validate(_:dialect:allowedTables:)`` needs no
    /// second lexing: ``ValidatedSQL/limited(_:)`` gives the same text.
    public static func optimize(_ sql: String, dialect: Dialect, limit: Int) -> String {
        guard limit >= 0, sql.utf8.count <= maxLength else { return sql }
        let scalars = Array(sql.unicodeScalars)
        guard let tokens = try? SQLLexer.tokenize(scalars, dialect: dialect), let statement = try? statementTokens(tokens),
            lacksTopLevelLimit(statement, dialect: dialect)
        else { return sql }
        let end = statement[statement.count - 1].range.upperBound
        return String(String.UnicodeScalarView(scalars[..<end])) + " LIMIT \(limit)"
    }

    /// Whether `statement` is a query (`SELECT`, `WITH …` or a parenthesized one) with no `LIMIT`
    /// (or, on Postgres, `FETCH`) outside brackets, so a `LIMIT` may be appended.
    private static func lacksTopLevelLimit(_ statement: [SQLToken], dialect: Dialect) -> Bool {
        guard statement[0].isKeyword("SELECT") || statement[0].isKeyword("WITH") || statement[0].isSymbol("(") else { return false }
        var depth = 0
        for (index, token) in statement.enumerated() {
            if token.isSymbol("(") || token.isSymbol("[") {
                depth += 1
            } else if token.isSymbol(")") || token.isSymbol("]") {
                depth -= 1
            } else if depth == 0, token.isKeyword("LIMIT") || (dialect.rules.safety.fetchFirst && token.isKeyword("FETCH")),
                index == 0 || !statement[index - 1].isKeyword("AS")
            {
                return false
            }
        }
        return true
    }

    /// Why the function `name` may not be called in `dialect`, or nil when it may (the same
    /// denylist ``validate(_:dialect:allowedTables:)`` applies; the SQLite driver's authorizer
    /// uses it too).
    public static func deniedFunctionReason(_ name: String, dialect: Dialect) -> String? {
        SQLFunctionPolicy.denial(name, dialect: dialect)
    }

    /// The tokens of the only statement in `tokens`: those before the first `;`, which may be
    /// followed only by more semicolons.
    private static func statementTokens(_ tokens: [SQLToken]) throws -> [SQLToken] {
        var statement = tokens
        if let semicolon = tokens.firstIndex(where: { $0.isSymbol(";") }) {
            if let extra = tokens[semicolon...].first(where: { !$0.isSymbol(";") }) {
                throw ServiceError(
                    .unsafeQuery,
                    "only one statement is allowed: more SQL follows ';' (at position \(extra.range.lowerBound + 1))"
                )
            }
            statement = Array(tokens[..<semicolon])
        }
        guard !statement.isEmpty else { throw ServiceError(.unsafeQuery, "the statement is empty") }
        return statement
    }
}
