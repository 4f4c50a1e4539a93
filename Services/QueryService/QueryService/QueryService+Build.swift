import Hummingbird
import QuerentConsole
import QuerentHTTP
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
    console: ConsoleRoutes = ConsoleRoutes(assets: .embedded)
) -> Router<AppRequestContext> {
    let routes = QueryRoutes(dependencies)
    return QuerentRouter.make(
        service: "query-service",
        signer: signer,
        checks: dependencies.readiness,
        api: routes.addRoutes,
        root: routes.addRootRoutes,
        pages: console.addRoutes
    )
}

/// The query service's background work: following schema events to drop cached contexts.
public func buildBackgroundServices(_ dependencies: Dependencies) async -> [any Service] {
    [await dependencies.schemaEventFollower()]
}
