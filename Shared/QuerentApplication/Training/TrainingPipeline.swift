import Foundation
import Logging
import QuerentCore
import QuerentSafety
import QuerentSemantics

/// Trains tables: fetch the schema (25) → analyze it: business context, relationships,
/// value profile (50) → vectorize: embed and upsert (75) → model: mark it trained, then derive
/// the source's semantic model again from all its trained tables (90) → complete (100). Tables
/// of one source are trained in batches (``run(tables:logger:)``) with the same stages.
///
/// Every step is idempotent: a job run twice leaves one schema row and one vector.
public struct TrainingPipeline: Sendable {
    let registry: SourceRegistry
    let vectors: any VectorStore
    let progress: TrainingProgressReporter
    /// Columns with more distinct values than this get no value profile.
    let profileLimit: Int
    /// The same for places and kinds (``QuerentSemantics/ValueColumns``): countries, cities,
    /// genres.
    let wideProfileLimit: Int
    /// An artificial pause after each stage (`QUERENT_TRAINER_STAGE_DELAY_MS`), used by chaos
    /// tests to hold a job in flight; zero in production.
    let stageDelay: Duration

    public init(
        registry: SourceRegistry,
        vectors: any VectorStore,
        progress: TrainingProgressReporter,
        profileLimit: Int = 20,
        wideProfileLimit: Int = 300,
        stageDelay: Duration = .zero
    ) {
        self.registry = registry
        self.vectors = vectors
        self.progress = progress
        self.profileLimit = profileLimit
        self.wideProfileLimit = wideProfileLimit
        self.stageDelay = stageDelay
    }

    private var store: any MetadataStore { registry.store }

    /// Runs every stage of `job`, reporting progress after each (an example's, or a table's as
    /// ``run(tables:logger:)`` runs a batch of one).
    /// - Throws: the error that stopped the job.
    public func run(_ job: TrainingJob, logger: Logger) async throws {
        if job.trainingType == .example { return try await runExample(job, logger: logger) }
        if let failure = await run(tables: [job], logger: logger)[job.jobId] { throw failure }
    }

    /// Trains table jobs together, each through every stage with its own progress reports, but
    /// with one driver session and one bulk introspection (``QuerentCore/DatabaseDriver/introspect(tables:sourceId:)``)
    /// per source, and one ``QuerentCore/MetadataStore/setTrained(sourceId:tableNames:trained:actor:)``
    /// and one semantic-model derivation per source. A job that fails does not stop the others.
    /// - Returns: the error of each job that failed, by job id; the others are trained.
    public func run(tables jobs: [TrainingJob], logger: Logger) async -> [String: any Error] {
        var groups: [[TrainingJob]] = []
        var groupOf: [String: Int] = [:]
        for job in jobs {
            let key = [job.sourceId, job.tenant.userId, job.tenant.agentId].joined(separator: "\u{0}")
            if let index = groupOf[key] {
                groups[index].append(job)
            } else {
                groupOf[key] = groups.count
                groups.append([job])
            }
        }
        var failures: [String: any Error] = [:]
        for group in groups {
            failures.merge(await train(group, logger: logger)) { first, _ in first }
        }
        return failures
    }

