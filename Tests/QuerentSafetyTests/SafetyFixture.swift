import Foundation
import QuerentCore
import QuerentPostgres
import QuerentTesting
import Testing

/// The customer databases of the safety tests: the shared introspection fixture (``Fixture``)
/// plus an untrained `secrets` table and a trained view `public_secrets` over two of its columns.
enum SafetyFixture {
    /// The trained tables, per dialect: what the gate and the drivers allow.
    static func trained(_ dialect: Dialect) -> Set<String> {
        let common: Set<String> = ["customers", "orders", "order_lines", "customer_totals", "MixedCase", "café_ñandú", "public_secrets"]
        return dialect == .postgres ? common.union(["sales.orders"]) : common
    }

    /// Limits for running statements: short timeout (sleeps end quickly), the trained tables allowed.
    static func limits(_ dialect: Dialect, maxRows: Int = 100) -> QueryLimits {
        QueryLimits(timeoutMilliseconds: 1_000, maxRows: maxRows, allowedTables: trained(dialect))
    }

    static let sqliteExtras = """
        CREATE TABLE secrets (id INTEGER PRIMARY KEY, customer_id INTEGER, name TEXT, token TEXT, created_at TEXT);
        INSERT INTO secrets VALUES (1, 1, 'Ada', 'token-1', '2024-01-01'), (2, 2, 'Bob', 'token-2', '2024-01-02');
        CREATE VIEW public_secrets AS SELECT id, name FROM secrets;
        """

    static let postgresExtras = [
        "CREATE TABLE secrets (id integer PRIMARY KEY, customer_id integer, name text, token text, created_at timestamptz)",
        "INSERT INTO secrets VALUES (1, 1, 'Ada', 'token-1', '2024-01-01'), (2, 2, 'Bob', 'token-2', '2024-01-02')",
        "CREATE VIEW public_secrets AS SELECT id, name FROM secrets",
    ]

    /// Writes the SQLite customer database into `directory` and returns its path.
    static func createSQLite(in directory: TemporaryDirectory) throws -> String {
        let path = directory.path("customer.sqlite")
        try Fixture.createSQLite(at: path)
        try SQLiteScriptFixture.write(sqliteExtras, to: path)
        return path
    }

    /// Everything in the directory holding the SQLite file: names and bytes of every file
    /// (the database, and any journal or stray file a statement might create).
    static func sqliteState(_ directory: TemporaryDirectory) throws -> [String: Data] {
        var state: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            state[name] = try Data(contentsOf: URL(fileURLWithPath: directory.path(name)))
        }
        return state
    }

    /// What the Postgres customer database holds, read with a separate read-write connection:
    /// every relation of the fixture's schemas, checksums of the data, the sequence.
    static func postgresFingerprint(_ database: ScratchDatabase) async throws -> [String] {
        try await database.query(
            """
            SELECT (SELECT string_agg(n.nspname || '.' || c.relname || ':' || c.relkind::text, ',' ORDER BY n.nspname, c.relname)
                      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN ('public', 'sales')) AS relations,
                   (SELECT md5(string_agg(c::text, ',' ORDER BY id)) FROM customers c) AS customers,
                   (SELECT md5(string_agg(o::text, ',' ORDER BY id)) FROM orders o) AS orders,
                   (SELECT md5(string_agg(l::text, ',' ORDER BY order_id, line_no)) FROM order_lines l) AS lines,
                   (SELECT md5(string_agg(s::text, ',' ORDER BY id)) FROM secrets s) AS secrets,
                   (SELECT md5(string_agg(s::text, ',' ORDER BY order_no)) FROM sales.orders s) AS sales,
                   (SELECT count(*) FROM empty_things) AS empty,
                   (SELECT last_value FROM orders_id_seq) AS sequence
            """
        ).map { row in row.values.keys.sorted().map { "\($0)=\((row.values[$0] ?? nil) ?? "NULL")" }.joined(separator: " ") }
    }
}

/// A suite trait that creates the Postgres safety fixture once for the suite in a scratch
/// database and drops it when the suite ends.
struct SafetyPostgresScope: SuiteTrait, TestScoping {
    @TaskLocal static var current: ScratchDatabase?

    var isRecursive: Bool { false }

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        let database = try await Fixture.createPostgres(prefix: "safety")
        do {
            try await database.execute(SafetyFixture.postgresExtras)
            try await Self.$current.withValue(database) { try await function() }
            await database.drop()
        } catch {
            await database.drop()
            throw error
        }
    }

    /// The suite's customer database.
    static func database() throws -> ScratchDatabase {
        try #require(current, "the suite needs the .safetyPostgres trait")
    }
}

extension Trait where Self == SafetyPostgresScope {
    /// Creates the Postgres safety fixture once for the suite.
    static var safetyPostgres: Self { SafetyPostgresScope() }
}

/// Runs `body` and returns the ``ServiceError`` it throws, or nil when it throws nothing.
/// Anything else it throws is recorded as an issue.
func refusal<T>(_ body: () async throws -> T, sourceLocation: SourceLocation = #_sourceLocation) async -> ServiceError? {
    do {
        _ = try await body()
        return nil
    } catch let error as ServiceError {
        return error
    } catch {
        Issue.record("expected a ServiceError, got \(String(reflecting: error))", sourceLocation: sourceLocation)
        return nil
    }
}
