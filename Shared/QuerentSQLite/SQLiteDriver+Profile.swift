import Foundation
import QuerentCore

extension SQLiteDriver {
    public func distinctValues(table: String, columns: [String], limit: Int) async throws -> [String: [String]] {
        try await distinctValues(columns: columns, limit: limit) { column, rows in
            let name = SQLiteIdentifier.quote(column)
            return "SELECT DISTINCT CAST(\(name) AS TEXT) AS value FROM \(SQLiteIdentifier.quote(table)) WHERE \(name) IS NOT NULL LIMIT \(rows)"
        }
    }
}
