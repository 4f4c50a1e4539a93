import ArgumentParser
import QuerentHTTP
import QuerentRuntime
import SchemaService

/// `schema-service`: sources, connections and introspection.
///
/// Environment: `QUERENT_METADATA_URL`, `QUERENT_SECRET_KEY`, `QUERENT_JWT_SECRET`, and
/// `REDIS_URL` when deletions should reach the other services (see the README).
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
        let signer = try environment.tokenSigner()
        let dependencies = try await Dependencies.make(QuerentConfiguration(environment: environment.values, requiresRedis: false), logger: logger)
        try await QuerentServer.run(
            router: buildRouter(dependencies, signer: signer),
            hostname: options.resolvedHostname(),
            port: options.resolvedPort(default: 8081),
            logger: logger,
            services: dependencies.services
        )
    }
}
