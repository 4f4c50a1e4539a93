import Crypto
import Foundation
import QuerentCore

/// Issues and verifies the API's bearer tokens: JWTs signed with HMAC-SHA256 (HS256).
///
/// Claims: `sub` (user id), `agent_id`, `iat`, and optionally `exp`/`nbf`. Only `HS256` is
/// accepted; `alg: none` and every other algorithm are refused.
public struct TokenSigner: Sendable {
    /// Raw key bytes; `SymmetricKey` itself is not `Sendable`.
    private let keyData: Data
    private var key: SymmetricKey { SymmetricKey(data: keyData) }

    /// - Parameter secret: the shared signing secret (`QUERENT_JWT_SECRET`).
    public init(secret: String) {
        keyData = Data(secret.utf8)
    }

    /// A signed token for `tenant`, valid for `lifetime` seconds (or forever when nil).
    public func issue(for tenant: Tenant, lifetime: TimeInterval? = 30 * 24 * 3600, now: Date = Date()) -> String {
        var claims: [String: JSONValue] = [
            "sub": .string(tenant.userId),
            "agent_id": .string(tenant.agentId),
            "iat": .int(Int64(now.timeIntervalSince1970)),
        ]
        if let lifetime { claims["exp"] = .int(Int64(now.timeIntervalSince1970 + lifetime)) }
        let header = Self.base64URL(Data(#"{"alg":"HS256","typ":"JWT"}"#.utf8))
        let payload = Self.base64URL((try? JSONEncoder.querent.encode(claims)) ?? Data())
        let signingInput = header + "." + payload
        let signature = HMAC<SHA256>.authenticationCode(for: Data(signingInput.utf8), using: key)
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
        let signingInput = Data("\(parts[0]).\(parts[1])".utf8)
        guard HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: signingInput, using: key) else {
            throw ServiceError(.unauthorized, "invalid token signature")
        }
        guard let claims = try? JSONDecoder.querent.decode([String: JSONValue].self, from: payloadData) else {
            throw ServiceError(.unauthorized, "malformed token claims")
        }
        let seconds = now.timeIntervalSince1970
        if let exp = claims["exp"]?.number, seconds >= exp { throw ServiceError(.unauthorized, "token expired") }
        if let nbf = claims["nbf"]?.number, seconds < nbf { throw ServiceError(.unauthorized, "token not yet valid") }
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
