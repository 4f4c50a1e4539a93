import Foundation
import Logging

/// The question-answering path: retrieve the relevant trained tables, generate SQL, pass it
/// through the safety gate, run it under the limits, record it in the history.
///
/// A generator that can take feedback (the LLM) gets the gate's or the database's error back
/// for up to two corrections.
public struct QueryPipeline: Sendable {
    let registry: SourceRegistry
    let retriever: SchemaRetriever
    let contexts: SchemaContextCache
    let generators: [String: any SQLGenerator]
    /// The generator used when a request names none.
    public let defaultGenerator: String
    /// Timeout and row cap of every execution.
    public let limits: QueryLimits
    /// Corrections a feedback-taking generator gets after a failed attempt.
    let maxCorrections = 2

    public init(
        registry: SourceRegistry, retriever: SchemaRetriever, contexts: SchemaContextCache, generators: [any SQLGenerator],
        defaultGenerator: String = "builtin", limits: QueryLimits = .standard
    ) {
        self.registry = registry
        self.retriever = retriever
        self.contexts = contexts
        self.generators = Dictionary(generators.map { ($0.name, $0) }, uniquingKeysWith: { $1 })
        self.defaultGenerator = defaultGenerator
        self.limits = limits
    }

    private var store: any MetadataStore { registry.store }

    /// The generators this pipeline offers.
    public var generatorNames: [String] { generators.keys.sorted() }

    /// Answers `question` over the tenant's source.
    /// - Parameters:
    ///   - generator: `builtin` or `llm`; the default when nil.
    ///   - execute: when false, only the SQL is generated and checked.
    /// - Throws: `.badRequest` for an empty question or unknown generator, `.notFound` for an unknown source.
    public func ask(
        question: String, sourceId: String, tenant: Tenant, generator name: String? = nil, execute: Bool = true, logger: Logger
    ) async throws -> QueryAnswer {
        // Metrics: latency of every answer and the generator's confidence (QuerentMetrics).
        let started = ContinuousClock.now
        let label = generators[name ?? defaultGenerator] == nil ? "unknown" : (name ?? defaultGenerator)
        do {
            let answer = try await answer(question: question, sourceId: sourceId, tenant: tenant, generator: name, execute: execute, logger: logger)
            let outcome = answer.result.map { $0.success ? "success" : "failed" } ?? (answer.generation.sql.isEmpty ? "no_sql" : "not_executed")
            QuerentMetrics.queryFinished(generator: label, outcome: outcome, duration: .now - started, confidence: answer.generation.confidence)
            return answer
        } catch {
            QuerentMetrics.queryFinished(generator: label, outcome: "error", duration: .now - started, confidence: nil)
            throw error
        }
    }

