import Foundation
import QuerentCore
import QuerentIO

/// The ``QuerentCore/DatabaseDriver`` for a customer's Postgres database.
///
/// Connections are opened with `default_transaction_read_only=on`, every execution runs inside
/// `BEGIN READ ONLY` with a `statement_timeout`, and statements go through the extended
/// protocol, which refuses more than one statement; a customer statement is described before it
/// runs and refused unless it returns rows.
public final class PostgresDriver: DatabaseDriver {
    public let dialect = Dialect.postgres
    private let pool: ConnectionPool<PostgresConnection>
    private let counter: RoundTripCounter

    /// Connects and checks the connection with `SELECT 1`.
    /// - Throws: ``QuerentCore/ServiceError`` `.connectionFailed` with libpq's reason, secrets removed.
    public static func connect(_ spec: ConnectionSpec, maxConnections: Int = 4, connectTimeout: Int = 5) async throws -> PostgresDriver {
        // search_path: an unqualified name means `public`, as canonical table names (and the
        // safety gate) assume; standard_conforming_strings: backslashes in '…' are literal, as the
        // gate's lexer assumes.
        let options =
            PostgresConnectionParameters.sessionDefaults
            + " -c default_transaction_read_only=on -c search_path=public -c standard_conforming_strings=on"
        let parameters = try PostgresConnectionParameters.make(spec, connectTimeout: connectTimeout, extra: [("options", options)])
        let counter = RoundTripCounter()
        let driver = PostgresDriver(
            pool: ConnectionPool(maxConnections: maxConnections) { try PostgresConnection(parameters: parameters, roundTrips: counter) },
            counter: counter
        )
        do {
            _ = try await driver.pool.withConnection { try $0.query("SELECT 1", []) }
        } catch let error as PostgresError {
            await driver.close()
            // libpq echoes parts of a malformed URL (password included); scrub the underlying error too.
            let redacted = PostgresError(sqlState: error.sqlState, message: spec.redact(error.message))
            throw ServiceError(.connectionFailed, redacted.message, underlying: redacted)
        }
        return driver
    }

    private init(pool: ConnectionPool<PostgresConnection>, counter: RoundTripCounter) {
        self.pool = pool
        self.counter = counter
    }

    /// Calls that waited for the server on any of this driver's connections (connecting excluded).
    public var roundTrips: Int { counter.value }

    public func close() async {
        await pool.close()
    }

    // MARK: - Catalog

    public func listTables() async throws -> [TableSummary] {
        try await run { connection in
            try connection.query(PostgresCatalogQueries.listTables, []).compactMap { row -> TableSummary? in
                guard let schema = row.string("schema"), let name = row.string("name") else { return nil }
                let table = PostgresTableName(schema: schema, name: name)
                return TableSummary(name: table.canonical, schema: schema, kind: Self.kind(row.string("kind")), rowEstimate: row.int("row_estimate"))
            }
        }
    }

    public func tableExists(_ table: String) async throws -> Bool {
        let name = try PostgresTableName(parsing: table)
        return try await run { connection in
            !(try connection.query(PostgresCatalogQueries.exists, [.text(name.schema), .text(name.name)]).isEmpty)
        }
    }

    public func introspect(table: String, sourceId: String) async throws -> TableSchema {
        let name = try PostgresTableName(parsing: table)
        return try await run { connection in
            guard let document = try connection.query(PostgresCatalogQueries.describe, [.text(name.schema), .text(name.name)]).first?.string("doc")
            else { throw ServiceError(.notFound, "table '\(table)' does not exist") }
            let description = try JSONDecoder().decode(PostgresCatalogQueries.Description.self, from: Data(document.utf8))
            let sample = try Self.sample(name, limit: 3, connection)
            return Self.schema(from: description, name: name, sourceId: sourceId, sample: sample)
        }
    }

