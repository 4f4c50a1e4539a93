import ArgumentParser
import QuerentApplication
import QuerentCore
import QuerentHTTP
import QuerentRedis
import QuerentRuntime
import SchemaService

/// `schema-service`: sources, connections and introspection.
///
/// Environment: `QUERENT_METADATA_URL`, `QUERENT_SECRET_KEY`, `QUERENT_JWT_SECRET` (see the README).
@main
struct SchemaServiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema-service",
        abstract: "Querent schema service: register databases, introspect and describe their tables."
    )

    @OptionGroup var options: ServiceOptions

    func run() async throws {
        let logger = options.makeLogger(label: "schema-service")
        let environment = ServiceEnvironment()
        let store = try MetadataStoreFactory.open(url: try environment.metadataURL())
        try await store.migrate()
        // Deleting a source is announced on the bus so other services drop cached vectors.
        let redis = try environment.values["REDIS_URL"].map { try RedisClient(url: $0) }
        let events = redis.map { RedisEventBus(client: $0, logger: logger) }
        let registry = SourceRegistry(store: store, connector: DriverConnector(environment: environment.values), cipher: try environment.cipher(), events: events, keepConnections: true)
        let routes = SchemaRoutes(catalog: SchemaCatalog(registry: registry))
        let router = QuerentRouter.make(
            service: "schema-service", signer: try environment.tokenSigner(),
            checks: [.init(name: "metadata", probe: { try await store.ping() })],
            api: routes.addRoutes
        )
        try await QuerentServer.run(
            router: router, hostname: options.resolvedHostname(), port: options.resolvedPort(default: 8081), logger: logger
        )
        await redis?.close()
        await store.client.close()
    }
}
