import Foundation
import Logging
import QuerentCore
import QuerentDialects
import QuerentSafety

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
    /// The built-in confidence at which the `hybrid` generator does not ask the model.
    public let hybridThreshold: Double

    public init(
        registry: SourceRegistry,
        retriever: SchemaRetriever,
        contexts: SchemaContextCache,
        generators: [any SQLGenerator],
        defaultGenerator: String = "builtin",
        hybridThreshold: Double = HybridSelection.defaultThreshold,
        limits: QueryLimits = .standard
    ) {
        self.hybridThreshold = hybridThreshold
        self.registry = registry
        self.retriever = retriever
        self.contexts = contexts
        self.generators = Dictionary(generators.map { ($0.name, $0) }, uniquingKeysWith: { $1 })
        self.defaultGenerator = defaultGenerator
        self.limits = limits
    }

    private var store: any MetadataStore { registry.store }
    private var runner: SQLRunner { SQLRunner(limits: limits) }

    /// The generators this pipeline offers.
    /// `hybrid` is offered when both the built-in and the model generator are.
    public var generatorNames: [String] {
        var names = Array(generators.keys)
        if generators["builtin"] != nil, generators["llm"] != nil { names.append(HybridSelection.name) }
        return names.sorted()
    }

    /// Answers `question` over the tenant's source.
    /// - Parameters:
    ///   - generator: `builtin` or `llm`; the default when nil.
    ///   - execute: when false, only the SQL is generated and checked.
    /// - Throws: `.badRequest` for an empty question or unknown generator, `.notFound` for an unknown source.
    public func ask(
        question: String,
        sourceId: String,
        tenant: Tenant,
        generator name: String? = nil,
        execute: Bool = true,
        maxTables: Int? = nil,
        logger: Logger
    ) async throws -> QueryAnswer {
        try await measured(generator: name) {
            let (question, name) = try checked(question: question, generator: name, maxTables: maxTables)
            let session = try await registry.open(sourceId, tenant: tenant)
            return try await answer(question: question, session: session, generator: name, execute: execute, maxTables: maxTables, logger: logger)
        }
    }

    /// Answers `question` over the source of an open session (one the caller already opened).
    /// - Throws: `.badRequest` for an empty question or unknown generator.
    public func ask(
        question: String,
        session: SourceSession,
        generator name: String? = nil,
        execute: Bool = true,
        maxTables: Int? = nil,
        logger: Logger
    ) async throws -> QueryAnswer {
        try await measured(generator: name) {
            let (question, name) = try checked(question: question, generator: name, maxTables: maxTables)
            return try await answer(question: question, session: session, generator: name, execute: execute, maxTables: maxTables, logger: logger)
        }
    }

    /// Runs `body`, recording the latency of the answer and the generator's confidence (QuerentMetrics).
    private func measured(generator name: String?, _ body: () async throws -> QueryAnswer) async throws -> QueryAnswer {
        let started = ContinuousClock.now
        let label = generatorNames.contains(name ?? defaultGenerator) ? (name ?? defaultGenerator) : "unknown"
        do {
            let answer = try await body()
            let outcome = answer.result.map { $0.success ? "success" : "failed" } ?? (answer.generation.sql.isEmpty ? "no_sql" : "not_executed")
            QuerentMetrics.queryFinished(generator: label, outcome: outcome, duration: .now - started, confidence: answer.generation.confidence)
            return answer
        } catch {
            QuerentMetrics.queryFinished(generator: label, outcome: "error", duration: .now - started, confidence: nil)
            throw error
        }
    }

    /// Every generator Querent has; which of them a server offers depends on its configuration.
    public static let knownGenerators = ["builtin", "llm", HybridSelection.name]

    /// The trimmed question and the generator's name, checked before the source is read.
    private func checked(question: String, generator name: String?, maxTables: Int?) throws -> (question: String, generator: String) {
        // Lengths count Unicode scalars, as JSON Schema's maxLength does, before any trimming.
        let fits = question.unicodeScalars.count <= 2_000
        let question = question.trimmingSchemaWhitespace()
        guard !question.isEmpty, fits, !question.contains("\0") else {
            throw ServiceError(.badRequest, "question must be 1 to 2,000 characters, without NUL")
        }
        if let maxTables, !(1...100).contains(maxTables) { throw ServiceError(.badRequest, "max_tables must be 1 to 100") }
        return (question, try generator(named: name))
    }

    /// The generator `name` names (the default one for nil), checked.
    /// - Throws: `.badRequest` for a name Querent does not know; `.generatorUnavailable` for one
    ///   this server has not configured.
    public func generator(named name: String?) throws -> String {
        let name = name ?? defaultGenerator
        guard generatorNames.contains(name) else {
            let available = generatorNames.joined(separator: ", ")
            if Self.knownGenerators.contains(name) {
                throw ServiceError(.generatorUnavailable, "the \(name) generator is not configured on this server; available: \(available)")
            }
            throw ServiceError(.badRequest, "unknown generator '\(name)'; available: \(available)")
        }
        return name
    }

    /// Answers a checked question (``checked(question:generator:maxTables:)``) with the generator `name`.
    private func answer(
        question: String,
        session: SourceSession,
        generator name: String,
        execute: Bool,
        maxTables: Int?,
        logger: Logger
    ) async throws -> QueryAnswer {
        let tables = try await retriever.retrieve(question: question, sourceId: session.id, tenant: session.tenant, maxTables: maxTables)
        let allowed = Set(try await contexts.trainedSchemas(sourceId: session.id, tenant: session.tenant).map(\.tableName))
        let model = try await contexts.semanticModel(sourceId: session.id, tenant: session.tenant)
        let teaching = try await TeachingRetriever(vectors: retriever.vectors).context(
            for: question,
            material: try await contexts.teaching(sourceId: session.id, tenant: session.tenant),
            sourceId: session.id,
            tenant: session.tenant
        )
        let context = AttemptContext(
            question: question,
            session: session,
            tables: tables,
            allowed: allowed,
            model: model,
            teaching: teaching,
            execute: execute
        )

        var chosen: Candidate
        if name == HybridSelection.name, let builtin = generators["builtin"], let llm = generators["llm"] {
            chosen = try await hybrid(builtin: builtin, llm: llm, context: context, logger: logger)
        } else {
            chosen = try await candidate(from: generators[name]!, context: context)
        }
        chosen.generation.generator = name
        let answer = QueryAnswer(generation: chosen.generation, result: chosen.result, retrieved: tables.map(RetrievedTableSummary.init))
        guard execute || chosen.error != nil else { return answer }
        return try await finish(answer, question: question, session: session, error: chosen.error)
    }

    /// What every attempt at one question shares.
    private struct AttemptContext {
        var question: String
        var session: SourceSession
        var tables: [RetrievedTable]
        var allowed: Set<String>
        /// The source's semantic model with the user's edits, when one is stored.
        var model: SemanticModel?
        /// What the source was taught that bears on the question.
        var teaching: TeachingContext?
        var execute: Bool
    }

    /// One generator's answer, checked and (when asked) executed.
    private struct Candidate {
        var generation: SQLGenerationResult
        var result: QueryExecutionResult?
        /// Why there is no successful result: no SQL, refused, or failed.
        var error: String?

        /// Executed successfully and returned at least one row.
        var hasRows: Bool { result.map { $0.success && $0.rowCount > 0 } ?? false }

        var outcome: HybridSelection.Outcome {
            HybridSelection.Outcome(
                confidence: generation.confidence,
                ran: result?.success ?? false,
                hasRows: hasRows,
                rows: result.map { result in result.data.map { row in result.columns.map { row[$0] ?? .null } } }
            )
        }
    }

    /// Asks `generator`, passes its SQL through the gate and runs it; a generator that takes
    /// feedback gets the gate's or the database's error back for up to two corrections.
    private func candidate(from generator: any SQLGenerator, context: AttemptContext) async throws -> Candidate {
        var feedback: GenerationRequest.Feedback?
        var attempt = 0
        let dialect = context.session.dialect
        while true {
            attempt += 1
            var generation = try await generator.generate(
                GenerationRequest(
                    question: context.question,
                    dialect: dialect,
                    tables: context.tables,
                    feedback: feedback,
                    semanticModel: context.model,
                    teaching: context.teaching
                )
            )
            generation.generator = generator.name
            let canRetry = generator.name != "builtin" && attempt <= maxCorrections
            guard !generation.sql.isEmpty else { return Candidate(generation: generation, result: nil, error: "no SQL generated") }
            let validated: ValidatedSQL
            do {
                validated = try SQLSafety.validate(generation.sql, dialect: dialect, allowedTables: context.allowed)
            } catch let error as ServiceError where error.code == .unsafeQuery {
                if canRetry {
                    feedback = .init(sql: generation.sql, error: error.message)
                    continue
                }
                generation.safetyWarnings = (generation.safetyWarnings ?? []) + [error.message]
                generation.confidence = min(generation.confidence, 0.05)
                let refused = QueryExecutionResult.failure(generation.sql, tables: generation.tableUsed, error: error.message)
                return Candidate(generation: generation, result: refused, error: error.message)
            }
            generation.sql = validated.sql
            generation.tableUsed = validated.tables
            if let rejected = context.teaching?.rejectedSQL, rejected.contains(where: { Self.sameSQL($0, validated.sql) }) {
                generation.confidence = min(generation.confidence, 0.2)
                generation.explanation = "A user marked this SQL wrong for this question. " + generation.explanation
            }
            if !validated.warnings.isEmpty { generation.safetyWarnings = (generation.safetyWarnings ?? []) + validated.warnings }
            guard context.execute else { return Candidate(generation: generation, result: nil, error: nil) }
            let result = try await runner.run(
                validated,
                allowed: context.allowed,
                session: context.session,
                estimateRows: context.session.dialect.rules.plannerRowEstimate
            )
            if result.execution.success { generation.estimatedRows = result.estimatedRows }
            if !result.execution.success, canRetry, let error = result.execution.error {
                feedback = .init(sql: generation.sql, error: error)
                continue
            }
            if !result.execution.success { generation.confidence = min(generation.confidence, 0.1) }
            return Candidate(generation: generation, result: result.execution, error: result.execution.error)
        }
    }

    /// The built-in answer when its confidence reaches the threshold; otherwise the model is
    /// asked too, and execution decides: an answer that runs and returns rows beats one that
    /// fails or comes back empty, the model's answer wins a tie, and two answers that agree
    /// raise the confidence.
    private func hybrid(builtin: any SQLGenerator, llm: any SQLGenerator, context: AttemptContext, logger: Logger) async throws -> Candidate {
        var rule = try await candidate(from: builtin, context: context)
        let threshold = hybridThreshold
        if rule.generation.confidence >= threshold, rule.error == nil {
            rule.generation.explanation =
                HybridSelection.confidentNote(rule.generation.confidence, threshold: threshold) + " " + rule.generation.explanation
            return rule
        }
        var model: Candidate
        do {
            model = try await candidate(from: llm, context: context)
        } catch {
            // the model is down or timed out: the built-in answer still stands
            logger.warning("hybrid generator: the model failed, keeping the built-in answer", metadata: ["error": "\(error)"])
            rule.generation.explanation = HybridSelection.modelFailedNote + " " + rule.generation.explanation
            return rule
        }
        let selection = HybridSelection.choose(
            rule: rule.outcome,
            model: model.outcome,
            executed: context.execute
        )
        var chosen = selection.pickModel ? model : rule
        chosen.generation.confidence = selection.confidence
        chosen.generation.explanation = selection.note + " " + chosen.generation.explanation
        return chosen
    }
    /// Runs hand-written SQL through the same gate and limits.
    public func runSQL(_ sql: String, sourceId: String, tenant: Tenant) async throws -> QueryExecutionResult {
        let started = ContinuousClock.now
        guard !sql.isEmpty, sql.utf8.count <= 100_000, !sql.contains("\0") else {
            throw ServiceError(.badRequest, "sql must be 1 to 100,000 bytes, without NUL")
        }
        let session = try await registry.open(sourceId, tenant: tenant)
        let allowed = Set(try await contexts.trainedSchemas(sourceId: sourceId, tenant: tenant).map(\.tableName))
        let execution: QueryExecutionResult
        do {
            let validated = try SQLSafety.validate(sql, dialect: session.dialect, allowedTables: allowed)
            execution = try await runner.run(validated, allowed: allowed, session: session, estimateRows: false).execution
        } catch let error as ServiceError where error.code == .unsafeQuery {
            execution = .failure(sql, tables: [], error: error.message)
        }
        try await store.appendHistory(
            QueryHistoryEntry(
                sourceId: sourceId,
                userId: tenant.userId,
                agentId: tenant.agentId,
                question: nil,
                sql: execution.generatedSQL,
                success: execution.success,
                rowCount: execution.rowCount,
                executionTimeMs: execution.executionTimeMs,
                error: execution.error,
                generator: "sql",
                confidence: nil
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

    /// Whether two SQL texts are the same statement up to whitespace and letter case.
    static func sameSQL(_ lhs: String, _ rhs: String) -> Bool {
        func normalized(_ sql: String) -> String {
            sql.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: "; "))
        }
        return normalized(lhs) == normalized(rhs)
    }

    /// Records the answer in the history and returns it with the entry's id.
    private func finish(_ answer: QueryAnswer, question: String, session: SourceSession, error: String?) async throws -> QueryAnswer {
        let entry = try await store.appendHistory(
            QueryHistoryEntry(
                sourceId: session.id,
                userId: session.tenant.userId,
                agentId: session.tenant.agentId,
                question: question,
                sql: answer.generation.sql,
                success: answer.result?.success ?? false,
                rowCount: answer.result?.rowCount ?? 0,
                executionTimeMs: answer.result?.executionTimeMs ?? 0,
                error: error ?? answer.result?.error,
                generator: answer.generation.generator ?? defaultGenerator,
                confidence: answer.generation.confidence
            )
        )
        var answer = answer
        answer.historyId = entry.id
        return answer
    }
}

