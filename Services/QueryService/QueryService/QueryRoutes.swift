import Hummingbird
import QuerentApplication
import QuerentCore
import QuerentHTTP

/// Every route of the query service, for its own executable and for the embedded `querent`:
/// questions, hand-written SQL, history, database context and the chat.
public struct QueryRoutes: Sendable {
    let query: QueryController
    let chat: ChatController

    public init(pipeline: QueryPipeline, chat: ChatService, knowledge: KnowledgeService? = nil) {
        query = QueryController(pipeline: pipeline, knowledge: knowledge)
        self.chat = ChatController(chat: chat)
    }

    /// Adds the routes under `/api/v1/sources/database`.
    public func addRoutes(to group: RouterGroup<AppRequestContext>) {
        query.addRoutes(to: group)
        chat.addSourceRoutes(to: group)
    }

    /// Adds the routes under `/api/v1` (the chat).
    public func addRootRoutes(to root: RouterGroup<AppRequestContext>) {
        chat.addRoutes(root: root)
    }
}