    /// Trains jobs of one source and tenant: fetch and analyze every table, vectorize each, then
    /// mark them trained together and derive the model once (see ``run(tables:logger:)``).
    private func train(_ jobs: [TrainingJob], logger: Logger) async -> [String: any Error] {
        var failures: [String: any Error] = [:]
        let valid = jobs.filter { job in
            do {
                try SchemaCatalog.validate(tableName: job.tableName)
                return true
            } catch {
                failures[job.jobId] = error
                return false
            }
        }
        guard let first = valid.first else { return failures }
        let fetched: [(job: TrainingJob, schema: Result<TableSchema, any Error>)]
        do {
            fetched = try await fetch(valid, sourceId: first.sourceId, tenant: first.tenant)
        } catch {
            for job in valid { failures[job.jobId] = error }
            return failures
        }
        var vectorized: [TrainingJob] = []
        for (job, result) in fetched {
            do {
                let schema = try result.get()
                let record = try await store.saveTableSchema(schema, businessContext: SchemaCatalog.generateBusinessContext(schema), actor: "trainer")
                try await progress.report(job, state: .active, stage: .analyze)
                try await pause()
                try await vectors.upsertTableSchema(record.schema, businessContext: record.businessContext, tenant: job.tenant)
                try await progress.report(job, state: .active, stage: .vectorize)
                try await pause()
                vectorized.append(job)
            } catch {
                failures[job.jobId] = error
            }
        }
        guard let last = vectorized.last else { return failures }

        // Marked trained before the model is derived: the derivation reads the trained set under
        // the lock setTrained takes, so of two batches finishing together the later derivation
        // includes both. While other tables of the source are still in training, the last of
        // them derives it.
        do {
            try await store.setTrained(sourceId: last.sourceId, tableNames: vectorized.map(\.tableName), trained: true, actor: "trainer")
        } catch {
            for job in vectorized { failures[job.jobId] = error }
            return failures
        }
        var modelLogger = logger
        modelLogger[metadataKey: "trainer.job.id"] = .string(last.jobId)
        await SemanticModelService(registry: registry).refresh(sourceId: last.sourceId, afterTraining: last.tableName, logger: modelLogger)
        for job in vectorized {
            do {
                try await progress.report(job, state: .active, stage: .model)
                try await pause()
                try await progress.report(job, state: .completed, stage: .complete)
                try await progress.publish(
                    QuerentEvent(channel: .schemaTrained, jobId: job.jobId, sourceId: job.sourceId, tableName: job.tableName, tenant: job.tenant)
                )
                logger.info("table trained", metadata: ["trainer.job.id": .string(job.jobId), "db.table": .string(job.tableName)])
            } catch {
                failures[job.jobId] = error
            }
        }
        return failures
    }

    /// The fetch stage of `jobs` (one source, one tenant) on one driver session: one bulk
    /// introspection, then each table's value profile; a table the bulk call left out is
    /// introspected alone, which names why (`.notFound` for a missing table).
    /// - Returns: each job with its schema, value profile included, or its error, in job order.
    /// - Throws: when the source cannot be opened or its database reached.
    private func fetch(
        _ jobs: [TrainingJob],
        sourceId: String,
        tenant: Tenant
    ) async throws -> [(job: TrainingJob, schema: Result<TableSchema, any Error>)] {
        let session = try await registry.open(sourceId, tenant: tenant)
        return try await session.withDriver { driver in
            let schemas = try await driver.introspect(tables: jobs.map(\.tableName), sourceId: sourceId)
            let byName = Dictionary(schemas.map { ($0.tableName, $0) }, uniquingKeysWith: { first, _ in first })
            var fetched: [(job: TrainingJob, schema: Result<TableSchema, any Error>)] = []
            for job in jobs {
                do {
                    var schema: TableSchema
                    if let found = byName[job.tableName] {
                        schema = found
                    } else {
                        schema = try await driver.introspect(table: job.tableName, sourceId: sourceId)
                    }
                    try await self.progress.report(job, state: .active, stage: .fetch)
                    try await self.pause()
                    let profile = try await self.profile(schema, driver: driver)
                    schema.valueProfile = profile.isEmpty ? nil : profile
                    fetched.append((job, .success(schema)))
                } catch {
                    fetched.append((job, .failure(error)))
                }
            }
            return fetched
        }
    }

    /// Derives the source's semantic model after `job` failed for good: tables trained meanwhile
    /// may have left the derivation to it (see ``run(_:logger:)``). Never throws.
    func deriveModelAfterFailure(_ job: TrainingJob, logger: Logger) async {
        guard job.trainingType != .example else { return }
        await SemanticModelService(registry: registry).refresh(sourceId: job.sourceId, afterTraining: job.tableName, logger: logger)
    }

