import Foundation
import Logging
import QuerentApplication
import QuerentCore
import QuerentHTTPClient
import QuerentRedis
import QuerentRuntime
import QuerentSQLStore
import QuerentTesting
import Testing

/// Everything one multi-process test needs, private to it: a redis-server of its own
/// (append-only, restartable), a fresh Postgres metadata database, a fresh Postgres customer
/// database registered as a source, and `trainer-service` processes launched on demand.
/// ``with(tables:_:)`` tears all of it down, passing or failing.
final class TrainerCluster: Sendable {
    static let tenant = Tenant(userId: "it-user", agentId: "it-agent")
    /// The cipher key and JWT secret every process of the cluster shares.
    static let secretKey = "integration-tests-cipher-passphrase"
    static let jwtSecret = TestTokens.secret

    let harness: ProcessHarness
    let redis: RedisServerProcess
    let metadata: ScratchDatabase
    let customer: ScratchDatabase
    let store: SQLMetadataStore
    let redisClient: RedisClient
    /// The queue the trainers consume (`database-schema-training` on the private Redis).
    let queue: RedisJobQueue
    let coordinator: TrainingCoordinator
    let source: DatabaseSource
    let tables: [String]

    private init(
        harness: ProcessHarness,
        redis: RedisServerProcess,
        metadata: ScratchDatabase,
        customer: ScratchDatabase,
        store: SQLMetadataStore,
        redisClient: RedisClient,
        coordinator: TrainingCoordinator,
        source: DatabaseSource,
        tables: [String]
    ) {
        self.harness = harness
        self.redis = redis
        self.metadata = metadata
        self.customer = customer
        self.store = store
        self.redisClient = redisClient
        queue = RedisJobQueue(client: redisClient)
        self.coordinator = coordinator
        self.source = source
        self.tables = tables
    }

    /// The customer tables `t_000` … : a key, two low-cardinality text columns, a number.
    static func tableNames(_ count: Int) -> [String] { (0..<count).map { String(format: "t_%03d", $0) } }

    static func customerStatements(_ tables: [String]) -> [String] {
        tables.flatMap { table in
            [
                "CREATE TABLE \(table) (id integer PRIMARY KEY, name text NOT NULL, status text NOT NULL, amount numeric(10,2))",
                "INSERT INTO \(table) VALUES (1, 'one', 'open', 1.5), (2, 'two', 'closed', 2.5), (3, 'three', 'open', 3.5)",
            ]
        }
    }

    /// Sets up a cluster with `tableCount` customer tables, runs `body`, and always tears it down.
    static func with(tableCount: Int, _ body: (TrainerCluster) async throws -> Void) async throws {
        _ = try PackageLayout.executable("trainer-service")
        try await withProcessHarness { harness in
            let redis = try await RedisServerProcess()
            defer { redis.kill() }
            var databases: [ScratchDatabase] = []
            var clients: [RedisClient] = []
            var wirings: [Dependencies] = []
            do {
                let metadata = try await ScratchDatabase.create(prefix: "it_meta")
                databases.append(metadata)
                let customer = try await ScratchDatabase.create(prefix: "it_customer")
                databases.append(customer)
                // The test's own client, to look into Redis (the wiring below has its own).
                let redisClient = try RedisClient(url: redis.url)
                clients.append(redisClient)
                var configuration = QuerentConfiguration(metadataURL: metadata.url, secretKey: secretKey, messaging: .redis(redis.url))
                configuration.keepConnections = false
                let dependencies = try await Dependencies.make(configuration, logger: Logger(label: "trainer-cluster"))
                wirings.append(dependencies)

                let tables = tableNames(tableCount)
                try await customer.execute(customerStatements(tables))
                let source = try await dependencies.registry.create(
                    name: "warehouse",
                    dialect: .postgres,
                    spec: ConnectionSpec(url: customer.url),
                    tenant: tenant
                )
                let cluster = TrainerCluster(
                    harness: harness,
                    redis: redis,
                    metadata: metadata,
                    customer: customer,
                    store: dependencies.store,
                    redisClient: redisClient,
                    coordinator: dependencies.trainingCoordinator(),
                    source: source,
                    tables: tables
                )
                try await body(cluster)
            } catch {
                await teardown(harness, clients, wirings, databases)
                throw error
            }
            await teardown(harness, clients, wirings, databases)
        }
    }

