import Foundation
import QuerentApplication
import QuerentCore
import QuerentTesting
import Testing

/// A participle before a date ("shipped in 2024") names the date column the period filters,
/// even when the same word is a stored status value ("shipped"); two participles around "N days
/// after" compare the days between their columns.
@Suite struct DateVerbQuestionTests {
    @Test(arguments: [
        ("How many orders were shipped in 2024?", "SELECT count(*) FROM orders WHERE shipped_date >= '2024-01-01' AND shipped_date < '2025-01-01'"),
        (
            "How many orders shipped in March 2024 were delivered?",
            "SELECT count(*) FROM orders WHERE status = 'delivered' AND shipped_date >= '2024-03-01' AND shipped_date < '2024-04-01'"
        ),
        (
            "How many orders were shipped less than 2 days after they were ordered?",
            "SELECT count(*) FROM orders WHERE julianday(shipped_date) - julianday(order_date) < 2"
        ),
    ])
    func aVerbNamesItsDateColumn(question: String, gold: String) async throws {
        let harness = try await QueryHarness()
        let (answer, matches) = try await harness.check(question, against: gold, sourceId: try await harness.registerSample())
        #expect(matches, "\(answer.generation.sql) — \(answer.generation.explanation)")
        #expect(!answer.generation.sql.contains("'shipped'"), "\(answer.generation.sql)")
    }
}
