import Foundation
import QuerentCore
import QuerentSQLite
import QuerentSafety
import QuerentTesting
import Testing

/// Defence in depth on SQLite: every hostile statement straight through ``SQLiteDriver`` (the
/// gate bypassed) and through the gate leaves the customer file unchanged, and the driver's
/// authorizer and opened-table check refuse reads outside the trained tables on their own.
@Suite struct SQLiteGuardTests {
    let directory: TemporaryDirectory
    let path: String

    init() throws {
        directory = try TemporaryDirectory(prefix: "querent-safety")
        path = try SafetyFixture.createSQLite(in: directory)
    }

    func withDriver<T>(_ body: (SQLiteDriver) async throws -> T) async throws -> T {
        let driver = try await SQLiteDriver.open(path: path)
        do {
            let value = try await body(driver)
            await driver.close()
            return value
        } catch {
            await driver.close()
            throw error
        }
    }

    @Test(arguments: HostileStatement.corpus(for: .sqlite))
    func hostileStatementChangesNothing(statement: HostileStatement) async throws {
        let before = try SafetyFixture.sqliteState(directory)
        try await withDriver { driver async throws in
            let direct = await refusal { try await driver.execute(statement.sql, limits: SafetyFixture.limits(.sqlite)) }
            if statement.refusedByDriver.contains(.sqlite) {
                #expect(direct != nil, "the driver ran it")
            }
            let gated = await refusal {
                let validated = try SQLSafety.validate(statement.sql, dialect: .sqlite, allowedTables: SafetyFixture.trained(.sqlite))
                return try await driver.execute(validated.sql, limits: SafetyFixture.limits(.sqlite))
            }
            #expect(gated?.code == .unsafeQuery)
            // The connection is still usable, with no authorizer left behind for the driver's own queries.
            #expect(try await driver.execute("SELECT count(*) FROM orders", limits: SafetyFixture.limits(.sqlite)).rows == [[.int(4)]])
            #expect(try await driver.introspect(table: "secrets", sourceId: "src").columns.count == 5)
        }
        #expect(try SafetyFixture.sqliteState(directory) == before)
        #expect(!FileManager.default.fileExists(atPath: "/tmp/querent-vacuum-copy.db"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/querent-attached.db"))
    }

    @Test(arguments: LegitimateStatement.corpus(for: .sqlite))
    func legitimateStatementRunsUnderTheGuard(statement: LegitimateStatement) async throws {
        let validated = try SQLSafety.validate(statement.sql, dialect: .sqlite, allowedTables: SafetyFixture.trained(.sqlite))
        let sql = SQLSafety.optimize(validated.sql, dialect: .sqlite, limit: 101)
        let rows = try await withDriver { try await $0.execute(sql, limits: SafetyFixture.limits(.sqlite)) }
        #expect(!rows.columns.isEmpty)
    }

    @Test(arguments: [
        "SELECT c.email FROM customers c NATURAL JOIN secrets",
        "SELECT c.email FROM customers c JOIN secrets USING (id)",
        "SELECT count(*) FROM customers LEFT JOIN secrets USING (name)",
        "SELECT count(*) FROM secrets",
        "SELECT token FROM secrets",
        "SELECT email FROM customers WHERE EXISTS (SELECT 1 FROM secrets)",
        "SELECT * FROM customers, secrets",
        "SELECT * FROM customers offset, secrets",
        "SELECT * FROM customer_totals NATURAL JOIN shipments",
    ])
    func readsOutsideTheAllowedTablesAreRefusedByTheDriver(sql: String) async throws {
        try await withDriver { driver async throws in
            let error = await refusal { try await driver.execute(sql, limits: SafetyFixture.limits(.sqlite)) }
            #expect(error?.code == .unsafeQuery)
            #expect(error?.message.contains("secrets") == true || error?.message.contains("shipments") == true, "\(error?.message ?? "ran")")
            // Without a restriction the same statement runs: the allowed set is what refuses it.
            _ = try await driver.execute(sql, limits: QueryLimits(timeoutMilliseconds: 1_000, maxRows: 10))
        }
    }

