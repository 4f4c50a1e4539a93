import Foundation
import QuerentCore

extension SQLiteDriver {
    public func distinctValues(table: String, columns: [String], limit: Int) async throws -> [String: [String]] {
        var profile: [String: [String]] = [:]
        for column in columns {
            let sql = """
                SELECT DISTINCT CAST(\(SQLiteIdentifier.quote(column)) AS TEXT) AS value FROM \(SQLiteIdentifier.quote(table))
                WHERE \(SQLiteIdentifier.quote(column)) IS NOT NULL LIMIT \(max(0, limit) + 1)
                """
            let rows: QueryRows
            do {
                rows = try await execute(sql, limits: QueryLimits(timeoutMilliseconds: 5_000, maxRows: limit + 1))
            } catch let error as ServiceError where error.code == .timeout {
                continue
            }
            let values = rows.rows.compactMap { row -> String? in
                if case .string(let text)? = row.first { return text }
                return nil
            }
            if values.count <= limit { profile[column] = values.sorted() }
        }
        return profile
    }
}
