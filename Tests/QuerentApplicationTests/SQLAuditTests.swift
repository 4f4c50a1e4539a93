import Foundation
import Logging
import QuerentCore
import QuerentSafety
import QuerentTesting
import Testing

@testable import QuerentApplication

/// Every execution leaves one audit line: who (user and agent), which source, which SQL, how it
/// went; never a connection detail.
@Suite struct SQLAuditTests {
    @Test func everyExecutionIsAuditedWithoutConnectionDetails() async throws {
        let harness = try await QueryHarness()
        let source = try await harness.registerSample(training: ["orders"])
        let session = try await harness.registry.open(source, tenant: QueryHarness.tenant)
        let capture = LogCapture()
        var runner = SQLRunner(limits: .standard)
        runner.audit = capture.logger(label: "querent.audit")

        let good = try SQLSafety.validate("SELECT count(*) FROM orders", dialect: session.dialect, allowedTables: ["orders"])
        _ = try await runner.run(good, allowed: ["orders"], session: session, estimateRows: false)
        let bad = try SQLSafety.validate("SELECT nonexistent_column FROM orders", dialect: session.dialect, allowedTables: ["orders"])
        _ = try await runner.run(bad, allowed: ["orders"], session: session, estimateRows: false)

        let lines = capture.entries.filter { $0.message == "sql executed" }
        #expect(lines.count == 2)
        #expect(lines.map { $0.metadata["outcome"] } == ["ok", "failed"])
        for line in lines {
            #expect(line.metadata["tenant.user"] == QueryHarness.tenant.userId)
            #expect(line.metadata["tenant.agent"] == QueryHarness.tenant.agentId)
            #expect(line.metadata["source.id"] == source)
            #expect(line.metadata["db.statement"]?.contains("FROM orders") == true)
        }
        #expect(lines.first?.metadata["rows"] == "1")
        // The source's connection (a file path for SQLite) appears nowhere in the trail.
        let connection = try await harness.registry.get(source, tenant: QueryHarness.tenant).connectionSummary
        #expect(!connection.isEmpty)
        #expect(lines.allSatisfy { line in line.metadata.values.allSatisfy { !$0.contains(connection) } })
    }
}
