import Foundation
import QuerentCore
import QuerentPostgres
import QuerentTesting

/// `querent-bench introspection [--tables 1000] [--connections 1,2] [--rounds 2] [--url postgres://…] [--psql-floor] [--keep]`
///
/// Generates a Postgres catalog of `--tables` tables (10 columns each: a primary key, a foreign
/// key to the previous table in chains of 50, a unique code, a table comment, five rows) in a
/// fresh database next to the one `--url` (default `QUERENT_TEST_POSTGRES_URL`) names, then
/// introspects every table through ``PostgresDriver``: `listTables` + `introspect(table:)` of
/// each with 1 and 2 concurrent connections (`per-table`), and `listTables` +
/// `introspect(tables:)` on one connection (`bulk`; goal: 1,000 tables in ≤ 1.0 s), and prints
/// tables per second. `--psql-floor` also times `psql` running three bulk catalog queries and
/// one `SELECT * … LIMIT 3` per table: what any client needs at least. Prints numbers only; it
/// asserts nothing.
enum IntrospectionBenchmark {
    static let usage =
        "querent-bench introspection [--tables 1000] [--connections 1,2] [--rounds 2] [--url postgres://…] [--psql-floor] [--keep]"

    static let chainLength = 50

    static func run(_ arguments: [String]) async throws {
        func value(_ name: String) -> String? {
            guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
            return arguments[index + 1]
        }
        let tables = value("--tables").flatMap(Int.init) ?? 1_000
        let connectionCounts = (value("--connections") ?? "1,2").split(separator: ",").compactMap { Int($0) }.filter { $0 > 0 }
        let rounds = max(1, value("--rounds").flatMap(Int.init) ?? 2)
        guard tables > 0, !connectionCounts.isEmpty else { throw BenchmarkError("usage: \(usage)") }
        guard let url = value("--url") ?? TestEnvironment.postgresURL else {
            throw BenchmarkError("no Postgres: pass --url or set QUERENT_TEST_POSTGRES_URL (eval \"$(bash deploy/local-stack.sh env)\")")
        }

        let database = try await ScratchDatabase.create(prefix: "bench_introspection", adminURL: url)
        do {
            let generated = try await measure { try await generateCatalog(database, tables: tables) }
            print(
                "generated \(tables) tables × 10 columns (FK chains of \(chainLength)) in database \(database.name) in \(format(generated.seconds)) s"
            )
            print("")
            print("path       connections  round  tables  listTables s  total s  tables/s")
            let runs = connectionCounts.map { (path: "per-table", connections: $0) } + [(path: "bulk", connections: 1)]
            for run in runs {
                for round in 1...rounds {
                    let result = try await introspectAll(url: database.url, connections: run.connections, bulk: run.path == "bulk", expected: tables)
                    print(
                        [
                            run.path.padding(toLength: 9, withPad: " ", startingAt: 0), pad("\(run.connections)", 11), pad("\(round)", 5),
                            pad("\(result.tables)", 6), pad(format(result.listSeconds), 12), pad(format(result.totalSeconds), 7),
                            pad(String(format: "%.0f", Double(result.tables) / result.totalSeconds), 8),
                        ].joined(separator: "  ")
                    )
                }
            }
            if arguments.contains("--psql-floor") {
                for round in 1...rounds {
                    let seconds = try PsqlFloor.measure(url: database.url, tables: (0..<tables).map(tableName))
                    print("psql floor, round \(round): \(format(seconds)) s (3 bulk catalog queries + \(tables) LIMIT 3 selects, one connection)")
                }
            }
            if arguments.contains("--keep") {
                print("\nkept database \(database.name)")
            } else {
                await database.drop()
            }
        } catch {
            await database.drop()
            throw error
        }
    }

    struct Result {
        var tables: Int
        var listSeconds: Double
        var totalSeconds: Double
    }

    /// `t0000`, `t0001`, …: the generated tables' names.
    static func tableName(_ index: Int) -> String {
        String(format: "t%04d", index)
    }

