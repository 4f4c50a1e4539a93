import Foundation

/// A live, read-only connection to a customer's database.
///
/// Implementations are read-only by construction (read-only connection and transaction) and
/// send statements through an API that refuses more than one statement. Every call may be made
/// from any task; a driver holds a small pool of connections.
///
/// Errors: every requirement throws ``ServiceError`` `.connectionFailed` when the database
/// cannot be reached (Postgres), `.databaseError` when it answers with an error, and
/// `.unavailable` after ``close()``; messages never contain the connection's secrets. Table
/// names are canonical names as ``listTables()`` returns them (Postgres: a malformed one is `.badRequest`).
public protocol DatabaseDriver: Sendable {
    /// The database engine this driver speaks to; picks the SQL rules.
    var dialect: Dialect { get }

    /// Every table and view the connection can read, outside system schemas, by name; ``TableSummary/trained``
    /// is always false here (the catalog fills it in).
    func listTables() async throws -> [TableSummary]

    /// The full schema of one table: columns, keys, foreign keys, indexes, unique constraints,
    /// comments, row estimate and up to three sample rows (its ``TableSchema/valueProfile`` is nil).
    /// - Throws: ``ServiceError`` `.notFound` when the table does not exist.
    func introspect(table: String, sourceId: String) async throws -> TableSchema

    /// The schemas of `tables` as ``introspect(table:sourceId:)`` returns each, in input order, a repeated name once. A table
    /// that is missing or unreadable (catalog or sample rows) is left out: ``introspect(table:sourceId:)`` names the reason.
    func introspect(tables: [String], sourceId: String) async throws -> [TableSchema]

    /// Whether `table` (a canonical name as ``listTables()`` returns it) exists; false, not an
    /// error, for an unknown table.
    func tableExists(_ table: String) async throws -> Bool

    /// Up to `limit` rows of `table`, column name to value.
    /// - Throws: ``ServiceError`` `.notFound` when the table does not exist.
    func sampleRows(table: String, limit: Int) async throws -> [[String: JSONValue]]

    /// The distinct non-null values, as text, of each of `columns` in `table` that has at most
    /// `limit` of them; columns with more (or whose scan takes longer than a few seconds) are
    /// left out of the result.
    func distinctValues(table: String, columns: [String], limit: Int) async throws -> [String: [String]]

    /// Runs one read-only statement under `limits`.
    ///
    /// Guarantees: the statement runs read-only (read-only connection; on Postgres also a read-only
    /// transaction, always rolled back), as the only statement sent (a second one is refused); it is cancelled after
    /// ``QueryLimits/timeoutMilliseconds``; at most ``QueryLimits/maxRows`` rows come back, with
    /// ``QueryRows/truncated`` set when there were more. Callers still pass customer SQL through
    /// the safety gate first: the driver is the second line of defence.
    /// - Parameter estimateRows: also ask the planner how many rows the statement returns, in
    ///   the same transaction (``QueryRows/estimatedRows``). Drivers without a planner estimate
    ///   ignore it; a failed estimate leaves it nil and never fails the execution.
    /// - Throws: ``ServiceError`` `.unsafeQuery` when the statement would write, (Postgres) returns no
    ///   rows, or (SQLite) reads a table outside ``QueryLimits/allowedTables``; `.timeout` when it was
    ///   cancelled; `.databaseError` for any other database error; `.connectionFailed` when the
    ///   connection was lost.
    func execute(_ sql: String, limits: QueryLimits, estimateRows: Bool) async throws -> QueryRows

    /// Releases the connections. Later calls throw ``ServiceError`` `.unavailable`; closing twice is harmless.
    func close() async

    /// Round trips to the database since the driver was opened, for measurement: on Postgres
    /// every call that waited for the server, on SQLite every statement prepared and stepped.
    var roundTrips: Int { get }
}

extension DatabaseDriver {
    /// One ``introspect(table:sourceId:)`` per table, leaving out the missing and unreadable.
    public func introspect(tables: [String], sourceId: String) async throws -> [TableSchema] {
        var (seen, schemas) = (Set<String>(), [TableSchema]())
        for table in tables where seen.insert(table).inserted {
            do {
                schemas.append(try await introspect(table: table, sourceId: sourceId))
            } catch let error as ServiceError where [.notFound, .databaseError, .timeout].contains(error.code) {
                continue
            }
        }
        return schemas
    }

    /// ``distinctValues(table:columns:limit:)`` by one query per column: `statement(column, limit + 1)`
    /// must select the column's distinct non-null values as text. Each runs under a 5 s limit; a
    /// column with more than `limit` values, or whose query times out, is left out.
    public func distinctValues(
        columns: [String],
        limit: Int,
        statement: (_ column: String, _ rows: Int) -> String
    ) async throws -> [String: [String]] {
        var profile: [String: [String]] = [:]
        for column in columns {
            let rows: QueryRows
            do {
                rows = try await execute(statement(column, max(0, limit) + 1), limits: QueryLimits(timeoutMilliseconds: 5_000, maxRows: limit + 1))
            } catch let error as ServiceError where error.code == .timeout {
                continue
            }
            let values = rows.rows.compactMap { row -> String? in
                if case .string(let text)? = row.first { return text }
                return nil
            }
            if values.count <= limit { profile[column] = values.sorted() }
        }
        return profile
    }

    /// Runs one read-only statement under `limits`, without a row estimate.
    /// - Throws: ``ServiceError`` `.databaseError`, `.timeout` or `.unsafeQuery`.
    public func execute(_ sql: String, limits: QueryLimits) async throws -> QueryRows {
        try await execute(sql, limits: limits, estimateRows: false)
    }
}

/// Opens ``DatabaseDriver``s; the only place that knows which adapter serves which dialect.
public protocol DatabaseConnector: Sendable {
    /// Connects to a customer's database.
    /// - Throws: ``ServiceError`` `.connectionFailed` with the driver's reason and no secret in it,
    ///   or `.badRequest` when the connection details are malformed.
    func connect(dialect: Dialect, spec: ConnectionSpec) async throws -> any DatabaseDriver

    /// A display form of `spec` without secrets (`postgres://app@db:5432/shop`, a file path).
    func summary(dialect: Dialect, spec: ConnectionSpec) -> String
}

extension DatabaseConnector {
    /// Connects, runs `body`, and always closes the driver.
    public func withDriver<T: Sendable>(
        dialect: Dialect,
        spec: ConnectionSpec,
        _ body: (any DatabaseDriver) async throws -> T
    ) async throws -> T {
        let driver = try await connect(dialect: dialect, spec: spec)
        do {
            let value = try await body(driver)
            await driver.close()
            return value
        } catch {
            await driver.close()
            throw error
        }
    }
}
