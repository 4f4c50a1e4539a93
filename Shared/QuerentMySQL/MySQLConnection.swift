import CMariaDB
import Foundation
import QuerentCore
import QuerentIO

/// Owns one `MYSQL*` of MariaDB Connector/C: the only type that calls its C API.
///
/// Connections never set `CLIENT_MULTI_STATEMENTS`, so the server runs one statement per
/// call, and never allow `LOAD DATA LOCAL`. Calls block; callers run them on a
/// ``QuerentCore/BlockingIO`` thread and never share a connection between threads at once
/// (a ``QuerentIO/ConnectionPool`` leases it).
public final class MySQLConnection {
    /// The rows of one statement, in the text protocol, typed by column.
    public struct Result: Sendable {
        public var columns: [String]
        public var rows: [[JSONValue]]
        /// More rows existed past the cap.
        public var truncated: Bool
    }

    private var handle: UnsafeMutablePointer<MYSQL>?
    private var broken = false
    private let roundTrips: RoundTripCounter?
    /// Whether the server is MariaDB (it names statement timeouts `max_statement_time`).
    public let isMariaDB: Bool
    /// The server's version text (`10.11.6-MariaDB-0+deb12u1`).
    public let serverVersion: String

    /// Connects with `parameters`.
    /// - Throws: ``MySQLError`` with the client library's reason.
    public init(parameters: MySQLConnectionParameters, roundTrips: RoundTripCounter? = nil) throws {
        self.roundTrips = roundTrips
        guard let handle = mysql_init(nil) else { throw MySQLError(code: 0, message: "out of memory") }
        var timeout = UInt32(max(1, parameters.connectTimeout))
        var off: UInt32 = 0
        var on: my_bool = 1
        mysql_options(handle, MYSQL_OPT_CONNECT_TIMEOUT, &timeout)
        mysql_options(handle, MYSQL_OPT_LOCAL_INFILE, &off)
        mysql_options(handle, MYSQL_SET_CHARSET_NAME, "utf8mb4")
        switch parameters.tls {
        case .disable, .prefer:
            break
        case .require:
            mysql_options(handle, MYSQL_OPT_SSL_ENFORCE, &on)
        case .verify:
            mysql_options(handle, MYSQL_OPT_SSL_ENFORCE, &on)
            mysql_options(handle, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &on)
        }
        if let ca = parameters.sslCA { mysql_options(handle, MYSQL_OPT_SSL_CA, ca) }
        let connected = mysql_real_connect(
            handle,
            parameters.host,
            parameters.user,
            parameters.password,
            parameters.database,
            UInt32(parameters.port),
            nil,
            0
        )
        guard connected != nil else {
            let error = MySQLError(handle)
            mysql_close(handle)
            throw error
        }
        self.handle = handle
        serverVersion = String(cString: mysql_get_server_info(handle))
        isMariaDB = serverVersion.localizedCaseInsensitiveContains("mariadb")
    }

    deinit { close() }

    /// Closes the connection; later calls throw.
    public func close() {
        if let handle { mysql_close(handle) }
        handle = nil
    }

    /// False once the server went away or a call failed at the transport level, or when the
    /// idle connection's socket has something to read: between statements the server only
    /// writes when it closes the connection (a restart, `wait_timeout`, `KILL`), so the pool
    /// drops it instead of lending it. Never blocks.
    public var isHealthy: Bool {
        guard let handle, !broken else { return false }
        var descriptor = pollfd(fd: Int32(mysql_get_socket(handle)), events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) == 0
    }

    /// Runs a statement that returns no rows.
    /// - Throws: ``MySQLError``.
    public func command(_ sql: String) throws {
        let handle = try connection()
        try send(sql, handle)
        if let result = mysql_store_result(handle) { mysql_free_result(result) }
    }

