import Foundation
import Hummingbird
import QuerentConsole
import QuerentHTTP
import QuerentMCP
import QuerentRuntime
import ServiceLifecycle

extension QueryRoutes {
    /// The question, SQL, history and chat routes over `dependencies`.
    public init(_ dependencies: Dependencies) {
        let pipeline = dependencies.queryPipeline()
        self.init(pipeline: pipeline, chat: dependencies.chat(pipeline: pipeline), knowledge: dependencies.knowledge())
    }
}

/// The router `query-service` serves: questions, hand-written SQL, history and the chat, with
/// health, metrics and OpenAPI routes, and the web console at `/`.
public func buildRouter(
    _ dependencies: Dependencies,
    signer: TokenSigner,
    console: ConsoleRoutes = ConsoleRoutes(assets: .embedded),
    rateLimits: RateLimitMiddleware = RateLimitMiddleware(RateLimits())
) -> Router<AppRequestContext> {
    let routes = QueryRoutes(dependencies)
    return QuerentRouter.make(
        service: "query-service",
        signer: signer,
        checks: dependencies.readiness,
        rateLimits: rateLimits,
        api: routes.addRoutes,
        root: routes.addRootRoutes,
        pages: { router in
            console.addRoutes(to: router)
            addMCPRoute(to: router, dependencies, signer: signer, rateLimits: rateLimits)
        }
    )
}

/// The MCP server's Streamable HTTP endpoint at `/mcp`, behind the API's bearer auth: it acts
/// for the token's tenant, and its `ask` and `run_sql` calls take from the tenant's question
/// bucket of `rateLimits` (the one `/query`, `/sql` and the chat use).
public func addMCPRoute(to router: Router<AppRequestContext>, _ dependencies: Dependencies, signer: TokenSigner, rateLimits: RateLimitMiddleware) {
    var backend = MCPBackend(dependencies)
    backend.admit = { rateLimits.takeQuestion(for: $0) }
    let endpoint = MCPHTTPEndpoint(
        backend: backend,
        allowedOrigins: MCPHTTPEndpoint.allowedOrigins(environment: ProcessInfo.processInfo.environment)
    )
    let group = router.group(RouterPath(MCPHTTPEndpoint.path)).add(middleware: AuthMiddleware(signer: signer))
    MCPRoutes<AppRequestContext>(endpoint: endpoint) { try $0.requireTenant() }.addRoutes(to: group)
}

extension MCPBackend {
    /// The MCP tools' access to the use cases of `dependencies`.
    public init(_ dependencies: Dependencies) {
        self.init(
            registry: dependencies.registry,
            catalog: dependencies.catalog(),
            pipeline: dependencies.queryPipeline(),
            contexts: dependencies.contexts,
            vectors: dependencies.vectors
        )
    }
}

/// The query service's background work: following schema events to drop cached contexts.
public func buildBackgroundServices(_ dependencies: Dependencies) async -> [any Service] {
    [await dependencies.schemaEventFollower()]
}
