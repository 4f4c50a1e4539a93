import CLibpq
import Foundation
import QuerentCore
import QuerentIO

/// Owns one `PGconn*`: the only type that calls the libpq C API.
///
/// Every statement goes through `PQexecParams`/`PQsendQueryParams`/`PQprepare`, which refuse
/// more than one statement per call; the one exception, ``beginReadOnly(timeoutMilliseconds:)``,
/// sends fixed text. Calls block; callers run them on a ``QuerentCore/BlockingIO`` thread and
/// never share a connection between threads at once (a ``QuerentCore/ConnectionPool`` leases it).
public final class PostgresConnection {
    private var handle: OpaquePointer?
    /// Where the calls that wait for the server are counted (connecting is not counted).
    private let roundTrips: RoundTripCounter?

    /// Connects with libpq keyword/value pairs (`PQconnectdbParams`, `expand_dbname` on, so a
    /// `dbname` value may be a URL or a conninfo string; later pairs override earlier ones).
    /// - Parameter roundTrips: counts every later call that waits for the server.
    /// - Throws: ``PostgresError`` with libpq's reason.
    public init(parameters: [(String, String)], roundTrips: RoundTripCounter? = nil) throws {
        self.roundTrips = roundTrips
        let keys = parameters.map { strdup($0.0) } + [nil]
        let values = parameters.map { strdup($0.1) } + [nil]
        defer {
            for key in keys { free(key) }
            for value in values { free(value) }
        }
        let connection = keys.map { UnsafePointer($0) }.withUnsafeBufferPointer { keyBuffer in
            values.map { UnsafePointer($0) }.withUnsafeBufferPointer { valueBuffer in
                PQconnectdbParams(keyBuffer.baseAddress, valueBuffer.baseAddress, 1)
            }
        }
        guard let connection else { throw PostgresError(sqlState: nil, message: "out of memory") }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(connection))
            PQfinish(connection)
            throw PostgresError(sqlState: nil, message: message)
        }
        handle = connection
    }

    deinit { close() }

    /// Closes the connection; later calls throw.
    public func close() {
        if let handle { PQfinish(handle) }
        handle = nil
    }

    /// False once the server went away. An idle connection also reads, without waiting, what
    /// the server sent since its last use, so one closed by a server restart is seen before it
    /// is used (libpq's socket never blocks here).
    public var isHealthy: Bool {
        guard let handle, PQstatus(handle) == CONNECTION_OK else { return false }
        if PQtransactionStatus(handle) == PQTRANS_IDLE, PQconsumeInput(handle) == 0 { return false }
        return PQstatus(handle) == CONNECTION_OK
    }

    private func connection() throws -> OpaquePointer {
        guard let handle else { throw PostgresError(sqlState: "08003", message: "connection is closed") }
        return handle
    }

    // MARK: - Statements

    /// Runs a fixed, parameterless command such as `BEGIN READ ONLY` or `ROLLBACK`.
    public func command(_ sql: String) throws {
        _ = try query(sql, [])
    }

    /// Starts a read-only transaction whose statements time out after `timeoutMilliseconds`:
    /// `BEGIN READ ONLY; SET LOCAL statement_timeout = …` in one round trip.
    ///
    /// The only multi-statement call: a simple query (`PQexec`) whose text is fixed but for the
    /// integer. Customer SQL never goes this way. When it throws, the transaction may be open
    /// (the `SET` failed after the `BEGIN`): roll back.
    public func beginReadOnly(timeoutMilliseconds: Int) throws {
        let connection = try connection()
        let timeout = min(max(1, timeoutMilliseconds), Int(Int32.max))
        roundTrips?.increment()
        let result = PQexec(connection, "BEGIN READ ONLY; SET LOCAL statement_timeout = \(timeout)")
        defer { PQclear(result) }
        try check(result)
    }

    /// Runs one statement with `$n` parameters (sent as text, types inferred by the server) and
    /// returns every row in text form.
    public func query(_ sql: String, _ binds: [SQLBind]) throws -> [SQLRow] {
        let connection = try connection()
        let texts: [String?] = binds.map { bind in
            switch bind {
            case .null: return nil
            case .text(let text): return text
            case .int(let int): return String(int)
            case .bool(let bool): return bool ? "true" : "false"
            }
        }
        let cStrings = texts.map { $0.flatMap { strdup($0) } }
        defer { for string in cStrings { free(string) } }
        roundTrips?.increment()
        let result = cStrings.map { UnsafePointer($0) }.withUnsafeBufferPointer { buffer in
            PQexecParams(connection, sql, Int32(binds.count), nil, buffer.baseAddress, nil, nil, 0)
        }
        defer { PQclear(result) }
        try check(result)
        let fields = (0..<PQnfields(result)).map { String(cString: PQfname(result, $0)) }
        return (0..<PQntuples(result)).map { row in
            var values: [String: String?] = [:]
            for (index, name) in fields.enumerated() {
                values[name] = PQgetisnull(result, row, Int32(index)) == 1 ? nil : String(cString: PQgetvalue(result, row, Int32(index)))
            }
            return SQLRow(values: values)
        }
    }

    /// A result column: name and type OID.
    public struct Column: Sendable {
        public var name: String
        public var typeOID: UInt32
    }

    /// Streams the rows of one statement in single-row mode, stopping after `maxRows`.
    ///
    /// When more rows exist, the statement is cancelled on the server and `truncated` is true.
    /// Values are in text form (`nil` for NULL); ``PostgresValue`` types them.
    public func stream(_ sql: String, maxRows: Int) throws -> (columns: [Column], rows: [[String?]], truncated: Bool) {
        let connection = try connection()
        roundTrips?.increment()
        guard PQsendQueryParams(connection, sql, 0, nil, nil, nil, nil, 0) == 1 else {
            throw PostgresError(sqlState: nil, message: String(cString: PQerrorMessage(connection)))
        }
        return try collect(connection, maxRows: maxRows)
    }

    /// Parses `sql` as the unnamed prepared statement and returns the columns it would produce,
    /// without running it: none for a statement that returns no rows (COPY, DO, SET, LISTEN, DDL).
    /// One statement only, like every call here.
    public func prepare(_ sql: String) throws -> [Column] {
        let connection = try connection()
        roundTrips?.increment()
        let prepared = PQprepare(connection, "", sql, 0, nil)
        defer { PQclear(prepared) }
        try check(prepared)
        roundTrips?.increment()
        let description = PQdescribePrepared(connection, "")
        defer { PQclear(description) }
        try check(description)
        return (0..<PQnfields(description)).map { Column(name: String(cString: PQfname(description, $0)), typeOID: PQftype(description, $0)) }
    }

    /// Runs the statement of the last ``prepare(_:)`` like ``stream(_:maxRows:)``.
    public func streamPrepared(maxRows: Int) throws -> (columns: [Column], rows: [[String?]], truncated: Bool) {
        let connection = try connection()
        roundTrips?.increment()
        guard PQsendQueryPrepared(connection, "", 0, nil, nil, nil, 0) == 1 else {
            throw PostgresError(sqlState: nil, message: String(cString: PQerrorMessage(connection)))
        }
        return try collect(connection, maxRows: maxRows)
    }

    /// Runs `statements` (each one statement without parameters) as one libpq pipeline: sent
    /// together and answered in one round trip, in the caller's transaction. Returns each
    /// statement's columns and rows in text form, in order.
    /// - Throws: ``PostgresError`` of the first statement that failed; the statements after it
    ///   did not run (and an explicit transaction is aborted).
    public func pipeline(_ statements: [String]) throws -> [(columns: [Column], rows: [[String?]])] {
        let connection = try connection()
        guard PQenterPipelineMode(connection) == 1 else {
            throw PostgresError(sqlState: nil, message: String(cString: PQerrorMessage(connection)))
        }
        defer { PQexitPipelineMode(connection) }
        roundTrips?.increment()
        var sent = 0
        var failure: PostgresError?
        for sql in statements {
            guard PQsendQueryParams(connection, sql, 0, nil, nil, nil, nil, 0) == 1 else {
                failure = PostgresError(sqlState: nil, message: String(cString: PQerrorMessage(connection)))
                break
            }
            sent += 1
        }
        guard PQpipelineSync(connection) == 1 else {
            throw PostgresError(sqlState: nil, message: String(cString: PQerrorMessage(connection)))
        }
        var results: [(columns: [Column], rows: [[String?]])] = []
        for _ in 0..<sent {
            var columns: [Column] = []
            var rows: [[String?]] = []
            // Each statement's results end with a null result.
            while let result = PQgetResult(connection) {
                defer { PQclear(result) }
                switch PQresultStatus(result) {
                case PGRES_TUPLES_OK:
                    columns = (0..<PQnfields(result)).map { Column(name: String(cString: PQfname(result, $0)), typeOID: PQftype(result, $0)) }
                    rows = (0..<PQntuples(result)).map { row in
                        (0..<Int32(columns.count)).map { PQgetisnull(result, row, $0) == 1 ? nil : String(cString: PQgetvalue(result, row, $0)) }
                    }
                case PGRES_COMMAND_OK, PGRES_PIPELINE_ABORTED:
                    break
                default:
                    failure = failure ?? PostgresConnection.error(from: result, connection: connection)
                }
            }
            results.append((columns, rows))
        }
        // The sync's own result (none when the connection was lost).
        while let result = PQgetResult(connection) {
            let status = PQresultStatus(result)
            PQclear(result)
            if status == PGRES_PIPELINE_SYNC { break }
        }
        if let failure { throw failure }
        return results
    }

    /// Reads the results of the statement just sent, in single-row mode.
    private func collect(_ connection: OpaquePointer, maxRows: Int) throws -> (columns: [Column], rows: [[String?]], truncated: Bool) {
        PQsetSingleRowMode(connection)
        var columns: [Column] = []
        var rows: [[String?]] = []
        var truncated = false
        var failure: PostgresError?
        while let result = PQgetResult(connection) {
            defer { PQclear(result) }
            switch PQresultStatus(result) {
            case PGRES_SINGLE_TUPLE, PGRES_TUPLES_OK:
                if columns.isEmpty {
                    columns = (0..<PQnfields(result)).map { Column(name: String(cString: PQfname(result, $0)), typeOID: PQftype(result, $0)) }
                }
                for row in 0..<PQntuples(result) {
                    if rows.count >= maxRows {
                        if !truncated { cancel() }
                        truncated = true
                        break
                    }
                    rows.append(
                        (0..<Int32(columns.count)).map { PQgetisnull(result, row, $0) == 1 ? nil : String(cString: PQgetvalue(result, row, $0)) }
                    )
                }
            case PGRES_COMMAND_OK:
                break
            case PGRES_EMPTY_QUERY:
                // No error fields and an empty PQerrorMessage: name the problem ourselves.
                failure = failure ?? PostgresError(sqlState: "42601", message: "the statement is empty")
            default:
                let error = PostgresConnection.error(from: result, connection: connection)
                // The cancel we sent after the row cap surfaces as 57014; it is not a failure.
                if !(truncated && error.isCancellation) { failure = failure ?? error }
            }
        }
        if let failure { throw failure }
        return (columns, rows, truncated)
    }

    /// Asks the server to cancel the running statement.
    private func cancel() {
        guard let handle, let cancel = PQgetCancel(handle) else { return }
        defer { PQfreeCancel(cancel) }
        var buffer = [CChar](repeating: 0, count: 256)
        roundTrips?.increment()
        _ = PQcancel(cancel, &buffer, Int32(buffer.count))
    }

    private func check(_ result: OpaquePointer?) throws {
        let connection = try connection()
        guard let result else { throw PostgresError(sqlState: nil, message: String(cString: PQerrorMessage(connection))) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_SINGLE_TUPLE, PGRES_EMPTY_QUERY: return
        default: throw PostgresConnection.error(from: result, connection: connection)
        }
    }

    private static func error(from result: OpaquePointer, connection: OpaquePointer) -> PostgresError {
        let sqlState = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
        let message =
            PQresultErrorField(result, Int32(UInt8(ascii: "M"))).map { String(cString: $0) }
            ?? String(cString: PQerrorMessage(connection))
        return PostgresError(sqlState: sqlState, message: message)
    }
}

// A ConnectionPool hands each connection to one task at a time, and every call runs on a
// BlockingIO thread while that lease is held, so no two threads use a PGconn at once.
extension PostgresConnection: @unchecked Sendable {}

extension PostgresConnection: PooledConnection {}

extension PostgresConnection: SQLSession {}
