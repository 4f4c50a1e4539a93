import Foundation
import QuerentApplication
import QuerentCore
import QuerentTesting
import Synchronization
import Testing

/// The query pipeline hands the source's stored semantic model, with the user's edits, to the
/// generator, from the schema context cache.
@Suite struct SemanticModelQueryTests {
    /// A generator that records what it is asked and answers nothing.
    final class RecordingGenerator: SQLGenerator {
        let name = "builtin"
        private let requests = Mutex<[GenerationRequest]>([])

        func generate(_ request: GenerationRequest) async throws -> SQLGenerationResult {
            requests.withLock { $0.append(request) }
            return SQLGenerationResult(sql: "", confidence: 0, explanation: "recorded", tableUsed: [])
        }

        var last: GenerationRequest? { requests.withLock { $0.last } }
    }

    /// Asks a question and returns the model the generator received.
    static func modelSeen(_ harness: QueryHarness, _ generator: RecordingGenerator, _ sourceId: String) async throws -> SemanticModel? {
        _ = try await harness.pipeline.ask(
            question: "How many customers are there?",
            sourceId: sourceId,
            tenant: QueryHarness.tenant,
            execute: false,
            logger: harness.logger
        )
        return try #require(generator.last).semanticModel
    }

    @Test func theGeneratorGetsTheEditedModelFromTheCache() async throws {
        let generator = RecordingGenerator()
        let harness = try await QueryHarness(generators: [generator])
        let source = try await harness.registerSample(training: ["customers", "orders"])
        let follower = await SchemaEventFollower(events: harness.events, contexts: harness.contexts, vectors: harness.vectors)
        let following = Task { try await follower.run() }
        defer { following.cancel() }

        let derived = try #require(try await Self.modelSeen(harness, generator, source))
        #expect(Set(derived.entities.map(\.table)) == ["customers", "orders"], "the whole source's model, not only the retrieved tables")
        #expect(derived.sourceId == source)

        // An edit through the use case drops this process's cached model at once.
        let service = SemanticModelService(registry: harness.registry, contexts: harness.contexts)
        _ = try await service.edit(SemanticModelEdits(synonyms: ["customers": ["patrons"]]), sourceId: source, tenant: QueryHarness.tenant)
        #expect(try await Self.modelSeen(harness, generator, source)?.entity("customers")?.synonyms == ["patrons"])

        // Warm, a question reads no metadata: an edit written behind the cache's back is not seen…
        _ = try await harness.store.updateSemanticModelEdits(sourceId: source) { $0.merging(SemanticModelEdits(synonyms: ["customers": ["buyers"]])) }
        #expect(try await Self.modelSeen(harness, generator, source)?.entity("customers")?.synonyms == ["patrons"])

        // …until a schema event drops the cache: here another table is trained.
        try await harness.train(source, tables: ["products"])
        try await Polling.until("the context cache is dropped", timeout: .seconds(5)) {
            !(await harness.contexts.isCached(sourceId: source, tenant: QueryHarness.tenant))
        }
        let retrained = try #require(try await Self.modelSeen(harness, generator, source))
        #expect(Set(retrained.entities.map(\.table)) == ["customers", "orders", "products"])
        #expect(retrained.entity("customers")?.synonyms == ["buyers"])
    }

    @Test func aSourceWithoutAStoredModelPassesNone() async throws {
        let generator = RecordingGenerator()
        let harness = try await QueryHarness(generators: [generator])
        let source = try await harness.registerSample(training: ["customers"])
        // As for a source trained before semantic models were stored.
        try await harness.store.client.query("DELETE FROM semantic_models WHERE source_id = $1", [.text(source)])
        await harness.contexts.invalidate(tenant: QueryHarness.tenant)
        #expect(try await Self.modelSeen(harness, generator, source) == nil)
    }
}