    private func answer(
        question: String, sourceId: String, tenant: Tenant, generator name: String?, execute: Bool, logger: Logger
    ) async throws -> QueryAnswer {
        let question = question.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !question.isEmpty, question.count <= 2_000 else { throw ServiceError(.badRequest, "question must be 1 to 2,000 characters") }
        let name = name ?? defaultGenerator
        guard let generator = generators[name] else {
            throw ServiceError(.badRequest, "unknown generator '\(name)'; available: \(generatorNames.joined(separator: ", "))")
        }
        let source = try await registry.get(sourceId, tenant: tenant)
        let tables = try await retriever.retrieve(question: question, sourceId: sourceId, tenant: tenant)
        let retrieved = tables.map(\.schema.tableName)
        let allowed = Set(try await contexts.trainedSchemas(sourceId: sourceId, tenant: tenant).map(\.tableName))

        var feedback: GenerationRequest.Feedback?
        var attempt = 0
        while true {
            attempt += 1
            var generation = try await generator.generate(
                GenerationRequest(question: question, dialect: source.dialect, tables: tables, feedback: feedback)
            )
            generation.generator = name
            let canRetry = name != "builtin" && attempt <= maxCorrections
            guard !generation.sql.isEmpty else {
                return try await finish(QueryAnswer(generation: generation, result: nil, retrieved: retrieved), question: question, source: source, tenant: tenant, error: "no SQL generated")
            }
            let validated: ValidatedSQL
            do {
                validated = try SQLSafety.validate(generation.sql, dialect: source.dialect, allowedTables: allowed)
            } catch let error as ServiceError where error.code == .unsafeQuery {
                if canRetry {
                    feedback = .init(sql: generation.sql, error: error.message)
                    continue
                }
                generation.safetyWarnings = (generation.safetyWarnings ?? []) + [error.message]
                generation.confidence = min(generation.confidence, 0.05)
                let refused = QueryExecutionResult(
                    success: false, data: [], columns: [], rowCount: 0, truncated: false, executionTimeMs: 0,
                    generatedSQL: generation.sql, tableUsed: generation.tableUsed, error: error.message
                )
                return try await finish(QueryAnswer(generation: generation, result: refused, retrieved: retrieved), question: question, source: source, tenant: tenant, error: error.message)
            }
            generation.sql = validated.sql
            generation.tableUsed = validated.tables
            if !validated.warnings.isEmpty { generation.safetyWarnings = (generation.safetyWarnings ?? []) + validated.warnings }
            guard execute else {
                return QueryAnswer(generation: generation, result: nil, retrieved: retrieved)
            }
            let sql = SQLSafety.optimize(validated.sql, dialect: source.dialect, limit: limits.maxRows + 1)
            let result = try await run(sql: sql, displaySQL: validated.sql, tables: validated.tables, allowed: allowed, sourceId: sourceId, tenant: tenant, dialect: source.dialect)
            if source.dialect == .postgres, result.execution.success { generation.estimatedRows = result.estimatedRows }
            if !result.execution.success, canRetry, let error = result.execution.error {
                feedback = .init(sql: generation.sql, error: error)
                continue
            }
            if !result.execution.success { generation.confidence = min(generation.confidence, 0.1) }
            return try await finish(QueryAnswer(generation: generation, result: result.execution, retrieved: retrieved), question: question, source: source, tenant: tenant, error: result.execution.error)
        }
    }

    /// Runs hand-written SQL through the same gate and limits.
    public func runSQL(_ sql: String, sourceId: String, tenant: Tenant) async throws -> QueryExecutionResult {
        let started = ContinuousClock.now
        guard !sql.isEmpty, sql.utf8.count <= 100_000 else { throw ServiceError(.badRequest, "sql must be 1 to 100,000 bytes") }
        let source = try await registry.get(sourceId, tenant: tenant)
        let allowed = Set(try await contexts.trainedSchemas(sourceId: sourceId, tenant: tenant).map(\.tableName))
        let execution: QueryExecutionResult
        do {
            let validated = try SQLSafety.validate(sql, dialect: source.dialect, allowedTables: allowed)
            let optimized = SQLSafety.optimize(validated.sql, dialect: source.dialect, limit: limits.maxRows + 1)
            execution = try await run(
                sql: optimized, displaySQL: validated.sql, tables: validated.tables, allowed: allowed, sourceId: sourceId, tenant: tenant, dialect: source.dialect
            ).execution
        } catch let error as ServiceError where error.code == .unsafeQuery {
            execution = QueryExecutionResult(
                success: false, data: [], columns: [], rowCount: 0, truncated: false, executionTimeMs: 0, generatedSQL: sql, tableUsed: [],
                error: error.message
            )
        }
        try await store.appendHistory(
            QueryHistoryEntry(
                sourceId: sourceId, userId: tenant.userId, agentId: tenant.agentId, question: nil, sql: execution.generatedSQL,
                success: execution.success, rowCount: execution.rowCount, executionTimeMs: execution.executionTimeMs, error: execution.error,
                generator: "sql", confidence: nil
            )
        )
        QuerentMetrics.queryFinished(generator: "sql", outcome: execution.success ? "success" : "failed", duration: .now - started, confidence: nil)
        return execution
    }

