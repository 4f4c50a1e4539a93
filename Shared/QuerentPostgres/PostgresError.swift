import Foundation

/// An error from libpq or the server, keeping the native SQLSTATE.
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    /// The five-character SQLSTATE (`28P01` bad password, `42P01` undefined table, `57014` cancelled), when the server sent one.
    public var sqlState: String?
    /// The primary message (`PQresultErrorField(PG_DIAG_MESSAGE_PRIMARY)` or `PQerrorMessage`).
    public var message: String

    public init(sqlState: String?, message: String) {
        self.sqlState = sqlState
        self.message = message.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public var description: String {
        if let sqlState { return "Postgres error \(sqlState): \(message)" }
        return "Postgres error: \(message)"
    }

    /// `57014 query_canceled`: a statement timeout or a cancel request.
    public var isCancellation: Bool { sqlState == "57014" }
    /// `23505 unique_violation`.
    public var isUniqueViolation: Bool { sqlState == "23505" }
    /// Class 08 (connection exception) or no SQLSTATE at all (libpq-side failure).
    public var isConnectionFailure: Bool { sqlState == nil || sqlState?.hasPrefix("08") == true }
}
