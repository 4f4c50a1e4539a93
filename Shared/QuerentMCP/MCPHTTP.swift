import Foundation
import Logging
import QuerentCore

/// What the Streamable HTTP endpoint answers: a status, headers, and a body (JSON) or none.
public struct MCPHTTPReply: Sendable, Hashable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data?

    static func json(_ status: Int, _ body: Data, headers: [String: String] = [:]) -> MCPHTTPReply {
        MCPHTTPReply(status: status, headers: headers.merging(["Content-Type": "application/json"]) { $1 }, body: body)
    }

    /// An HTTP error with a JSON-RPC error response without id as its body.
    static func error(_ status: Int, _ code: Int, _ message: String) -> MCPHTTPReply {
        json(status, JSONRPC.errorResponse(id: .null, error: JSONRPCError(code, message)))
    }
}

/// The sessions of the Streamable HTTP endpoint, in memory: each belongs to the tenant that
/// opened it and ends after an idle hour, on `DELETE`, or when the oldest is dropped to make
/// room (a client then gets `404` and initializes again, as the spec says).
public actor MCPSessions {
    struct Entry {
        let tenant: Tenant
        let connection: MCPConnection
        var lastUsed: ContinuousClock.Instant
    }

    private var entries: [String: Entry] = [:]
    let capacity: Int
    let idleTimeout: Duration

    public init(capacity: Int = 1_000, idleTimeout: Duration = .seconds(3_600)) {
        self.capacity = capacity
        self.idleTimeout = idleTimeout
    }

    func open(_ connection: MCPConnection, tenant: Tenant) -> String {
        let now = ContinuousClock.now
        entries = entries.filter { now - $0.value.lastUsed < idleTimeout }
        while entries.count >= capacity, let oldest = entries.min(by: { $0.value.lastUsed < $1.value.lastUsed }) {
            entries[oldest.key] = nil
        }
        var generator = SystemRandomNumberGenerator()
        let id = (0..<4).map { _ in String(generator.next() as UInt64, radix: 16).leftPadded(to: 16) }.joined()
        entries[id] = Entry(tenant: tenant, connection: connection, lastUsed: now)
        return id
    }

    /// The session's connection; nil for an unknown, expired or other tenant's session.
    func connection(_ id: String, tenant: Tenant) -> MCPConnection? {
        guard var entry = entries[id], entry.tenant == tenant else { return nil }
        guard ContinuousClock.now - entry.lastUsed < idleTimeout else {
            entries[id] = nil
            return nil
        }
        entry.lastUsed = .now
        entries[id] = entry
        return entry.connection
    }

    func close(_ id: String, tenant: Tenant) -> Bool {
        guard entries[id]?.tenant == tenant else { return false }
        entries[id] = nil
        return true
    }

    /// How many sessions are open.
    public var count: Int { entries.count }
}

/// The Streamable HTTP transport (MCP 2025-11-25), independent of the HTTP server: a `POST`
/// carries one JSON-RPC message (a request is answered with `application/json`; a
/// notification or response with `202`); `initialize` opens a session (`Mcp-Session-Id`),
/// every later message names it (`400` without, `404` for an unknown one); `DELETE` ends it.
/// `GET` (no server-initiated stream here) is `405`, which the router answers.
public struct MCPHTTPEndpoint: Sendable {
    public static let path = "/mcp"
    public static let sessionHeader = "Mcp-Session-Id"
    public static let versionHeader = "MCP-Protocol-Version"

    let backend: MCPBackend
    let sessions: MCPSessions
    let allowedOrigins: Set<String>
    let logger: Logger

    /// - Parameter allowedOrigins: browser origins allowed besides loopback ones (a request
    ///   with another `Origin` is `403`, against DNS rebinding); a request without one is allowed.
    public init(
        backend: MCPBackend,
        sessions: MCPSessions = MCPSessions(),
        allowedOrigins: Set<String> = [],
        logger: Logger = Logger(label: "querent.mcp")
    ) {
        self.backend = backend
        self.sessions = sessions
        self.allowedOrigins = allowedOrigins
        self.logger = logger
    }

