import Foundation

/// The outcome of running SQL: the product contract
/// `{success, data, row_count, execution_time_ms, generated_sql, table_used, error?}` plus
/// the column order and whether the row cap cut the result.
public struct QueryExecutionResult: Codable, Sendable, Hashable {
    public var success: Bool
    /// Rows as objects, column name to value.
    public var data: [[String: JSONValue]]
    public var columns: [String]
    public var rowCount: Int
    public var truncated: Bool
    public var executionTimeMs: Double
    public var generatedSQL: String
    public var tableUsed: [String]
    public var error: String?

    public init(
        success: Bool, data: [[String: JSONValue]], columns: [String], rowCount: Int, truncated: Bool, executionTimeMs: Double,
        generatedSQL: String, tableUsed: [String], error: String? = nil
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
