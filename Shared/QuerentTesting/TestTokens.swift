import Crypto
import Foundation
import QuerentCore
import QuerentHTTP

/// Bearer tokens for tests, issued by ``QuerentCore/TokenSigner`` with a fixed test secret,
/// plus deliberately broken ones (expired, forged, `alg: none`, missing claims).
public enum TestTokens {
    /// The HS256 secret of every test service.
    public static let secret = "querent-test-jwt-secret-0123456789abcdef"

    public static var signer: TokenSigner { TokenSigner(secret: secret) }

    /// A valid token for `tenant`, one hour long.
    public static func token(for tenant: Tenant, lifetime: TimeInterval = 3600, now: Date = Date()) -> String {
        signer.issue(for: tenant, lifetime: lifetime, now: now)
    }

    /// A token for `tenant` that expired an hour ago.
    public static func expired(for tenant: Tenant) -> String {
        signer.issue(for: tenant, lifetime: 60, now: Date().addingTimeInterval(-3600))
    }

    /// A well-formed token signed with another secret.
    public static func forged(for tenant: Tenant) -> String {
        TokenSigner(secret: "not-the-test-secret-at-all-0123456789").issue(for: tenant)
    }

    /// `alg: none` with an empty signature.
    public static func unsigned(for tenant: Tenant) -> String {
        craft(header: ["alg": .string("none"), "typ": .string("JWT")], claims: claims(for: tenant), signingSecret: nil)
    }

    /// The standard claims of `tenant` (`sub`, `agent_id`, `iat`, `exp` one hour ahead).
    public static func claims(for tenant: Tenant, now: Date = Date()) -> [String: JSONValue] {
        [
            "sub": .string(tenant.userId),
            "agent_id": .string(tenant.agentId),
            "iat": .int(Int64(now.timeIntervalSince1970)),
            "exp": .int(Int64(now.timeIntervalSince1970) + 3600),
        ]
    }

    /// A hand-made JWT: `header` and `claims` as JSON, signed with HMAC-SHA256 under
    /// `signingSecret` (the test secret by default) or with an empty signature when nil.
    public static func craft(
        header: [String: JSONValue] = ["alg": .string("HS256"), "typ": .string("JWT")],
        claims: [String: JSONValue],
        signingSecret: String? = TestTokens.secret
    ) -> String {
        let encoder = JSONEncoder.querent
        let input = base64URL((try? encoder.encode(header)) ?? Data()) + "." + base64URL((try? encoder.encode(claims)) ?? Data())
        guard let signingSecret else { return input + "." }
        let mac = HMAC<SHA256>.authenticationCode(for: Data(input.utf8), using: SymmetricKey(data: Data(signingSecret.utf8)))
        return input + "." + base64URL(Data(mac))
    }

    /// `Bearer <token>`.
    public static func bearer(_ token: String) -> String { "Bearer " + token }

    public static func base64URL(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
