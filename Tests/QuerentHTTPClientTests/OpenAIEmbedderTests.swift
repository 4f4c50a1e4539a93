import Foundation
import QuerentApplication
import QuerentCore
import QuerentExpectations
import QuerentHTTPClient
import QuerentTesting
import Testing

/// The OpenAI-compatible embedder against a fake `/v1/embeddings` on 127.0.0.1.
///
/// Time bounds are generous on purpose: the whole test run shares two cores, so a server
/// reply can be late by seconds; what is asserted is what the client did, not how fast.
@Suite(.timeLimit(.minutes(2)))
struct OpenAIEmbedderTests {
    func configuration(
        port: Int,
        apiKey: String? = "sk-test-123",
        batchSize: Int = 64,
        timeout: Duration = .seconds(30),
        maxAttempts: Int = 3
    )
        -> OpenAIEmbedder.Configuration
    {
        .init(
            url: "http://127.0.0.1:\(port)/v1",
            model: "fake-embedding-model",
            apiKey: apiKey,
            batchSize: batchSize,
            timeout: timeout,
            maxAttempts: maxAttempts,
            retryDelay: .milliseconds(20)
        )
    }

    /// Runs `body` against a fresh fake server.
    func withServer(dimension: Int = 8, _ body: @Sendable (FakeEmbeddingsServer, Int) async throws -> Void) async throws {
        let server = FakeEmbeddingsServer(dimension: dimension)
        try await withLiveServer(server.router) { port in
            do {
                try await body(server, port)
                server.releaseDelays()
            } catch {
                server.releaseDelays()
                throw error
            }
        }
    }

    /// Connects with a short timeout. The probe itself is not under test here and may time out
    /// when the machine is busy, so connecting is retried (bounded).
    func connectWithShortTimeout(_ configuration: OpenAIEmbedder.Configuration) async throws -> OpenAIEmbedder {
        try await Polling.value("the embedder connects", timeout: .seconds(60), interval: .milliseconds(10)) {
            try? await OpenAIEmbedder.connect(configuration)
        }
    }

    /// The ``ServiceError`` `body` throws; records an issue when it throws nothing or something else.
    func serviceError(_ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) async -> ServiceError? {
        do {
            try await body()
            Issue.record("expected an error", sourceLocation: sourceLocation)
        } catch let error as ServiceError {
            return error
        } catch {
            Issue.record("expected a ServiceError, got \(String(reflecting: error))", sourceLocation: sourceLocation)
        }
        return nil
    }

    @Test func connectDiscoversTheDimension() async throws {
        try await withServer(dimension: 13) { server, port in
            let embedder = try await OpenAIEmbedder.connect(configuration(port: port))
            #expect(embedder.dimension == 13)
            #expect(embedder.model == "fake-embedding-model")
            #expect(server.received.count == 1, "one probe request")
            #expect(server.received.first?.model == "fake-embedding-model")
        }
    }

