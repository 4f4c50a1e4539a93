import Hummingbird
import Logging
import ServiceLifecycle

/// Runs a Querent HTTP service: the Hummingbird application plus its background services in
/// one `ServiceGroup` that shuts down gracefully on SIGTERM and SIGINT.
public enum QuerentServer {
    /// Serves `router` until a shutdown signal.
    /// - Parameters:
    ///   - services: background services (queue workers, pools); started before the server,
    ///     stopped after it.
    ///   - onReady: called once the server listens.
    public static func run(
        router: Router<AppRequestContext>,
        hostname: String,
        port: Int,
        logger: Logger,
        services: [any Service] = [],
        onReady: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws {
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(hostname, port: port), serverName: "querent"),
            onServerRunning: { channel in await onReady(channel.localAddress?.port ?? port) },
            logger: logger
        )
        let group = ServiceGroup(
            configuration: .init(services: services + [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        )
        try await group.run()
    }
}
