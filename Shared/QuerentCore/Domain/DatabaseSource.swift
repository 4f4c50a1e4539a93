import Foundation

/// A registered customer database, as the API shows it: never with credentials.
public struct DatabaseSource: Codable, Sendable, Hashable {
    public var id: String
    public var name: String
    public var dialect: Dialect
    /// A display form of the connection with the password removed (`postgres://app@db:5432/shop`).
    public var connectionSummary: String
    public var userId: String
    public var agentId: String
    public var trainedTables: [String]
    public var lastSchemaUpdate: Date?
    public var createdAt: Date

    public init(
        id: String, name: String, dialect: Dialect, connectionSummary: String, userId: String, agentId: String,
        trainedTables: [String] = [], lastSchemaUpdate: Date? = nil, createdAt: Date
    ) {
        self.id = id
        self.name = name
        self.dialect = dialect
        self.connectionSummary = connectionSummary
        self.userId = userId
        self.agentId = agentId
        self.trainedTables = trainedTables
        self.lastSchemaUpdate = lastSchemaUpdate
        self.createdAt = createdAt
    }

    public var tenant: Tenant { Tenant(userId: userId, agentId: agentId) }

    enum CodingKeys: String, CodingKey {
        case id, name, dialect
        case connectionSummary = "connection_summary"
        case userId = "user_id"
        case agentId = "agent_id"
        case trainedTables = "trained_tables"
        case lastSchemaUpdate = "last_schema_update"
        case createdAt = "created_at"
    }
}

/// A stored source with its sealed (encrypted) connection details.
public struct StoredSource: Sendable, Hashable {
    public var source: DatabaseSource
    /// AES-GCM sealed box of the JSON-encoded ``ConnectionSpec``, base64 (see ``CredentialCipher``).
    public var sealedConnection: String

    public init(source: DatabaseSource, sealedConnection: String) {
        self.source = source
        self.sealedConnection = sealedConnection
    }
}
