import Foundation
import Logging
import QuerentCore
import QuerentSafety

/// Runs SQL the safety gate validated on a source, under the query limits: the one place
/// generated answers, hand-written SQL and taught examples are executed.
///
/// Each execution is audited: one `querent.audit` log line (notice) with the tenant, the
/// source, the SQL as run, its outcome, rows and time. No connection detail is in it.
struct SQLRunner: Sendable {
    /// Timeout and row cap of every execution.
    let limits: QueryLimits

    /// The audit trail of executed SQL (`querent.audit`).
    var audit = Logger(label: "querent.audit")

    /// An execution's result and the planner's row estimate, when asked for and known.
    struct Run {
        var execution: QueryExecutionResult
        var estimatedRows: Int64?
    }

    /// Executes validated SQL, limited to one row more than the cap (so truncation shows), in one
    /// driver call that also returns the planner's row estimate when `estimateRows` is set and the
    /// driver has one. Database errors and timeouts become a failed result, not a thrown error.
    func run(_ validated: ValidatedSQL, allowed: Set<String>, session: SourceSession, estimateRows: Bool) async throws -> Run {
        var limits = self.limits
        limits.allowedTables = allowed
        let sql = validated.limited(limits.maxRows + 1)
        let run = try await session.withDriver { driver in
            do {
                let rows = try await driver.execute(sql, limits: limits, estimateRows: estimateRows)
                return Run(
                    execution: QueryExecutionResult(
                        success: true,
                        data: rows.objects,
                        columns: rows.columns,
                        rowCount: rows.rows.count,
                        truncated: rows.truncated,
                        executionTimeMs: rows.executionTimeMs,
                        generatedSQL: validated.sql,
                        tableUsed: validated.tables
                    ),
                    estimatedRows: rows.estimatedRows
                )
            } catch let error as ServiceError where [.databaseError, .timeout, .unsafeQuery].contains(error.code) {
                return Run(execution: .failure(validated.sql, tables: validated.tables, error: error.message), estimatedRows: nil)
            }
        }
        audit.notice(
            "sql executed",
            metadata: [
                "tenant.user": .string(session.tenant.userId),
                "tenant.agent": .string(session.tenant.agentId),
                "source.id": .string(session.id),
                "db.statement": .string(sql),
                "outcome": .string(run.execution.success ? "ok" : "failed"),
                "rows": .stringConvertible(run.execution.rowCount),
                "duration_ms": .stringConvertible(run.execution.executionTimeMs),
            ]
        )
        return run
    }

    /// Checks `sql` through the gate (trained tables only) and runs it once.
    /// - Throws: `.unsafeQuery` (422) when the gate refuses it; `.databaseError` or `.timeout`
    ///   when the database fails it.
    func verify(_ sql: String, allowed: Set<String>, session: SourceSession) async throws -> QueryExecutionResult {
        let validated = try SQLSafety.validate(sql, dialect: session.dialect, allowedTables: allowed)
        let execution = try await run(validated, allowed: allowed, session: session, estimateRows: false).execution
        guard execution.success else {
            throw ServiceError(.databaseError, "the SQL failed on the database: \(execution.error ?? "unknown error")")
        }
        return execution
    }
}

extension QueryExecutionResult {
    /// A result that did not run: `error` says why.
    static func failure(_ sql: String, tables: [String], error: String) -> QueryExecutionResult {
        QueryExecutionResult(
            success: false,
            data: [],
            columns: [],
            rowCount: 0,
            truncated: false,
            executionTimeMs: 0,
            generatedSQL: sql,
            tableUsed: tables,
            error: error
        )
    }
}
