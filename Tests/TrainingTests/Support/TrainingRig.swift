import Foundation
import Logging
import QuerentApplication
import QuerentCore
import QuerentInProcess
import QuerentRuntime
import QuerentSQLStore
import QuerentTesting
import Synchronization
import Testing

/// The embedded wiring, built as `querent serve` builds it (``Dependencies``): SQLite metadata in
/// a temporary directory, the in-process queue and event bus, the indexed vector store over the
/// hashing embedder, and SQLite customer databases written from scripts.
final class TrainingRig: Sendable {
    let directory: TemporaryDirectory
    let dependencies: Dependencies
    let coordinator: TrainingCoordinator
    let progress: TrainingProgressReporter
    let policy: JobRetryPolicy
    let logs = LogCapture()
    private let workers = Mutex<[Task<Void, Never>]>([])

    static let cipherSecret = "training-tests-cipher-passphrase"

    init(
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

    var store: SQLMetadataStore { dependencies.store }
    var registry: SourceRegistry { dependencies.registry }
    var queue: any JobQueue { dependencies.queue }
    var events: any EventBus { dependencies.events }
    var vectors: IndexedVectorStore { dependencies.vectors }

    /// Runs `body` with a fresh rig; stops its workers and closes its store afterwards.
    static func with<T>(
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

    func shutdown() async {
        let tasks = workers.withLock { tasks in
            defer { tasks.removeAll() }
            return tasks
        }
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
        await dependencies.close()
    }

    /// Starts a ``TrainingWorker`` on the rig's queue; it runs until the rig shuts down.
    func startWorker(consumer: String = "worker-1", concurrency: Int = 2) {
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
    func addSource(name: String, tenant: Tenant, script: String) async throws -> DatabaseSource {
        let path = directory.path("\(name)-\(UUID().uuidString.prefix(8)).sqlite")
        try SQLiteScriptFixture.write(script, to: path)
        return try await registry.create(name: name, dialect: .sqlite, spec: ConnectionSpec(path: path), tenant: tenant)
    }

    /// The SQLite file of a source added with ``addSource(name:tenant:script:)``.
    func sourcePath(_ source: DatabaseSource) -> String { source.connectionSummary }

    /// Waits until the table's training status reaches `state`.
    @discardableResult
    func waitForStatus(
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
    func trainAll(_ source: DatabaseSource, tables: [String]) async throws {
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
    func schemaRowCount(_ sourceId: String, _ table: String) async throws -> Int {
        let rows = try await store.client.query(
            "SELECT count(*) AS n FROM database_table_schemas WHERE source_id = $1 AND table_name = $2",
            [.text(sourceId), .text(table)]
        )
        return Int(rows.first?.int("n") ?? -1)
    }

    /// Rows of `schema_vectors` for one table, counted in SQL.
    func vectorRowCount(_ sourceId: String, _ table: String) async throws -> Int {
        let rows = try await store.client.query(
            "SELECT count(*) AS n FROM schema_vectors WHERE source_id = $1 AND table_name = $2",
            [.text(sourceId), .text(table)]
        )
        return Int(rows.first?.int("n") ?? -1)
    }
}

struct TrainingFailed: Error, CustomStringConvertible {
    var status: TrainingStatus
    var description: String { "training of \(status.tableName) failed: \(status.error ?? "no error")" }
}

/// Records every element of a stream in the background, so tests can wait on what arrived.
final class StreamRecorder<Element: Sendable>: Sendable {
    private let storage = Locked<[Element]>([])
    private let task: Task<Void, Never>

    init(_ stream: AsyncStream<Element>) {
        let storage = self.storage
        task = Task {
            for await element in stream { storage.withLock { $0.append(element) } }
        }
    }

    deinit { task.cancel() }

    var elements: [Element] { storage.withLock { $0 } }

    func stop() { task.cancel() }

    /// Waits until `condition` holds for what arrived so far, and returns it.
    @discardableResult
    func wait(
        _ what: @autoclosure () -> String,
        timeout: Duration = .seconds(30),
        until condition: ([Element]) -> Bool
    ) async throws -> [Element] {
        try await Polling.until(what(), timeout: timeout, interval: .milliseconds(20), detail: { "received so far: \(self.elements)" }) {
            condition(elements)
        }
        return elements
    }
}

/// A customer database for training tests: customers in a few cities, orders with a
/// low-cardinality status, products, employees.
enum ShopFixture {
    static let cities = ["Paris", "London", "Berlin", "Madrid"]
    static let statuses = ["paid", "cancelled", "shipped", "new"]

    static var script: String {
        var sql = """
            CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL, city TEXT NOT NULL, country TEXT);
            CREATE TABLE orders (
                id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers (id),
                total NUMERIC NOT NULL, status TEXT NOT NULL, ordered_at TEXT
            );
            CREATE TABLE products (id INTEGER PRIMARY KEY, title TEXT NOT NULL, price NUMERIC NOT NULL, category TEXT);
            CREATE TABLE employees (id INTEGER PRIMARY KEY, name TEXT NOT NULL, salary NUMERIC, manager_id INTEGER REFERENCES employees (id));

            """
        let countries = ["Paris": "France", "London": "UK", "Berlin": "Germany", "Madrid": "Spain"]
        for id in 1...40 {
            let city = cities[id % cities.count]
            sql += "INSERT INTO customers VALUES (\(id), 'Customer \(id)', 'customer\(id)@example.com', '\(city)', '\(countries[city]!)');\n"
        }
        for id in 1...60 {
            sql +=
                "INSERT INTO orders VALUES (\(id), \(id % 40 + 1), \(id * 3).5, '\(statuses[id % statuses.count])', '2024-01-\(String(format: "%02d", id % 28 + 1))');\n"
        }
        for id in 1...10 {
            sql += "INSERT INTO products VALUES (\(id), 'Product \(id)', \(id * 2), '\(["tools", "toys"][id % 2])');\n"
        }
        sql += "INSERT INTO employees VALUES (1, 'Boss', 100, NULL), (2, 'Worker', 50, 1);\n"
        return sql
    }

    static let tables = ["customers", "orders", "products", "employees"]
}

/// A quiet logger for servers under test.
func quietLogger(_ label: String = "test") -> Logger {
    var logger = Logger(label: label)
    logger.logLevel = .critical
    return logger
}

/// A new job for queue tests.
func makeJob(_ table: String = "t1", source: String = "src-\(UUID().uuidString.prefix(8))") -> TrainingJob {
    TrainingJob(sourceId: source, tableName: table, tenant: Tenant(userId: "u1", agentId: "a1"), trainingType: .newTable)
}

/// A `Mutex` in a class, so closures and threads can share it.
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: Value) { mutex = Mutex(value) }

    func withLock<T>(_ body: (inout sending Value) throws -> sending T) rethrows -> sending T {
        try mutex.withLock(body)
    }
}
