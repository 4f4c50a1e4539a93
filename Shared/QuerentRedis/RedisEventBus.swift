import Foundation
import Logging
import QuerentCore
import QuerentIO
import ServiceLifecycle

/// The ``QuerentCore/EventBus`` on Redis pub/sub: events are published on their channel
/// (`training.progress`, `schema.trained`, `schema.untrained`); ``run()`` keeps one
/// subscriber connection (reconnecting after failures) and fans events out to local
/// subscribers.
public final class RedisEventBus: EventBus, Service {
    private let client: RedisClient
    private let logger: Logger
    private let local = EventBroadcast()
    private let subscribed = AsyncStream<Void>.makeStream()

    public init(client: RedisClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    public func publish(_ event: QuerentEvent) async throws {
        let payload = String(decoding: try JSONEncoder.querent.encode(event), as: UTF8.self)
        try await client.command("PUBLISH", event.channel.rawValue, payload)
    }

    public func subscribe() async -> AsyncStream<QuerentEvent> {
        await local.subscribe()
    }

    /// Waits until the subscriber connection is listening (tests use it to avoid missing events).
    public func waitUntilSubscribed() async {
        var iterator = subscribed.stream.makeAsyncIterator()
        _ = await iterator.next()
    }

    /// Listens until cancelled or a graceful shutdown; reconnects with backoff when Redis goes away.
    public func run() async throws {
        var backoff = Duration.milliseconds(100)
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let connection = try await client.dedicatedConnection()
                defer { connection.close() }
                try await BlockingIO.run {
                    try connection.send(["SUBSCRIBE"] + QuerentEvent.Channel.allCases.map(\.rawValue))
                }
                backoff = .milliseconds(100)
                try await listen(connection)
            } catch is CancellationError {
                return
            } catch {
                logger.warning("event subscriber lost Redis; reconnecting", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: backoff)
                backoff = min(backoff * 2, .seconds(5))
            }
        }
    }

    private func listen(_ connection: RedisConnection) async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            guard let reply = try await BlockingIO.run({ try connection.readPush(timeout: .milliseconds(500)) }) else { continue }
            guard let parts = reply.array, parts.count >= 3, let kind = parts[0].text else { continue }
            switch kind {
            case "subscribe":
                if parts[2].integer == Int64(QuerentEvent.Channel.allCases.count) { subscribed.continuation.yield() }
            case "message":
                guard let payload = parts[2].text,
                    let event = try? JSONDecoder.querent.decode(QuerentEvent.self, from: Data(payload.utf8))
                else { continue }
                await local.publish(event)
            default:
                continue
            }
        }
    }
}
