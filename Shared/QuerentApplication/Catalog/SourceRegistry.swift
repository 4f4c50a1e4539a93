import Foundation
import QuerentCore

/// Registers customer databases: tests each connection before saving it, encrypts its
/// details at rest, and opens drivers for a tenant's sources.
public struct SourceRegistry: Sendable {
    public let store: any MetadataStore
    public let connector: any DatabaseConnector
    private let cipher: CredentialCipher
    private let events: (any EventBus)?
    private let drivers: DriverCache?

    /// - Parameters:
    ///   - events: where deletions are announced (`schema.untrained`), so other processes drop
    ///     cached schemas and vectors of the source.
    ///   - keepConnections: keep drivers open between calls (trainers, services) instead of
    ///     connecting for each one.
    public init(
        store: any MetadataStore,
        connector: any DatabaseConnector,
        cipher: CredentialCipher,
        events: (any EventBus)? = nil,
        keepConnections: Bool = false
    ) {
        self.store = store
        self.connector = connector
        self.cipher = cipher
        self.events = events
        self.drivers = keepConnections ? DriverCache(connector: connector) : nil
    }

    /// Tests the connection, then stores the source with its details sealed.
    /// - Throws: `.badRequest` for an invalid name, `.connectionFailed` when the database cannot
    ///   be reached, `.conflict` when the tenant already has a source of that name.
    public func create(name: String, dialect: Dialect, spec: ConnectionSpec, tenant: Tenant) async throws -> DatabaseSource {
        let name = name.trimmingSchemaWhitespace()
        guard !name.isEmpty, name.count <= 200, !name.contains("\0") else {
            throw ServiceError(.badRequest, "name must be 1 to 200 characters, without NUL")
        }
        _ = try await testConnection(dialect: dialect, spec: spec)
        let source = DatabaseSource(
            id: UUID().uuidString.lowercased(),
            name: name,
            dialect: dialect,
            connectionSummary: connector.summary(dialect: dialect, spec: spec),
            userId: tenant.userId,
            agentId: tenant.agentId,
            createdAt: Date()
        )
        try await store.createSource(source, sealedConnection: try cipher.seal(spec, sourceId: source.id))
        return source
    }

    /// Connects and lists tables; returns how many the connection can read.
    public func testConnection(dialect: Dialect, spec: ConnectionSpec) async throws -> Int {
        try await connector.withDriver(dialect: dialect, spec: spec) { try await $0.listTables().count }
    }

    public func list(tenant: Tenant) async throws -> [DatabaseSource] {
        try await store.listSources(tenant: tenant)
    }

    /// The tenant's source. - Throws: `.notFound` when it does not exist or is another tenant's.
    public func get(_ id: String, tenant: Tenant) async throws -> DatabaseSource {
        try await stored(id, tenant: tenant).source
    }

    /// A session on the tenant's source for one request or job: one metadata read, tenancy
    /// checked; its ``SourceSession/withDriver(_:)`` reads nothing again.
    /// - Throws: `.notFound` when it does not exist or is another tenant's.
    public func open(_ id: String, tenant: Tenant) async throws -> SourceSession {
        SourceSession(stored: try await stored(id, tenant: tenant), tenant: tenant, connector: connector, cipher: cipher, drivers: drivers)
    }

    /// Deletes the source with its stored schemas, training status and vectors.
    /// - Throws: `.notFound`.
    public func delete(_ id: String, tenant: Tenant) async throws {
        guard try await store.deleteSource(id: id, tenant: tenant) else { throw Self.notFound(id) }
        await drivers?.evict(id)
        try await events?.publish(QuerentEvent(channel: .schemaUntrained, sourceId: id, tableName: "*", tenant: tenant))
    }

    /// Runs `body` with a driver on the tenant's source: a kept one, or a new one closed afterwards.
    /// A request that needs the source more than once opens a ``SourceSession`` instead.
    public func withDriver<T: Sendable>(_ id: String, tenant: Tenant, _ body: (any DatabaseDriver) async throws -> T) async throws -> T {
        try await open(id, tenant: tenant).withDriver(body)
    }

    /// Closes kept drivers.
    public func shutdown() async {
        await drivers?.closeAll()
    }

    private func stored(_ id: String, tenant: Tenant) async throws -> StoredSource {
        guard let stored = try await store.source(id: id, tenant: tenant) else { throw Self.notFound(id) }
        return stored
    }

    static func notFound(_ id: String) -> ServiceError {
        ServiceError(.notFound, "source '\(id)' not found")
    }
}
