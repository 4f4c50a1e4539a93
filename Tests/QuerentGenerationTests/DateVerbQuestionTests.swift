import Foundation
import QuerentApplication
import QuerentCore
import QuerentTesting
import Testing

/// A participle before a date ("shipped in 2024") names the date column the period filters,
/// even when the same word is a stored status value ("shipped").
@Suite struct DateVerbQuestionTests {
    @Test(arguments: [
        ("How many orders were shipped in 2024?", "SELECT count(*) FROM orders WHERE shipped_date >= '2024-01-01' AND shipped_date < '2025-01-01'"),
        (
            "How many orders shipped in March 2024 were delivered?",
            "SELECT count(*) FROM orders WHERE status = 'delivered' AND shipped_date >= '2024-03-01' AND shipped_date < '2024-04-01'"
        ),
    ])
    func aVerbBeforeADateFiltersItsColumn(question: String, gold: String) async throws {
        let harness = try await QueryHarness()
        let source = try await harness.registerSample()
        let answer = try await harness.pipeline.ask(question: question, sourceId: source, tenant: QueryHarness.tenant, logger: harness.logger)
        let result = try #require(answer.result)
        let expected = try await harness.direct(gold, sourceId: source)
        let rows = result.data.map { row in result.columns.map { row[$0] ?? .null } }
        #expect(
            ResultComparer.matches(predicted: rows, gold: expected.rows, ordered: false),
            "\(answer.generation.sql) — \(answer.generation.explanation)"
        )
        #expect(!answer.generation.sql.contains("'shipped'"), "\(answer.generation.sql)")
    }

    @Test func daysBetweenTwoEventsAreCompared() async throws {
        let harness = try await QueryHarness()
        let source = try await harness.registerSample()
        let answer = try await harness.pipeline.ask(
            question: "How many orders were shipped less than 2 days after they were ordered?",
            sourceId: source,
            tenant: QueryHarness.tenant,
            logger: harness.logger
        )
        let result = try #require(answer.result)
        let expected = try await harness.direct(
            "SELECT count(*) FROM orders WHERE julianday(shipped_date) - julianday(order_date) < 2",
            sourceId: source
        )
        let rows = result.data.map { row in result.columns.map { row[$0] ?? .null } }
        #expect(ResultComparer.matches(predicted: rows, gold: expected.rows, ordered: false), "\(answer.generation.sql)")
        #expect(answer.generation.sql.contains("julianday"), "\(answer.generation.sql)")
    }
}
