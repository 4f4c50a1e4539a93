import Foundation
import QuerentApplication
import QuerentCore
import QuerentTesting
import Testing

/// Customer-database round trips of the question path, counted by the driver
/// (``QuerentCore/DatabaseDriver/roundTrips``) on a kept connection.
@Suite struct RoundTripTests {
    /// One answer: BEGIN READ ONLY with the timeout (one round trip), EXPLAIN, prepare,
    /// describe, execute, ROLLBACK; the source row is read once per request, never the customer database.
    @Test func postgresAnswerAndSQLRunStayWithinSixRoundTrips() async throws {
        guard TestEnvironment.postgresEnabled else { return }
        try await withPostgresFixture { database in
            let harness = try await QueryHarness()
            let tenant = QueryHarness.tenant
            let source = try await harness.registerPostgres(url: database.url, tables: ["customers", "orders"])
            func roundTrips() async throws -> Int { try await harness.registry.withDriver(source, tenant: tenant) { $0.roundTrips } }
            let question = "How many customers are there?"
            // The first answer may open the connection; the counted one reuses it.
            _ = try await harness.pipeline.ask(question: question, sourceId: source, tenant: tenant, logger: harness.logger)

            let beforeAsk = try await roundTrips()
            let answer = try await harness.pipeline.ask(question: question, sourceId: source, tenant: tenant, logger: harness.logger)
            let asked = try await roundTrips() - beforeAsk
            #expect(answer.result?.success == true)
            #expect(answer.generation.estimatedRows != nil)
            #expect(asked <= 6, "a built-in answer took \(asked) round trips")

            let beforeRun = try await roundTrips()
            let run = try await harness.pipeline.runSQL(answer.generation.sql, sourceId: source, tenant: tenant)
            let ran = try await roundTrips() - beforeRun
            #expect(run.success)
            // No EXPLAIN: BEGIN with the timeout, prepare, describe, execute, ROLLBACK.
            #expect(ran <= 5, "a /sql run took \(ran) round trips")
        }
    }

    /// SQLite counts statements prepared (the read guard's own included), for comparison.
    @Test func sqliteRoundTripsAreCounted() async throws {
        let harness = try await QueryHarness()
        let tenant = QueryHarness.tenant
        let source = try await harness.registerSample(training: ["orders"])
        func roundTrips() async throws -> Int { try await harness.registry.withDriver(source, tenant: tenant) { $0.roundTrips } }
        let question = "How many orders were cancelled?"
        _ = try await harness.pipeline.ask(question: question, sourceId: source, tenant: tenant, logger: harness.logger)
        let beforeAsk = try await roundTrips()
        let answer = try await harness.pipeline.ask(question: question, sourceId: source, tenant: tenant, logger: harness.logger)
        let asked = try await roundTrips() - beforeAsk
        let beforeRun = try await roundTrips()
        _ = try await harness.pipeline.runSQL(answer.generation.sql, sourceId: source, tenant: tenant)
        let ran = try await roundTrips() - beforeRun
        #expect(asked > 0 && ran > 0)
    }
}
