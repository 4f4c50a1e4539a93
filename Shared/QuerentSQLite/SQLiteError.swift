import QuerentCore

/// An error from libsqlite3, with its native result code.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    /// The SQLite result code (`SQLITE_CANTOPEN`, `SQLITE_ERROR`, …), extended where available.
    public var code: Int32
    /// `sqlite3_errmsg` at the time of the error.
    public var message: String

    public init(code: Int32, message: String) {
        self.code = code
        self.message = message
    }

    /// `SQLITE_CONSTRAINT` and its extended codes (unique, foreign key, …).
    public var isConstraintViolation: Bool { code & 0xFF == 19 }

    public var description: String { "SQLite error \(code): \(message)" }
}
