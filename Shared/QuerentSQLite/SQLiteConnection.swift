import CSQLite
import Foundation
import QuerentCore

/// Owns one `sqlite3*` handle: the only type that calls the libsqlite3 C API.
///
/// Calls block; callers run them on a ``QuerentCore/BlockingIO`` thread and never use one
/// connection from two threads at once (``SQLiteClient`` leases connections).
public final class SQLiteConnection {
    /// How to open the file.
    public enum Mode: Sendable {
        /// Read-only: every customer database is opened this way.
        case readOnly
        /// Read-write, creating the file when missing (metadata store, sample generator).
        case readWriteCreate
    }

    private var handle: OpaquePointer?
    public let path: String
    /// Where every statement prepared (``withStatement(_:allowTail:_:)``) or executed (``exec(_:)``) is counted.
    private let roundTrips: RoundTripCounter?

    /// Opens `path`.
    /// - Parameter roundTrips: counts every statement this connection prepares or executes.
    /// - Throws: ``SQLiteError`` when the file cannot be opened (missing file in read-only mode, not a database).
    public init(path: String, mode: Mode, roundTrips: RoundTripCounter? = nil) throws {
        self.path = path
        self.roundTrips = roundTrips
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI
        switch mode {
        case .readOnly: flags |= SQLITE_OPEN_READONLY
        case .readWriteCreate: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        }
        // A URI keeps a path with '?' or '#' from being read as URI syntax.
        let uri = "file:" + (path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path)
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(uri, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let db { sqlite3_close_v2(db) }
            throw SQLiteError(code: rc, message: message)
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, 5_000)
        if mode == .readOnly {
            // ATTACH counts as read-only for SQLite, but it would let a customer query read any
            // other database file the process can reach, and it persists on a pooled connection.
            sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0)
        }
        // Opening is lazy: read the schema now so "not a database" surfaces here.
        do {
            try withStatement("SELECT count(*) FROM sqlite_master") { statement in _ = try step(statement) }
        } catch {
            close()
            throw error
        }
    }

    deinit { close() }

    /// Closes the handle; later calls throw.
    public func close() {
        if let handle { sqlite3_close_v2(handle) }
        handle = nil
        deadlineBox?.release()
        deadlineBox = nil
        authorizerBox?.release()
        authorizerBox = nil
    }

    private func db() throws -> OpaquePointer {
        guard let handle else { throw SQLiteError(code: SQLITE_MISUSE, message: "connection is closed") }
        return handle
    }

    private func error(_ code: Int32) -> SQLiteError {
        SQLiteError(code: code, message: handle.map { String(cString: sqlite3_errmsg($0)) } ?? "connection is closed")
    }

    // MARK: - Statements

    /// A prepared statement, alive only inside ``withStatement(_:allowTail:_:)``.
    public struct Statement {
        fileprivate let pointer: OpaquePointer
        /// Whether the statement leaves the database unchanged (`sqlite3_stmt_readonly`).
        public var isReadOnly: Bool { sqlite3_stmt_readonly(pointer) != 0 }
        public var columnCount: Int { Int(sqlite3_column_count(pointer)) }
        public func columnName(_ index: Int) -> String { String(cString: sqlite3_column_name(pointer, Int32(index))) }
        /// The declared type of a result column, when it comes straight from a table column.
        public func declaredType(_ index: Int) -> String? { sqlite3_column_decltype(pointer, Int32(index)).map { String(cString: $0) } }
    }

    /// Prepares `sql` and runs `body` with the statement, finalizing it afterwards.
    ///
    /// - Parameter allowTail: when false (the default), text after the first statement other
    ///   than whitespace, comments and semicolons is an error: one call runs one statement.
    public func withStatement<T>(_ sql: String, allowTail: Bool = false, _ body: (Statement) throws -> T) throws -> T {
        let db = try db()
        var pointer: OpaquePointer?
        var tailOffset = 0
        roundTrips?.increment()
        let rc = sql.withCString { start -> Int32 in
            var tail: UnsafePointer<CChar>?
            let rc = sqlite3_prepare_v2(db, start, -1, &pointer, &tail)
            if let tail { tailOffset = start.distance(to: tail) }
            return rc
        }
        guard rc == SQLITE_OK else { throw error(rc) }
        guard let pointer else { throw SQLiteError(code: SQLITE_MISUSE, message: "empty statement") }
        defer { sqlite3_finalize(pointer) }
        if !allowTail {
            let tail = Array(sql.utf8.dropFirst(tailOffset))
            if !SQLiteConnection.isInert(tail) {
                throw SQLiteError(code: SQLITE_MISUSE, message: "only one statement is allowed")
            }
        }
        return try body(Statement(pointer: pointer))
    }

    /// Binds `values` to `$1`, `$2`, … (or `?1`, `?2`) by name.
    public func bind(_ values: [SQLBind], to statement: Statement) throws {
        for (offset, value) in values.enumerated() {
            var index = sqlite3_bind_parameter_index(statement.pointer, "$\(offset + 1)")
            if index == 0 { index = Int32(offset + 1) }
            let rc: Int32
            switch value {
            case .null: rc = sqlite3_bind_null(statement.pointer, index)
            case .int(let int): rc = sqlite3_bind_int64(statement.pointer, index, int)
            case .bool(let bool): rc = sqlite3_bind_int64(statement.pointer, index, bool ? 1 : 0)
            case .text(let text): rc = sqlite3_bind_text(statement.pointer, index, text, -1, SQLiteConnection.transient)
            }
            guard rc == SQLITE_OK else { throw error(rc) }
        }
    }

    /// Advances the statement; true while a row is available.
    public func step(_ statement: Statement) throws -> Bool {
        let rc = sqlite3_step(statement.pointer)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw error(rc)
        }
    }

    /// Rewinds the statement and clears its bindings so it can run again with new values
    /// (one prepared `INSERT` for many rows).
    public func reset(_ statement: Statement) {
        sqlite3_reset(statement.pointer)
        sqlite3_clear_bindings(statement.pointer)
    }

    /// The value of a column of the current row, typed into JSON: integers and reals as numbers,
    /// text as strings, blobs as base64, NULL as null.
    public func value(_ statement: Statement, column: Int) -> JSONValue {
        let index = Int32(column)
        switch sqlite3_column_type(statement.pointer, index) {
        case SQLITE_INTEGER: return .int(sqlite3_column_int64(statement.pointer, index))
        case SQLITE_FLOAT: return .double(sqlite3_column_double(statement.pointer, index))
        case SQLITE_TEXT: return .string(text(statement, column: column) ?? "")
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(statement.pointer, index))
            guard count > 0, let bytes = sqlite3_column_blob(statement.pointer, index) else { return .string("") }
            return .string(Data(bytes: bytes, count: count).base64EncodedString())
        default: return .null
        }
    }

    /// The text form of a column of the current row, or nil for NULL.
    public func text(_ statement: Statement, column: Int) -> String? {
        let index = Int32(column)
        guard sqlite3_column_type(statement.pointer, index) != SQLITE_NULL, let text = sqlite3_column_text(statement.pointer, index) else {
            return nil
        }
        let count = Int(sqlite3_column_bytes(statement.pointer, index))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    /// Runs `sql` with `binds` and returns every row in text form.
    public func query(_ sql: String, _ binds: [SQLBind] = []) throws -> [SQLRow] {
        try withStatement(sql) { statement in
            try bind(binds, to: statement)
            let names = (0..<statement.columnCount).map(statement.columnName)
            var rows: [SQLRow] = []
            while try step(statement) {
                var values: [String: String?] = [:]
                for (index, name) in names.enumerated() { values[name] = text(statement, column: index) }
                rows.append(SQLRow(values: values))
            }
            return rows
        }
    }

    /// Runs one or more statements with no results (`BEGIN`, DDL, pragmas).
    public func exec(_ sql: String) throws {
        let db = try db()
        var message: UnsafeMutablePointer<CChar>?
        roundTrips?.increment()
        let rc = sqlite3_exec(db, sql, nil, nil, &message)
        if rc != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? "error \(rc)"
            sqlite3_free(message)
            throw SQLiteError(code: rc, message: text)
        }
    }

    // MARK: - Limits

    /// Interrupts any statement that runs past `deadline` (checked every 10,000 VM steps).
    public func setDeadline(_ deadline: ContinuousClock.Instant?) throws {
        let db = try db()
        guard let deadline else {
            sqlite3_progress_handler(db, 0, nil, nil)
            return
        }
        let box = Unmanaged.passRetained(DeadlineBox(deadline))
        deadlineBox?.release()
        deadlineBox = box
        sqlite3_progress_handler(
            db,
            10_000,
            { context in
                guard let context else { return 0 }
                let box = Unmanaged<DeadlineBox>.fromOpaque(context).takeUnretainedValue()
                return ContinuousClock.now >= box.deadline ? 1 : 0
            },
            box.toOpaque()
        )
    }

    private var deadlineBox: Unmanaged<DeadlineBox>?

    private final class DeadlineBox {
        let deadline: ContinuousClock.Instant
        init(_ deadline: ContinuousClock.Instant) { self.deadline = deadline }
    }

    /// Whether the last error was an interrupt from ``setDeadline(_:)``.
    public static func isInterrupt(_ error: SQLiteError) -> Bool { error.code & 0xFF == SQLITE_INTERRUPT }

    // MARK: - Authorizer

    /// Something SQLite asks permission for while it compiles a statement (`sqlite3_set_authorizer`).
    public enum Access: Sendable, Hashable {
        /// The statement, or a sub-select, is a SELECT.
        case select
        /// Reading a column of a table. `column` is empty when the table is read without naming a
        /// column (`count(*)`); `database` is `main`, `temp`, an attached name, or nil; `view` is
        /// the innermost view (or common table expression) whose expansion does the read.
        case read(table: String, column: String, database: String?, view: String?)
        /// Calling a SQL function.
        case function(name: String)
        /// A recursive common table expression.
        case recursive
        /// INSERT, UPDATE or DELETE (`kind`) on `table`. SQLite also asks for an UPDATE of
        /// `sqlite_master` when a statement first uses an eponymous virtual table (`json_each`, `dbstat`).
        case modify(kind: String, table: String)
        /// Anything else: schema changes, PRAGMA, ATTACH, transactions; the text names it.
        case other(String)
    }

    /// Installs `decide` as the authorizer for every statement prepared from now on, or removes
    /// it (`nil`). `decide` returns nil to allow an access or a reason to deny it; a denied
    /// statement fails to prepare with `SQLITE_AUTH`, and ``authorizerDenial`` holds the reason.
    public func setAuthorizer(_ decide: ((Access) -> String?)?) throws {
        let db = try db()
        authorizerBox?.release()
        authorizerBox = nil
        guard let decide else {
            sqlite3_set_authorizer(db, nil, nil)
            return
        }
        let box = Unmanaged.passRetained(AuthorizerBox(decide))
        authorizerBox = box
        sqlite3_set_authorizer(
            db,
            { context, code, first, second, database, view in
                guard let context else { return SQLITE_DENY }
                let box = Unmanaged<AuthorizerBox>.fromOpaque(context).takeUnretainedValue()
                let access = SQLiteConnection.access(
                    code,
                    first.map { String(cString: $0) },
                    second.map { String(cString: $0) },
                    database.map { String(cString: $0) },
                    view.map { String(cString: $0) }
                )
                guard let reason = box.decide(access) else { return SQLITE_OK }
                if box.denial == nil { box.denial = reason }
                return SQLITE_DENY
            },
            box.toOpaque()
        )
    }

    /// The reason the current authorizer gave for its first denial, if it denied anything.
    public var authorizerDenial: String? { authorizerBox?.takeUnretainedValue().denial }

    private var authorizerBox: Unmanaged<AuthorizerBox>?

    private final class AuthorizerBox {
        let decide: (Access) -> String?
        var denial: String?
        init(_ decide: @escaping (Access) -> String?) { self.decide = decide }
    }

    private static func access(_ code: Int32, _ first: String?, _ second: String?, _ database: String?, _ view: String?) -> Access {
        switch code {
        case SQLITE_SELECT: return .select
        case SQLITE_READ: return .read(table: first ?? "", column: second ?? "", database: database, view: view)
        case SQLITE_FUNCTION: return .function(name: second ?? "")
        case SQLITE_RECURSIVE: return .recursive
        case SQLITE_INSERT: return .modify(kind: "INSERT", table: first ?? "")
        case SQLITE_UPDATE: return .modify(kind: "UPDATE", table: first ?? "")
        case SQLITE_DELETE: return .modify(kind: "DELETE", table: first ?? "")
        case SQLITE_PRAGMA: return .other("PRAGMA \(first ?? "")")
        case SQLITE_ATTACH: return .other("ATTACH")
        case SQLITE_DETACH: return .other("DETACH")
        case SQLITE_TRANSACTION, SQLITE_SAVEPOINT: return .other("transaction control")
        case SQLITE_ANALYZE: return .other("ANALYZE")
        case SQLITE_REINDEX: return .other("REINDEX")
        case SQLITE_ALTER_TABLE: return .other("ALTER TABLE")
        default: return .other("schema change (action \(code))")
        }
    }

    // MARK: - Helpers

    /// `SQLITE_TRANSIENT`: SQLite copies bound text before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Whether `bytes` hold only whitespace, `--`/`/* */` comments and semicolons.
    static func isInert(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ";") || byte == 0x20 || (0x09...0x0D).contains(byte) {
                index += 1
            } else if byte == UInt8(ascii: "-"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "-") {
                while index < bytes.count, bytes[index] != 0x0A { index += 1 }
            } else if byte == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*") {
                index += 2
                while index + 1 < bytes.count, !(bytes[index] == UInt8(ascii: "*") && bytes[index + 1] == UInt8(ascii: "/")) { index += 1 }
                index += 2
            } else {
                return false
            }
        }
        return true
    }
}
