import Foundation

/// A registered customer database, as the API shows it: never with credentials.
public struct DatabaseSource: Codable, Sendable, Hashable {
    /// The source id (a UUID string), used in every route under `/sources/database/:sourceId`.
    public var id: String
    /// The name the user gave it; unique per tenant.
    public var name: String
    /// The database engine, which picks the driver and the SQL rules.
    public var dialect: Dialect
    /// A display form of the connection with the password removed (`postgres://app@db:5432/shop`).
    public var connectionSummary: String
    /// The owning user (half of the ``Tenant``).
    public var userId: String
    /// The owning agent (the other half of the ``Tenant``).
    public var agentId: String
    /// The canonical names of the trained tables, in training order (`trained_tables`).
    public var trainedTables: [String]
    /// When a table was last trained or untrained; nil before the first training.
    public var lastSchemaUpdate: Date?
    /// When the source was registered.
    public var createdAt: Date

    /// A source as the registry creates it or the store reads it back.
    public init(
        id: String,
        name: String,
        dialect: Dialect,
        connectionSummary: String,
        userId: String,
        agentId: String,
        trainedTables: [String] = [],
        lastSchemaUpdate: Date? = nil,
        createdAt: Date
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

    /// The (user, agent) pair that owns the source.
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
    /// The source as the API shows it.
    public var source: DatabaseSource
    /// AES-GCM sealed box of the JSON-encoded ``ConnectionSpec``, base64 (see ``CredentialCipher``).
    public var sealedConnection: String

    /// Pairs a source with its sealed connection details.
    public init(source: DatabaseSource, sealedConnection: String) {
        self.source = source
        self.sealedConnection = sealedConnection
    }
}
