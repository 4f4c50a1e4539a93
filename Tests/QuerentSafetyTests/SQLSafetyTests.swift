import Foundation
import QuerentCore
import QuerentSafety
import Testing

/// The parser-level gate on its own: the hostile corpus is refused with the right reason, the
/// legitimate corpus passes with the right tables.
@Suite struct SQLSafetyTests {
    static let hostileCases: [(HostileStatement, Dialect)] = HostileStatement.corpus.flatMap { statement in
        statement.dialects.sorted { $0.rawValue < $1.rawValue }.map { (statement, $0) }
    }

    static let legitimateCases: [(LegitimateStatement, Dialect)] = LegitimateStatement.corpus.flatMap { statement in
        statement.dialects.sorted { $0.rawValue < $1.rawValue }.map { (statement, $0) }
    }

    @Test func corporaAreLargeEnough() {
        #expect(HostileStatement.corpus.count >= 100)
        #expect(LegitimateStatement.corpus.count >= 40)
        // MySQL has its own corpus (MySQLCorpus, MySQLGuardTests).
        for dialect in [Dialect.postgres, .sqlite] {
            #expect(HostileStatement.corpus(for: dialect).count >= 100)
            #expect(LegitimateStatement.corpus(for: dialect).count >= 40)
        }
    }

