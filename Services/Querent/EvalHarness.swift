import Foundation
import Logging
import QuerentApplication
import QuerentCore
import QuerentHTTPClient
import QuerentRuntime
import QuerentSQLite

/// The product wired in-process for evaluation: SQLite metadata in a scratch directory,
/// the real training pipeline, retrieval and query pipeline.
struct EvalHarness {
    let dependencies: Dependencies
    let registry: SourceRegistry
    let training: TrainingPipeline
    let pipeline: QueryPipeline
    let retriever: SchemaRetriever
    let generator: String
    let logger: Logger
    static let tenant = Tenant(userId: "eval", agentId: "eval")

    init(directory: String, generator: String, maxTables: Int, environment: [String: String], logger: Logger) async throws {
        var configuration = QuerentConfiguration(
            metadataURL: directory + "/metadata.sqlite",
            secretKey: CredentialCipher.generateKey(),
            environment: environment
        )
        configuration.maxRetrievedTables = maxTables
        configuration.defaultGenerator = generator
        configuration.queryLimits = QueryLimits(timeoutMilliseconds: 30_000, maxRows: 100_000)
        let dependencies = try await Dependencies.make(configuration, logger: logger)
        self.dependencies = dependencies
        registry = dependencies.registry
        training = dependencies.trainingPipeline()
        retriever = dependencies.retriever()
        pipeline = dependencies.queryPipeline()
        self.generator = generator
        self.logger = logger
    }

    /// Registers the database and trains every table through the training pipeline.
    func register(dbId: String, dialect: Dialect, spec: ConnectionSpec) async throws -> String {
        let source = try await registry.create(name: dbId, dialect: dialect, spec: spec, tenant: Self.tenant)
        let tables = try await registry.withDriver(source.id, tenant: Self.tenant) { try await $0.listTables() }
        for table in tables {
            try await training.run(
                TrainingJob(sourceId: source.id, tableName: table.name, tenant: Self.tenant, trainingType: .newTable),
                logger: logger
            )
        }
        return source.id
    }

    /// Teaches each question with its gold SQL of `dialect` as a verified example, and trains it.
    func teach(_ lessons: [EvalQuestion], sourceId: String, dialect: Dialect) async throws {
        let knowledge = dependencies.knowledge()
        for lesson in lessons {
            let example = try await knowledge.addExample(
                question: lesson.question,
                sql: lesson.gold(for: dialect),
                sourceId: sourceId,
                tenant: Self.tenant
            )
            let job = TrainingJob(sourceId: sourceId, tableName: "", tenant: Self.tenant, trainingType: .example, exampleId: example.id)
            try await training.run(job, logger: logger)
        }
        // no event follower runs here: drop the cached context the checks above loaded
        await dependencies.contexts.invalidate(sourceId: sourceId, tenant: Self.tenant)
    }

    /// Removes the source (its driver closes), before its database goes away.
    func unregister(_ sourceId: String) async {
        try? await registry.delete(sourceId, tenant: Self.tenant)
    }

    /// Asks one question and scores it against the gold SQL of `dialect`, run on the same source.
    func evaluate(_ item: EvalQuestion, sourceId: String, dialect: Dialect) async throws -> EvalOutcome {
        let goldSQL = item.gold(for: dialect)
        let started = ContinuousClock.now
        let answer = try? await pipeline.ask(question: item.question, sourceId: sourceId, tenant: Self.tenant, generator: generator, logger: logger)
        let elapsed = ContinuousClock.now - started
        let retrieved =
            (try? await retriever.retrieve(question: item.question, sourceId: sourceId, tenant: Self.tenant).map(\.schema.tableName)) ?? []
        let limits = QueryLimits(timeoutMilliseconds: 30_000, maxRows: 100_000)
        let gold = try? await registry.withDriver(sourceId, tenant: Self.tenant) { try await $0.execute(goldSQL, limits: limits) }
        var correct = false
        if let answer, answer.result?.success == true, let gold {
            let predicted = try? await registry.withDriver(sourceId, tenant: Self.tenant) {
                try await $0.execute(answer.generation.sql, limits: limits)
            }
            if let predicted {
                correct = ResultComparer.matches(predicted: predicted.rows, gold: gold.rows, ordered: ResultComparer.hasTopLevelOrderBy(goldSQL))
            }
        }
        let goldTables = EvalQuestion.tables(in: item.query)
        let retrievedSet = Set(retrieved.map { $0.lowercased() })
        return EvalOutcome(
            dbId: item.dbId,
            question: item.question,
            gold: goldSQL,
            pred: answer?.generation.sql ?? "",
            correct: correct,
            confidence: answer?.generation.confidence ?? 0,
            retrieved: retrieved,
            retrievalHit: goldTables.allSatisfy { retrievedSet.contains($0) },
            ms: elapsed.milliseconds,
            hardness: SpiderHardness(sql: item.query),
            goldEmpty: gold?.rows.isEmpty ?? false,
            error: answer == nil ? "pipeline error" : answer?.result?.error
        )
    }
}
