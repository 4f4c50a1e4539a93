import Hummingbird
import QuerentCore

/// Builds the router every Querent process uses: request ids, metrics, request logs, JSON
/// errors, request limits and compression on every route, per-tenant rate limits on the API, `405` with `Allow` for a known path
/// under another method; health, metrics and `/openapi.json` routes; and the
/// authenticated API group under `/api/v1/sources/database`.
public enum QuerentRouter {
    /// The path every public API route lives under.
    public static let apiPath = "/api/v1/sources/database"
    /// The versioned API root.
    public static let rootPath = "/api/v1"

    /// - Parameters:
    ///   - service: the name reported by the health routes.
    ///   - signer: verifies bearer tokens on the API group.
    ///   - checks: readiness checks of the service's dependencies.
    ///   - api: adds the service's routes to the authenticated API group.
    ///   - root: adds routes to the authenticated `/api/v1` group (the chat lives at `/api/v1/chat`).
    ///   - pages: adds routes outside the API, without authentication (the web console).
    ///   - limits: the request sizes refused before any handler runs.
    ///   - rateLimits: the per-tenant rates of questions, SQL and training requests (pass the
    ///     instance other entry points to questions share, such as the MCP endpoint).
    public static func make(
        service: String,
        signer: TokenSigner,
        checks: [HealthController.Check],
        limits: RequestLimits = RequestLimits(),
        rateLimits: RateLimitMiddleware = RateLimitMiddleware(RateLimits()),
        api: (RouterGroup<AppRequestContext>) -> Void,
        root: (RouterGroup<AppRequestContext>) -> Void = { _ in },
        pages: (Router<AppRequestContext>) -> Void = { _ in }
    ) -> Router<AppRequestContext> {
        PrometheusMetrics.bootstrap()
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: LogRequestsMiddleware(.info))
        router.add(middleware: ErrorMiddleware())
        router.add(middleware: RequestLimitsMiddleware(limits))
        router.add(middleware: CompressionMiddleware())
        HealthController(service: service, checks: checks).addRoutes(to: router)
        PrometheusMetrics.addRoute(to: router)
        OpenAPIDocument.addRoute(to: router)
        api(router.group(RouterPath(apiPath)).add(middleware: AuthMiddleware(signer: signer)).add(middleware: rateLimits))
        root(router.group(RouterPath(rootPath)).add(middleware: AuthMiddleware(signer: signer)).add(middleware: rateLimits))
        pages(router)
        // Added last, so it wraps only the not-found responder.
        router.add(middleware: MethodNotAllowedMiddleware(routes: router.routes))
        return router
    }
}
