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
        let refused = Set(rules.lexer.refusedCharacters.keys)
        #expect(refused.isDisjoint(with: rules.lexer.operatorCharacters) && refused.isDisjoint(with: rules.lexer.parameterMarkers))
        #expect(refused.isDisjoint(with: rules.lexer.identifierQuotes.map(\.opener)))
        #expect(rules.lexer.refusedBlockComments.keys.allSatisfy { !$0.isEmpty && !$0.hasPrefix("*") })
        #expect(rules.safety.clauseKeywords.isSuperset(of: DialectRules.SafetyRules.reservedClauseKeywords))
        #expect(rules.safety.clauseKeywords.isDisjoint(with: rules.safety.joinKeywords))
        for keyword in rules.safety.refusedKeywords.keys.map({ $0 }) + Array(rules.safety.joinKeywords) + Array(rules.safety.dummyTables) {
            #expect(keyword == keyword.uppercased() && !keyword.contains("  ") && keyword == keyword.trimmingCharacters(in: .whitespaces))
        }
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

    @Test func mysqlComparesNamesExactlyInTheConnectionsDatabaseOnly() throws {
        let names = Dialect.mysql.rules.names
        #expect(names.comparison == .exact)
        #expect(names.schemaScope == .unqualifiedOnly)
        #expect(!names.qualifiesCanonicalNames)
        let allowed: Set<String> = ["orders", "SalesReps"]
        for sql in [
            "SELECT * FROM orders", "SELECT * FROM `orders`", "SELECT * FROM \"orders\"", "SELECT * FROM SalesReps", "SELECT * FROM `SalesReps`",
        ] {
            #expect(Self.refusal(sql, .mysql, allowed: allowed) == nil, "\(sql)")
        }
        #expect(try SQLSafety.validate("SELECT * FROM `SalesReps`", dialect: .mysql, allowedTables: allowed).tables == ["SalesReps"])
        // `.foldUnquoted` would read ORDERS as orders; the server reads another table.
        #expect(Self.refusal("SELECT * FROM ORDERS", .mysql, allowed: allowed)?.contains("the trained table is 'orders'") == true)
        #expect(Self.refusal("SELECT * FROM salesreps", .mysql, allowed: allowed)?.contains("the trained table is 'SalesReps'") == true)
        #expect(Self.refusal("SELECT * FROM secrets", .mysql, allowed: allowed)?.contains("not one of the trained tables") == true)
        #expect(Self.refusal("SELECT * FROM shop.orders", .mysql, allowed: allowed)?.contains("another database") == true)
        #expect(Self.refusal("SELECT * FROM Information_Schema.Tables", .mysql, allowed: allowed)?.contains("system catalog") == true)
        #expect(Self.refusal("SELECT * FROM mysql.user", .mysql, allowed: allowed)?.contains("system catalog") == true)
        #expect(Self.refusal("SELECT * FROM a.b.orders", .mysql, allowed: allowed)?.contains("connection's database") == true)
        // The other dialects keep their comparisons.
        #expect(Self.refusal("SELECT * FROM ORDERS", .postgres, allowed: allowed) == nil)
        #expect(Self.refusal("SELECT * FROM salesreps", .sqlite, allowed: allowed) == nil)
    }

    @Test func mysqlLexerRules() throws {
        let lexer = Dialect.mysql.rules.lexer
        #expect(lexer.lineCommentNeedsSpace && !lexer.carriageReturnEndsLineComment && !lexer.nestedBlockComments)
        #expect(lexer.identifierQuotes.map(\.opener) == ["`", "\""])
        #expect(lexer.backslashEscapePrefixes.isEmpty && !lexer.dollarQuotedStrings && !lexer.doubleColonCasts)
        #expect(lexer.hexadecimalNumbers && !lexer.upperCaseHexadecimalPrefix)
        // `--` before anything but a space or a control character is two minus signs to MySQL.
        #expect(Self.refusal("SELECT 1 --1", .mysql)?.contains("two minus signs") == true)
        #expect(Self.refusal("SELECT 1 - -1", .mysql) == nil)
        #expect(Self.refusal("SELECT 1 -- 1", .mysql) == nil)
        #expect(Self.refusal("SELECT 1 --\t1", .mysql) == nil)
        #expect(Self.refusal("SELECT 1 --1", .postgres) == nil && Self.refusal("SELECT 1 --1", .sqlite) == nil)
        // A bare carriage return does not end the comment.
        #expect(try SQLSafety.validate("SELECT 1 --\r; DROP TABLE customers", dialect: .mysql, allowedTables: []).sql == "SELECT 1")
        // Executable comments and optimizer hints are refused; plain comments are comments.
        for (marker, message) in [
            ("!", "executable comments"), ("!50000", "executable comments"), ("M!", "executable comments"), ("m!", "executable comments"),
            ("+", "optimizer hints"),
        ] {
            #expect(Self.refusal("SELECT 1 /*\(marker) , 2 */", .mysql)?.contains(message) == true, "\(marker)")
            #expect(Self.refusal("SELECT 1 /*\(marker) , 2 */", .postgres) == nil, "\(marker)")
        }
        #expect(Self.refusal("SELECT 1 /* ! */ /**/ /* M! */", .mysql) == nil)
        #expect(Self.refusal("SELECT 1 /* /* */ ; DROP TABLE customers */", .mysql)?.contains("only one statement") == true, "no nesting")
        // `#`, `@`, `:` and `?` are refused outside strings and quoted identifiers, with why.
        for (sql, message) in [
            ("SELECT 1 # c", "# comments are not allowed"), ("SELECT @@version", "variables"), ("SELECT @v", "variables"),
            ("SELECT id := 1 FROM customers", "assignments (:=)"), ("SELECT ? FROM customers", "query parameters"),
        ] {
            #expect(Self.refusal(sql, .mysql)?.contains(message) == true, "\(sql)")
        }
        #expect(Self.refusal("SELECT '#', '@x', ':=', '?', `#@:?` FROM customers", .mysql) == nil)
        #expect(Self.refusal("SELECT 1 -- # @ :=\n", .mysql) == nil)
        // Strings are standard: a backslash is an ordinary character.
        #expect(Self.refusal("SELECT 'a\\' AS x FROM customers", .mysql) == nil)
        #expect(Self.refusal("SELECT 'a\\'; DROP TABLE customers; -- '", .mysql)?.contains("only one statement") == true)
        // Literals: introducers, N'', X'', B'', 0x… (not 0X…).
        #expect(Self.refusal("SELECT _utf8mb4'x', _binary 'y', N'z', n'z', X'41', x'41', B'01', b'01', 0x41, 1.5e3", .mysql) == nil)
        #expect(Self.refusal("SELECT 0X41", .mysql)?.contains("malformed number") == true)
        #expect(Self.refusal("SELECT 0X41", .sqlite) == nil)
    }

    @Test func mysqlSafetyRules() {
        let safety = Dialect.mysql.rules.safety
        #expect(safety.functionDenial("SLEEP") == .sleeps && safety.functionDenial("benchmark") == .sleeps)
        #expect(safety.functionDenial("load_file") == .files && safety.functionDenial("get_lock") == .locks)
        #expect(safety.functionDenial("audit_log_filter_set_filter") == .settings)
        for allowed in ["date_format", "concat", "group_concat", "lower", "json_object", "last_value", "row_number", "format"] {
            #expect(safety.functionDenial(allowed) == nil, "\(allowed)")
        }
        #expect(safety.tableFunctions.isEmpty && safety.qualifiedCallSchemas.isEmpty)
        #expect(safety.catalogSchemas == ["information_schema", "mysql", "performance_schema", "sys"])
        // Words that may be aliases in some MySQL or MariaDB version do not end a from-list.
        #expect(safety.clauseKeywords.isDisjoint(with: ["OFFSET", "EXCEPT", "INTERSECT"]))
        #expect(Self.refusal("SELECT * FROM customers offset, secrets", .mysql)?.contains("secrets") == true)
        // STRAIGHT_JOIN joins a table; DUAL is no table (but `dual` quoted is one).
        #expect(safety.joinKeywords == ["STRAIGHT_JOIN"] && safety.dummyTables == ["DUAL"])
        #expect(Self.refusal("SELECT * FROM customers STRAIGHT_JOIN secrets", .mysql)?.contains("secrets") == true)
        #expect(Self.refusal("SELECT * FROM customers STRAIGHT_JOIN secrets", .postgres) == nil, "an alias on Postgres")
        #expect(Self.refusal("SELECT 1 FROM DUAL", .mysql) == nil && Self.refusal("SELECT 1 FROM dual", .mysql) == nil)
        #expect(Self.refusal("SELECT 1 FROM `dual`", .mysql) != nil && Self.refusal("SELECT 1 FROM dual", .postgres) != nil)
        for (sql, message) in [
            ("SELECT * FROM customers INTO OUTFILE '/tmp/x'", "writes files"), ("SELECT * FROM customers LOCK IN SHARE MODE", "LOCK IN SHARE MODE"),
            ("SELECT * FROM customers PROCEDURE ANALYSE()", "PROCEDURE"), ("SELECT NEXT VALUE FOR s", "advances a sequence"),
            ("SELECT PREVIOUS VALUE FOR s", "sequence"),
        ] {
            #expect(Self.refusal(sql, .mysql)?.contains(message) == true, "\(sql)")
        }
        // Only the phrase is refused: `next` and `value` alone are names.
        #expect(Self.refusal("SELECT next, value FROM customers", .mysql) == nil)
        #expect(Self.refusal("SELECT * FROM customers INTO OUTFILE '/tmp/x'", .postgres)?.contains("creates a table") == true)
    }

    @Test func mysqlGenerationRules() {
        let rules = Dialect.mysql.rules
        #expect(rules.quoting.quoted("we`ird") == "`we``ird`")
        #expect(rules.quoting.identifier("SalesReps") == "`SalesReps`" && rules.quoting.identifier("orders") == "orders")
        #expect(rules.generation.caseInsensitiveLike == "LIKE" && !rules.plannerRowEstimate)
        // What the generators write passes the gate.
        let bounds = rules.generation.periodBounds(.lastMonth)
        let bucket = rules.generation.timeBucket(.quarter, "ordered_at")
        let sql = "SELECT \(bucket) AS q, COUNT(*) FROM orders WHERE ordered_at >= \(bounds.start) AND ordered_at < \(bounds.end) GROUP BY 1"
        #expect(Self.refusal(sql, .mysql, allowed: ["orders"]) == nil, "\(sql)")
    }

    @Test(arguments: [Dialect.sqlite, .postgres, .mysql])
    func daysBetweenTwoDatesPassesTheGate(_ dialect: Dialect) {
        let rules = dialect.rules
        let gap = rules.generation.daysBetween(rules.quoting.identifier("ordered_at"), rules.quoting.identifier("shipped_at"))
        let sql = "SELECT count(*) FROM orders WHERE \(gap) > 10"
        #expect(Self.refusal(sql, dialect, allowed: ["orders"]) == nil, "\(sql)")
        #expect(gap.contains("ordered_at") && gap.contains("shipped_at"))
    }
}
