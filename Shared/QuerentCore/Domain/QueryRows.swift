import Foundation

/// Limits applied to every statement Querent sends to a customer database.
public struct QueryLimits: Sendable, Hashable {
    /// Statement timeout in milliseconds.
    public var timeoutMilliseconds: Int
    /// At most this many rows are returned; ``QueryRows/truncated`` says when more existed.
    public var maxRows: Int
    /// When set, the statement may read only these tables (canonical names); drivers that can
    /// enforce it at execution time (SQLite's authorizer) refuse anything else.
    public var allowedTables: Set<String>?

    /// Limits; the defaults are the product's (30 s, 1000 rows, no table restriction).
    public init(timeoutMilliseconds: Int = 30_000, maxRows: Int = 1_000, allowedTables: Set<String>? = nil) {
        self.timeoutMilliseconds = timeoutMilliseconds
        self.maxRows = maxRows
        self.allowedTables = allowedTables
    }

    /// The product's safety limits: 30 s and 1000 rows.
    public static let standard = QueryLimits()
}

/// The rows a read-only statement produced, typed into JSON.
public struct QueryRows: Codable, Sendable, Hashable {
    /// The result columns, in select-list order (duplicates kept).
    public var columns: [String]
    /// The rows, each value paired with ``columns`` by position.
    public var rows: [[JSONValue]]
    /// True when the statement produced more than ``QueryLimits/maxRows`` rows.
    public var truncated: Bool
    /// Wall-clock time of the execution, in milliseconds.
    public var executionTimeMs: Double
    /// The planner's estimate of the rows the statement returns, when the execution asked for
    /// it and the driver can tell (Postgres); nil otherwise, or when the estimate failed.
    public var estimatedRows: Int64?

    /// The rows of one execution.
    public init(columns: [String], rows: [[JSONValue]], truncated: Bool, executionTimeMs: Double, estimatedRows: Int64? = nil) {
        self.columns = columns
        self.rows = rows
        self.truncated = truncated
        self.executionTimeMs = executionTimeMs
        self.estimatedRows = estimatedRows
    }

    /// Rows as objects keyed by column name (later duplicates of a name win).
    public var objects: [[String: JSONValue]] {
        rows.map { row in
            var object: [String: JSONValue] = [:]
            for (index, column) in columns.enumerated() where index < row.count { object[column] = row[index] }
            return object
        }
    }

    enum CodingKeys: String, CodingKey {
        case columns, rows, truncated
        case executionTimeMs = "execution_time_ms"
        case estimatedRows = "estimated_rows"
    }
}
