import Foundation
import QuerentCore

extension PostgresDriver {
    /// One round trip for all columns: a JSON array of at most `limit + 1` distinct values each.
    public func distinctValues(table: String, columns: [String], limit: Int) async throws -> [String: [String]] {
        guard !columns.isEmpty else { return [:] }
        let name = try PostgresTableName(parsing: table)
        let selects = columns.enumerated().map { index, column in
            let quoted = PostgresTableName.quote(column)
            return
                "(SELECT json_agg(v) FROM (SELECT DISTINCT \(quoted)::text AS v FROM \(name.quoted) WHERE \(quoted) IS NOT NULL LIMIT \(max(0, limit) + 1)) s) AS c\(index)"
        }
        let sql = "SELECT " + selects.joined(separator: ", ")
        return try await run { connection in
            let row: [String?]
            do {
                row = try Self.readOnly(connection, timeoutMilliseconds: 5_000) { try connection.stream(sql, maxRows: 1).rows.first ?? [] }
            } catch let error as ServiceError where error.code == .timeout {
                return [:]
            }
            var profile: [String: [String]] = [:]
            for (index, column) in columns.enumerated() where index < row.count {
                guard let text = row[index], let values = try? JSONDecoder().decode([String].self, from: Data(text.utf8)),
                    values.count <= limit
                else { continue }
                profile[column] = values.sorted()
            }
            return profile
        }
    }
}
