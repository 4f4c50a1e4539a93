import ArgumentParser
import Foundation
import QuerentApplication
import QuerentCore
import QuerentHTTP
import QuerentRedis
import QuerentRuntime
import QueryService

/// `query-service`: retrieval, NL→SQL, safety, execution, history and chat.
///
/// Environment: `QUERENT_METADATA_URL`, `QUERENT_SECRET_KEY`, `QUERENT_JWT_SECRET`, `REDIS_URL`
/// (schema events invalidate cached contexts), the embeddings settings (must match the
/// trainers'), and optionally `QUERENT_LLM_URL`/`_MODEL`/`_API_KEY` for the LLM generator,
/// `QUERENT_GENERATOR` (default generator), `QUERENT_QUERY_TIMEOUT_MS` (at most 30000).
@main
struct QueryServiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query-service",
        abstract: "Querent query service: answer questions about trained tables with safe SQL."
    )

    @OptionGroup var options: ServiceOptions

    func run() async throws {
        let logger = options.makeLogger(label: "query-service")
        let environment = ServiceEnvironment()
        let store = try MetadataStoreFactory.open(url: try environment.metadataURL())
        try await store.migrate()
        let redis = try RedisClient(url: environment.redisURL())
        let events = RedisEventBus(client: redis, logger: logger)
        let registry = SourceRegistry(
            store: store, connector: DriverConnector(environment: environment.values), cipher: try environment.cipher(), events: events,
            keepConnections: true
        )
        let vectors = IndexedVectorStore(store: store, embedder: try await EmbedderFactory.make(environment: environment.values))
        let contexts = SchemaContextCache(store: store)
        let generators = try GeneratorFactory.make(environment: environment.values)
        let timeout = environment.values["QUERENT_QUERY_TIMEOUT_MS"].flatMap(Int.init).map { min(max($0, 100), 30_000) } ?? 30_000
        let pipeline = QueryPipeline(
            registry: registry, retriever: SchemaRetriever(vectors: vectors, contexts: contexts), contexts: contexts,
            generators: generators, defaultGenerator: GeneratorFactory.defaultName(environment: environment.values, available: generators),
            hybridThreshold: GeneratorFactory.hybridThreshold(environment: environment.values),
            limits: QueryLimits(timeoutMilliseconds: timeout, maxRows: 1_000)
        )
        let chat = ChatService(
            pipeline: pipeline, registry: registry, contexts: contexts, vectors: vectors,
            writer: GeneratorFactory.chatModel(environment: environment.values)
        )
        let routes = QueryRoutes(pipeline: pipeline, chat: chat)
        let router = QuerentRouter.make(
            service: "query-service", signer: try environment.tokenSigner(),
            checks: [
                .init(name: "metadata", probe: { try await store.ping() }),
                .init(name: "redis", probe: { try await redis.command("PING") }),
            ],
            api: routes.addRoutes, root: routes.addRootRoutes
        )
        let invalidation = await SchemaEventFollower(events: events, contexts: contexts, vectors: vectors)
        try await QuerentServer.run(
            router: router, hostname: options.resolvedHostname(), port: options.resolvedPort(default: 8083), logger: logger,
            services: [events, invalidation]
        )
        await registry.shutdown()
        await redis.close()
        await store.client.close()
    }
}