    @Test func textsAreSentInBatchesAndVectorsKeepTheirOrder() async throws {
        try await withServer { server, port in
            let embedder = try await OpenAIEmbedder.connect(configuration(port: port, batchSize: 2))
            let texts = (0..<5).map { "text number \($0)" }
            let vectors = try await embedder.embed(texts)
            #expect(
                server.embedRequests.map(\.input) == [["text number 0", "text number 1"], ["text number 2", "text number 3"], ["text number 4"]]
            )
            #expect(vectors == texts.map { FakeEmbeddingsServer.vector(for: $0, dimension: 8) })
            #expect(try await embedder.embed([]).isEmpty)
            #expect(server.embedRequests.count == 3, "no request for no texts")
        }
    }

    @Test func theAPIKeyIsSentAsABearerToken() async throws {
        try await withServer { server, port in
            let embedder = try await OpenAIEmbedder.connect(configuration(port: port, apiKey: "sk-test-123", batchSize: 1))
            _ = try await embedder.embed(["a", "b"])
            #expect(server.embedRequests.count == 2)
            #expect(server.received.allSatisfy { $0.authorization == "Bearer sk-test-123" })
            #expect(server.received.allSatisfy { $0.contentType?.hasPrefix("application/json") == true })
        }
        try await withServer { server, port in
            let embedder = try await OpenAIEmbedder.connect(configuration(port: port, apiKey: nil))
            _ = try await embedder.embed(["a"])
            #expect(server.received.allSatisfy { $0.authorization == nil }, "no key, no Authorization header")
        }
    }

    @Test func serverErrorsAndRateLimitsAreRetriedUntilSuccess() async throws {
        try await withServer { server, port in
            let embedder = try await OpenAIEmbedder.connect(configuration(port: port, maxAttempts: 3))
            server.script([.status(500, message: "overloaded"), .status(429, message: "slow down")])
            let vectors = try await embedder.embed(["hello"])
            #expect(vectors == [FakeEmbeddingsServer.vector(for: "hello", dimension: 8)])
            #expect(server.embedRequests.count == 3)
        }
    }

    @Test func retriesStopAfterMaxAttempts() async throws {
        try await withServer { server, port in
            let embedder = try await OpenAIEmbedder.connect(configuration(port: port, maxAttempts: 2))
            server.script([.status(503, message: "down"), .status(503, message: "still down"), .status(503, message: "never asked")])
            let error = await serviceError { _ = try await embedder.embed(["hello"]) }
            #expect(error?.code == .unavailable)
            #expect(error?.message.contains("503") == true && error?.message.contains("still down") == true, "\(String(describing: error))")
            #expect(server.embedRequests.count == 2)
        }
    }

    @Test func clientErrorsAreNotRetriedAndSurfaceTheServersMessage() async throws {
        try await withServer { server, port in
            let embedder = try await OpenAIEmbedder.connect(configuration(port: port, maxAttempts: 3))
            server.script([.status(400, message: "input is too long for this model")])
            let error = await serviceError { _ = try await embedder.embed(["hello"]) }
            #expect(error?.message.contains("input is too long for this model") == true, "\(String(describing: error))")
            #expect(error?.message.contains("400") == true)
            #expect(server.embedRequests.count == 1, "a 400 is not retried")
        }
    }

    @Test func aSlowEndpointTimesOut() async throws {
        try await withServer { server, port in
            let embedder = try await connectWithShortTimeout(configuration(port: port, timeout: .milliseconds(500), maxAttempts: 3))
            // Every attempt would wait 60 s for its answer; only the client's timeout ends it.
            server.script([.delay(.seconds(60)), .delay(.seconds(60)), .delay(.seconds(60))])
            let clock = ContinuousClock()
            let start = clock.now
            let error = await serviceError { _ = try await embedder.embed(["slow"]) }
            let elapsed = clock.now - start
            #expect(error?.code == .unavailable)
            #expect(error?.message.lowercased().contains("time") == true, "\(String(describing: error))")
            #expect(server.embedRequests.count <= 3, "at most maxAttempts requests")
            #expect(elapsed < .seconds(30), "gave up after \(elapsed) with a 500 ms timeout (the server would answer after 60 s)")
        }
    }

    @Test func aTimeoutIsRetried() async throws {
        try await withServer { server, port in
            let embedder = try await connectWithShortTimeout(configuration(port: port, timeout: .milliseconds(500), maxAttempts: 5))
            server.script([.delay(.seconds(60))])
            let vectors = try await embedder.embed(["slow then fast"])
            #expect(vectors == [FakeEmbeddingsServer.vector(for: "slow then fast", dimension: 8)])
            #expect(server.embedRequests.count >= 2, "the first attempt timed out and was retried")
        }
    }

    @Test func aWrongNumberOfVectorsOrMalformedJSONIsAnError() async throws {
        try await withServer { server, port in
            let embedder = try await OpenAIEmbedder.connect(configuration(port: port))
            server.script([.tooFewVectors])
            let short = await serviceError { _ = try await embedder.embed(["a", "b", "c"]) }
            #expect(short?.message.contains("2 vectors for 3 inputs") == true, "\(String(describing: short))")
            server.script([.garbage])
            let garbage = await serviceError { _ = try await embedder.embed(["a"]) }
            #expect(garbage?.message.contains("malformed") == true, "\(String(describing: garbage))")
        }
    }

    @Test func connectFailsClearlyWhenNothingListens() async throws {
        let port = try FreePort.allocate()
        let error = await serviceError { _ = try await OpenAIEmbedder.connect(configuration(port: port, maxAttempts: 1)) }
        #expect(error?.code == .unavailable)
        #expect(error?.message.contains("unreachable") == true, "\(String(describing: error))")
    }

    @Test func trainingUsesTheConfiguredEmbedder() async throws {
        try await withServer(dimension: 16) { server, port in
            let embedder = try await OpenAIEmbedder.connect(configuration(port: port))
            try await TrainingRig.with { rig in
                let vectors = IndexedVectorStore(store: rig.store, embedder: embedder)
                let source = try await rig.addSource(name: "shop", tenant: Tenant(userId: "u", agentId: "a"), script: ShopFixture.script)
                let schema = try await rig.registry.withDriver(source.id, tenant: source.tenant) {
                    try await $0.introspect(table: "orders", sourceId: source.id)
                }
                try await vectors.upsertTableSchema(schema, businessContext: "Orders placed by customers.", tenant: source.tenant)
                let stored = try await rig.store.vectors(namespace: source.tenant.vectorNamespace)
                #expect(stored.count == 1)
                #expect(stored.first?.model == "fake-embedding-model")
                #expect(stored.first?.vector.count == 16)
                #expect(server.embedRequests.last?.input.first?.contains("orders") == true)
                let matches = try await vectors.searchRelevantTables(query: "orders", tenant: source.tenant, limit: 5)
                #expect(matches.map(\.metadata.tableName) == ["orders"])
            }
        }
    }
}
