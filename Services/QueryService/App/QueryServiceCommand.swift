import ArgumentParser
import QuerentCore
import QuerentHTTP
import QuerentRuntime
import QueryService

/// `query-service`: retrieval, NL→SQL, safety, execution, history and chat.
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
        let routes = QueryRoutes()
        let router = QuerentRouter.make(
            service: "query-service", signer: try environment.tokenSigner(),
            checks: [.init(name: "metadata", probe: { try await store.ping() })],
            api: routes.addRoutes
        )
        try await QuerentServer.run(
            router: router, hostname: options.resolvedHostname(), port: options.resolvedPort(default: 8083), logger: logger
        )
        await store.client.close()
    }
}