    /// The tenant's history of the source, newest first.
    public func history(sourceId: String, tenant: Tenant, before: Int64?, limit: Int) async throws -> [QueryHistoryEntry] {
        _ = try await registry.get(sourceId, tenant: tenant)
        return try await store.history(sourceId: sourceId, tenant: tenant, before: before, limit: limit)
    }

    // MARK: - Helpers

    private struct Run {
        var execution: QueryExecutionResult
        var estimatedRows: Int64?
    }

    /// Executes validated SQL; database errors and timeouts become a failed result, not a thrown error.
    private func run(
        sql: String, displaySQL: String, tables: [String], allowed: Set<String>, sourceId: String, tenant: Tenant, dialect: Dialect
    ) async throws -> Run {
        var limits = self.limits
        limits.allowedTables = allowed
        return try await registry.withDriver(sourceId, tenant: tenant) { driver in
            var estimate: Int64?
            if dialect == .postgres {
                estimate = try? await Self.estimateRows(sql, driver: driver, limits: limits)
            }
            do {
                let rows = try await driver.execute(sql, limits: limits)
                return Run(
                    execution: QueryExecutionResult(
                        success: true, data: rows.objects, columns: rows.columns, rowCount: rows.rows.count, truncated: rows.truncated,
                        executionTimeMs: rows.executionTimeMs, generatedSQL: displaySQL, tableUsed: tables
                    ),
                    estimatedRows: estimate
                )
            } catch let error as ServiceError where [.databaseError, .timeout, .unsafeQuery].contains(error.code) {
                return Run(
                    execution: QueryExecutionResult(
                        success: false, data: [], columns: [], rowCount: 0, truncated: false, executionTimeMs: 0,
                        generatedSQL: displaySQL, tableUsed: tables, error: error.message
                    ),
                    estimatedRows: estimate
                )
            }
        }
    }

    /// The planner's row estimate from `EXPLAIN (FORMAT JSON)`.
    static func estimateRows(_ sql: String, driver: any DatabaseDriver, limits: QueryLimits) async throws -> Int64? {
        var explainLimits = limits
        explainLimits.timeoutMilliseconds = min(limits.timeoutMilliseconds, 5_000)
        let rows = try await driver.execute("EXPLAIN (FORMAT JSON) " + sql, limits: explainLimits)
        guard case .array(let plans)? = rows.rows.first?.first, case .object(let first)? = plans.first,
              case .object(let plan)? = first["Plan"]
        else { return nil }
        switch plan["Plan Rows"] {
        case .int(let value)?: return value
        case .double(let value)?: return Int64(value)
        default: return nil
        }
    }

    /// Records the answer in the history and returns it.
    private func finish(_ answer: QueryAnswer, question: String, source: DatabaseSource, tenant: Tenant, error: String?) async throws -> QueryAnswer {
        try await store.appendHistory(
            QueryHistoryEntry(
                sourceId: source.id, userId: tenant.userId, agentId: tenant.agentId, question: question, sql: answer.generation.sql,
                success: answer.result?.success ?? false, rowCount: answer.result?.rowCount ?? 0,
                executionTimeMs: answer.result?.executionTimeMs ?? 0, error: error ?? answer.result?.error,
                generator: answer.generation.generator ?? defaultGenerator, confidence: answer.generation.confidence
            )
        )
        return answer
    }
}

/// The answer to `POST /:sourceId/query`: `{generation, result, retrieved}`.
public struct QueryAnswer: Codable, Sendable, Hashable {
    public var generation: SQLGenerationResult
    /// Nil when the SQL was not executed (`execute: false`, or nothing could be generated).
    public var result: QueryExecutionResult?
    /// The trained tables retrieval offered the generator, most relevant first.
    public var retrieved: [String]

    public init(generation: SQLGenerationResult, result: QueryExecutionResult?, retrieved: [String] = []) {
        self.generation = generation
        self.result = result
        self.retrieved = retrieved
    }
}
