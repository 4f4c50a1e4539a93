import Foundation
import QuerentCore
import QuerentIO

/// The ``QuerentCore/DatabaseDriver`` for MySQL and MariaDB, over MariaDB Connector/C.
///
/// Read-only by construction: every session is `SET SESSION TRANSACTION READ ONLY`, and every
/// statement runs alone (no multi-statement flag) inside `START TRANSACTION READ ONLY` under
/// `max_statement_time` (MariaDB) or `max_execution_time` (MySQL), then is rolled back. The
/// session's `sql_mode` is pinned (``sessionSQLMode``) so the safety gate reads a statement as
/// the server does. Table names are the names of the connection's database, matched exactly.
public final class MySQLDriver: DatabaseDriver {
    public let dialect = Dialect.mysql
    /// `"…"` names identifiers, backslashes are ordinary characters in strings, `||` concatenates.
    public static let sessionSQLMode =
        "ANSI_QUOTES,NO_BACKSLASH_ESCAPES,PIPES_AS_CONCAT,STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION"

    private let pool: ConnectionPool<MySQLConnection>
    private let counter: RoundTripCounter
    let parameters: MySQLConnectionParameters

    /// Connects to the server `spec` names and checks the first connection.
    /// - Throws: ``QuerentCore/ServiceError`` `.connectionFailed` with the client's reason (never
    ///   the password), `.unprocessable` for malformed details.
    public static func connect(_ spec: ConnectionSpec, connectTimeout: Int = 5) async throws -> MySQLDriver {
        let driver = MySQLDriver(parameters: try MySQLConnectionParameters(spec, connectTimeout: connectTimeout))
        do {
            _ = try await driver.pool.withConnection { _ in true }
        } catch let error as MySQLError {
            await driver.close()
            throw ServiceError(
                .connectionFailed,
                "cannot connect to MySQL at \(driver.parameters.host):\(driver.parameters.port): \(error.message)",
                underlying: error
            )
        }
        return driver
    }

    /// A display form of `spec` without secrets.
    public static func summary(_ spec: ConnectionSpec) -> String {
        (try? MySQLConnectionParameters(spec))?.summary ?? "(unparsable MySQL connection)"
    }

    private init(parameters: MySQLConnectionParameters) {
        let counter = RoundTripCounter()
        self.counter = counter
        self.parameters = parameters
        pool = ConnectionPool(maxConnections: 2) {
            let connection = try MySQLConnection(parameters: parameters, roundTrips: counter)
            try connection.command("SET SESSION sql_mode = '\(MySQLDriver.sessionSQLMode)', time_zone = '+00:00'")
            try connection.command("SET SESSION TRANSACTION READ ONLY")
            return connection
        }
    }

    public func close() async {
        await pool.close()
    }

    public var roundTrips: Int { counter.value }

    // MARK: - Catalog

    public func listTables() async throws -> [TableSummary] {
        try await run { connection in
            try connection.records(
                """
                SELECT TABLE_NAME AS name, TABLE_TYPE AS type, TABLE_ROWS AS row_estimate FROM information_schema.TABLES
                WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME
                """
            ).compactMap { row -> TableSummary? in
                guard case .string(let name)? = row["name"] else { return nil }
                let kind: TableKind = row["type"] == .string("VIEW") ? .view : .table
                return TableSummary(name: name, schema: nil, kind: kind, rowEstimate: kind == .table ? row["row_estimate"]?.int64 : nil)
            }
            // The catalog sorts by its case-insensitive collation; names are exact: sort by code point.
            .sorted { $0.name.unicodeScalars.lexicographicallyPrecedes($1.name.unicodeScalars) }
        }
    }

    public func tableExists(_ table: String) async throws -> Bool {
        try await run { connection in try Self.kinds(of: [table], connection)[table] != nil }
    }

    public func introspect(table: String, sourceId: String) async throws -> TableSchema {
        guard let schema = try await introspect(tables: [table], sourceId: sourceId).first else {
            throw ServiceError(.notFound, "table '\(table)' does not exist")
        }
        return schema
    }

    public func sampleRows(table: String, limit: Int) async throws -> [[String: JSONValue]] {
        try await run { connection in
            guard try Self.kinds(of: [table], connection)[table] != nil else { throw ServiceError(.notFound, "table '\(table)' does not exist") }
            return try Self.sample(table, limit: limit, connection)
        }
    }

