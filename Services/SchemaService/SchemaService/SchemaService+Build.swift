import Hummingbird
import QuerentHTTP
import QuerentRuntime

extension SchemaRoutes {
    /// The schema service's routes over `dependencies`.
    public init(_ dependencies: Dependencies) {
        self.init(catalog: dependencies.catalog(), contexts: dependencies.contexts, knowledge: dependencies.knowledge())
    }
}

/// The router `schema-service` serves: sources, connections and introspection, with health,
/// metrics and OpenAPI routes. Tests and `querent serve` build it (or its routes) the same way.
public func buildRouter(_ dependencies: Dependencies, signer: TokenSigner) -> Router<AppRequestContext> {
    let routes = SchemaRoutes(dependencies)
    return QuerentRouter.make(service: "schema-service", signer: signer, checks: dependencies.readiness, api: routes.addRoutes)
}
