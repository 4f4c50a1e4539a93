import Foundation
import QuerentApplication
import QuerentCore
import QuerentTesting
import Testing

/// The safety gate's MySQL corpus (`MySQLCorpus.swift`, shared with QuerentSafetyTests) on a
/// real MariaDB server, through the path hand-written SQL takes (`POST …/sql`: the gate, then
/// the read-only driver): every hostile statement is refused and the database's fingerprint
/// (objects and every row) is the same afterwards; every legitimate statement runs.
@Suite(.enabled(if: TestEnvironment.mysqlEnabled))
struct MySQLHostileCorpusTests {
    @Test func hostileStatementsChangeNothingAndLegitimateOnesRun() async throws {
        #expect(MySQLCorpus.hostileSQL.count >= 120)
        try await MySQLScratchDatabase.with(prefix: "hostile", MySQLCorpus.fixture) { database in
            var limits = QueryLimits.standard
            limits.timeoutMilliseconds = 2_000
            let harness = try await QueryHarness(limits: limits)
            let tenant = QueryHarness.tenant
            let source = try await harness.register(.mysql, url: database.url, tables: MySQLCorpus.trainedTables.sorted())

            let before = try await database.fingerprint()
            var ran: [String] = []
            for sql in MySQLCorpus.hostileSQL {
                do {
                    let result = try await harness.pipeline.runSQL(sql, sourceId: source, tenant: tenant)
                    if result.success { ran.append(sql) }
                } catch let error as ServiceError where error.code == .badRequest {
                    continue  // refused before the gate (a NUL character)
                }
            }
            #expect(ran.isEmpty, "hostile statements that ran: \(ran)")
            #expect(try await database.fingerprint() == before, "the database changed")

            var failed: [String] = []
            for sql in MySQLCorpus.legitimateSQL {
                let result = try await harness.pipeline.runSQL(sql, sourceId: source, tenant: tenant)
                if !result.success { failed.append("\(sql) → \(result.error ?? "")") }
            }
            #expect(failed.isEmpty, "legitimate statements that failed on MariaDB: \(failed)")
            #expect(try await database.fingerprint() == before)
        }
    }
}
