import Foundation
import QuerentCore

/// The environment of a service executable and the HTTP settings read from it
/// (`QUERENT_JWT_SECRET`, the HS256 secret of the API's bearer tokens, and
/// `QUERENT_JWT_PREVIOUS_SECRETS`, comma-separated secrets still accepted while rotating). The process's parts are
/// configured from the same values by `QuerentConfiguration(environment:requiresRedis:)`.
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

    public func tokenSigner() throws -> TokenSigner {
        let secret = try require("QUERENT_JWT_SECRET")
        guard secret.utf8.count >= 16 else { throw ServiceError(.badRequest, "QUERENT_JWT_SECRET must be at least 16 bytes") }
        let previous = (values["QUERENT_JWT_PREVIOUS_SECRETS"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        return TokenSigner(secret: secret, previousSecrets: previous)
    }
}
