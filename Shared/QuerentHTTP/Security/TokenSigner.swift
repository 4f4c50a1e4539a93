import Crypto
import Foundation
import QuerentCore

/// Issues and verifies the API's bearer tokens: JWTs signed with HMAC-SHA256 (HS256).
///
/// Claims: `sub` (user id), `agent_id`, `exp` (required), `iat`, and optionally `nbf`; `iat`
/// and `nbf` may be up to ``leeway`` in the future (clock skew), `exp` is exact. Only `HS256` is
/// accepted: `alg: none`, every other algorithm and a `crit` header are refused.
///
/// Key rotation: tokens are signed with the current secret and carry its `kid` (the first 16
/// hex digits of the secret's SHA-256); verification also accepts the previous secrets
/// (`QUERENT_JWT_PREVIOUS_SECRETS`), picked by `kid`, or tried in turn for a token without one.
public struct TokenSigner: Sendable {
    /// A secret's raw bytes and key id; `SymmetricKey` itself is not `Sendable`.
    struct Key: Sendable {
        let data: Data
        let id: String
        var symmetric: SymmetricKey { SymmetricKey(data: data) }

        init(_ secret: String) {
            data = Data(secret.utf8)
            id = SHA256.hash(data: data).prefix(8).map { String(format: "%02x", $0) }.joined()
        }
    }

    /// Clock skew allowed on `iat` and `nbf`.
    public static let leeway: TimeInterval = 60

    private let current: Key
    private let previous: [Key]

    /// - Parameters:
    ///   - secret: the signing secret (`QUERENT_JWT_SECRET`).
    ///   - previousSecrets: secrets still accepted for verification while their tokens expire.
    public init(secret: String, previousSecrets: [String] = []) {
        current = Key(secret)
        previous = previousSecrets.filter { !$0.isEmpty && $0 != secret }.map(Key.init)
    }

    /// The `kid` of tokens this signer issues.
    public var keyId: String { current.id }

    /// A signed token for `tenant`, valid for `lifetime` seconds.
    public func issue(for tenant: Tenant, lifetime: TimeInterval = 30 * 24 * 3600, now: Date = Date()) -> String {
        let claims: [String: JSONValue] = [
            "sub": .string(tenant.userId),
            "agent_id": .string(tenant.agentId),
            "iat": .int(Int64(now.timeIntervalSince1970)),
            "exp": .int(Int64(now.timeIntervalSince1970 + lifetime)),
        ]
        let header: [String: JSONValue] = ["alg": .string("HS256"), "typ": .string("JWT"), "kid": .string(current.id)]
        let signingInput =
            Self.base64URL((try? JSONEncoder.querent.encode(header)) ?? Data()) + "."
            + Self.base64URL((try? JSONEncoder.querent.encode(claims)) ?? Data())
        let signature = HMAC<SHA256>.authenticationCode(for: Data(signingInput.utf8), using: current.symmetric)
        return signingInput + "." + Self.base64URL(Data(signature))
    }

    /// Verifies `token` and returns its tenant.
    /// - Throws: ``ServiceError`` `.unauthorized` with a reason.
    public func verify(_ token: String, now: Date = Date()) throws -> Tenant {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3,
            let headerData = Self.decodeBase64URL(parts[0]),
            let payloadData = Self.decodeBase64URL(parts[1]),
            let signature = Self.decodeBase64URL(parts[2])
        else { throw ServiceError(.unauthorized, "malformed bearer token") }
        guard let header = try? JSONDecoder.querent.decode([String: JSONValue].self, from: headerData),
            header["alg"] == .string("HS256")
        else { throw ServiceError(.unauthorized, "unsupported token algorithm (HS256 required)") }
        guard header["crit"] == nil else { throw ServiceError(.unauthorized, "token header 'crit' is not supported") }
        let keys: [Key]
        switch header["kid"] {
        case nil: keys = [current] + previous
        case .string(let id)?:
            keys = ([current] + previous).filter { $0.id == id }
            guard !keys.isEmpty else { throw ServiceError(.unauthorized, "unknown token key id") }
        default: throw ServiceError(.unauthorized, "malformed token key id")
        }
        let signingInput = Data("\(parts[0]).\(parts[1])".utf8)
        guard keys.contains(where: { HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: signingInput, using: $0.symmetric) }) else {
            throw ServiceError(.unauthorized, "invalid token signature")
        }
        guard let claims = try? JSONDecoder.querent.decode([String: JSONValue].self, from: payloadData) else {
            throw ServiceError(.unauthorized, "malformed token claims")
        }
        let seconds = now.timeIntervalSince1970
        guard let exp = claims["exp"]?.number else { throw ServiceError(.unauthorized, "token must carry an 'exp' claim") }
        if seconds >= exp { throw ServiceError(.unauthorized, "token expired") }
        if let nbf = claims["nbf"] {
            guard let nbf = nbf.number else { throw ServiceError(.unauthorized, "malformed 'nbf' claim") }
            if seconds + Self.leeway < nbf { throw ServiceError(.unauthorized, "token not yet valid") }
        }
        if let iat = claims["iat"] {
            guard let iat = iat.number else { throw ServiceError(.unauthorized, "malformed 'iat' claim") }
            if seconds + Self.leeway < iat { throw ServiceError(.unauthorized, "token issued in the future") }
        }
        guard case .string(let user)? = claims["sub"], !user.isEmpty,
            case .string(let agent)? = claims["agent_id"], !agent.isEmpty
        else { throw ServiceError(.unauthorized, "token must carry non-empty 'sub' and 'agent_id' claims") }
        return Tenant(userId: user, agentId: agent)
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decodeBase64URL(_ text: Substring) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }
}

extension JSONValue {
    /// The value as a number, when it is one.
    var number: Double? {
        switch self {
        case .int(let value): return Double(value)
        case .double(let value): return value
        default: return nil
        }
    }
}
