import Foundation
import Hummingbird
import QuerentApplication
import QuerentCore
import QuerentHTTP

/// `POST /api/v1/chat` `{message, source_id?, generator?, max_tables?}` → Server-Sent Events.
public struct ChatController: Sendable {
    let chat: ChatService

    public init(chat: ChatService) {
        self.chat = chat
    }

    /// Adds `POST /chat` to the `/api/v1` group.
    public func addRoutes(root: RouterGroup<AppRequestContext>) {
        root.post("/chat", use: message)
    }

    /// Adds `GET /:sourceId/context` to the sources group.
    public func addSourceRoutes(to sources: RouterGroup<AppRequestContext>) {
        sources.get("/:sourceId/context", use: databaseContext)
    }

    struct ChatRequest: Decodable {
        var message: String
        var sourceId: String?
        var generator: String?
        var maxTables: Int?

        enum CodingKeys: String, CodingKey {
            case message
            case sourceId = "source_id"
            case generator
            case maxTables = "max_tables"
        }
    }

    @Sendable func message(_ request: Request, context: AppRequestContext) async throws -> Response {
        let tenant = try context.requireTenant()
        let body = try await request.decode(as: ChatRequest.self, context: context)
        let message = body.message.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !message.isEmpty, body.message.unicodeScalars.count <= 2_000 else {
            throw ServiceError(.badRequest, "message must be 1 to 2,000 characters")
        }
        if let maxTables = body.maxTables, !(1...100).contains(maxTables) { throw ServiceError(.badRequest, "max_tables must be 1 to 100") }
        let events = try await chat.handleDatabaseQuery(
            message: message,
            sourceId: body.sourceId,
            tenant: tenant,
            generator: body.generator,
            maxTables: body.maxTables,
            logger: context.logger
        )
        return EventStream.response(events) { event in (event.name, event.data) }
    }

    @Sendable func databaseContext(_ request: Request, context: AppRequestContext) async throws -> ChatService.DatabaseContext {
        try await chat.getDatabaseContext(sourceId: try context.sourceId(), tenant: try context.requireTenant())
    }
}

extension ChatService.DatabaseContext: ResponseEncodable {}