    private static func teardown(_ harness: ProcessHarness, _ clients: [RedisClient], _ wirings: [Dependencies], _ databases: [ScratchDatabase]) async
    {
        harness.stopAll()
        for client in clients { await client.close() }
        for dependencies in wirings { await dependencies.close() }
        for database in databases { await database.drop() }
    }

    // MARK: - Trainers

    /// Launches a `trainer-service` named `name` and waits until `/health/ready` answers 200.
    @discardableResult
    func startTrainer(_ name: String, environment extra: [String: String] = [:]) async throws -> ServiceProcess {
        let port = try FreePort.allocate()
        var environment = [
            "QUERENT_METADATA_URL": metadata.url,
            "REDIS_URL": redis.url,
            "QUERENT_SECRET_KEY": Self.secretKey,
            "QUERENT_JWT_SECRET": Self.jwtSecret,
            "QUERENT_TRAINER_NAME": name,
            "QUERENT_TRAINER_VISIBILITY_MS": "2000",
            "QUERENT_TRAINER_RETRY_BASE_MS": "100",
            "QUERENT_TRAINER_CONCURRENCY": "2",
            "LOG_LEVEL": "info",
        ]
        environment.merge(extra) { _, new in new }
        let process = try harness.launch(try PackageLayout.executable("trainer-service"), name: name, port: port, environment: environment)
        try await waitUntilReady(process)
        return process
    }

    /// Waits until the trainer's `/health/ready` answers 200 (metadata and Redis reachable).
    func waitUntilReady(_ process: ServiceProcess, timeout: Duration = .seconds(60)) async throws {
        try await Polling.until("\(process.name) is ready", timeout: timeout, interval: .milliseconds(100), detail: { process.logTail() }) {
            guard process.isRunning else { throw ProcessExited(description: "\(process.name) exited:\n\(process.logTail())") }
            return try await readiness(process) == 200
        }
    }

    /// The status code of `/health/ready`, or nil when the process does not answer.
    func readiness(_ process: ServiceProcess) async throws -> Int? {
        try? await HTTPClient().send(method: "GET", url: process.baseURL + "/health/ready", timeout: .seconds(2)).status
    }