    /// Runs one statement and reads at most `maxRows` rows (`truncated` when more came).
    /// - Throws: ``MySQLError``.
    public func query(_ sql: String, maxRows: Int = .max) throws -> Result {
        let handle = try connection()
        try send(sql, handle)
        guard let result = mysql_use_result(handle) else {
            if mysql_field_count(handle) != 0 { throw fail(handle) }
            return Result(columns: [], rows: [], truncated: false)
        }
        defer { mysql_free_result(result) }
        let count = Int(mysql_num_fields(result))
        let fields = mysql_fetch_fields(result)!
        let columns = (0..<count).map { String(cString: fields[$0].name) }
        let types = (0..<count).map { Self.columnType(fields[$0]) }
        var rows: [[JSONValue]] = []
        var truncated = false
        while let row = mysql_fetch_row(result) {
            if rows.count >= maxRows {
                truncated = true
                break
            }
            let lengths = mysql_fetch_lengths(result)!
            rows.append(
                (0..<count).map { index in
                    guard let pointer = row[index] else { return .null }
                    let bytes = UnsafeRawBufferPointer(start: pointer, count: Int(lengths[index]))
                    return MySQLValue.json(bytes, type: types[index])
                }
            )
        }
        if !truncated, mysql_errno(handle) != 0 { throw fail(handle) }
        return Result(columns: columns, rows: rows, truncated: truncated)
    }

    /// Rows as dictionaries of column name to value (catalog queries).
    public func records(_ sql: String) throws -> [[String: JSONValue]] {
        let result = try query(sql)
        return result.rows.map { Dictionary(zip(result.columns, $0), uniquingKeysWith: { first, _ in first }) }
    }

    private func connection() throws -> UnsafeMutablePointer<MYSQL> {
        guard let handle, !broken else { throw MySQLError(code: UInt32(CR_SERVER_GONE_ERROR), message: "connection is closed") }
        return handle
    }

    private func send(_ sql: String, _ handle: UnsafeMutablePointer<MYSQL>) throws {
        roundTrips?.increment()
        let bytes = Array(sql.utf8)
        let status = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                mysql_real_query(handle, $0, UInt(buffer.count))
            }
        }
        if status != 0 { throw fail(handle) }
    }

    private func fail(_ handle: UnsafeMutablePointer<MYSQL>) -> MySQLError {
        let error = MySQLError(handle)
        if error.isConnectionLost { broken = true }
        return error
    }
}

// The pool hands a connection to one task at a time; it is never used concurrently.
extension MySQLConnection: @unchecked Sendable {}

extension MySQLConnection: PooledConnection {}

extension MySQLConnection {
    /// The JSON-relevant kind of a result column.
    static func columnType(_ field: MYSQL_FIELD) -> MySQLValue.ColumnType {
        switch field.type {
        case MYSQL_TYPE_TINY, MYSQL_TYPE_SHORT, MYSQL_TYPE_LONG, MYSQL_TYPE_INT24, MYSQL_TYPE_LONGLONG, MYSQL_TYPE_YEAR:
            return .integer
        case MYSQL_TYPE_FLOAT, MYSQL_TYPE_DOUBLE: return .float
        case MYSQL_TYPE_DECIMAL, MYSQL_TYPE_NEWDECIMAL: return .decimal
        case MYSQL_TYPE_BIT: return .bits
        case MYSQL_TYPE_DATETIME, MYSQL_TYPE_TIMESTAMP, MYSQL_TYPE_DATETIME2, MYSQL_TYPE_TIMESTAMP2: return .timestamp
        case MYSQL_TYPE_JSON: return .json
        case MYSQL_TYPE_TINY_BLOB, MYSQL_TYPE_MEDIUM_BLOB, MYSQL_TYPE_LONG_BLOB, MYSQL_TYPE_BLOB, MYSQL_TYPE_STRING, MYSQL_TYPE_VAR_STRING,
            MYSQL_TYPE_VARCHAR, MYSQL_TYPE_GEOMETRY:
            // Character set 63 is `binary`: bytes, not text.
            return field.charsetnr == 63 ? .binary : .text
        default: return .text
        }
    }
}

extension MySQLError {
    /// The last error of `handle`.
    init(_ handle: UnsafeMutablePointer<MYSQL>) {
        self.init(code: mysql_errno(handle), message: String(cString: mysql_error(handle)))
    }

    /// The client lost or could not reach the server (`CR_SERVER_GONE_ERROR`, `CR_SERVER_LOST`,
    /// connection errors).
    var isConnectionLost: Bool {
        [CR_SERVER_GONE_ERROR, CR_SERVER_LOST, CR_CONNECTION_ERROR, CR_CONN_HOST_ERROR, CR_UNKNOWN_HOST, CR_SERVER_LOST_EXTENDED]
            .map(UInt32.init).contains(code)
    }
}
