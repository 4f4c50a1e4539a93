import Foundation

/// An error from MariaDB Connector/C or the server, keeping the native error number.
public struct MySQLError: Error, Sendable, CustomStringConvertible {
    /// The server's or client library's error number (`1045` access denied, `1146` no such
    /// table, `1969`/`3024` statement timeout, `1792` write in a read-only transaction; `2xxx`
    /// are client-side).
    public var code: UInt32
    /// The message.
    public var message: String

    public init(code: UInt32, message: String) {
        self.code = code
        self.message = message.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public var description: String { "MySQL error \(code): \(message)" }

    /// A statement stopped by `max_statement_time` (MariaDB 1969) or `max_execution_time` (MySQL 3024),
    /// or killed (1317).
    public var isTimeout: Bool { [1969, 3024, 1317].contains(code) }
    /// A write refused by the read-only transaction (1792) or read-only server (1290, 1836).
    public var isReadOnlyViolation: Bool { [1792, 1290, 1836].contains(code) }
    /// The client could not reach the server or lost it (`CR_*`, 2000–2999), or the server refused the login (1044, 1045, 1049).
    public var isConnectionFailure: Bool { (2000..<3000).contains(code) || [1044, 1045, 1049, 1040, 1129, 1130].contains(code) }
    /// `ER_NO_SUCH_TABLE`.
    public var isMissingTable: Bool { code == 1146 }
}
