import Hummingbird
import QuerentApplication
import QuerentCore
import QuerentHTTP

/// Every route of the schema service, for its own executable and for the embedded `querent`.
public struct SchemaRoutes: Sendable {
    let sources: SourcesController
    let tables: TablesController
    let semanticModel: SemanticModelController
    let knowledge: KnowledgeController?

    /// The routes over `catalog`; `contexts` is the process's schema context cache, dropped for
    /// a source whose semantic model is edited here (nil when the process answers no questions).
    /// `knowledge` serves examples, glossary, instructions and the knowledge document (nil: not served).
    public init(catalog: SchemaCatalog, contexts: SchemaContextCache? = nil, knowledge: KnowledgeService? = nil) {
        sources = SourcesController(registry: catalog.registry)
        tables = TablesController(catalog: catalog)
        semanticModel = SemanticModelController(service: SemanticModelService(registry: catalog.registry, contexts: contexts))
        self.knowledge = knowledge.map(KnowledgeController.init)
    }

    public func addRoutes(to group: RouterGroup<AppRequestContext>) {
        sources.addRoutes(to: group)
        tables.addRoutes(to: group)
        semanticModel.addRoutes(to: group)
        knowledge?.addRoutes(to: group)
    }
}
