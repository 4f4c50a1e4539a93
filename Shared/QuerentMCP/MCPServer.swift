import Foundation
import Logging
import QuerentApplication
import QuerentCore

/// The application services the MCP tools and resources call, the same ones the HTTP API's
/// route handlers call.
public struct MCPBackend: Sendable {
    public var registry: SourceRegistry
    public var catalog: SchemaCatalog
    public var pipeline: QueryPipeline
    public var contexts: SchemaContextCache
    /// Picks the source of a question that names none (the chat's rule).
    public var vectors: any VectorStore
    /// Admits a question or SQL run for a tenant: nil when allowed, else the seconds to wait
    /// (the per-tenant rate the HTTP routes apply; always allowed by default).
    public var admit: @Sendable (Tenant) -> Int? = { _ in nil }

    public init(registry: SourceRegistry, catalog: SchemaCatalog, pipeline: QueryPipeline, contexts: SchemaContextCache, vectors: any VectorStore) {
        self.registry = registry
        self.catalog = catalog
        self.pipeline = pipeline
        self.contexts = contexts
        self.vectors = vectors
    }
}

/// The MCP server of one tenant, independent of the transport: it answers JSON-RPC 2.0
/// messages (`initialize`, `ping`, `tools/list`, `tools/call`, `resources/list`,
/// `resources/read`; the `notifications/initialized` notification) with the tenant's sources.
public struct MCPServer: Sendable {
    /// The protocol revisions this server speaks, newest first. `initialize` answers with the
    /// client's version when it is one of these, else with the newest (version negotiation).
    public static let supportedVersions = ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"]
    public static var latestVersion: String { supportedVersions[0] }
    /// The version a Streamable HTTP request without `MCP-Protocol-Version` is taken to speak.
    public static let defaultHTTPVersion = "2025-03-26"

    public static let instructions = """
        Querent answers plain-language questions over the user's own databases. Start with \
        list_sources; list_tables and describe_table (or the schema resources) show a source's \
        tables. ask turns a question into read-only SQL and runs it (execute: false only \
        generates it); run_sql runs your own SQL through the same safety gate: one read-only \
        SELECT over trained tables, with a row cap and a timeout. A refused or failed query comes \
        back as a tool error with the reason.
        """

    public let tenant: Tenant
    let tools: MCPTools
    let resources: MCPResources
    let logger: Logger
    let version: String

    /// - Parameters:
    ///   - tenant: whose sources every call reads.
    ///   - version: the server's version in `serverInfo`.
    public init(backend: MCPBackend, tenant: Tenant, version: String = "1.0.0", logger: Logger) {
        self.tenant = tenant
        self.tools = MCPTools(backend: backend, tenant: tenant, logger: logger)
        self.resources = MCPResources(backend: backend, tenant: tenant)
        self.version = version
        self.logger = logger
    }

    /// The version `initialize` settles on for a client asking for `requested`.
    public static func negotiate(_ requested: String?) -> String {
        requested.flatMap { supportedVersions.contains($0) ? $0 : nil } ?? latestVersion
    }

    /// Answers a request; throws the JSON-RPC error to send instead.
    func answer(method: String, params: [String: JSONValue]) async throws(JSONRPCError) -> JSONValue {
        switch method {
        case "ping":
            return .object([:])
        case "tools/list":
            return .object(["tools": .array(MCPTools.definitions)])
        case "tools/call":
            guard case .string(let name)? = params["name"] else {
                throw JSONRPCError(JSONRPCError.invalidParams, "invalid params: \"name\" must be a string")
            }
            let arguments: [String: JSONValue]
            switch params["arguments"] {
            case nil, .null?: arguments = [:]
            case .object(let value)?: arguments = value
            default: throw JSONRPCError(JSONRPCError.invalidParams, "invalid params: \"arguments\" must be an object")
            }
            guard MCPTools.names.contains(name) else { throw JSONRPCError(JSONRPCError.invalidParams, "unknown tool '\(name)'") }
            return await tools.call(name, arguments: arguments).json
        case "resources/list":
            return .object(["resources": .array(try await resources.list())])
        case "resources/templates/list":
            return .object(["resourceTemplates": .array([MCPResources.template])])
        case "resources/read":
            guard case .string(let uri)? = params["uri"] else {
                throw JSONRPCError(JSONRPCError.invalidParams, "invalid params: \"uri\" must be a string")
            }
            return .object(["contents": .array([try await resources.read(uri)])])
        default:
            throw JSONRPCError(JSONRPCError.methodNotFound, "method not found: \(method)")
        }
    }

    /// The `initialize` result for a client that asked for `requested`.
    func initializeResult(requested: String?) -> JSONValue {
        .object([
            "protocolVersion": .string(Self.negotiate(requested)),
            "capabilities": .object([
                "tools": .object(["listChanged": .bool(false)]),
                "resources": .object(["subscribe": .bool(false), "listChanged": .bool(false)]),
            ]),
            "serverInfo": .object(["name": .string("querent"), "title": .string("Querent"), "version": .string(version)]),
            "instructions": .string(Self.instructions),
        ])
    }
}

/// One client's conversation with an ``MCPServer`` (a stdio process, or one Streamable HTTP
/// session): the lifecycle state, and the dispatch of each message.
public actor MCPConnection {
    public let server: MCPServer
    /// The version `initialize` settled on; nil before it.
    public private(set) var protocolVersion: String?
    /// Whether the client sent `notifications/initialized`.
    public private(set) var clientReady = false

    public init(server: MCPServer) {
        self.server = server
    }

    /// Answers one message's text; nil when nothing is to be sent back (a notification, a response).
    public func receive(_ data: Data) async -> Data? {
        switch JSONRPCMessage.decode(data) {
        case .failure(let failure): return failure.response
        case .success(let message): return await receive(message)
        }
    }

    /// Answers one message; nil when nothing is to be sent back.
    public func receive(_ message: JSONRPCMessage) async -> Data? {
        switch message {
        case .response:
            return nil
        case .notification(let method, _):
            if method == "notifications/initialized" { clientReady = protocolVersion != nil }
            // Other notifications (cancelled, progress, roots) need nothing from this server.
            return nil
        case .request(let id, "initialize", let params):
            guard protocolVersion == nil else {
                return JSONRPC.errorResponse(id: id, error: JSONRPCError(JSONRPCError.invalidRequest, "invalid request: already initialized"))
            }
            guard case .string(let requested)? = params["protocolVersion"] else {
                return JSONRPC.errorResponse(
                    id: id,
                    error: JSONRPCError(JSONRPCError.invalidParams, "invalid params: \"protocolVersion\" must be a string")
                )
            }
            let result = server.initializeResult(requested: requested)
            protocolVersion = MCPServer.negotiate(requested)
            var client = "unknown"
            if case .object(let info)? = params["clientInfo"], case .string(let name)? = info["name"] { client = name }
            server.logger.info("mcp client initialized", metadata: ["mcp.version": .string(protocolVersion ?? ""), "mcp.client": .string(client)])
            return JSONRPC.resultResponse(id: id, result: result)
        case .request(let id, let method, let params):
            guard protocolVersion != nil || method == "ping" else {
                return JSONRPC.errorResponse(id: id, error: JSONRPCError(JSONRPCError.invalidRequest, "invalid request: send initialize first"))
            }
            do {
                return JSONRPC.resultResponse(id: id, result: try await server.answer(method: method, params: params))
            } catch {
                return JSONRPC.errorResponse(id: id, error: error)
            }
        }
    }
}