/// The answer to `POST /:sourceId/query`: `{generation, result, retrieved}`.
public struct QueryAnswer: Codable, Sendable, Hashable {
    public var generation: SQLGenerationResult
    /// Nil when the SQL was not executed (`execute: false`, or nothing could be generated).
    public var result: QueryExecutionResult?
    /// The trained tables retrieval offered the generator, most relevant first, with their
    /// scores and why each was chosen.
    public var retrieved: [RetrievedTableSummary]
    /// The history entry that records this answer (what feedback names).
    public var historyId: Int64?

    public init(
        generation: SQLGenerationResult,
        result: QueryExecutionResult?,
        retrieved: [RetrievedTableSummary] = [],
        historyId: Int64? = nil
    ) {
        self.generation = generation
        self.result = result
        self.retrieved = retrieved
        self.historyId = historyId
    }

    enum CodingKeys: String, CodingKey {
        case generation, result, retrieved
        case historyId = "history_id"
    }
}

/// A table retrieval offered the generator, as an answer shows it: `{table, score, reason}`.
public struct RetrievedTableSummary: Codable, Sendable, Hashable {
    /// The table's canonical name.
    public var table: String
    /// Its similarity to the question (0 for tables added for another reason).
    public var score: Double
    /// Why it was offered.
    public var reason: RetrievalReason

    public init(table: String, score: Double, reason: RetrievalReason) {
        self.table = table
        self.score = score
        self.reason = reason
    }

    /// The summary of a retrieved table (its score rounded to 4 decimals).
    public init(_ retrieved: RetrievedTable) {
        self.init(table: retrieved.schema.tableName, score: (Double(retrieved.score) * 10_000).rounded() / 10_000, reason: retrieved.reason)
    }
}
