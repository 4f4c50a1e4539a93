import Foundation
import Hummingbird
import Logging
import QuerentApplication
import QuerentCore
import QuerentGeneration
import QuerentHTTP
import QuerentHTTPClient
import QuerentRuntime
import QuerentSafety
import QuerentTesting
import QueryService

/// `querent-bench query [--requests 300] [--concurrency 1,4] [--url postgres://…]`
///
/// Starts the query routes on 127.0.0.1 over the trained sample database (as `querent serve`
/// does), then sends the same questions to `POST /:id/query` (built-in generator) and the SQL
/// those questions produce to `POST /:id/sql`, one run, same server, and prints throughput and
/// p50/p99 latency of each and their ratio.
///
/// It first prints the customer-database round trips of one answer and of one `/sql` run per
/// question, on the SQLite sample and, when `--url` (or `QUERENT_TEST_POSTGRES_URL`) names a
/// Postgres server whose role may create databases, on the Postgres test fixture.
enum QueryBenchmark {
    static let questions = [
        "How many orders were cancelled?",
        "How many customers are there?",
        "What is the average unit price of products?",
        "List the names of suppliers",
        "How many orders did each customer place?",
        "Which products are discontinued?",
        "What is the total amount of payments by method?",
        "How many employees are there in each region?",
    ]

    /// Questions over the Postgres test fixture (``QuerentTesting/Fixture/postgres``), for round trips.
    static let postgresQuestions = [
        "How many customers are there?",
        "How many orders are there?",
        "What is the total of orders by status?",
        "List the names of employees",
    ]

    static func run(_ arguments: [String]) async throws {
        // It measures the question path, not the per-tenant rate limit its requests would hit.
        setenv("QUERENT_RATE_QUERIES_PER_MINUTE", "0", 0)
        let options = BenchmarkArguments(arguments)
        let requests = options.int("--requests") ?? 300
        let concurrencies = (options.value("--concurrency") ?? "1,4").split(separator: ",").compactMap { Int($0) }
        var logger = Logger(label: "querent-bench")
        logger.logLevel = .error

        let sample = try await TrainedSample(logger: logger)
        defer { Task { await sample.remove() } }
        let (dependencies, source, tenant) = (sample.dependencies, sample.source, sample.tenant)
        let registry = dependencies.registry
        let training = dependencies.trainingPipeline()
        let pipeline = dependencies.queryPipeline()
        let signer = TokenSigner(secret: CredentialCipher.generateKey())
        let router = buildRouter(dependencies, signer: signer)

        let (portStream, portContinuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in portContinuation.yield(channel.localAddress?.port ?? 0) },
            logger: logger
        )
        let server = Task { try await app.runService() }
        defer { server.cancel() }
        var ports = portStream.makeAsyncIterator()
        guard let port = await ports.next() else { return }
        let base = "http://127.0.0.1:\(port)\(QuerentRouter.apiPath)/\(source.id)"
        let headers = ["Authorization": "Bearer " + signer.issue(for: tenant), "Content-Type": "application/json"]
        let client = HTTPClient()

        // The SQL each question produces, for the raw path.
        var statements: [String] = []
        for question in questions {
            let answer = try await pipeline.ask(question: question, sourceId: source.id, tenant: tenant, execute: false, logger: logger)
            statements.append(answer.generation.sql)
        }
        let queryBodies = try questions.map { String(decoding: try JSONEncoder().encode(["question": $0]), as: UTF8.self) }
        let sqlBodies = try statements.map { String(decoding: try JSONEncoder().encode(["sql": $0]), as: UTF8.self) }