    @Test func allowedNamesMatchIgnoringASCIICase() async throws {
        let limits = QueryLimits(timeoutMilliseconds: 1_000, maxRows: 10, allowedTables: ["CUSTOMERS", "mixedcase"])
        try await withDriver { driver async throws in
            #expect(try await driver.execute("SELECT count(*) FROM customers", limits: limits).rows == [[.int(5)]])
            #expect(try await driver.execute("SELECT count(*) FROM \"MixedCase\"", limits: limits).rows == [[.int(1)]])
            #expect(await refusal { try await driver.execute("SELECT count(*) FROM orders", limits: limits) }?.code == .unsafeQuery)
        }
    }

    @Test func aTrainedViewReadsItsBaseTableButNothingElseCanPretendToBeIt() async throws {
        try await withDriver { driver async throws in
            let rows = try await driver.execute("SELECT id, name FROM public_secrets ORDER BY id", limits: SafetyFixture.limits(.sqlite))
            #expect(rows.rows == [[.int(1), .string("Ada")], [.int(2), .string("Bob")]])
            // A CTE named like the trained view is reported to the authorizer as that "view":
            // only the columns the real view reads are accepted.
            let disguised = await refusal {
                try await driver.execute(
                    "WITH public_secrets AS (SELECT token AS name FROM secrets) SELECT name FROM public_secrets",
                    limits: SafetyFixture.limits(.sqlite)
                )
            }
            #expect(disguised?.code == .unsafeQuery)
            #expect(disguised?.message.contains("secrets") == true)
        }
    }

    @Test func deniedFunctionsAndCatalogReadsAreRefusedByTheAuthorizer() async throws {
        try await withDriver { driver async throws in
            for (sql, cause) in [
                ("SELECT load_extension('/tmp/nothing.so')", "load_extension"),
                ("SELECT sqlite_version()", "sqlite_version"),
                ("SELECT name FROM sqlite_master", "sqlite_master"),
                ("SELECT * FROM pragma_table_info('secrets')", "PRAGMA|virtual tables"),
                ("SELECT count(*) FROM customers NATURAL JOIN pragma_table_info('secrets')", "PRAGMA|virtual tables"),
                ("SELECT * FROM json_each('[1]')", "virtual tables"),
            ] {
                // With no table restriction at all, the function and catalog rules still hold.
                let error = await refusal { try await driver.execute(sql, limits: QueryLimits(timeoutMilliseconds: 1_000, maxRows: 10)) }
                #expect(error?.code == .unsafeQuery, "\(sql)")
                let message = error?.message ?? "ran"
                #expect(cause.split(separator: "|").contains { message.contains($0) }, "\(sql): \(message)")
            }
        }
    }

    @Test func vacuumIntoWritesNoFile() async throws {
        let target = directory.path("copy.sqlite")
        try await withDriver { driver async throws in
            for limits in [SafetyFixture.limits(.sqlite), QueryLimits(timeoutMilliseconds: 1_000, maxRows: 10)] {
                #expect(await refusal { try await driver.execute("VACUUM INTO '\(target)'", limits: limits) } != nil)
            }
        }
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test func optimizedLimitKeepsTruncationVisible() async throws {
        let limits = SafetyFixture.limits(.sqlite, maxRows: 2)
        try await withDriver { driver async throws in
            let capped = try await driver.execute(
                SQLSafety.optimize("SELECT * FROM customers", dialect: .sqlite, limit: limits.maxRows + 1),
                limits: limits
            )
            #expect(capped.rows.count == 2 && capped.truncated)
            let exact = try await driver.execute(
                SQLSafety.optimize("SELECT * FROM orders LIMIT 2", dialect: .sqlite, limit: limits.maxRows + 1),
                limits: limits
            )
            #expect(exact.rows.count == 2 && !exact.truncated)
        }
    }
}