    // MARK: - Execution

    /// Runs one read-only statement under `limits` (see the type's guarantees). `estimateRows`
    /// is ignored: the planner's estimate is not read.
    public func execute(_ sql: String, limits: QueryLimits, estimateRows: Bool) async throws -> QueryRows {
        guard !sql.contains("\0") else { throw ServiceError(.badRequest, "SQL may not contain NUL characters") }
        return try await run { connection in
            let started = ContinuousClock.now
            try Self.setTimeout(limits.timeoutMilliseconds, connection)
            try connection.command("START TRANSACTION READ ONLY")
            defer { try? connection.command("ROLLBACK") }
            do {
                let result = try connection.query(sql, maxRows: limits.maxRows)
                return QueryRows(
                    columns: result.columns,
                    rows: result.rows,
                    truncated: result.truncated,
                    executionTimeMs: (ContinuousClock.now - started).milliseconds
                )
            } catch let error as MySQLError where error.isTimeout {
                throw ServiceError(.timeout, "query ran longer than \(limits.timeoutMilliseconds) ms and was cancelled", underlying: error)
            } catch let error as MySQLError where error.isReadOnlyViolation {
                throw ServiceError(.unsafeQuery, "only read-only statements may run: \(error.message)", underlying: error)
            }
        }
    }

    // MARK: - Helpers

    func run<T: Sendable>(_ body: @escaping @Sendable (MySQLConnection) throws -> T) async throws -> T {
        do {
            return try await pool.withConnection(body)
        } catch let error as MySQLError where error.isConnectionFailure {
            throw ServiceError(.connectionFailed, "MySQL connection failed: \(error.message)", underlying: error)
        } catch let error as MySQLError {
            throw ServiceError(.databaseError, error.message, underlying: error)
        }
    }

    /// Sets the session's statement time limit (`max_statement_time` in seconds on MariaDB,
    /// `max_execution_time` in milliseconds on MySQL) and pins ``sessionSQLMode`` again in the
    /// same round trip, so nothing a statement did to the session outlives it.
    static func setTimeout(_ milliseconds: Int, _ connection: MySQLConnection) throws {
        let milliseconds = max(1, milliseconds)
        let limit = connection.isMariaDB ? "max_statement_time = \(Double(milliseconds) / 1_000)" : "max_execution_time = \(milliseconds)"
        try connection.command("SET SESSION \(limit), sql_mode = '\(sessionSQLMode)'")
    }

    /// `name` as a backtick-quoted identifier.
    static func quote(_ name: String) -> String {
        "`" + name.replacingOccurrences(of: "`", with: "``") + "`"
    }

    /// `text` as a string literal (the session has `NO_BACKSLASH_ESCAPES`: only quotes double).
    static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// The kind of each of `tables` that exists in the connection's database.
    static func kinds(of tables: [String], _ connection: MySQLConnection) throws -> [String: TableKind] {
        guard !tables.isEmpty else { return [:] }
        let rows = try connection.records(
            "SELECT TABLE_NAME AS name, TABLE_TYPE AS type FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN ("
                + tables.map(literal).joined(separator: ", ") + ")"
        )
        var kinds: [String: TableKind] = [:]
        for row in rows {
            // information_schema compares names by the file system's rules: keep exact matches only.
            guard case .string(let name)? = row["name"], tables.contains(name) else { continue }
            kinds[name] = row["type"] == .string("VIEW") ? .view : .table
        }
        return kinds
    }

    static func sample(_ table: String, limit: Int, _ connection: MySQLConnection) throws -> [[String: JSONValue]] {
        let result = try connection.query("SELECT * FROM \(quote(table)) LIMIT \(max(0, limit))")
        return result.rows.map { Dictionary(zip(result.columns, $0), uniquingKeysWith: { first, _ in first }) }
    }
}

extension JSONValue {
    /// An integer, from a number or its text.
    var int64: Int64? {
        switch self {
        case .int(let value): return value
        case .double(let value): return Int64(exactly: value.rounded())
        case .string(let text): return Int64(text)
        default: return nil
        }
    }
}
