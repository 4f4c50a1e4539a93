import Foundation
import QuerentCore
import QuerentExpectations
import QuerentPostgres
import QuerentTesting
import Testing

/// The execution primitive of ``PostgresDriver``: read-only, one statement, time limit, row
/// cap, values typed into JSON.
@Suite(.enabled(if: TestEnvironment.postgresEnabled, "needs Postgres: set POSTGRES_HOSTNAME or QUERENT_TEST_POSTGRES_URL"), .postgresFixture)
struct PostgresExecutionTests {
    func withDriver<T>(_ body: (PostgresDriver) async throws -> T) async throws -> T {
        try await withPostgresDriver(try PostgresFixtureScope.database().url, body)
    }

    /// What the fixture holds, read with a separate read-write connection.
    func fingerprint() async throws -> [String] {
        let database = try PostgresFixtureScope.database()
        return try await database.query(
            """
            SELECT (SELECT count(*) FROM customers) AS customers, (SELECT string_agg(coalesce(name, '-'), ',' ORDER BY id) FROM customers) AS names,
                   (SELECT count(*) FROM orders) AS orders, (SELECT count(*) FROM empty_things) AS empty,
                   (SELECT last_value FROM orders_id_seq) AS seq,
                   (SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE n.nspname IN ('public', 'sales') AND c.relkind IN ('r', 'v')) AS relations
            """
        ).map(\.flattened)
    }

    @Test(arguments: [
        "INSERT INTO empty_things (id, label) VALUES (1, 'x')",
        "UPDATE customers SET name = 'Mallory'",
        "DELETE FROM orders",
        "CREATE TABLE intruder (id integer)",
        "DROP TABLE empty_things",
        "ALTER TABLE customers ADD COLUMN intruder integer",
        "TRUNCATE empty_things",
        "SELECT nextval('orders_id_seq')",
        "WITH gone AS (DELETE FROM orders RETURNING id) SELECT count(*) FROM gone",
        "SELECT set_config('transaction_read_only', 'off', false)",
        "SELECT * FROM customers FOR UPDATE",
    ])
    func writesFailAndChangeNothing(sql: String) async throws {
        let before = try await fingerprint()
        try await withDriver { driver async throws in
            let error = await serviceError { try await driver.execute(sql, limits: .standard) }
            #expect(error?.code == .databaseError || error?.code == .unsafeQuery)
            // The driver stays usable.
            #expect(try await driver.execute("SELECT count(*) AS n FROM customers", limits: .standard).rows == [[.int(5)]])
        }
        #expect(try await fingerprint() == before)
    }

    @Test func readOnlyErrorsSayWhy() async throws {
        try await withDriver { driver async throws in
            let error = await serviceError { try await driver.execute("INSERT INTO empty_things VALUES (1, 'x')", limits: .standard) }
            #expect(error?.message.contains("read-only transaction") == true)
        }
    }

    @Test func commitCannotEscapeTheReadOnlyTransaction() async throws {
        let before = try await fingerprint()
        try await withDriver { driver async throws in
            // Ending the driver's transaction leaves the session read-only (default_transaction_read_only).
            _ = try? await driver.execute("COMMIT", limits: .standard)
            let error = await serviceError { try await driver.execute("INSERT INTO empty_things VALUES (1, 'x')", limits: .standard) }
            #expect(error != nil)
        }
        #expect(try await fingerprint() == before)
    }

