import Foundation
import Logging
import QuerentApplication
import QuerentCore
import QuerentPostgres
import QuerentRedis
import QuerentRuntime
import QuerentSQLStore

/// `querent-bench training [--tables 1000] [--replicas 1,2,4] [--concurrency 2] [--batch-size 25] [--url postgres://…] [--redis redis://…]`
///
/// Trains a generated Postgres source of `--tables` tables with 1, 2 and 4 trainer replicas
/// (each replica: its own Redis and Postgres connections and a worker with `--concurrency`
/// slots claiming `--batch-size` jobs at once, all on one Redis Streams consumer group). The
/// tables are queued as the API queues them (``TrainingCoordinator/train(sourceId:tables:tenant:)``:
/// a queued status and a job per table). For each replica count it prints the time, tables per
/// second, the progress events seen, the process's peak RSS, Redis `used_memory` and the
/// metadata database's size before (jobs queued) and after; then the embed + upsert time per table.
enum TrainingBenchmark {
    static func run(_ arguments: [String]) async throws {
        let options = BenchmarkArguments(arguments)
        let tables = options.int("--tables") ?? 1_000
        let replicaCounts = (options.value("--replicas") ?? "1,2,4").split(separator: ",").compactMap { Int($0) }
        let concurrency = options.int("--concurrency") ?? 2
        let batchSize = options.int("--batch-size") ?? TrainingWorker.defaultBatchSize
        let baseURL =
            options.value("--url") ?? ProcessInfo.processInfo.environment["QUERENT_TEST_POSTGRES_URL"]
            ?? "postgres://querent:querent@127.0.0.1:55432/querent"
        let redisURL = options.value("--redis") ?? ProcessInfo.processInfo.environment["REDIS_URL"] ?? "redis://127.0.0.1:56379"
        var logger = Logger(label: "querent-bench")
        logger.logLevel = .error

        let run = UUID().uuidString.prefix(8).lowercased()
        let customerURL = try await createDatabase("bench_train_src_\(run)", from: baseURL)
        print("creating \(tables) tables …")
        try await createCatalog(url: customerURL, tables: tables)

        let tenant = Tenant(userId: "bench", agentId: "bench")
        let secret = CredentialCipher.generateKey()
        for replicas in replicaCounts {
            var configuration = QuerentConfiguration(
                metadataURL: try await createDatabase("bench_train_meta_\(run)_\(replicas)", from: baseURL),
                secretKey: secret,
                messaging: .redis(redisURL)
            )
            configuration.queueName = "bench-\(run)-\(replicas)"
            configuration.keepConnections = false
            let coordinator = try await Dependencies.make(configuration, logger: logger)
            let source = try await coordinator.registry.create(
                name: "bench",
                dialect: .postgres,
                spec: ConnectionSpec(url: customerURL),
                tenant: tenant
            )
            let training = coordinator.trainingCoordinator()
            let names = (0..<tables).map { "bench.t\($0)" }
            for start in stride(from: 0, to: tables, by: 5_000) {
                _ = try await training.train(sourceId: source.id, tables: Array(names[start..<min(start + 5_000, tables)]), tenant: tenant)
            }
            let redis = try RedisClient(url: redisURL, maxConnections: 1)
            let redisBefore = try await redisUsedMemory(redis)
            let storeBefore = try await databaseSize(coordinator.store)
            guard let bus = coordinator.events as? RedisEventBus else { throw BenchmarkError("the benchmark needs the Redis event bus") }
            let listening = Task { try await bus.run() }
            await bus.waitUntilSubscribed()
            let counting = countProgress(await bus.subscribe(), tables: tables)

            // Each replica has its own connections, as a separate process would.
            configuration.keepConnections = true
            var replicaWirings: [Dependencies] = []
            for _ in 0..<replicas { replicaWirings.append(try await Dependencies.make(configuration, logger: logger)) }
            let started = ContinuousClock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (replica, wiring) in replicaWirings.enumerated() {
                    let worker = wiring.trainingWorker(consumer: "replica-\(replica)", concurrency: concurrency, batchSize: batchSize, logger: logger)
                    group.addTask { try await worker.run() }
                }
                group.addTask {
                    while try await coordinator.store.trainedTables(sourceId: source.id).count < tables {
                        try await Task.sleep(for: .milliseconds(50))
                    }
                    // A batch is marked trained before it reports its tables complete: let the
                    // last one finish (bounded) before the trainers stop.
                    let giveUp = Task {
                        try await Task.sleep(for: .seconds(10))
                        counting.cancel()
                    }
                    _ = await counting.value
                    giveUp.cancel()
                    throw BenchmarkDone()
                }
                do {
                    try await group.next()
                } catch is BenchmarkDone {}
                group.cancelAll()
            }
            let elapsed = seconds(ContinuousClock.now - started)
            let (events, completed) = await counting.value
            listening.cancel()
            let redisAfter = try await redisUsedMemory(redis)
            let storeAfter = try await databaseSize(coordinator.store)
            await redis.close()
            print(
                String(
                    format: "replicas=%d concurrency=%d batch=%d: %d tables in %.2f s → %.1f tables/s; %d progress events (%d tables completed); "
                        + "peak RSS %.0f MiB; Redis used_memory %.1f → %.1f MiB; metadata database %.1f → %.1f MiB",
                    replicas,
                    concurrency,
                    batchSize,
                    tables,
                    elapsed,
                    Double(tables) / elapsed,
                    events,
                    completed,
                    peakResidentMiB(),
                    redisBefore,
                    redisAfter,
                    storeBefore,
                    storeAfter
                )
            )
            for wiring in replicaWirings { await wiring.close() }
            await coordinator.close()
        }

