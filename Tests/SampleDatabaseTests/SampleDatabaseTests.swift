import Foundation
import QuerentCore
import QuerentSQLite
import SampleDatabase
import Testing

@Suite struct SampleDatabaseTests {
    /// A fresh directory for one test's files.
    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sample-db-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Every row of every table and of the view, in a stable order.
    private func contents(of path: String) throws -> [[[String: String?]]] {
        let connection = try SQLiteConnection(path: path, mode: .readOnly)
        defer { connection.close() }
        return try (SampleDatabase.tableNames.map { "SELECT * FROM \($0) ORDER BY rowid" } + ["SELECT * FROM order_totals ORDER BY order_id"])
            .map { try connection.query($0).map(\.values) }
    }

    @Test func generationIsDeterministic() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = directory.appendingPathComponent("first.sqlite").path
        let second = directory.appendingPathComponent("nested/second.sqlite").path

        let firstSummary = try SampleDatabase.generate(at: first)
        let secondSummary = try SampleDatabase.generate(at: second)

        #expect(firstSummary == secondSummary)
        #expect(firstSummary.tables == SampleDatabase.tableNames)
        #expect((2_000...8_000).contains(firstSummary.totalRows))
        #expect(SampleDatabase.tableNames.allSatisfy { (firstSummary.rowCounts[$0] ?? 0) > 0 })
        #expect(try contents(of: first) == contents(of: second))
        #expect(!FileManager.default.fileExists(atPath: first + ".tmp"))
    }

    @Test func schemaIsRelationalAndConsistent() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("sample.sqlite").path
        _ = try SampleDatabase.generate(at: path)
        let connection = try SQLiteConnection(path: path, mode: .readOnly)
        defer { connection.close() }

        #expect(try connection.query("PRAGMA foreign_key_check").isEmpty)
        let compositeKey = try connection.query("SELECT name FROM pragma_table_info('order_items') WHERE pk > 0 ORDER BY pk")
        #expect(compositeKey.compactMap { $0.string("name") } == ["order_id", "product_id"])
        let selfReference = try connection.query(
            "SELECT \"from\" AS column_name FROM pragma_foreign_key_list('employees') WHERE \"table\" = 'employees' AND \"to\" = 'id'"
        )
        #expect(selfReference.compactMap { $0.string("column_name") } == ["manager_id"])
        #expect(try connection.query("SELECT count(*) AS n FROM employees WHERE manager_id IS NOT NULL").first?.int("n") ?? 0 > 0)
        #expect(try connection.query("SELECT name FROM sqlite_master WHERE type = 'view'").compactMap { $0.string("name") } == ["order_totals"])
        let priceTypes = try connection.query("SELECT DISTINCT typeof(unit_price) AS t FROM products")
        #expect(priceTypes.compactMap { $0.string("t") } == ["real"])
        let mismatchedPayments = try connection.query(
            "SELECT count(*) AS n FROM payments p JOIN order_totals t ON t.order_id = p.order_id WHERE p.amount <> t.total"
        )
        #expect(mismatchedPayments.first?.int("n") == 0)
        let dates = try connection.query("SELECT min(order_date) AS first, max(order_date) AS last FROM orders").first
        #expect(dates?.string("first").map { $0 >= "2023-01-01" } == true)
        #expect(dates?.string("last").map { $0 <= "2025-06-30" } == true)
    }

    @Test func ensureGeneratesOnlyWhenMissing() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("sample.sqlite").path

        #expect(try SampleDatabase.ensure(at: path))
        #expect(try !SampleDatabase.ensure(at: path))
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test func generateReplacesAnExistingFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("sample.sqlite").path
        try Data("not a database".utf8).write(to: URL(fileURLWithPath: path))

        let summary = try SampleDatabase.generate(at: path)

        #expect(try contents(of: path)[0].count == summary.rowCounts["categories"])
    }
}
