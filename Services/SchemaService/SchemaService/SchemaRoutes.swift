import Hummingbird
import QuerentApplication
import QuerentCore
import QuerentHTTP

/// Every route of the schema service, for its own executable and for the embedded `querent`.
public struct SchemaRoutes: Sendable {
    let sources: SourcesController
    let tables: TablesController

    public init(catalog: SchemaCatalog) {
        sources = SourcesController(registry: catalog.registry)
        tables = TablesController(catalog: catalog)
    }

    public func addRoutes(to group: RouterGroup<AppRequestContext>) {
        sources.addRoutes(to: group)
        tables.addRoutes(to: group)
    }
}
