import Foundation
import QuerentCore
import QuerentInProcess
import QuerentRedis
import QuerentTesting
import Testing

enum BusKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case inProcess
    case redis

    static var available: [BusKind] { RedisTestEnvironment.enabled ? [.inProcess, .redis] : [.inProcess] }

    var testDescription: String { rawValue }

    /// Runs `body` with a bus of this kind that is ready to deliver (a Redis bus runs its
    /// subscriber loop and has subscribed).
    func with(_ body: (any EventBus) async throws -> Void) async throws {
        switch self {
        case .inProcess:
            try await body(InProcessEventBus())
        case .redis:
            let client = try RedisClient(url: try RedisTestEnvironment.requireURL())
            let bus = RedisEventBus(client: client, logger: quietLogger())
            let runner = Task { try await bus.run() }
            do {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { await bus.waitUntilSubscribed() }
                    group.addTask {
                        try await Task.sleep(for: .seconds(30))
                        throw Polling.TimedOut(description: "the Redis event bus did not subscribe within 30 s")
                    }
                    try await group.next()
                    group.cancelAll()
                }
                try await body(bus)
            } catch {
                runner.cancel()
                _ = await runner.result
                await client.close()
                throw error
            }
            runner.cancel()
            _ = await runner.result
            await client.close()
        }
    }
}

@Suite struct EventBusContractTests {
    /// Events of one (unique) source, so other tests publishing on a shared Redis do not interfere.
    func progressEvents(source: String, count: Int) -> [QuerentEvent] {
        let tenant = Tenant(userId: "u1", agentId: "a1")
        return (0..<count).map { index in
            QuerentEvent(
                channel: [.trainingProgress, .schemaTrained, .schemaUntrained][index % 3],
                jobId: "job-\(index / 5)",
                sourceId: source,
                tableName: "t\(index)",
                tenant: tenant,
                state: .active,
                stage: .fetch,
                progress: index,
                attempt: 1
            )
        }
    }

    @Test(arguments: BusKind.available)
    func eventsArriveInPublishOrder(_ kind: BusKind) async throws {
        try await kind.with { bus in
            let source = "src-\(UUID().uuidString)"
            let recorder = StreamRecorder(await bus.subscribe())
            defer { recorder.stop() }
            let sent = progressEvents(source: source, count: 60)
            for event in sent { try await bus.publish(event) }

            let received = try await recorder.wait("60 events of \(source)") { events in
                events.filter { $0.sourceId == source }.count >= sent.count
            }.filter { $0.sourceId == source }
            #expect(received.map(\.progress) == sent.map(\.progress))
            #expect(received.map(\.channel) == sent.map(\.channel))
            #expect(received.map(\.tableName) == sent.map(\.tableName))
            #expect(received.first?.tenant == Tenant(userId: "u1", agentId: "a1"))
        }
    }

    @Test(arguments: BusKind.available)
    func everySubscriberGetsEveryEvent(_ kind: BusKind) async throws {
        try await kind.with { bus in
            let source = "src-\(UUID().uuidString)"
            let first = StreamRecorder(await bus.subscribe())
            let second = StreamRecorder(await bus.subscribe())
            defer {
                first.stop()
                second.stop()
            }
            let sent = progressEvents(source: source, count: 10)
            for event in sent { try await bus.publish(event) }
            for recorder in [first, second] {
                let received = try await recorder.wait("10 events") { $0.filter { $0.sourceId == source }.count >= 10 }
                #expect(received.filter { $0.sourceId == source }.map(\.progress) == sent.map(\.progress))
            }
        }
    }
}
