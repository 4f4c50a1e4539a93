import Foundation
import QuerentCore

/// The trained schemas of each (tenant, source), cached for five minutes and dropped at once
/// when a `schema.trained` or `schema.untrained` event arrives.
public actor SchemaContextCache {
    private struct Entry {
        var records: [TableSchemaRecord]
        var loadedAt: ContinuousClock.Instant
    }

    private let store: any MetadataStore
    private let ttl: Duration
    private var entries: [String: Entry] = [:]

    public init(store: any MetadataStore, ttl: Duration = .seconds(300)) {
        self.store = store
        self.ttl = ttl
    }

    /// The trained tables of the source, by name.
    public func trainedSchemas(sourceId: String, tenant: Tenant) async throws -> [TableSchemaRecord] {
        let key = Self.key(tenant, sourceId)
        if let entry = entries[key], ContinuousClock.now - entry.loadedAt < ttl { return entry.records }
        let records = try await store.tableSchemas(sourceId: sourceId).filter(\.isTrained)
        entries[key] = Entry(records: records, loadedAt: .now)
        return records
    }

    /// Drops every cached source of `tenant`.
    public func invalidate(tenant: Tenant) {
        let prefix = tenant.vectorNamespace + "|"
        entries = entries.filter { !$0.key.hasPrefix(prefix) }
    }

    /// Whether a fresh entry is cached (for tests and metrics).
    public func isCached(sourceId: String, tenant: Tenant) -> Bool {
        guard let entry = entries[Self.key(tenant, sourceId)] else { return false }
        return ContinuousClock.now - entry.loadedAt < ttl
    }

    private static func key(_ tenant: Tenant, _ sourceId: String) -> String {
        tenant.vectorNamespace + "|" + sourceId
    }
}
