import Foundation
import QuerentCore
import QuerentPostgres
import QuerentSafety
import QuerentTesting
import Testing

/// Defence in depth on Postgres: every hostile statement straight through ``PostgresDriver``
/// (the gate bypassed) and through the gate leaves the customer database unchanged; the driver
/// runs one statement, read-only, and refuses commands that return no rows before running them.
@Suite(
    .enabled(if: TestEnvironment.postgresEnabled, "needs Postgres: set POSTGRES_HOSTNAME or QUERENT_TEST_POSTGRES_URL"),
    .safetyPostgres,
    .serialized
)
struct PostgresGuardTests {
    func withDriver<T>(_ body: (PostgresDriver) async throws -> T) async throws -> T {
        let driver = try await PostgresDriver.connect(ConnectionSpec(url: try SafetyPostgresScope.database().url), maxConnections: 1)
        do {
            let value = try await body(driver)
            await driver.close()
            return value
        } catch {
            await driver.close()
            throw error
        }
    }

    func fingerprint() async throws -> [String] {
        try await SafetyFixture.postgresFingerprint(try SafetyPostgresScope.database())
    }

    @Test(arguments: HostileStatement.corpus(for: .postgres))
    func hostileStatementChangesNothing(statement: HostileStatement) async throws {
        let before = try await fingerprint()
        try await withDriver { driver async throws in
            let started = ContinuousClock.now
            let direct = await refusal { try await driver.execute(statement.sql, limits: SafetyFixture.limits(.postgres)) }
            if statement.refusedByDriver.contains(.postgres) {
                #expect(direct != nil, "the driver ran it")
            }
            #expect(ContinuousClock.now - started < .seconds(10), "the driver hung")
            let gated = await refusal {
                let validated = try SQLSafety.validate(statement.sql, dialect: .postgres, allowedTables: SafetyFixture.trained(.postgres))
                return try await driver.execute(validated.sql, limits: SafetyFixture.limits(.postgres))
            }
            #expect(gated?.code == .unsafeQuery)
        }
        // A fresh driver works (the hostile statement may have ended its own session).
        try await withDriver { driver async throws in
            #expect(try await driver.execute("SELECT count(*) AS n FROM orders", limits: SafetyFixture.limits(.postgres)).rows == [[.int(4)]])
        }
        #expect(try await fingerprint() == before)
    }

    @Test(arguments: LegitimateStatement.corpus(for: .postgres))
    func legitimateStatementRuns(statement: LegitimateStatement) async throws {
        let validated = try SQLSafety.validate(statement.sql, dialect: .postgres, allowedTables: SafetyFixture.trained(.postgres))
        let sql = SQLSafety.optimize(validated.sql, dialect: .postgres, limit: 101)
        let rows = try await withDriver { try await $0.execute(sql, limits: SafetyFixture.limits(.postgres)) }
        #expect(!rows.columns.isEmpty)
    }

    @Test func stackedStatementsNeverRunAndTheTableRemains() async throws {
        try await withDriver { driver async throws in
            for sql in ["SELECT 1; DROP TABLE customers", "SELECT 1; COMMIT; DROP TABLE customers", "SELECT 1 --\r; DROP TABLE customers"] {
                let error = await refusal { try await driver.execute(sql, limits: .standard) }
                #expect(error?.code == .databaseError, "\(sql)")
            }
        }
        let present = try await SafetyPostgresScope.database().query("SELECT to_regclass('public.customers') IS NOT NULL AS present")
        #expect(present.first?.bool("present") == true)
    }

    @Test func copyIsRefusedBeforeItRunsAndTheConnectionStaysUsable() async throws {
        try await withDriver { driver async throws in
            let started = ContinuousClock.now
            for sql in [
                "COPY (SELECT 1) TO STDOUT", "COPY customers TO STDOUT", "COPY customers FROM STDIN", "DO $$BEGIN PERFORM 1; END$$",
                "SET search_path = sales",
            ] {
                let error = await refusal { try await driver.execute(sql, limits: .standard) }
                #expect(error?.code == .unsafeQuery, "\(sql): \(error?.message ?? "ran")")
            }
            #expect(ContinuousClock.now - started < .seconds(5))
            // maxConnections is 1: the same session answers, still in a sane state.
            #expect(try await driver.execute("SELECT count(*) AS n FROM customers", limits: .standard).rows == [[.int(5)]])
        }
    }

    @Test func unqualifiedNamesResolveInPublicWhateverTheUsersSchema() async throws {
        let database = try SafetyPostgresScope.database()
        // "$user" comes first in the default search_path: a same-named table there would shadow public's.
        try await database.execute([
            "CREATE SCHEMA AUTHORIZATION CURRENT_USER",
            "DO $$BEGIN EXECUTE format('CREATE TABLE %I.customers (id integer)', current_user); END$$",
        ])
        do {
            try await withDriver { driver async throws in
                #expect(try await driver.execute("SELECT count(*) AS n FROM customers", limits: .standard).rows == [[.int(5)]])
            }
            try await database.execute(["DO $$BEGIN EXECUTE format('DROP SCHEMA %I CASCADE', current_user); END$$"])
        } catch {
            try? await database.execute(["DO $$BEGIN EXECUTE format('DROP SCHEMA %I CASCADE', current_user); END$$"])
            throw error
        }
    }

    @Test func backslashesAreLiteralEvenWhenTheServerDefaultSaysOtherwise() async throws {
        let database = try SafetyPostgresScope.database()
        try await database.execute(["ALTER DATABASE \"\(database.name)\" SET standard_conforming_strings = off"])
        do {
            try await withDriver { driver async throws in
                // What the gate's lexer assumes: '\' is a complete one-character string.
                let rows = try await driver.execute(#"SELECT 'a\' AS text"#, limits: .standard)
                #expect(rows.rows == [[.string(#"a\"#)]])
            }
            try await database.execute(["ALTER DATABASE \"\(database.name)\" RESET standard_conforming_strings"])
        } catch {
            try? await database.execute(["ALTER DATABASE \"\(database.name)\" RESET standard_conforming_strings"])
            throw error
        }
    }

    @Test func optimizedLimitKeepsTruncationVisible() async throws {
        let limits = SafetyFixture.limits(.postgres, maxRows: 2)
        try await withDriver { driver async throws in
            let capped = try await driver.execute(
                SQLSafety.optimize("SELECT * FROM customers", dialect: .postgres, limit: limits.maxRows + 1),
                limits: limits
            )
            #expect(capped.rows.count == 2 && capped.truncated)
            let exact = try await driver.execute(
                SQLSafety.optimize("SELECT * FROM orders FETCH FIRST 2 ROWS ONLY", dialect: .postgres, limit: limits.maxRows + 1),
                limits: limits
            )
            #expect(exact.rows.count == 2 && !exact.truncated)
        }
    }
}