    /// The origins in `QUERENT_MCP_ALLOWED_ORIGINS` (comma-separated).
    public static func allowedOrigins(environment: [String: String]) -> Set<String> {
        Set(
            (environment["QUERENT_MCP_ALLOWED_ORIGINS"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                !$0.isEmpty
            }
        )
    }

    /// Answers one HTTP request of the authenticated `tenant`.
    /// - Parameter headers: the request's headers, by lowercased name.
    public func handle(method: String, headers: [String: String], body: Data, tenant: Tenant) async -> MCPHTTPReply {
        if let origin = headers["origin"], !isAllowed(origin: origin) {
            return .error(403, JSONRPCError.invalidRequest, "origin '\(origin)' is not allowed")
        }
        if let version = headers["mcp-protocol-version"], !MCPServer.supportedVersions.contains(version) {
            return .error(
                400,
                JSONRPCError.invalidRequest,
                "unsupported MCP-Protocol-Version '\(version)'; supported: \(MCPServer.supportedVersions.joined(separator: ", "))"
            )
        }
        let sessionId = headers["mcp-session-id"]
        switch method {
        case "POST": return await post(body, sessionId: sessionId, accept: headers["accept"], tenant: tenant)
        case "DELETE":
            guard let sessionId else { return .error(400, JSONRPCError.invalidRequest, "missing Mcp-Session-Id header") }
            guard await sessions.close(sessionId, tenant: tenant) else { return .error(404, JSONRPCError.invalidRequest, "unknown session") }
            return MCPHTTPReply(status: 204, headers: [:], body: nil)
        default:
            return MCPHTTPReply(status: 405, headers: ["Allow": "POST, DELETE"], body: nil)
        }
    }

    private func post(_ body: Data, sessionId: String?, accept: String?, tenant: Tenant) async -> MCPHTTPReply {
        if let accept, !Self.acceptsJSON(accept) {
            return .error(406, JSONRPCError.invalidRequest, "the Accept header must allow application/json")
        }
        let message: JSONRPCMessage
        switch JSONRPCMessage.decode(body) {
        case .failure(let failure): return .json(400, failure.response)
        case .success(let value): message = value
        }
        if case .request(_, "initialize", _) = message {
            let connection = MCPConnection(server: MCPServer(backend: backend, tenant: tenant, logger: logger))
            let response = await connection.receive(message) ?? Data()
            guard await connection.protocolVersion != nil else { return .json(200, response) }
            let id = await sessions.open(connection, tenant: tenant)
            return .json(200, response, headers: [Self.sessionHeader: id])
        }
        guard let sessionId else {
            return .error(400, JSONRPCError.invalidRequest, "missing Mcp-Session-Id header; send initialize first")
        }
        guard let connection = await sessions.connection(sessionId, tenant: tenant) else {
            return .error(404, JSONRPCError.invalidRequest, "unknown or expired session; send initialize again")
        }
        guard let response = await connection.receive(message) else { return MCPHTTPReply(status: 202, headers: [:], body: nil) }
        return .json(200, response)
    }

    /// Loopback origins (any port), and the configured ones.
    func isAllowed(origin: String) -> Bool {
        if allowedOrigins.contains(origin) { return true }
        guard let url = URL(string: origin), let scheme = url.scheme, ["http", "https"].contains(scheme), let host = url.host else { return false }
        return ["localhost", "127.0.0.1", "::1", "[::1]"].contains(host)
    }

    static func acceptsJSON(_ accept: String) -> Bool {
        accept.split(separator: ",").contains { item in
            let type = item.split(separator: ";")[0].trimmingCharacters(in: .whitespaces).lowercased()
            return ["application/json", "application/*", "*/*"].contains(type)
        }
    }
}

extension String {
    fileprivate func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}
