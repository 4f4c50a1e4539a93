import Foundation
import Hummingbird
import QuerentApplication
import QuerentCore
import QuerentHTTP

/// Routes for questions, hand-written SQL and the history.
public struct QueryController: Sendable {
    let pipeline: QueryPipeline
    let knowledge: KnowledgeService?

    /// The routes over `pipeline`; `knowledge` takes feedback on history entries (nil: not served).
    public init(pipeline: QueryPipeline, knowledge: KnowledgeService? = nil) {
        self.pipeline = pipeline
        self.knowledge = knowledge
    }

    public func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("/:sourceId/query", use: query)
        group.post("/:sourceId/sql", use: sql)
        group.get("/:sourceId/query-history", use: history)
        if knowledge != nil { group.post("/:sourceId/query-history/:historyId/feedback", use: feedback) }
    }

    struct FeedbackRequest: Decodable {
        var verdict: AnswerFeedback.Verdict
        var sql: String?
    }

    @Sendable func feedback(_ request: Request, context: AppRequestContext) async throws -> QueryHistoryEntry {
        guard let knowledge else { throw ServiceError(.notFound, "feedback is not served here") }
        let text = try context.parameters.require("historyId")
        guard let historyId = Int64(text), historyId > 0 else { throw ServiceError(.notFound, "history entry '\(text)' does not exist") }
        let body = try await request.decode(as: FeedbackRequest.self, context: context)
        let entry = try await knowledge.feedback(
            historyId: historyId,
            verdict: body.verdict,
            sql: body.sql,
            sourceId: try context.sourceId(),
            tenant: try context.requireTenant()
        )
        context.logger.info(
            "feedback recorded",
            metadata: ["history.id": .stringConvertible(historyId), "feedback.verdict": .string(body.verdict.rawValue)]
        )
        return entry
    }

    struct QueryRequest: Decodable {
        var question: String
        var execute: Bool?
        var generator: String?
        /// The most tables retrieval offers by similarity (1–100; foreign-key neighbours come on top).
        var maxTables: Int?

        enum CodingKeys: String, CodingKey {
            case question, execute, generator
            case maxTables = "max_tables"
        }
    }

    struct SQLRequest: Decodable {
        var sql: String
    }

    struct HistoryPage: ResponseEncodable {
        var history: [QueryHistoryEntry]
        /// Pass as `cursor` for the next (older) page; absent on the last page.
        var nextCursor: String?

        enum CodingKeys: String, CodingKey {
            case history
            case nextCursor = "next_cursor"
        }
    }

    @Sendable func query(_ request: Request, context: AppRequestContext) async throws -> QueryAnswer {
        let body = try await request.decode(as: QueryRequest.self, context: context)
        return try await pipeline.ask(
            question: body.question,
            sourceId: try context.sourceId(),
            tenant: try context.requireTenant(),
            generator: body.generator,
            execute: body.execute ?? true,
            maxTables: body.maxTables,
            logger: context.logger
        )
    }

    @Sendable func sql(_ request: Request, context: AppRequestContext) async throws -> QueryExecutionResult {
        let body = try await request.decode(as: SQLRequest.self, context: context)
        return try await pipeline.runSQL(body.sql, sourceId: try context.sourceId(), tenant: try context.requireTenant())
    }

    @Sendable func history(_ request: Request, context: AppRequestContext) async throws -> HistoryPage {
        let parameters = request.uri.queryParameters
        let limit =
            try parameters.get("limit").map { text -> Int in
                guard let value = Int(text), (1...500).contains(value) else {
                    throw ServiceError(.badRequest, "limit must be an integer from 1 to 500")
                }
                return value
            } ?? 50
        let cursor = try parameters.get("cursor").map { text -> Int64 in
            guard let value = Int64(text), value > 0 else { throw ServiceError(.badRequest, "cursor must be a positive integer") }
            return value
        }
        let entries = try await pipeline.history(sourceId: try context.sourceId(), tenant: try context.requireTenant(), before: cursor, limit: limit)
        return HistoryPage(history: entries, nextCursor: entries.count == limit ? entries.last.map { String($0.id) } : nil)
    }
}

extension QueryAnswer: ResponseEncodable {}
extension QueryHistoryEntry: ResponseEncodable {}
extension QueryExecutionResult: ResponseEncodable {}