        try await printRoundTrips(
            "sqlite sample",
            pipeline: pipeline,
            registry: registry,
            sourceId: source.id,
            tenant: tenant,
            questions: questions,
            logger: logger
        )
        if let url = options.value("--url") ?? ProcessInfo.processInfo.environment["QUERENT_TEST_POSTGRES_URL"] {
            let database = try await ScratchDatabase.create(prefix: "bench_query", adminURL: url)
            do {
                try await database.execute(Fixture.postgres)
                let postgres = try await registry.create(name: "fixture", dialect: .postgres, spec: ConnectionSpec(url: database.url), tenant: tenant)
                for table in ["customers", "orders", "order_lines", "employees"] {
                    try await training.run(
                        TrainingJob(sourceId: postgres.id, tableName: table, tenant: tenant, trainingType: .newTable),
                        logger: logger
                    )
                }
                try await printRoundTrips(
                    "postgres fixture",
                    pipeline: pipeline,
                    registry: registry,
                    sourceId: postgres.id,
                    tenant: tenant,
                    questions: postgresQuestions,
                    logger: logger
                )
                try await registry.delete(postgres.id, tenant: tenant)
                await database.drop()
            } catch {
                await database.drop()
                throw error
            }
        }
        try await printStages(
            pipeline: pipeline,
            retriever: dependencies.retriever(),
            contexts: dependencies.contexts,
            registry: registry,
            source: source,
            tenant: tenant,
            logger: logger
        )
        print("sample database, \(questions.count) questions, \(requests) requests per run")
        for concurrency in concurrencies {
            let query = try await measure(
                client: client,
                url: base + "/query",
                bodies: queryBodies,
                headers: headers,
                requests: requests,
                concurrency: concurrency
            )
            let sql = try await measure(
                client: client,
                url: base + "/sql",
                bodies: sqlBodies,
                headers: headers,
                requests: requests,
                concurrency: concurrency
            )
            print(
                String(
                    format: "concurrency %d  POST /query: %.0f req/s  p50 %.2f ms  p99 %.2f ms",
                    concurrency,
                    query.throughput,
                    query.p50,
                    query.p99
                )
            )
            print(String(format: "concurrency %d  POST /sql:   %.0f req/s  p50 %.2f ms  p99 %.2f ms", concurrency, sql.throughput, sql.p50, sql.p99))
            print(
                String(
                    format: "concurrency %d  /query vs /sql: p50 ×%.2f, p99 ×%.2f (goal ≤ 2)",
                    concurrency,
                    query.p50 / sql.p50,
                    query.p99 / sql.p99
                )
            )
        }
        await registry.shutdown()
    }

    /// Customer-database round trips (``QuerentCore/DatabaseDriver/roundTrips``) of one built-in
    /// answer and of one `/sql` run of its SQL, per question, on a kept connection.
    static func printRoundTrips(
        _ label: String,
        pipeline: QueryPipeline,
        registry: SourceRegistry,
        sourceId: String,
        tenant: Tenant,
        questions: [String],
        logger: Logger
    ) async throws {
        func count() async throws -> Int { try await registry.withDriver(sourceId, tenant: tenant) { $0.roundTrips } }
        var asks: [Int] = []
        var runs: [Int] = []
        // The first round opens the connections; only the second is counted.
        for round in 0..<2 {
            for question in questions {
                let before = try await count()
                let answer = try await pipeline.ask(question: question, sourceId: sourceId, tenant: tenant, logger: logger)
                let middle = try await count()
                guard !answer.generation.sql.isEmpty else { continue }
                _ = try await pipeline.runSQL(answer.generation.sql, sourceId: sourceId, tenant: tenant)
                let after = try await count()
                if round == 1 {
                    asks.append(middle - before)
                    runs.append(after - middle)
                }
            }
        }
        func mean(_ values: [Int]) -> Double { values.isEmpty ? 0 : Double(values.reduce(0, +)) / Double(values.count) }
        print(
            String(
                format: "%@, customer-database round trips per question (%d questions): POST /query %.1f (max %d), POST /sql %.1f (max %d)",
                label as NSString,
                asks.count,
                mean(asks),
                asks.max() ?? 0,
                mean(runs),
                runs.max() ?? 0
            )
        )
    }

    /// Mean time of each step of the natural-language path, in-process, so a regression in
    /// one stage shows without a profiler.
    static func printStages(
        pipeline: QueryPipeline,
        retriever: SchemaRetriever,
        contexts: SchemaContextCache,
        registry: SourceRegistry,
        source: DatabaseSource,
        tenant: Tenant,
        logger: Logger
    ) async throws {
        let rounds = 50
        var totals: [String: Duration] = [:]
        func timed<T>(_ stage: String, _ body: () async throws -> T) async rethrows -> T {
            let begin = ContinuousClock.now
            let value = try await body()
            totals[stage, default: .zero] += ContinuousClock.now - begin
            return value
        }
        let generator = BuiltinSQLGenerator()
        for _ in 0..<rounds {
            for question in questions {
                _ = try await timed("registry.get") { try await registry.get(source.id, tenant: tenant) }
                let tables = try await timed("retrieve") { try await retriever.retrieve(question: question, sourceId: source.id, tenant: tenant) }
                let allowed = try await timed("trained tables") {
                    Set(try await contexts.trainedSchemas(sourceId: source.id, tenant: tenant).map(\.tableName))
                }
                let generation = await timed("generate") {
                    generator.generateNow(GenerationRequest(question: question, dialect: .sqlite, tables: tables))
                }
                // a table set never seen before (as after retraining): the schema index is rebuilt
                var uncached = tables
                uncached[0].businessContext += " \(UUID().uuidString)"
                _ = await timed("generate, schema index not cached") {
                    generator.generateNow(GenerationRequest(question: question, dialect: .sqlite, tables: uncached))
                }
                _ = try await timed("validate") { try SQLSafety.validate(generation.sql, dialect: .sqlite, allowedTables: allowed) }
                _ = try await timed("run /sql (validate, execute, history)") {
                    try await pipeline.runSQL(generation.sql, sourceId: source.id, tenant: tenant)
                }
                _ = try await timed("ask (whole /query path)") {
                    try await pipeline.ask(question: question, sourceId: source.id, tenant: tenant, logger: logger)
                }
            }
        }
        let count = Double(rounds * questions.count)
        print("stages, mean of \(rounds * questions.count) in-process calls:")
        for (stage, total) in totals.sorted(by: { $0.value > $1.value }) {
            print(String(format: "  %-40@ %.3f ms", stage as NSString, TrainingBenchmark.seconds(total) * 1_000 / count))
        }
    }

    struct Measurement {
        var throughput: Double
        var p50: Double
        var p99: Double
    }

    static func measure(
        client: HTTPClient,
        url: String,
        bodies: [String],
        headers: [String: String],
        requests: Int,
        concurrency: Int
    ) async throws -> Measurement {
        let started = ContinuousClock.now
        let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    var latencies: [Double] = []
                    var index = worker
                    while index < requests {
                        let begin = ContinuousClock.now
                        let response = try await client.send(
                            method: "POST",
                            url: url,
                            headers: headers,
                            body: Data(bodies[index % bodies.count].utf8)
                        )
                        guard response.status == 200 else {
                            throw ServiceError(.internalError, "HTTP \(response.status): \(String(decoding: response.body, as: UTF8.self))")
                        }
                        latencies.append(TrainingBenchmark.seconds(ContinuousClock.now - begin) * 1_000)
                        index += concurrency
                    }
                    return latencies
                }
            }
            return try await group.reduce(into: [Double]()) { $0 += $1 }
        }.sorted()
        let total = TrainingBenchmark.seconds(ContinuousClock.now - started)
        func percentile(_ p: Double) -> Double { latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
        return Measurement(throughput: Double(latencies.count) / total, p50: percentile(0.5), p99: percentile(0.99))
    }
}
