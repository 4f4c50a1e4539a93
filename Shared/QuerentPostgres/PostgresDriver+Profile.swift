import Foundation
import QuerentCore

extension PostgresDriver {
    public func distinctValues(table: String, column: String, limit: Int) async throws -> [String]? {
        let name = try PostgresTableName(parsing: table)
        let sql = """
            SELECT DISTINCT \(PostgresTableName.quote(column))::text AS value FROM \(name.quoted)
            WHERE \(PostgresTableName.quote(column)) IS NOT NULL LIMIT \(max(0, limit) + 1)
            """
        return try await run { connection in
            do {
                let values = try Self.readOnly(connection, timeoutMilliseconds: 5_000) {
                    try connection.stream(sql, maxRows: limit + 1).rows.compactMap { $0.first ?? nil }
                }
                return values.count > limit ? nil : values.sorted()
            } catch let error as ServiceError where error.code == .timeout {
                return nil
            }
        }
    }
}
