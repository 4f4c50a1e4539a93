import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import QuerentCore

/// The one-click sign-in `querent serve` offers its own demo tenant, to a browser on the same
/// machine only: the connection must come from a loopback address, the `Host` the browser
/// used must be a loopback name (so a page of another site that rebinds its DNS name to
/// 127.0.0.1 is refused), and so must the `Origin`, when there is one.
public struct LocalSignIn: Sendable {
    /// What the sign-in answers.
    public struct Grant: Codable, Sendable, Equatable {
        public var token: String
        public var userId: String
        public var agentId: String

        enum CodingKeys: String, CodingKey {
            case token
            case userId = "user_id"
            case agentId = "agent_id"
        }
    }

    private let tenant: Tenant
    private let issue: @Sendable (Tenant) -> String

    /// - Parameters:
    ///   - tenant: the tenant signed in.
    ///   - issue: issues a token for it.
    public init(tenant: Tenant, issue: @escaping @Sendable (Tenant) -> String) {
        self.tenant = tenant
        self.issue = issue
    }

    /// A token for the tenant, when the request is local.
    /// - Throws: ``QuerentCore/ServiceError`` `.forbidden` when it is not.
    public func signIn(_ request: Request, peer: SocketAddress?) throws -> Grant {
        guard Self.isLocal(request, peer: peer) else {
            throw ServiceError(.forbidden, "local sign-in is offered only to a browser on this machine at http://127.0.0.1 or http://localhost")
        }
        return Grant(token: issue(tenant), userId: tenant.userId, agentId: tenant.agentId)
    }

    /// Whether the peer, the `Host` and any `Origin` are all this machine.
    public static func isLocal(_ request: Request, peer: SocketAddress?) -> Bool {
        guard let address = peer?.ipAddress, isLoopback(address) else { return false }
        guard let authority = request.head.authority, let host = host(ofAuthority: authority), isLoopbackName(host) else { return false }
        if let origin = request.headers[.origin] {
            guard let url = URL(string: origin), url.scheme == "http" || url.scheme == "https", let host = url.host, isLoopbackName(host) else {
                return false
            }
        }
        return true
    }

    /// A dotted-quad in 127.0.0.0/8, ::1, or an IPv4-mapped one of those (not a name such as
    /// `127.example.com`).
    static func isLoopback(_ address: String) -> Bool {
        let address = address.lowercased()
        if address == "::1" { return true }
        let v4 = address.hasPrefix("::ffff:") ? String(address.dropFirst(7)) : address
        let octets = v4.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets.allSatisfy { UInt8($0) != nil } && octets[0] == "127"
    }

    static func isLoopbackName(_ host: String) -> Bool {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return host == "localhost" || isLoopback(host)
    }

    /// The host of `host[:port]` or `[v6][:port]`.
    static func host(ofAuthority authority: String) -> String? {
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            return String(authority[authority.index(after: authority.startIndex)..<close])
        }
        return authority.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)
    }
}
