import ArgumentParser
import QuerentConsole
import QuerentHTTP
import QuerentRuntime
import QueryService

/// `query-service`: retrieval, NL→SQL, safety, execution, history and chat.
///
/// Environment: `QUERENT_METADATA_URL`, `QUERENT_SECRET_KEY`, `QUERENT_JWT_SECRET`, `REDIS_URL`
/// (schema events invalidate cached contexts), the embeddings settings (must match the
/// trainers'), and optionally `QUERENT_LLM_URL`/`_MODEL`/`_API_KEY` for the LLM generator,
/// `QUERENT_GENERATOR` (default generator), `QUERENT_QUERY_TIMEOUT_MS` (at most 30000),
/// `QUERENT_CONSOLE_DIR` (serve the web console's files from there, for development).
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
        let signer = try environment.tokenSigner()
        let dependencies = try await Dependencies.make(QuerentConfiguration(environment: environment.values, requiresRedis: true), logger: logger)
        try await QuerentServer.run(
            router: buildRouter(dependencies, signer: signer, console: ConsoleRoutes(assets: .fromEnvironment(environment.values))),
            hostname: options.resolvedHostname(),
            port: options.resolvedPort(default: 8083),
            logger: logger,
            services: dependencies.services + (await buildBackgroundServices(dependencies))
        )
    }
}
