import Foundation
import QuerentCore

/// One request's (or one training job's) hold on a tenant's source, from
/// ``SourceRegistry/open(_:tenant:)``: the source row is read and its tenancy checked once, then
/// the session is passed down, so no later step reads or checks it again. The connection details
/// stay sealed until a driver has to be connected.
public struct SourceSession: Sendable {
    /// The source as read when the session was opened.
    public let source: DatabaseSource
    /// The tenant the source belongs to.
    public let tenant: Tenant
    private let sealedConnection: String
    private let connector: any DatabaseConnector
    private let cipher: CredentialCipher
    private let drivers: DriverCache?

    init(stored: StoredSource, tenant: Tenant, connector: any DatabaseConnector, cipher: CredentialCipher, drivers: DriverCache?) {
        source = stored.source
        sealedConnection = stored.sealedConnection
        self.tenant = tenant
        self.connector = connector
        self.cipher = cipher
        self.drivers = drivers
    }

    /// The source's id.
    public var id: String { source.id }

    /// The SQL dialect of the source.
    public var dialect: Dialect { source.dialect }

    /// Runs `body` with a driver on the source: the kept one (the details are unsealed only to
    /// connect one), or a new one closed afterwards.
    public func withDriver<T: Sendable>(_ body: (any DatabaseDriver) async throws -> T) async throws -> T {
        let (sealed, sourceId, cipher) = (sealedConnection, source.id, cipher)
        let unseal: @Sendable () throws -> ConnectionSpec = { try cipher.open(sealed, sourceId: sourceId) }
        guard let drivers else { return try await connector.withDriver(dialect: dialect, spec: try unseal(), body) }
        let driver = try await drivers.driver(sourceId: sourceId, key: sealed, dialect: dialect, spec: unseal)
        return try await body(driver)
    }
}