        // Embed + upsert, measured alone on stored schemas.
        let metadataURL = try await createDatabase("bench_train_meta_\(run)_embed", from: baseURL)
        let store = SQLMetadataStore(client: try PostgresClient(url: metadataURL))
        try await store.migrate()
        let vectors = IndexedVectorStore(store: store, embedder: HashingEmbedder())
        let driver = try await PostgresDriver.connect(ConnectionSpec(url: customerURL))
        var schemas: [TableSchema] = []
        for index in 0..<min(tables, 200) { schemas.append(try await driver.introspect(table: "bench.t\(index)", sourceId: "embed")) }
        await driver.close()
        let embedStart = ContinuousClock.now
        for schema in schemas {
            try await vectors.upsertTableSchema(schema, businessContext: BusinessContextGenerator.generate(for: schema), tenant: tenant)
        }
        let perTable = seconds(ContinuousClock.now - embedStart) * 1_000 / Double(schemas.count)
        print(String(format: "embed + upsert: %.2f ms per table (%d tables, built-in embedder, Postgres metadata)", perTable, schemas.count))
        await store.client.close()
    }

    struct BenchmarkDone: Error {}

    /// Counts `training.progress` events and the tables that reached `complete`, until all
    /// `tables` have or the task is cancelled.
    static func countProgress(_ stream: AsyncStream<QuerentEvent>, tables: Int) -> Task<(events: Int, completed: Int), Never> {
        Task {
            var events = 0
            var completed = Set<String>()
            for await event in stream where event.channel == .trainingProgress {
                events += 1
                if event.stage == .complete { completed.insert(event.tableName) }
                if completed.count == tables { break }
            }
            return (events, completed.count)
        }
    }

    /// The process's peak resident set size (`VmHWM` of `/proc/self/status`), MiB; 0 elsewhere.
    static func peakResidentMiB() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) })
        else { return 0 }
        return kilobytes / 1_024
    }

    /// Redis `INFO memory` `used_memory`, MiB.
    static func redisUsedMemory(_ redis: RedisClient) async throws -> Double {
        let info = try await redis.command("INFO", "memory").text ?? ""
        let line = info.split(whereSeparator: \.isNewline).first { $0.hasPrefix("used_memory:") }
        return (line.flatMap { Double($0.dropFirst("used_memory:".count)) } ?? 0) / 1_048_576
    }

    /// `pg_database_size` of the metadata database, MiB.
    static func databaseSize(_ store: SQLMetadataStore) async throws -> Double {
        let row = try await store.client.query("SELECT pg_database_size(current_database()) AS size", []).first
        return Double(row?.int("size") ?? 0) / 1_048_576
    }

    static func seconds(_ duration: Duration) -> Double {
        let (whole, fraction) = duration.components
        return Double(whole) + Double(fraction) / 1e18
    }

    /// Creates a fresh database next to the one `baseURL` names and returns its URL.
    static func createDatabase(_ name: String, from baseURL: String) async throws -> String {
        let admin = try PostgresClient(url: baseURL, maxConnections: 1)
        try await admin.query("CREATE DATABASE \(name)")
        await admin.close()
        guard let slash = baseURL.lastIndex(of: "/") else { return baseURL }
        return String(baseURL[...slash]) + name
    }

    /// `bench.t0 … bench.t{n-1}`: ten columns each, each table referencing the previous one,
    /// five rows each with a low-cardinality status column.
    static func createCatalog(url: String, tables: Int) async throws {
        let client = try PostgresClient(url: url, maxConnections: 1)
        try await client.query("CREATE SCHEMA bench")
        for batch in stride(from: 0, to: tables, by: 100) {
            try await client.transaction { session in
                for index in batch..<min(batch + 100, tables) {
                    let reference = index == 0 ? "" : ", prev_id INTEGER REFERENCES bench.t\(index - 1)(id)"
                    try session.query(
                        """
                        CREATE TABLE bench.t\(index) (id SERIAL PRIMARY KEY, name TEXT NOT NULL, status TEXT, amount NUMERIC(10,2),
                        created_on DATE, quantity INTEGER, code VARCHAR(12), active BOOLEAN, note TEXT\(reference))
                        """
                    )
                    try session.query(
                        "INSERT INTO bench.t\(index) (name, status, amount, created_on, quantity, code, active, note) SELECT 'row ' || g, (ARRAY['open','closed','pending'])[1 + g % 3], g * 1.5, DATE '2024-01-01' + g, g, 'C' || g, g % 2 = 0, NULL FROM generate_series(1, 5) g"
                    )
                }
            }
        }
        try await client.query("ANALYZE")
        await client.close()
    }
}

/// `--name value` pairs from the command line.
struct BenchmarkArguments {
    let arguments: [String]

    init(_ arguments: [String]) {
        self.arguments = arguments
    }

    func value(_ name: String) -> String? {
        guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
        return arguments[index + 1]
    }

    func int(_ name: String) -> Int? {
        value(name).flatMap(Int.init)
    }
}
