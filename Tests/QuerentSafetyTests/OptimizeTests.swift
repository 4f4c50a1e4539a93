import Foundation
import QuerentCore
import QuerentSafety
import Testing

/// `SQLSafety.optimize`, and `ValidatedSQL.limited` from the tokens `validate` already lexed: a
/// LIMIT is added where the statement has none at the top level.
@Suite struct OptimizeTests {
    static let tables: Set<String> = ["customers", "orders"]

    @Test(arguments: [
        ("SELECT * FROM customers", "SELECT * FROM customers LIMIT 1001"),
        ("SELECT * FROM customers;", "SELECT * FROM customers LIMIT 1001"),
        ("SELECT * FROM customers ; ; ", "SELECT * FROM customers LIMIT 1001"),
        ("SELECT * FROM customers -- note", "SELECT * FROM customers LIMIT 1001"),
        ("SELECT * FROM customers /* c */ ;\n-- done", "SELECT * FROM customers LIMIT 1001"),
        ("SELECT * FROM customers ORDER BY id", "SELECT * FROM customers ORDER BY id LIMIT 1001"),
        ("WITH x AS (SELECT * FROM orders LIMIT 2) SELECT * FROM x", "WITH x AS (SELECT * FROM orders LIMIT 2) SELECT * FROM x LIMIT 1001"),
        (
            "SELECT * FROM customers WHERE id IN (SELECT customer_id FROM orders LIMIT 1)",
            "SELECT * FROM customers WHERE id IN (SELECT customer_id FROM orders LIMIT 1) LIMIT 1001"
        ),
        ("SELECT 'LIMIT 5' AS text FROM customers", "SELECT 'LIMIT 5' AS text FROM customers LIMIT 1001"),
        ("SELECT \"limit\" FROM customers", "SELECT \"limit\" FROM customers LIMIT 1001"),
        ("SELECT id FROM customers UNION SELECT customer_id FROM orders", "SELECT id FROM customers UNION SELECT customer_id FROM orders LIMIT 1001"),
        ("SELECT id FROM customers -- LIMIT 5", "SELECT id FROM customers LIMIT 1001"),
    ])
    func limitIsAdded(sql: String, expected: String) throws {
        for dialect in Dialect.allCases {
            #expect(SQLSafety.optimize(sql, dialect: dialect, limit: 1001) == expected, "\(dialect)")
            #expect(try SQLSafety.validate(sql, dialect: dialect, allowedTables: Self.tables).limited(1001) == expected, "\(dialect)")
        }
    }

    @Test(arguments: [
        "SELECT * FROM customers LIMIT 5",
        "SELECT * FROM customers LIMIT 5;",
        "SELECT * FROM customers ORDER BY id LIMIT 10 OFFSET 5",
        "SELECT id FROM customers UNION SELECT customer_id FROM orders LIMIT 3",
        "select * from customers limit 2",
    ])
    func existingLimitIsKept(sql: String) throws {
        for dialect in Dialect.allCases {
            #expect(SQLSafety.optimize(sql, dialect: dialect, limit: 1001) == sql, "\(dialect)")
            let validated = try SQLSafety.validate(sql, dialect: dialect, allowedTables: Self.tables)
            #expect(validated.limited(1001) == validated.sql, "\(dialect)")
        }
    }

    @Test func postgresFetchFirstAndOffset() throws {
        func limited(_ sql: String) throws -> String {
            try SQLSafety.validate(sql, dialect: .postgres, allowedTables: Self.tables).limited(10)
        }
        #expect(try limited("SELECT * FROM customers FETCH FIRST 3 ROWS ONLY") == "SELECT * FROM customers FETCH FIRST 3 ROWS ONLY")
        #expect(try limited("SELECT * FROM customers OFFSET 2") == "SELECT * FROM customers OFFSET 2 LIMIT 10")
        #expect(try limited("SELECT 1 AS fetch FROM customers") == "SELECT 1 AS fetch FROM customers LIMIT 10")
        #expect(try limited("(SELECT 1) UNION (SELECT 2 LIMIT 1)") == "(SELECT 1) UNION (SELECT 2 LIMIT 1) LIMIT 10")
        #expect(
            SQLSafety.optimize("SELECT * FROM customers FETCH FIRST 3 ROWS ONLY", dialect: .postgres, limit: 10)
                == "SELECT * FROM customers FETCH FIRST 3 ROWS ONLY"
        )
        #expect(SQLSafety.optimize("SELECT * FROM customers OFFSET 2", dialect: .postgres, limit: 10) == "SELECT * FROM customers OFFSET 2 LIMIT 10")
        #expect(SQLSafety.optimize("SELECT 1 AS fetch FROM customers", dialect: .postgres, limit: 10) == "SELECT 1 AS fetch FROM customers LIMIT 10")
        #expect(
            SQLSafety.optimize("(SELECT 1) UNION (SELECT 2 LIMIT 1)", dialect: .postgres, limit: 10) == "(SELECT 1) UNION (SELECT 2 LIMIT 1) LIMIT 10"
        )
    }

    @Test(arguments: ["DELETE FROM orders", "SELECT 1; DROP TABLE customers", "SELECT 'unterminated", ""])
    func anythingButOneSelectIsReturnedUnchanged(sql: String) {
        for dialect in Dialect.allCases {
            #expect(SQLSafety.optimize(sql, dialect: dialect, limit: 10) == sql)
        }
    }

    @Test func validatedThenOptimizedStaysValid() throws {
        for dialect in Dialect.allCases {
            for statement in LegitimateStatement.corpus(for: dialect) {
                let validated = try SQLSafety.validate(statement.sql, dialect: dialect, allowedTables: SafetyFixture.trained(dialect))
                let optimized = SQLSafety.optimize(validated.sql, dialect: dialect, limit: 1001)
                #expect(validated.limited(1001) == optimized, "\(dialect): \(statement.sql)")
                #expect(try SQLSafety.validate(optimized, dialect: dialect, allowedTables: SafetyFixture.trained(dialect)).tables == statement.tables)
            }
        }
    }
}