    public func sampleRows(table: String, limit: Int) async throws -> [[String: JSONValue]] {
        let name = try PostgresTableName(parsing: table)
        return try await run { connection in
            guard !(try connection.query(PostgresCatalogQueries.exists, [.text(name.schema), .text(name.name)]).isEmpty) else {
                throw ServiceError(.notFound, "table '\(table)' does not exist")
            }
            return try Self.sample(name, limit: limit, connection)
        }
    }

    // MARK: - Execution

    /// Runs `sql` in one read-only transaction: `BEGIN READ ONLY` with the statement timeout (one
    /// round trip), `EXPLAIN (FORMAT JSON)` when `estimateRows` is set, the describe-before-run
    /// check, the execution, `ROLLBACK`.
    public func execute(_ sql: String, limits: QueryLimits, estimateRows: Bool) async throws -> QueryRows {
        try await run { connection in
            try Self.readOnly(connection, timeoutMilliseconds: limits.timeoutMilliseconds) {
                guard !sql.allSatisfy(\.isWhitespace) else { throw PostgresError(sqlState: "42601", message: "the statement is empty") }
                // Before the statement is prepared: EXPLAIN also uses the unnamed statement.
                let estimate = estimateRows ? try Self.estimateRows(sql, connection, timeoutMilliseconds: limits.timeoutMilliseconds) : nil
                let started = ContinuousClock.now
                // Described before it runs: writes without RETURNING and commands such as COPY …
                // TO PROGRAM, DO, SET or LISTEN return no rows and never execute (a COPY would
                // also leave the connection in copy mode).
                guard !(try connection.prepare(sql)).isEmpty else {
                    throw ServiceError(
                        .unsafeQuery,
                        "only queries that return rows may run in the read-only transaction; this statement returns none "
                            + "(a write, or a command such as COPY, DO, SET or LISTEN) and was not run"
                    )
                }
                let result = try connection.streamPrepared(maxRows: limits.maxRows)
                let elapsed = ContinuousClock.now - started
                let rows = result.rows.map { row in
                    zip(row, result.columns).map { PostgresValue.json($0, oid: $1.typeOID) }
                }
                return QueryRows(
                    columns: result.columns.map(\.name),
                    rows: rows,
                    truncated: result.truncated,
                    executionTimeMs: elapsed.milliseconds,
                    estimatedRows: estimate
                )
            }
        }
    }

    // MARK: - Helpers

    /// Runs `body` in `BEGIN READ ONLY` with a statement timeout, always rolling back.
    static func readOnly<T>(_ connection: PostgresConnection, timeoutMilliseconds: Int, _ body: () throws -> T) throws -> T {
        // Also when the SET fails after the BEGIN (outside a transaction, ROLLBACK only warns).
        defer { if connection.isHealthy { try? connection.command("ROLLBACK") } }
        try connection.beginReadOnly(timeoutMilliseconds: timeoutMilliseconds)
        do {
            return try body()
        } catch let error as PostgresError where error.isCancellation {
            throw ServiceError(.timeout, "query ran longer than \(timeoutMilliseconds) ms and was cancelled", underlying: error)
        }
    }

    /// The planner's row estimate for `sql` from `EXPLAIN (FORMAT JSON)`, in the caller's
    /// read-only transaction; nil when there is none. A failed EXPLAIN (a statement it cannot
    /// explain, a timeout) aborts the transaction, so it is rolled back and a fresh one begun:
    /// the statement itself still runs. Throws only when that fails (the connection is gone).
    static func estimateRows(_ sql: String, _ connection: PostgresConnection, timeoutMilliseconds: Int) throws -> Int64? {
        let document: String?
        do {
            // One statement through the extended protocol, like every customer statement.
            document = try connection.query("EXPLAIN (FORMAT JSON) " + sql, []).first?.string("QUERY PLAN")
        } catch is PostgresError {
            try connection.command("ROLLBACK")
            try connection.beginReadOnly(timeoutMilliseconds: timeoutMilliseconds)
            return nil
        }
        guard let document, let plans = try? JSONDecoder().decode([ExplainedPlan].self, from: Data(document.utf8)),
            let rows = plans.first?.plan.rows, rows.isFinite, rows >= 0, rows < 9e18
        else { return nil }
        return Int64(rows)
    }

