import Foundation
import QuerentCore
import QuerentDialects
import QuerentSafety
import Testing

/// The properties of each dialect's ``DialectRules`` that the safety gate and the generators rely on.
@Suite struct DialectRulesTests {
    private static func refusal(_ sql: String, _ dialect: Dialect, allowed: Set<String> = ["customers"]) -> String? {
        do {
            _ = try SQLSafety.validate(sql, dialect: dialect, allowedTables: allowed)
            return nil
        } catch let error as ServiceError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    @Test(arguments: Dialect.allCases)
    func rulesAreConsistent(dialect: Dialect) {
        let rules = dialect.rules
        #expect(!rules.displayName.isEmpty)
        #expect(rules.lexer.identifierQuotes.contains(rules.quoting.style), "generated quotes must lex as identifiers")
        #expect(rules.lexer.parameterMarkers.isDisjoint(with: rules.lexer.operatorCharacters))
        #expect(rules.lexer.identifierQuotes.allSatisfy { !rules.lexer.operatorCharacters.contains($0.opener) })
        #expect(rules.lexer.backslashEscapePrefixes.isSubset(of: rules.lexer.stringPrefixes))
        #expect(rules.safety.clauseKeywords.isSuperset(of: DialectRules.SafetyRules.standardClauseKeywords))
        #expect(rules.generation.promptGuidance.hasPrefix("- \(rules.displayName):"))
    }

    @Test func postgresFoldsAndTruncatesNamesAt63Bytes() {
        let names = Dialect.postgres.rules.names
        #expect(names.comparison == .foldUnquoted)
        #expect(names.maxIdentifierBytes == 63)
        #expect(names.defaultSchema == "public")
        let table = String(repeating: "t", count: 63)
        let validated = try? SQLSafety.validate("SELECT * FROM \(table.uppercased())XYZ", dialect: .postgres, allowedTables: [table])
        #expect(validated?.tables == [table])
        #expect(Self.refusal("SELECT * FROM \"Customers\"", .postgres)?.contains("not one of the trained tables") == true)
    }

    @Test func sqliteComparesNamesIgnoringCaseInMainOnly() {
        let names = Dialect.sqlite.rules.names
        #expect(names.comparison == .asciiCaseInsensitive)
        #expect(names.maxIdentifierBytes == nil)
        #expect(names.defaultSchema == "main")
        #expect(!names.qualifiesCanonicalNames)
        #expect(Self.refusal("SELECT * FROM main.\"CUSTOMERS\"", .sqlite) == nil)
        #expect(Self.refusal("SELECT * FROM temp.customers", .sqlite)?.contains("temporary schema") == true)
    }

    @Test func onlySQLiteAcceptsBracketAndBacktickIdentifiers() {
        let quotes = Dialect.sqlite.rules.lexer.identifierQuotes
        #expect(quotes.contains(DialectRules.QuoteStyle(opener: "[", closer: "]", doubling: false)))
        #expect(quotes.contains(DialectRules.QuoteStyle(opener: "`", closer: "`", doubling: true)))
        #expect(Self.refusal("SELECT [id], `name` FROM [customers]", .sqlite) == nil)
        #expect(Self.refusal("SELECT id FROM [customers]", .postgres) != nil)
    }

    @Test func lexerRefusesParameterMarkers() {
        for marker in Dialect.sqlite.rules.lexer.parameterMarkers {
            #expect(Self.refusal("SELECT \(marker)a FROM customers", .sqlite)?.contains("query parameters") == true, "\(marker)")
        }
        #expect(Dialect.postgres.rules.lexer.dollarQuotedStrings)
        #expect(Self.refusal("SELECT $1 FROM customers", .postgres)?.contains("query parameters") == true)
    }

    @Test func postgresLexerRules() {
        let lexer = Dialect.postgres.rules.lexer
        #expect(lexer.nestedBlockComments && lexer.carriageReturnEndsLineComment && lexer.arrayBrackets && lexer.doubleColonCasts)
        #expect(lexer.backslashEscapePrefixes == ["E"])
        // A bare CR ends the comment, so the second statement is seen.
        #expect(Self.refusal("SELECT 1 --\r; DROP TABLE customers", .postgres)?.contains("only one statement") == true)
        #expect(Self.refusal("SELECT 1 --\r; DROP TABLE customers", .sqlite) == nil)
    }

    @Test func functionListsPerDialect() {
        let postgres = Dialect.postgres.rules.safety
        #expect(postgres.functionDenial("PG_SLEEP") == .sleeps)
        #expect(postgres.functionDenial("pg_typeof") == nil)
        #expect(postgres.functionDenial("has_table_privilege") == .catalog)
        #expect(postgres.isTableFunction("generate_series"))
        #expect(postgres.qualifiedCallSchemas == ["pg_catalog"])
        let sqlite = Dialect.sqlite.rules.safety
        #expect(sqlite.functionDenial("load_extension") == .extensions)
        #expect(sqlite.functionDenial("pg_sleep") == nil)
        #expect(sqlite.tableFunctions.isEmpty)
        #expect(sqlite.catalogTypes.isEmpty)
    }

    @Test func generationRules() {
        let postgres = Dialect.postgres.rules
        #expect(postgres.quoting.isPlain("order_date") && !postgres.quoting.isPlain("OrderDate"))
        #expect(Dialect.sqlite.rules.quoting.isPlain("OrderDate"))
        #expect(postgres.quoting.quoted("we\"ird") == "\"we\"\"ird\"")
        #expect(postgres.generation.caseInsensitiveLike == "ILIKE")
        #expect(Dialect.sqlite.rules.generation.caseInsensitiveLike == "LIKE")
        let year = postgres.generation.periodBounds(.year(2023))
        #expect(year.start == "DATE '2023-01-01'" && year.end == "DATE '2024-01-01'")
        let december = Dialect.sqlite.rules.generation.periodBounds(.month(year: 2023, month: 12))
        #expect(december.start == "'2023-12-01'" && december.end == "'2024-01-01'")
        #expect(postgres.plannerRowEstimate && !Dialect.sqlite.rules.plannerRowEstimate)
    }
}
