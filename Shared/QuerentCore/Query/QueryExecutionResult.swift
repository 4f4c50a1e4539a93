import Foundation

/// The outcome of running SQL: the product contract
/// `{success, data, row_count, execution_time_ms, generated_sql, table_used, error?}` plus
/// the column order and whether the row cap cut the result.
public struct QueryExecutionResult: Codable, Sendable, Hashable {
    /// True when the SQL ran; false when it was refused or the database failed (see ``error``).
    public var success: Bool
    /// Rows as objects, column name to value.
    public var data: [[String: JSONValue]]
    /// The result columns, in select-list order.
    public var columns: [String]
    /// The number of rows returned (at most the row cap).
    public var rowCount: Int
    /// True when the statement produced more rows than the cap (``QueryLimits/maxRows``); the rest were dropped.
    public var truncated: Bool
    /// Wall-clock time of the execution, in milliseconds.
    public var executionTimeMs: Double
    /// The SQL as checked and run (before the row-cap rewrite).
    public var generatedSQL: String
    /// The tables the SQL reads, as the safety gate resolved them.
    public var tableUsed: [String]
    /// Why the SQL did not run or failed, safe to show a client; nil on success.
    public var error: String?

    /// A result with every contract field.
    public init(
        success: Bool,
        data: [[String: JSONValue]],
        columns: [String],
        rowCount: Int,
        truncated: Bool,
        executionTimeMs: Double,
        generatedSQL: String,
        tableUsed: [String],
        error: String? = nil
    ) {
        self.success = success
        self.data = data
        self.columns = columns
        self.rowCount = rowCount
        self.truncated = truncated
        self.executionTimeMs = executionTimeMs
        self.generatedSQL = generatedSQL
        self.tableUsed = tableUsed
        self.error = error
    }

    enum CodingKeys: String, CodingKey {
        case success, data, columns
        case rowCount = "row_count"
        case truncated
        case executionTimeMs = "execution_time_ms"
        case generatedSQL = "generated_sql"
        case tableUsed = "table_used"
        case error
    }
}