    /// Trains a taught example: load it (fetch), check its tables are still trained (analyze),
    /// embed its question into the tenant's namespace (vectorize), mark it trained (complete). An
    /// example deleted meanwhile ends the job quietly, leaving no vector behind.
    func runExample(_ job: TrainingJob, logger: Logger) async throws {
        guard let exampleId = job.exampleId else { throw ServiceError(.badRequest, "an example job names no example") }
        let session = try await registry.open(job.sourceId, tenant: job.tenant)
        guard let example = try await store.example(id: exampleId, sourceId: session.id) else {
            logger.info("example deleted before training", metadata: ["example.id": .string(exampleId)])
            return try await progress.report(job, state: .completed, stage: .complete)
        }
        try await progress.report(job, state: .active, stage: .fetch)
        let trained = Set(session.source.trainedTables)
        let tables = try SQLSafety.validate(example.sql, dialect: session.dialect, allowedTables: trained).tables
        try await progress.report(job, state: .active, stage: .analyze)
        try await pause()
        try await vectors.upsertExample(example, tenant: job.tenant)
        guard try await store.example(id: exampleId, sourceId: session.id) != nil else {
            try await vectors.deleteExample(sourceId: session.id, exampleId: exampleId, tenant: job.tenant)
            return try await progress.report(job, state: .completed, stage: .complete)
        }
        try await progress.report(job, state: .active, stage: .vectorize)
        try await store.setExampleState(id: exampleId, sourceId: session.id, state: .trained, error: nil)
        try await progress.report(job, state: .completed, stage: .complete)
        try await progress.publish(
            QuerentEvent(
                channel: .knowledgeChanged,
                jobId: job.jobId,
                sourceId: job.sourceId,
                tableName: "",
                tenant: job.tenant,
                exampleId: exampleId
            )
        )
        logger.info("example trained", metadata: ["trainer.job.id": .string(job.jobId), "example.id": .string(exampleId), "db.tables": "\(tables)"])
    }

    /// Distinct values of the table's low-cardinality text columns (keys excluded).
    func profile(_ schema: TableSchema, driver: any DatabaseDriver) async throws -> [String: [String]] {
        guard schema.kind == .table || schema.kind == .materializedView else { return [:] }
        let keyColumns = Set(schema.primaryKey + schema.relationships.flatMap(\.columns))
        let candidates = schema.columns.filter { column in
            !keyColumns.contains(column.name) && Self.isTextual(column.type)
        }.prefix(30)
        guard !candidates.isEmpty else { return [:] }
        // places and kinds ("Canada", "Jazz") are worth knowing up to a wider limit
        let wide = candidates.filter { ValueColumns.isWide(column: $0.name, table: schema.tableName) }.map(\.name)
        let narrow = candidates.map(\.name).filter { !wide.contains($0) }
        var profile = try await driver.distinctValues(table: schema.tableName, columns: narrow, limit: profileLimit)
        if !wide.isEmpty {
            profile.merge(try await driver.distinctValues(table: schema.tableName, columns: wide, limit: wideProfileLimit)) { first, _ in first }
        }
        return profile.filter { !$0.value.isEmpty && $0.value.allSatisfy { $0.count <= 80 } }
    }

    /// Text-like declared types (SQLite columns without a type count as text).
    static func isTextual(_ type: String) -> Bool {
        let lower = type.lowercased()
        return lower.isEmpty || ["char", "text", "clob", "string", "enum", "citext", "name"].contains { lower.contains($0) }
    }

    private func pause() async throws {
        if stageDelay > .zero { try await Task.sleep(for: stageDelay) }
    }
}

/// Records training progress in the metadata store and publishes it on the event bus.
public struct TrainingProgressReporter: Sendable {
    let store: any MetadataStore
    let events: any EventBus

    public init(store: any MetadataStore, events: any EventBus) {
        self.store = store
        self.events = events
    }

    /// Stores the job's status and publishes a `training.progress` event. An example's status is
    /// its state in the examples (failed, with the error, when it fails for good), not a table's.
    public func report(_ job: TrainingJob, state: TrainingState, stage: TrainingStage, error: String? = nil) async throws {
        let progress = state == .failed ? 0 : stage.progress
        if let exampleId = job.exampleId {
            if state == .failed {
                try await store.setExampleState(id: exampleId, sourceId: job.sourceId, state: .failed, error: error)
            }
            return try await publish(
                QuerentEvent(
                    channel: .trainingProgress,
                    jobId: job.jobId,
                    sourceId: job.sourceId,
                    tableName: "",
                    tenant: job.tenant,
                    state: state,
                    stage: stage,
                    progress: progress,
                    attempt: job.attempt,
                    error: error,
                    exampleId: exampleId
                )
            )
        }
        try await store.saveTrainingStatus(
            TrainingStatus(
                jobId: job.jobId,
                sourceId: job.sourceId,
                tableName: job.tableName,
                state: state,
                progress: progress,
                stage: stage,
                attempts: job.attempt,
                error: error
            )
        )
        try await publish(
            QuerentEvent(
                channel: .trainingProgress,
                jobId: job.jobId,
                sourceId: job.sourceId,
                tableName: job.tableName,
                tenant: job.tenant,
                state: state,
                stage: stage,
                progress: progress,
                attempt: job.attempt,
                error: error
            )
        )
    }

    public func publish(_ event: QuerentEvent) async throws {
        try await events.publish(event)
    }
}
