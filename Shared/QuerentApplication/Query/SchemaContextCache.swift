import Foundation
import Logging
import QuerentCore
import QuerentTeaching

/// The trained schemas, the semantic model (glossary applied) and the teaching material of each
/// (tenant, source), cached together for five minutes and dropped at once when a
/// `schema.trained`, `schema.untrained` or `knowledge.changed` event arrives or the model or the
/// teaching is changed in this process.
public actor SchemaContextCache {
    private struct Entry {
        var records: [TableSchemaRecord]
        var index: TableSearchIndex
        var model: SemanticModel?
        var teaching: TeachingMaterial
        var loadedAt: ContinuousClock.Instant
    }

    private let store: any MetadataStore
    private let ttl: Duration
    private let logger: Logger
    private var entries: [String: Entry] = [:]
    /// Bumped by every invalidation, so a load that was under way then is not cached.
    private var generation = 0

    /// A cache over `store`; `logger` reports a semantic model that cannot be read.
    public init(store: any MetadataStore, ttl: Duration = .seconds(300), logger: Logger = Logger(label: "querent.schema-context")) {
        self.store = store
        self.ttl = ttl
        self.logger = logger
    }

    /// The trained tables of the source, by name.
    public func trainedSchemas(sourceId: String, tenant: Tenant) async throws -> [TableSchemaRecord] {
        try await entry(sourceId: sourceId, tenant: tenant).records
    }

    /// The lexical index over the source's trained tables (built once per load).
    func searchIndex(sourceId: String, tenant: Tenant) async throws -> TableSearchIndex {
        try await entry(sourceId: sourceId, tenant: tenant).index
    }

    /// The source's semantic model with the user's edits applied, or nil when none is stored
    /// (generators then derive one from the tables they are given).
    public func semanticModel(sourceId: String, tenant: Tenant) async throws -> SemanticModel? {
        try await entry(sourceId: sourceId, tenant: tenant).model
    }

    /// What the source was taught: trained examples, glossary, instructions, down-voted answers.
    public func teaching(sourceId: String, tenant: Tenant) async throws -> TeachingMaterial {
        try await entry(sourceId: sourceId, tenant: tenant).teaching
    }

    /// Drops every cached source of `tenant`.
    public func invalidate(tenant: Tenant) {
        let prefix = tenant.vectorNamespace + "|"
        entries = entries.filter { !$0.key.hasPrefix(prefix) }
        generation += 1
    }

    /// Drops the cached source `sourceId` of `tenant`.
    public func invalidate(sourceId: String, tenant: Tenant) {
        entries[Self.key(tenant, sourceId)] = nil
        generation += 1
    }

    /// Whether a fresh entry is cached (for tests and metrics).
    public func isCached(sourceId: String, tenant: Tenant) -> Bool {
        guard let entry = entries[Self.key(tenant, sourceId)] else { return false }
        return ContinuousClock.now - entry.loadedAt < ttl
    }

    /// The fresh entry of the source, loaded (six metadata reads) when missing or expired.
    private func entry(sourceId: String, tenant: Tenant) async throws -> Entry {
        let key = Self.key(tenant, sourceId)
        if let entry = entries[key], ContinuousClock.now - entry.loadedAt < ttl { return entry }
        let started = generation
        let records = try await store.tableSchemas(sourceId: sourceId).filter(\.isTrained)
        let model: SemanticModel?
        do {
            model = try await store.semanticModel(sourceId: sourceId).map {
                SemanticModelService.edited(sourceId: sourceId, trained: records, stored: $0)
            }
        } catch {
            // Questions still get answered: generators derive a model from their tables.
            logger.warning("semantic model unreadable", metadata: ["source.id": .string(sourceId), "error": .string(String(describing: error))])
            model = nil
        }
        let glossary = try await store.glossary(sourceId: sourceId)
        let teaching = TeachingMaterial(
            examples: try await store.examples(sourceId: sourceId).filter { $0.state == .trained },
            glossary: glossary,
            instructions: try await store.instructions(sourceId: sourceId),
            rejected: try await store.rejectedSQL(sourceId: sourceId).map { TeachingMaterial.Rejection(question: $0.question, sql: $0.sql) }
        )
        // A glossary needs a model to add to: the derived one when none is stored yet.
        let withGlossary =
            glossary.isEmpty
            ? model
            : GlossaryModel.apply(
                glossary,
                to: model ?? SemanticModelService.edited(sourceId: sourceId, trained: records, stored: nil),
                tables: records.map(\.schema)
            )
        let entry = Entry(records: records, index: TableSearchIndex(records: records), model: withGlossary, teaching: teaching, loadedAt: .now)
        if generation == started { entries[key] = entry }
        return entry
    }

    private static func key(_ tenant: Tenant, _ sourceId: String) -> String {
        tenant.vectorNamespace + "|" + sourceId
    }
}