    /// A request to a trainer's public API as the cluster's tenant.
    func api(_ process: ServiceProcess, _ method: String, _ path: String, body: String? = nil) async throws -> (status: Int, json: [String: Any]) {
        var headers = ["Authorization": TestTokens.bearer(TestTokens.token(for: Self.tenant))]
        if body != nil { headers["Content-Type"] = "application/json" }
        let response = try await HTTPClient().send(
            method: method,
            url: process.baseURL + "/api/v1/sources/database/\(source.id)" + path,
            headers: headers,
            body: body.map { Data($0.utf8) },
            timeout: .seconds(10)
        )
        let json = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] ?? [:]
        return (response.status, json)
    }

    // MARK: - Observations

    func status(_ table: String) async throws -> TrainingStatus? {
        try await store.trainingStatus(sourceId: source.id, tableName: table)
    }

    /// Waits until every table in `tables` is trained and the queue is empty.
    func waitUntilTrained(_ tables: [String], timeout: Duration) async throws {
        let expected = Set(tables)
        try await Polling.until(
            "all \(tables.count) tables are trained and the queue is empty",
            timeout: timeout,
            interval: .milliseconds(200),
            detail: {
                let trained = (try? await self.store.trainedTables(sourceId: self.source.id)) ?? []
                let pending = (try? await self.queue.pendingCount()) ?? -1
                let letters = (try? await self.queue.deadLetters(limit: 5)) ?? []
                return "\(trained.count) trained, \(pending) pending, dead letters: \(letters.map(\.error))\n\(self.harness.logTails(lines: 15))"
            }
        ) {
            let trained = Set(try await store.trainedTables(sourceId: source.id))
            guard expected.isSubset(of: trained) else { return false }
            return try await queue.pendingCount() == 0
        }
    }

    /// Checks that each table has exactly one schema row (trained), one vector, a completed
    /// status; and that nothing was dead-lettered.
    func expectTrainedExactlyOnce(_ tables: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let schemaRows = try await metadata.query(
            "SELECT table_name, count(*) AS n, bool_and(is_trained) AS trained FROM database_table_schemas WHERE source_id = $1 GROUP BY table_name",
            [.text(source.id)]
        )
        let schemaCounts = Dictionary(uniqueKeysWithValues: schemaRows.map { ($0.string("table_name") ?? "", $0.int("n") ?? -1) })
        #expect(schemaCounts.count == tables.count, "schema rows for \(schemaCounts.count) tables", sourceLocation: sourceLocation)
        let duplicated = schemaCounts.filter { $0.value != 1 }
        #expect(duplicated.isEmpty, "tables without exactly one schema row: \(duplicated)", sourceLocation: sourceLocation)
        #expect(schemaRows.allSatisfy { $0.bool("trained") }, "every schema row is_trained", sourceLocation: sourceLocation)

        let vectorRows = try await metadata.query(
            "SELECT table_name, count(*) AS n FROM schema_vectors WHERE namespace = $1 GROUP BY table_name",
            [.text(Self.tenant.vectorNamespace)]
        )
        let vectorCounts = Dictionary(uniqueKeysWithValues: vectorRows.map { ($0.string("table_name") ?? "", $0.int("n") ?? -1) })
        #expect(Set(vectorCounts.keys) == Set(tables), "vectors for \(vectorCounts.count) of \(tables.count) tables", sourceLocation: sourceLocation)
        #expect(vectorCounts.values.allSatisfy { $0 == 1 }, "tables without exactly one vector", sourceLocation: sourceLocation)

        let trained = try await store.trainedTables(sourceId: source.id)
        #expect(trained.count == tables.count && Set(trained) == Set(tables), "trained_tables lists each table once", sourceLocation: sourceLocation)

        let states = try await metadata.query(
            "SELECT state, count(*) AS n FROM training_jobs WHERE source_id = $1 GROUP BY state",
            [.text(source.id)]
        )
        let stateCounts = Dictionary(uniqueKeysWithValues: states.map { ($0.string("state") ?? "", $0.int("n") ?? -1) })
        #expect(stateCounts == ["completed": Int64(tables.count)], "training states: \(stateCounts)", sourceLocation: sourceLocation)
        #expect(try await queue.deadLetters(limit: 100).isEmpty, "no dead letters", sourceLocation: sourceLocation)
    }

    /// The table of every job the trainers logged as trained (`table trained … db.table=…`),
    /// one entry per completion.
    func completedTables() -> [String] {
        harness.all.flatMap { process in
            process.output().split(separator: "\n").filter { $0.contains("table trained") }.compactMap { line -> String? in
                guard let range = line.range(of: "db.table=") else { return nil }
                return String(line[range.upperBound...].prefix { !$0.isWhitespace })
            }
        }
    }

    /// How many jobs each trainer logged as trained.
    func trainedCounts() -> [String: Int] {
        Dictionary(
            uniqueKeysWithValues: harness.all.map { process in
                (process.name, process.output().components(separatedBy: "table trained").count - 1)
            }
        )
    }
}

struct ProcessExited: Error, CustomStringConvertible {
    var description: String
}
