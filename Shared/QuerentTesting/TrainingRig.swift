import Foundation
import Logging
import QuerentApplication
import QuerentCore
import QuerentRuntime
import QuerentSQLStore
import Synchronization

/// The embedded wiring, built as `querent serve` builds it (``Dependencies``): SQLite metadata in
/// a temporary directory, the in-process queue and event bus, the indexed vector store over the
/// hashing embedder, and SQLite customer databases written from scripts.
public final class TrainingRig: Sendable {
    public let directory: TemporaryDirectory
    public let dependencies: Dependencies
    public let coordinator: TrainingCoordinator
    public let progress: TrainingProgressReporter
    public let policy: JobRetryPolicy
    /// What the rig's workers logged.
    public let logs = LogCapture()
    private let workers = Mutex<[Task<Void, Never>]>([])

    /// The metadata store's credential secret.
    public static let cipherSecret = "training-tests-cipher-passphrase"

    /// Builds the wiring with this queue visibility timeout and the workers' retry policy.
    public init(
        visibilityTimeout: Duration = .seconds(30),
        policy: JobRetryPolicy = JobRetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(20))
    ) async throws {
        directory = try TemporaryDirectory(prefix: "querent-training")
        var configuration = QuerentConfiguration(metadataURL: directory.path("metadata.sqlite"), secretKey: Self.cipherSecret)
        configuration.visibilityTimeout = visibilityTimeout
        configuration.keepConnections = false
        dependencies = try await Dependencies.make(configuration, logger: Logger(label: "training-rig"))
        coordinator = dependencies.trainingCoordinator()
        progress = dependencies.progressReporter()
        self.policy = policy
    }

    public var store: SQLMetadataStore { dependencies.store }
    public var registry: SourceRegistry { dependencies.registry }
    public var queue: any JobQueue { dependencies.queue }
    public var events: any EventBus { dependencies.events }
    public var vectors: IndexedVectorStore { dependencies.vectors }

    /// Runs `body` with a fresh rig; stops its workers and closes its store afterwards.
    public static func with<T>(
        visibilityTimeout: Duration = .seconds(30),
        policy: JobRetryPolicy = JobRetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(20)),
        _ body: (TrainingRig) async throws -> T
    ) async throws -> T {
        let rig = try await TrainingRig(visibilityTimeout: visibilityTimeout, policy: policy)
        do {
            let value = try await body(rig)
            await rig.shutdown()
            return value
        } catch {
            await rig.shutdown()
            throw error
        }
    }

    /// Stops the workers and closes the wiring.
    public func shutdown() async {
        let tasks = workers.withLock { tasks in
            defer { tasks.removeAll() }
            return tasks
        }
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
        await dependencies.close()
    }

    /// Starts a ``TrainingWorker`` on the rig's queue; it runs until the rig shuts down.
    public func startWorker(consumer: String = "worker-1", concurrency: Int = 2) {
        let worker = dependencies.trainingWorker(
            consumer: consumer,
            concurrency: concurrency,
            policy: policy,
            heartbeatInterval: .seconds(1),
            logger: logs.logger(label: consumer, level: .info)
        )
        let task = Task { _ = try? await worker.run() }
        workers.withLock { $0.append(task) }
    }

    /// Writes `script` into a new SQLite file and registers it as a source of `tenant`.
    public func addSource(name: String, tenant: Tenant, script: String) async throws -> DatabaseSource {
        let path = directory.path("\(name)-\(UUID().uuidString.prefix(8)).sqlite")
        try SQLiteScriptFixture.write(script, to: path)
        return try await registry.create(name: name, dialect: .sqlite, spec: ConnectionSpec(path: path), tenant: tenant)
    }

    /// The SQLite file of a source added with ``addSource(name:tenant:script:)``.
    public func sourcePath(_ source: DatabaseSource) -> String { source.connectionSummary }

    /// Waits until the table's training status reaches `state`.
    @discardableResult
    public func waitForStatus(
        _ source: DatabaseSource,
        _ table: String,
        _ state: TrainingState,
        timeout: Duration = .seconds(60)
    ) async throws -> TrainingStatus {
        try await Polling.value(
            "training of \(table) is \(state)",
            timeout: timeout,
            detail: { "last status: \(String(describing: try? await self.store.trainingStatus(sourceId: source.id, tableName: table)))" }
        ) { () -> TrainingStatus? in
            guard let status = try await self.store.trainingStatus(sourceId: source.id, tableName: table), status.state == state else { return nil }
            return status
        }
    }

    /// Trains every table through the coordinator and waits until each one completed.
    public func trainAll(_ source: DatabaseSource, tables: [String]) async throws {
        let jobs = try await coordinator.train(sourceId: source.id, tables: tables, tenant: source.tenant)
        for job in jobs {
            try await Polling.until("job \(job.jobId) for \(job.tableName) completes", timeout: .seconds(60)) {
                let status = try await self.store.trainingStatus(sourceId: source.id, tableName: job.tableName)
                if status?.state == .failed { throw TrainingFailed(status: status!) }
                return status?.jobId == job.jobId && status?.state == .completed
            }
        }
    }

    /// Rows of `database_table_schemas` for one table, counted in SQL.
    public func schemaRowCount(_ sourceId: String, _ table: String) async throws -> Int {
        let rows = try await store.client.query(
            "SELECT count(*) AS n FROM database_table_schemas WHERE source_id = $1 AND table_name = $2",
            [.text(sourceId), .text(table)]
        )
        return Int(rows.first?.int("n") ?? -1)
    }

    /// Rows of `schema_vectors` for one table, counted in SQL.
    public func vectorRowCount(_ sourceId: String, _ table: String) async throws -> Int {
        let rows = try await store.client.query(
            "SELECT count(*) AS n FROM schema_vectors WHERE source_id = $1 AND table_name = $2",
            [.text(sourceId), .text(table)]
        )
        return Int(rows.first?.int("n") ?? -1)
    }
}

/// A table whose training failed while ``TrainingRig/trainAll(_:tables:)`` waited for it.
public struct TrainingFailed: Error, CustomStringConvertible {
    public var status: TrainingStatus
    public var description: String { "training of \(status.tableName) failed: \(status.error ?? "no error")" }
}