    /// The part of `EXPLAIN (FORMAT JSON)` output read: the top plan node's row estimate.
    private struct ExplainedPlan: Decodable {
        struct Node: Decodable {
            var rows: Double

            enum CodingKeys: String, CodingKey {
                case rows = "Plan Rows"
            }
        }

        var plan: Node

        enum CodingKeys: String, CodingKey {
            case plan = "Plan"
        }
    }

    func run<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        do {
            return try await pool.withConnection(body)
        } catch let error as PostgresError {
            if error.isConnectionFailure { throw ServiceError(.connectionFailed, error.message, underlying: error) }
            throw ServiceError(.databaseError, error.message, underlying: error)
        }
    }

    static func sample(_ name: PostgresTableName, limit: Int, _ connection: PostgresConnection) throws -> [[String: JSONValue]] {
        try readOnly(connection, timeoutMilliseconds: sampleTimeoutMilliseconds) {
            let result = try connection.stream("SELECT * FROM \(name.quoted) LIMIT \(max(0, limit))", maxRows: limit)
            return objects(columns: result.columns, rows: result.rows)
        }
    }

    /// The statement timeout of sample reads.
    static let sampleTimeoutMilliseconds = 10_000

    /// Rows in text form as column name → value, typed by column type OID.
    static func objects(columns: [PostgresConnection.Column], rows: [[String?]]) -> [[String: JSONValue]] {
        rows.map { row in
            var object: [String: JSONValue] = [:]
            for (value, column) in zip(row, columns) { object[column.name] = PostgresValue.json(value, oid: column.typeOID) }
            return object
        }
    }

    private static func kind(_ relkind: String?) -> TableKind {
        switch relkind {
        case "v": return .view
        case "m": return .materializedView
        case "f": return .foreignTable
        default: return .table
        }
    }

    static func schema(
        from description: PostgresCatalogQueries.Description,
        name: PostgresTableName,
        sourceId: String,
        sample: [[String: JSONValue]]
    ) -> TableSchema {
        let primaryKey = Set(description.constraints.first { $0.type == "p" }?.columns ?? [])
        var relationships: [Relationship] = []
        var uniques: [UniqueConstraint] = []
        for constraint in description.constraints {
            switch constraint.type {
            case "f":
                let target = PostgresTableName(schema: constraint.ref_schema ?? "public", name: constraint.ref_table ?? "")
                relationships.append(
                    Relationship(
                        name: constraint.name,
                        columns: constraint.columns ?? [],
                        referencesTable: target.canonical,
                        referencesColumns: constraint.ref_columns ?? []
                    )
                )
            case "u":
                uniques.append(UniqueConstraint(name: constraint.name, columns: constraint.columns ?? []))
            default:
                break
            }
        }
        let columns = description.columns.map { column -> ColumnSchema in
            let reference = relationships.first { $0.columns == [column.name] }.map {
                ForeignKeyReference(referencesTable: $0.referencesTable, referencesColumn: $0.referencesColumns.first ?? "")
            }
            return ColumnSchema(
                name: column.name,
                type: column.type,
                nullable: column.nullable,
                primaryKey: primaryKey.contains(column.name),
                defaultValue: column.default,
                foreignKey: reference,
                description: column.comment
            )
        }
        let indexes = description.indexes.map {
            IndexSchema(name: $0.name, columns: $0.columns ?? [], unique: $0.unique, primary: $0.primary, definition: $0.definition)
        }
        return TableSchema(
            sourceId: sourceId,
            tableName: name.canonical,
            schemaName: name.schema,
            kind: kind(description.kind),
            columns: columns,
            relationships: relationships,
            indexes: indexes,
            uniqueConstraints: uniques,
            description: description.comment,
            rowEstimate: description.row_estimate,
            sampleData: sample
        )
    }
}

extension PostgresDriver {
    /// A display form of `spec` without the password.
    public static func summary(_ spec: ConnectionSpec) -> String {
        PostgresConnectionParameters.summary(spec)
    }
}
