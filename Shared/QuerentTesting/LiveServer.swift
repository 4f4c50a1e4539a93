import Hummingbird
import Logging

/// Serves `router` on 127.0.0.1 (a free port) while `body` runs, then stops the server, also
/// when `body` throws.
public func withLiveServer<Builder: HTTPResponderBuilder, T: Sendable>(
    _ router: Builder,
    serverName: String = "test",
    _ body: @Sendable (_ port: Int) async throws -> T
) async throws -> T where Builder.Responder.Context: InitializableFromSource<ApplicationRequestContextSource> {
    var logger = Logger(label: serverName)
    logger.logLevel = .critical
    let (ports, portContinuation) = AsyncStream<Int>.makeStream()
    let app = Application(
        router: router,
        configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: serverName),
        onServerRunning: { channel in portContinuation.yield(channel.localAddress?.port ?? 0) },
        logger: logger
    )
    let server = Task { try await app.runService(gracefulShutdownSignals: []) }
    func stop() async {
        server.cancel()
        _ = await server.result
    }
    var iterator = ports.makeAsyncIterator()
    guard let port = await iterator.next(), port > 0 else {
        await stop()
        throw Polling.TimedOut(description: "the \(serverName) server did not start")
    }
    do {
        let value = try await body(port)
        await stop()
        return value
    } catch {
        await stop()
        throw error
    }
}
