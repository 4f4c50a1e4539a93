import Foundation
import QuerentCore

/// Settings read from the environment, shared by the service executables.
///
/// | variable | meaning |
/// |---|---|
/// | `QUERENT_METADATA_URL` | metadata store: `postgres://…` or `sqlite:///path` |
/// | `QUERENT_SECRET_KEY` | AES-GCM key for credentials at rest (32 bytes base64/hex, or a ≥16-char passphrase) |
/// | `QUERENT_JWT_SECRET` | HS256 secret of the API's bearer tokens |
/// | `REDIS_URL` | queue and event bus: `redis://host:port` |
public struct ServiceEnvironment: Sendable {
    public var values: [String: String]

    public init(values: [String: String] = ProcessInfo.processInfo.environment) {
        self.values = values
    }

    /// A required variable.
    /// - Throws: ``QuerentCore/ServiceError`` `.badRequest` naming the variable when it is unset or empty.
    public func require(_ name: String) throws -> String {
        guard let value = values[name], !value.isEmpty else {
            throw ServiceError(.badRequest, "environment variable \(name) must be set")
        }
        return value
    }

    public func metadataURL() throws -> String { try require("QUERENT_METADATA_URL") }

    public func cipher() throws -> CredentialCipher { try CredentialCipher(secret: try require("QUERENT_SECRET_KEY")) }

    public func tokenSigner() throws -> TokenSigner {
        let secret = try require("QUERENT_JWT_SECRET")
        guard secret.utf8.count >= 16 else { throw ServiceError(.badRequest, "QUERENT_JWT_SECRET must be at least 16 bytes") }
        return TokenSigner(secret: secret)
    }

    public func redisURL() -> String { values["REDIS_URL"] ?? "redis://127.0.0.1:6379" }
}