    /// Lists and introspects every table: with `bulk`, in one ``PostgresDriver/introspect(tables:sourceId:)``
    /// call; otherwise one `introspect(table:)` per table, `connections` in flight.
    static func introspectAll(url: String, connections: Int, bulk: Bool, expected: Int) async throws -> Result {
        let driver = try await PostgresDriver.connect(ConnectionSpec(url: url), maxConnections: connections)
        do {
            let started = ContinuousClock.now
            let names = try await driver.listTables().map(\.name)
            let listed = ContinuousClock.now
            let schemas =
                try await bulk ? driver.introspect(tables: names, sourceId: "bench") : introspectEach(names, driver: driver, connections: connections)
            let finished = ContinuousClock.now
            await driver.close()
            // Sanity: everything was introspected fully.
            guard schemas.count == expected,
                schemas.allSatisfy({ $0.columns.count == 10 && $0.sampleData?.count == 3 && $0.primaryKey == ["id"] }),
                schemas.filter({ !$0.relationships.isEmpty }).count == expected - (expected + chainLength - 1) / chainLength
            else { throw BenchmarkError("introspection returned incomplete schemas (\(schemas.count) of \(expected))") }
            return Result(tables: schemas.count, listSeconds: (listed - started).seconds, totalSeconds: (finished - started).seconds)
        } catch {
            await driver.close()
            throw error
        }
    }

    /// One `introspect(table:)` per name, `connections` at a time.
    static func introspectEach(_ names: [String], driver: PostgresDriver, connections: Int) async throws -> [TableSchema] {
        try await withThrowingTaskGroup(of: TableSchema.self) { group in
            var iterator = names.makeIterator()
            for _ in 0..<connections {
                guard let name = iterator.next() else { break }
                group.addTask { try await driver.introspect(table: name, sourceId: "bench") }
            }
            var schemas: [TableSchema] = []
            schemas.reserveCapacity(names.count)
            while let schema = try await group.next() {
                schemas.append(schema)
                if let name = iterator.next() {
                    group.addTask { try await driver.introspect(table: name, sourceId: "bench") }
                }
            }
            return schemas
        }
    }

    /// `t0000 … t{n-1}` in `public`, generated server-side in batches of 100 tables (one
    /// `DO` block, one round trip, each) and analyzed so row estimates exist.
    static func generateCatalog(_ database: ScratchDatabase, tables: Int) async throws {
        var statements: [String] = []
        for start in stride(from: 0, to: tables, by: 100) {
            statements.append(
                """
                DO $$
                DECLARE
                    t text;
                    parent text;
                BEGIN
                    FOR i IN \(start)..\(min(start + 100, tables) - 1) LOOP
                        t := format('t%s', lpad(i::text, 4, '0'));
                        parent := CASE WHEN i % \(chainLength) = 0 THEN NULL ELSE format('t%s', lpad((i - 1)::text, 4, '0')) END;
                        EXECUTE format(
                            'CREATE TABLE %I (id integer PRIMARY KEY, parent_id integer %s, name text NOT NULL, status text DEFAULT ''open'', '
                            'amount numeric(10,2), created_on date, quantity integer, code varchar(12) UNIQUE, active boolean, note text)',
                            t, CASE WHEN parent IS NULL THEN '' ELSE format('REFERENCES %I (id)', parent) END);
                        EXECUTE format('COMMENT ON TABLE %I IS %L', t, 'Generated table ' || i);
                        EXECUTE format(
                            'INSERT INTO %I (id, parent_id, name, status, amount, created_on, quantity, code, active) '
                            'SELECT g, %s, ''row '' || g, (ARRAY[''open'', ''closed'', ''pending''])[1 + g %% 3], g * 1.5, '
                            'DATE ''2024-01-01'' + g, g, ''C'' || $1 || ''-'' || g, g %% 2 = 0 FROM generate_series(1, 5) g',
                            t, CASE WHEN parent IS NULL THEN 'NULL' ELSE 'g' END) USING i;
                        EXECUTE format('ANALYZE %I', t);
                    END LOOP;
                END
                $$
                """
            )
        }
        try await database.execute(statements)
    }

    static func measure(_ body: () async throws -> Void) async throws -> Duration {
        let started = ContinuousClock.now
        try await body()
        return ContinuousClock.now - started
    }

    static func format(_ seconds: Double) -> String { String(format: "%.3f", seconds) }

    static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}

extension Duration {
    var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}

struct BenchmarkError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