    @Test(arguments: hostileCases)
    func hostileStatementIsRefusedWithItsReason(statement: HostileStatement, dialect: Dialect) {
        do {
            let validated = try SQLSafety.validate(statement.sql, dialect: dialect, allowedTables: SafetyFixture.trained(dialect))
            Issue.record("accepted on \(dialect): \(validated.sql.prefix(200))")
        } catch let error as ServiceError {
            #expect(error.code == .unsafeQuery)
            #expect(
                error.message.lowercased().contains(statement.reason.lowercased()),
                "\(dialect): expected the reason to mention '\(statement.reason)', got: \(error.message)"
            )
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test(arguments: legitimateCases)
    func legitimateStatementPasses(statement: LegitimateStatement, dialect: Dialect) throws {
        let validated = try SQLSafety.validate(statement.sql, dialect: dialect, allowedTables: SafetyFixture.trained(dialect))
        #expect(validated.tables == statement.tables)
        #expect(!validated.sql.hasSuffix(";"))
        #expect(validated.sql == validated.sql.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test func trailingSemicolonsCommentsAndWhitespaceAreRemoved() throws {
        let validated = try SQLSafety.validate(
            "  -- leading note\n SELECT * FROM customers /* inner */ WHERE id = 1 ; ; -- done\n\t",
            dialect: .postgres,
            allowedTables: ["customers"]
        )
        #expect(validated.sql == "SELECT * FROM customers /* inner */ WHERE id = 1")
        #expect(validated.tables == ["customers"])
    }

    @Test func tablesAreReportedOnceInOrder() throws {
        let validated = try SQLSafety.validate(
            "SELECT * FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.id IN (SELECT order_id FROM order_lines) AND c.id IN (SELECT customer_id FROM orders)",
            dialect: .sqlite,
            allowedTables: SafetyFixture.trained(.sqlite)
        )
        #expect(validated.tables == ["orders", "customers", "order_lines"])
    }

    @Test func canonicalPostgresNames() throws {
        let allowed: Set<String> = ["customers", "MixedCase", "sales.orders", "\"odd.name\"", "\"we\"\"ird\""]
        let cases: [(String, String)] = [
            ("SELECT * FROM Customers", "customers"),
            ("SELECT * FROM public.customers", "customers"),
            ("SELECT * FROM \"public\".\"customers\"", "customers"),
            ("SELECT * FROM \"MixedCase\"", "MixedCase"),
            ("SELECT * FROM SALES.Orders", "sales.orders"),
            ("SELECT * FROM \"odd.name\"", "\"odd.name\""),
            ("SELECT * FROM \"we\"\"ird\"", "\"we\"\"ird\""),
        ]
        for (sql, table) in cases {
            #expect(try SQLSafety.validate(sql, dialect: .postgres, allowedTables: allowed).tables == [table], "\(sql)")
        }
        // Unquoted names fold to lower case: MixedCase without quotes is another table.
        #expect(throws: ServiceError.self) { try SQLSafety.validate("SELECT * FROM MixedCase", dialect: .postgres, allowedTables: allowed) }
        // Postgres truncates identifiers to 63 bytes, and so does the gate.
        let long = String(repeating: "t", count: 63)
        #expect(try SQLSafety.validate("SELECT * FROM \(long)xyz", dialect: .postgres, allowedTables: [long]).tables == [long])
    }

    @Test func sqliteNamesIgnoreASCIICaseOnly() throws {
        let allowed: Set<String> = ["MixedCase", "café"]
        #expect(try SQLSafety.validate("SELECT * FROM MIXEDCASE", dialect: .sqlite, allowedTables: allowed).tables == ["MixedCase"])
        #expect(try SQLSafety.validate("SELECT * FROM CAFé", dialect: .sqlite, allowedTables: allowed).tables == ["café"])
        // SQLite folds ASCII only: É and é are different letters to it.
        #expect(throws: ServiceError.self) { try SQLSafety.validate("SELECT * FROM CAFÉ", dialect: .sqlite, allowedTables: allowed) }
    }

    @Test func cteNamesShadowTablesOnlyWhereVisible() throws {
        let allowed: Set<String> = ["customers"]
        // A CTE hides the real table of the same name inside its WITH.
        #expect(
            try SQLSafety.validate("WITH secrets AS (SELECT id FROM customers) SELECT * FROM secrets", dialect: .postgres, allowedTables: allowed)
                .tables == ["customers"]
        )
        // RECURSIVE makes every CTE of the list visible to every body.
        #expect(
            try SQLSafety.validate(
                "WITH RECURSIVE a AS (SELECT * FROM b), b AS (SELECT id FROM customers) SELECT * FROM a",
                dialect: .sqlite,
                allowedTables: allowed
            ).tables == ["customers"]
        )
        // A CTE of an inner query is invisible outside it, and a qualified name is always a table.
        #expect(throws: ServiceError.self) {
            try SQLSafety.validate(
                "SELECT * FROM (WITH secrets AS (SELECT 1) SELECT * FROM secrets) x, secrets",
                dialect: .postgres,
                allowedTables: allowed
            )
        }
        #expect(throws: ServiceError.self) {
            try SQLSafety.validate("WITH secrets AS (SELECT 1) SELECT * FROM public.secrets", dialect: .postgres, allowedTables: allowed)
        }
    }

    @Test func invalidUTF8AndLoneSurrogatesDoNotCrash() throws {
        let loneSurrogate = String(decoding: [0xD800] as [UInt16], as: UTF16.self)
        let invalid = String(decoding: [0xFF, 0xFE, 0xED, 0xB2, 0x80] as [UInt8], as: UTF8.self)
        for dialect in Dialect.allCases {
            // Inside a string literal they are just text.
            let inside = try SQLSafety.validate(
                "SELECT '\(loneSurrogate)\(invalid)' AS x FROM customers",
                dialect: dialect,
                allowedTables: ["customers"]
            )
            #expect(inside.tables == ["customers"])
            // Outside, they are refused, never guessed at.
            #expect(throws: ServiceError.self) { try SQLSafety.validate("SELECT 1 \(loneSurrogate)", dialect: dialect, allowedTables: []) }
            #expect(throws: ServiceError.self) {
                try SQLSafety.validate("SELECT \(invalid) FROM customers", dialect: dialect, allowedTables: ["customers"])
            }
        }
    }

    @Test func aLargeLegitimateStatementIsCheckedQuickly() throws {
        let list = (0..<10_000).map(String.init).joined(separator: ", ")
        let sql = "SELECT * FROM customers WHERE id IN (\(list)) AND name IN (SELECT name FROM customers)"
        #expect(sql.utf8.count < SQLSafety.maxLength)
        let started = ContinuousClock.now
        #expect(try SQLSafety.validate(sql, dialect: .postgres, allowedTables: ["customers"]).tables == ["customers"])
        #expect(ContinuousClock.now - started < .seconds(2))
    }

    @Test func nestingUpToTheLimitIsFine() throws {
        let depth = 60
        let sql = String(repeating: "(", count: depth) + "SELECT id FROM customers" + String(repeating: ")", count: depth)
        #expect(try SQLSafety.validate(sql, dialect: .postgres, allowedTables: ["customers"]).tables == ["customers"])
    }

    @Test func heavyArgumentsAreWarnedAbout() throws {
        let validated = try SQLSafety.validate("SELECT count(*) FROM generate_series(1, 100000000)", dialect: .postgres, allowedTables: [])
        #expect(validated.warnings.contains { $0.contains("generate_series") })
        #expect(try SQLSafety.validate("SELECT * FROM generate_series(1, 3)", dialect: .postgres, allowedTables: []).warnings.isEmpty)
    }

    @Test func deniedFunctionsArePublishedPerDialect() {
        #expect(SQLSafety.deniedFunctionReason("pg_sleep", dialect: .postgres)?.contains("sleep") == true)
        #expect(SQLSafety.deniedFunctionReason("NEXTVAL", dialect: .postgres) != nil)
        #expect(SQLSafety.deniedFunctionReason("load_extension", dialect: .sqlite) != nil)
        #expect(SQLSafety.deniedFunctionReason("lower", dialect: .postgres) == nil)
        #expect(SQLSafety.deniedFunctionReason("pg_typeof", dialect: .postgres) == nil)
        #expect(SQLSafety.deniedFunctionReason("json_extract", dialect: .sqlite) == nil)
    }
}
