import Foundation
import QuerentCore
import QuerentSafety
import Testing

/// The gate on MySQL/MariaDB statements, without a server: every statement of
/// ``MySQLCorpus/hostile`` is refused with its reason, every one of ``MySQLCorpus/legitimate``
/// passes with the tables it reads (the MySQL driver's tests run the same corpus on a server).
@Suite struct MySQLGuardTests {
    static func validate(_ sql: String) throws -> ValidatedSQL {
        try SQLSafety.validate(sql, dialect: .mysql, allowedTables: MySQLCorpus.trainedTables)
    }

    @Test func corporaAreLargeAndDistinct() {
        #expect(MySQLCorpus.hostile.count >= 120)
        #expect(MySQLCorpus.legitimate.count >= 40)
        #expect(Set(MySQLCorpus.hostileSQL).count == MySQLCorpus.hostileSQL.count)
        #expect(Set(MySQLCorpus.legitimateSQL).count == MySQLCorpus.legitimateSQL.count)
        #expect(MySQLCorpus.hostileSQL.count == MySQLCorpus.hostile.count && MySQLCorpus.legitimateSQL.count == MySQLCorpus.legitimate.count)
    }

    @Test(arguments: MySQLCorpus.hostile)
    func hostileStatementIsRefusedWithItsReason(statement: MySQLCorpus.Hostile) {
        do {
            let validated = try Self.validate(statement.sql)
            Issue.record("accepted: \(validated.sql.prefix(200))")
        } catch let error as ServiceError {
            #expect(error.code == .unsafeQuery)
            #expect(
                error.message.lowercased().contains(statement.reason.lowercased()),
                "expected the reason to mention '\(statement.reason)', got: \(error.message)"
            )
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test(arguments: MySQLCorpus.legitimate)
    func legitimateStatementPasses(statement: MySQLCorpus.Legitimate) throws {
        let validated = try Self.validate(statement.sql)
        #expect(validated.tables == statement.tables)
        #expect(validated.warnings.isEmpty)
        #expect(!validated.sql.hasSuffix(";"))
        #expect(validated.sql == validated.sql.trimmingCharacters(in: .whitespacesAndNewlines))
        // The row-limited form passes too, with the same tables.
        let limited = validated.limited(1001)
        #expect(SQLSafety.optimize(validated.sql, dialect: .mysql, limit: 1001) == limited)
        #expect(try Self.validate(limited).tables == statement.tables)
    }

    /// The shared corpus's statements hostile in both other dialects are refused on MySQL too
    /// (with its own reasons: the table names and functions are the other fixture's).
    @Test func sharedHostileStatementsAreRefusedOnMySQL() {
        let allowed = SafetyFixture.trained(.sqlite)
        for statement in HostileStatement.corpus where statement.dialects == [.postgres, .sqlite] {
            #expect(
                throws: ServiceError.self,
                "\(statement.sql.prefix(120))",
                performing: { try SQLSafety.validate(statement.sql, dialect: .mysql, allowedTables: allowed) }
            )
        }
    }

    @Test func aCommentEndsAtALineFeedOnly() throws {
        // The server skips to the line feed: what follows a carriage return is still comment.
        #expect(try Self.validate("SELECT 1 -- \r, secret FROM secrets").sql == "SELECT 1")
        #expect(try Self.validate("SELECT 1 --\r; DROP TABLE orders").sql == "SELECT 1")
        #expect(try Self.validate("SELECT 1 --").sql == "SELECT 1")
        #expect(try Self.validate("SELECT 1 --\u{1}x").sql == "SELECT 1")
        #expect(throws: ServiceError.self) { try Self.validate("SELECT 1 -- \n, secret FROM secrets") }
    }

    @Test func exactNamesAreReportedAsTrained() throws {
        #expect(try Self.validate("SELECT * FROM SalesReps JOIN `SalesReps` s2 USING (Id) JOIN \"SalesReps\" s3 USING (Id)").tables == ["SalesReps"])
        #expect(try Self.validate("WITH Big AS (SELECT * FROM orders) SELECT * FROM Big").tables == ["orders"])
        // A CTE name matches only as written: `big` is a table, and not a trained one.
        #expect(throws: ServiceError.self) { try Self.validate("WITH Big AS (SELECT * FROM orders) SELECT * FROM big") }
    }
}
