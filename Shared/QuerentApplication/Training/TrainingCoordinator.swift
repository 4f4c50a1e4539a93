import Foundation
import Logging
import QuerentCore

/// What the API does with training: validates and enqueues jobs, reports status, streams
/// progress, and untrains tables.
public struct TrainingCoordinator: Sendable {
    let catalog: SchemaCatalog
    let queue: any JobQueue
    let events: any EventBus
    let vectors: any VectorStore

    public init(catalog: SchemaCatalog, queue: any JobQueue, events: any EventBus, vectors: any VectorStore) {
        self.catalog = catalog
        self.queue = queue
        self.events = events
        self.vectors = vectors
    }

    private var registry: SourceRegistry { catalog.registry }
    private var store: any MetadataStore { registry.store }

    /// Queues training of one table (a retrain when it is already trained).
    /// - Throws: `.notFound` for an unknown source or table, before anything is queued.
    public func train(sourceId: String, tableName: String, tenant: Tenant) async throws -> TrainingJob {
        try await train(sourceId: sourceId, tables: [tableName], tenant: tenant)[0]
    }

    /// Queues training of several tables; every table is checked before any job is queued.
    public func train(sourceId: String, tables: [String], tenant: Tenant) async throws -> [TrainingJob] {
        guard !tables.isEmpty else { throw ServiceError(.badRequest, "tables must name at least one table") }
        guard tables.count <= 5_000 else { throw ServiceError(.badRequest, "at most 5,000 tables per request") }
        let unique = tables.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let session = try await registry.open(sourceId, tenant: tenant)
        try await session.withDriver { driver in
            for table in unique { try await SchemaCatalog.validateTableExists(driver, table) }
        }
        let trained = Set(session.source.trainedTables)
        var jobs: [TrainingJob] = []
        for table in unique {
            let job = TrainingJob(
                sourceId: sourceId,
                tableName: table,
                tenant: tenant,
                trainingType: trained.contains(table) ? .retrainTable : .newTable
            )
            try await store.saveTrainingStatus(
                TrainingStatus(jobId: job.jobId, sourceId: sourceId, tableName: table, state: .queued, progress: 0, stage: .queued, attempts: 0)
            )
            try await queue.enqueue(job)
            jobs.append(job)
        }
        return jobs
    }

    /// The latest training status of a table. - Throws: `.notFound` when it was never queued.
    public func status(sourceId: String, tableName: String, tenant: Tenant) async throws -> TrainingStatus {
        _ = try await registry.get(sourceId, tenant: tenant)
        guard let status = try await store.trainingStatus(sourceId: sourceId, tableName: tableName) else {
            throw ServiceError(.notFound, "table '\(tableName)' has never been queued for training")
        }
        return status
    }

    /// Untrains a table: removes it from the trained set, derives the source's semantic model
    /// again without it (a failure is logged to `logger`, not thrown), and deletes its vector.
    /// - Throws: `.notFound` when the table is not trained.
    public func untrain(sourceId: String, tableName: String, tenant: Tenant, logger: Logger = Logger(label: "querent.training")) async throws {
        let source = try await registry.get(sourceId, tenant: tenant)
        guard source.trainedTables.contains(tableName) else { throw ServiceError(.notFound, "table '\(tableName)' is not trained") }
        try await store.setTrained(sourceId: sourceId, tableName: tableName, trained: false, actor: tenant.userId)
        await SemanticModelService(registry: registry).refresh(sourceId: sourceId, logger: logger)
        try await vectors.deleteTableSchema(sourceId: sourceId, tableName: tableName, tenant: tenant)
        try await events.publish(QuerentEvent(channel: .schemaUntrained, sourceId: sourceId, tableName: tableName, tenant: tenant))
    }

    /// Every event about the tenant's source from now on (progress, trained, untrained).
    public func events(sourceId: String, tenant: Tenant) async throws -> AsyncStream<QuerentEvent> {
        _ = try await registry.get(sourceId, tenant: tenant)
        let all = await events.subscribe()
        return AsyncStream { continuation in
            let task = Task {
                for await event in all where event.sourceId == sourceId && event.tenant == tenant {
                    continuation.yield(event)
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