    @Test(arguments: [
        "SELECT 1; DROP TABLE empty_things",
        "SELECT 1; COMMIT; DROP TABLE empty_things",
        "SELECT 1; SELECT 2",
        "DROP TABLE empty_things; SELECT 1",
    ])
    func multipleStatementsAreRefused(sql: String) async throws {
        let before = try await fingerprint()
        try await withDriver { driver async throws in
            let error = await serviceError { try await driver.execute(sql, limits: .standard) }
            #expect(error?.code == .databaseError || error?.code == .unsafeQuery)
        }
        #expect(try await fingerprint() == before)
        #expect(
            try await PostgresFixtureScope.database().query("SELECT to_regclass('public.empty_things') IS NOT NULL AS present").first?.bool("present")
                == true
        )
    }

    @Test func aTrailingSemicolonIsFine() async throws {
        try await withDriver { driver async throws in
            #expect(try await driver.execute("SELECT 1 AS one;", limits: .standard).rows == [[.int(1)]])
        }
    }

    @Test func statementTimeoutCancels() async throws {
        try await withDriver { driver async throws in
            let started = ContinuousClock.now
            let error = await serviceError {
                try await driver.execute("SELECT pg_sleep(30)", limits: QueryLimits(timeoutMilliseconds: 200, maxRows: 10))
            }
            let elapsed = ContinuousClock.now - started
            #expect(error?.code == .timeout)
            #expect(error?.message.contains("200 ms") == true)
            // cancelled, not run to its end (a bound, not a speed goal: a busy 2-core machine took 5.8 s)
            #expect(elapsed < .seconds(30), "the statement was not cancelled before pg_sleep(30) ended: \(elapsed)")
            // The connection is healthy and no longer limited to 200 ms.
            let rows = try await driver.execute("SELECT 1 AS slept FROM pg_sleep(0.3)", limits: .standard)
            #expect(rows.rows == [[.int(1)]])
        }
    }

    @Test func rowCapTruncates() async throws {
        try await withDriver { driver async throws in
            let result = try await driver.execute(
                "SELECT n FROM generate_series(1, 5000) AS n",
                limits: QueryLimits(timeoutMilliseconds: 10_000, maxRows: 1000)
            )
            #expect(result.columns == ["n"])
            #expect(result.rows.count == 1000)
            #expect(result.truncated)
            #expect(result.rows.first == [.int(1)])
            #expect(result.rows.last == [.int(1000)])
            #expect(result.rows.map { $0[0] } == (1...1000).map { JSONValue.int(Int64($0)) })
            #expect(result.executionTimeMs > 0)

            let exact = try await driver.execute("SELECT n FROM generate_series(1, 1000) AS n", limits: QueryLimits(maxRows: 1000))
            #expect(exact.rows.count == 1000 && !exact.truncated)
            let fewer = try await driver.execute("SELECT n FROM generate_series(1, 999) AS n", limits: QueryLimits(maxRows: 1000))
            #expect(fewer.rows.count == 999 && !fewer.truncated)

            // A huge streamed result (a select-list set-returning function produces rows one by
            // one) is cut short quickly by cancelling it, and the connection is usable afterwards.
            let started = ContinuousClock.now
            let huge = try await driver.execute(
                "SELECT generate_series(1, 100000000) AS n",
                limits: QueryLimits(timeoutMilliseconds: 30_000, maxRows: 10)
            )
            #expect(huge.rows.count == 10 && huge.truncated)
            #expect(ContinuousClock.now - started < .seconds(5))
            #expect(try await driver.execute("SELECT 2 AS two", limits: .standard).rows == [[.int(2)]])
        }
    }

    @Test func valuesAreTypedIntoJSON() async throws {
        let sql = """
            SELECT 42::int AS int4, 9000000000::bigint AS int8, 7::smallint AS int2,
                   12.50::numeric(10,2) AS money, 10::numeric AS whole, 1.5::float8 AS float8, 0.25::real AS float4,
                   'NaN'::float8 AS nan, true AS yes, false AS no,
                   DATE '2024-02-29' AS day, TIMESTAMP '2024-01-02 03:04:05.5' AS ts,
                   TIMESTAMPTZ '2024-01-02 03:04:05+02' AS tstz,
                   '\\x0102ff'::bytea AS bin, ''::bytea AS empty_bin,
                   '{"a": [1, true, null], "b": "x"}'::json AS doc, '{"k": 1.5}'::jsonb AS docb,
                   'café'::text AS txt, NULL::text AS nothing, NULL::integer AS no_int,
                   ARRAY[1, 2] AS arr, '3 days'::interval AS span
            """
        let result = try await withDriver { try await $0.execute(sql, limits: .standard) }
        let row = try #require(result.objects.first)
        #expect(row["int4"] == .int(42))
        #expect(row["int8"] == .int(9_000_000_000))
        #expect(row["int2"] == .int(7))
        #expect(row["money"] == .double(12.5))
        #expect(row["whole"] == .int(10))
        #expect(row["float8"] == .double(1.5))
        #expect(row["float4"] == .double(0.25))
        #expect(row["nan"] == .string("NaN"))
        #expect(row["yes"] == .bool(true))
        #expect(row["no"] == .bool(false))
        #expect(row["day"] == .string("2024-02-29"))
        #expect(row["ts"] == .string("2024-01-02T03:04:05.5"))
        #expect(row["tstz"] == .string("2024-01-02T01:04:05+00:00"))
        #expect(row["bin"] == .string("AQL/"))
        #expect(row["empty_bin"] == .string(""))
        #expect(row["doc"] == .object(["a": .array([.int(1), .bool(true), .null]), "b": .string("x")]))
        #expect(row["docb"] == .object(["k": .double(1.5)]))
        #expect(row["txt"] == .string("café"))
        #expect(row["nothing"] == .null)
        #expect(row["no_int"] == .null)
        #expect(row["arr"] == .string("{1,2}"))
        #expect(row["span"] == .string("P3D"))
        #expect(result.columns.count == 22)
        // ISO-8601 forms parse back.
        if case .string(let text)? = row["tstz"] { #expect(Timestamp.parse(text) == Date(timeIntervalSince1970: 1_704_157_445)) }
    }

    @Test func unicodeAndDuplicateColumnNames() async throws {
        try await withDriver { driver async throws in
            let result = try await driver.execute(#"SELECT "prix€", "naïve", 1 AS x, 2 AS x FROM "café_ñandú""#, limits: .standard)
            #expect(result.columns == ["prix€", "naïve", "x", "x"])
            #expect(result.rows == [[.double(12.5), .string("oui"), .int(1), .int(2)]])
        }
    }

    /// With `estimateRows`, EXPLAIN runs in the statement's own transaction: BEGIN with the
    /// timeout in one round trip, EXPLAIN, prepare, describe, execute, ROLLBACK.
    @Test func rowEstimateComesFromTheSameTransaction() async throws {
        try await withDriver { driver async throws in
            let before = driver.roundTrips
            let estimated = try await driver.execute("SELECT * FROM customers", limits: .standard, estimateRows: true)
            #expect(driver.roundTrips - before == 6)
            #expect(estimated.rows.count == 5)
            #expect((estimated.estimatedRows ?? 0) > 0)
            let middle = driver.roundTrips
            let plain = try await driver.execute("SELECT * FROM customers", limits: .standard)
            #expect(driver.roundTrips - middle == 5)
            #expect(plain.rows == estimated.rows && plain.estimatedRows == nil)
        }
    }

    /// A statement EXPLAIN cannot take (SHOW) still runs, in a read-only transaction under its
    /// timeout, without an estimate; a write whose EXPLAIN succeeds is still refused unrun.
    @Test func aFailedEstimateNeverFailsTheStatement() async throws {
        try await withDriver { driver async throws in
            let timeout = try await driver.execute("SHOW statement_timeout", limits: QueryLimits(timeoutMilliseconds: 4_321), estimateRows: true)
            #expect(timeout.rows == [[.string("4321ms")]])
            #expect(timeout.estimatedRows == nil)
            let readOnly = try await driver.execute("SHOW transaction_read_only", limits: .standard, estimateRows: true)
            #expect(readOnly.rows == [[.string("on")]])
            let write = await serviceError {
                try await driver.execute("INSERT INTO empty_things VALUES (1, 'x')", limits: .standard, estimateRows: true)
            }
            #expect(write?.code == .unsafeQuery)
            #expect(try await driver.execute("SELECT 4 AS four", limits: .standard, estimateRows: true).rows == [[.int(4)]])
        }
    }

    @Test func sqlErrorsAreDatabaseErrors() async throws {
        try await withDriver { driver async throws in
            let missing = await serviceError { try await driver.execute("SELECT * FROM no_such_table", limits: .standard) }
            #expect(missing?.code == .databaseError)
            #expect(missing?.message.contains("no_such_table") == true)
            let syntax = await serviceError { try await driver.execute("SELEC 1", limits: .standard) }
            #expect(syntax?.code == .databaseError)
            let empty = await serviceError { try await driver.execute("  ", limits: .standard) }
            #expect(empty?.code == .databaseError)
            #expect(empty?.message.isEmpty == false)
            #expect(try await driver.execute("SELECT 3 AS three", limits: .standard).rows == [[.int(3)]])
        }
    }
}
