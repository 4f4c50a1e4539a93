import Foundation
import QuerentCore
import QuerentSQLite

/// The bundled sample database: the sales data of "Meridian Retail", a fictional online shop,
/// registered on first start so users can ask questions before connecting their own database.
///
/// Eight related tables (customers, staff with a reporting line, a product catalog with
/// suppliers and stock levels, orders with line items and payments from 2023-01-01 to
/// 2025-06-30), foreign-key indexes and an `order_totals` view. The rows come from a fixed
/// seed: every generation writes exactly the same data.
public enum SampleDatabase {
    /// The sample's tables, in creation order.
    public static let tableNames = [
        "categories", "suppliers", "employees", "customers", "products", "orders", "order_items", "payments",
    ]

    /// The relations the embedded `querent` trains on first start: every table and the view.
    public static let trainedTables = tableNames + ["order_totals"]

    /// Writes a fresh sample database at `path`, replacing any file already there.
    ///
    /// The database is built in `path + ".tmp"` and renamed into place, so `path` never holds
    /// a half-written file. Missing parent directories are created.
    /// - Returns: the tables written and their row counts.
    /// - Throws: ``QuerentSQLite/SQLiteError`` when SQLite fails, or a file-system error.
    public static func generate(at path: String) throws -> Summary {
        let fileManager = FileManager.default
        let temporaryPath = path + ".tmp"
        try fileManager.createDirectory(
            atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path,
            withIntermediateDirectories: true
        )
        try removeDatabaseFiles(at: temporaryPath)
        let summary: Summary
        do {
            var builder = SampleDataBuilder()
            summary = try write(builder.build(), to: temporaryPath)
        } catch {
            try? removeDatabaseFiles(at: temporaryPath)
            throw error
        }
        try removeDatabaseFiles(at: path)
        try fileManager.moveItem(atPath: temporaryPath, toPath: path)
        return summary
    }

    /// Generates the sample database at `path` unless a file is already there.
    /// - Returns: true when it generated the database, false when the file existed.
    /// - Throws: what ``generate(at:)`` throws.
    public static func ensure(at path: String) throws -> Bool {
        guard !FileManager.default.fileExists(atPath: path) else { return false }
        _ = try generate(at: path)
        return true
    }

    /// Creates the schema and inserts every row in one transaction, then counts the rows.
    private static func write(_ tables: [SampleTable], to path: String) throws -> Summary {
        let connection = try SQLiteConnection(path: path, mode: .readWriteCreate)
        defer { connection.close() }
        try connection.exec("PRAGMA foreign_keys = ON")
        try connection.exec("BEGIN")
        try connection.exec(schema)
        for table in tables {
            try connection.withStatement(table.insert) { statement in
                for row in table.rows {
                    try connection.bind(row, to: statement)
                    _ = try connection.step(statement)
                    connection.reset(statement)
                }
            }
        }
        try connection.exec("COMMIT")
        var rowCounts: [String: Int] = [:]
        for name in tableNames {
            let count = try connection.query("SELECT count(*) AS row_count FROM \(name)").first?.int("row_count")
            rowCounts[name] = count.map(Int.init) ?? 0
        }
        return Summary(tables: tableNames, rowCounts: rowCounts)
    }

    /// Deletes a database file and the journal files SQLite may have left beside it.
    private static func removeDatabaseFiles(at path: String) throws {
        let fileManager = FileManager.default
        for file in [path, path + "-journal", path + "-wal", path + "-shm"] where fileManager.fileExists(atPath: file) {
            try fileManager.removeItem(atPath: file)
        }
    }
}
