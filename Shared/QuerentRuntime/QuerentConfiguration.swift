import Foundation
import QuerentCore

/// How one Querent process is put together: where its state lives, how its parts talk to each
/// other, and the limits of the question path.
///
/// The service executables read it from the environment (``init(environment:requiresRedis:)``),
/// `querent serve` builds it from its state directory, tests and benchmarks build it directly.
/// ``Dependencies/make(_:logger:)`` turns it into the running parts.
public struct QuerentConfiguration: Sendable {
    /// How the training queue and the schema events travel.
    public enum Messaging: Sendable, Hashable {
        /// In this process only (`querent serve`, tests): nothing else sees the events.
        case inProcess
        /// Through Redis at this URL (`redis://host:port`): queue and pub/sub shared by every service.
        case redis(String)
    }

    /// The metadata store: `postgres://…` for Postgres, a path, `sqlite:///path` or `file:path` for SQLite.
    public var metadataURL: String
    /// The secret that seals customers' connection details at rest (see ``CredentialCipher``).
    public var secretKey: String
    /// Earlier credential keys, for opening only while `querent rekey` re-seals
    /// (`QUERENT_PREVIOUS_SECRET_KEYS`, comma-separated).
    public var previousSecretKeys: [String] = []
    /// Seconds a customer database may take to answer a connection (`QUERENT_CONNECT_TIMEOUT_S`, 1…60, default 5).
    public var connectTimeoutSeconds = 5
    /// Where the queue and the events go.
    public var messaging: Messaging
    /// The name of the training queue's Redis stream; only benchmarks that must not share a queue change it.
    public var queueName = TrainingJob.queueName
    /// The visibility timeout of the queue: a claimed job without a heartbeat for this long is
    /// handed to another trainer.
    public var visibilityTimeout: Duration = .seconds(30)
    /// Keep drivers to customer databases open between requests and jobs.
    public var keepConnections = true
    /// Directories SQLite sources must be inside; nil allows any readable file.
    public var sqliteDirectories: [String]?
    /// SQLite files no tenant may register (Querent's own state).
    public var deniedSQLitePaths: [String] = []
    /// Timeout and row cap of every statement run on a customer's database.
    public var queryLimits: QueryLimits = .standard
    /// Tables retrieval offers a generator for one question.
    public var maxRetrievedTables = 10
    /// The process environment, read for the embeddings endpoint (`QUERENT_EMBEDDINGS_*`) and the
    /// model (`QUERENT_LLM_*`, `QUERENT_GENERATOR`, `QUERENT_HYBRID_THRESHOLD`).
    public var environment: [String: String]
    /// The generators offered, when not those ``environment`` configures (a test's fake model).
    public var generators: [any SQLGenerator]?
    /// The default generator, when not the one ``environment`` chooses.
    public var defaultGenerator: String?
    /// The built-in confidence at which `hybrid` does not ask the model, when not the one
    /// ``environment`` sets.
    public var hybridThreshold: Double?
    /// The embedder, when not the one ``environment`` chooses.
    public var embedder: (any Embedder)?

    /// A configuration with every optional setting at its default.
    public init(metadataURL: String, secretKey: String, messaging: Messaging = .inProcess, environment: [String: String] = [:]) {
        self.metadataURL = metadataURL
        self.secretKey = secretKey
        self.messaging = messaging
        self.environment = environment
    }

    /// Reads a service executable's settings: `QUERENT_METADATA_URL`, `QUERENT_SECRET_KEY`
    /// (required), `QUERENT_PREVIOUS_SECRET_KEYS`, `REDIS_URL` (default `redis://127.0.0.1:6379`), `QUERENT_SQLITE_DIRS`
    /// (colon-separated), `QUERENT_CONNECT_TIMEOUT_S` (1…60) and `QUERENT_QUERY_TIMEOUT_MS` (100…30000).
    /// - Parameter requiresRedis: true for services that need the shared queue and events;
    ///   otherwise Redis is used only when `REDIS_URL` is set.
    /// - Throws: ``ServiceError`` `.badRequest` naming a required variable that is unset.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment, requiresRedis: Bool) throws {
        func require(_ name: String) throws -> String {
            guard let value = environment[name], !value.isEmpty else {
                throw ServiceError(.badRequest, "environment variable \(name) must be set")
            }
            return value
        }
        let redis = environment["REDIS_URL"].flatMap { $0.isEmpty ? nil : $0 }
        self.init(
            metadataURL: try require("QUERENT_METADATA_URL"),
            secretKey: try require("QUERENT_SECRET_KEY"),
            messaging: requiresRedis || redis != nil ? .redis(redis ?? "redis://127.0.0.1:6379") : .inProcess,
            environment: environment
        )
        let directories = environment["QUERENT_SQLITE_DIRS"]?.split(separator: ":").map(String.init).filter { !$0.isEmpty }
        sqliteDirectories = directories?.isEmpty == false ? directories : nil
        previousSecretKeys = (environment["QUERENT_PREVIOUS_SECRET_KEYS"] ?? "").split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
        if let seconds = environment["QUERENT_CONNECT_TIMEOUT_S"].flatMap(Int.init) {
            connectTimeoutSeconds = min(max(seconds, 1), 60)
        }
        if let timeout = environment["QUERENT_QUERY_TIMEOUT_MS"].flatMap(Int.init) {
            queryLimits.timeoutMilliseconds = min(max(timeout, 100), 30_000)
        }
    }
}
