import Foundation
import Logging
import QuerentCore

/// The chat: a message becomes a query on the right source, and the answer streams back as
/// events: the SQL (`sql`), the rows (`rows`), the answer text token by token (`token`), then
/// `done`, or `error`.
public struct ChatService: Sendable {
    let pipeline: QueryPipeline
    let registry: SourceRegistry
    let contexts: SchemaContextCache
    let vectors: any VectorStore
    /// Writes the answer text when set; otherwise ``formatDatabaseResponse(question:answer:)`` does.
    let writer: (any ChatModel)?

    public init(
        pipeline: QueryPipeline,
        registry: SourceRegistry,
        contexts: SchemaContextCache,
        vectors: any VectorStore,
        writer: (any ChatModel)? = nil
    ) {
        self.pipeline = pipeline
        self.registry = registry
        self.contexts = contexts
        self.vectors = vectors
        self.writer = writer
    }

    /// What the agent knows of a source: its trained tables with their business context, and
    /// what users taught it (trained examples, glossary, instructions).
    public struct DatabaseContext: Codable, Sendable, Hashable {
        public var sourceId: String
        public var sourceName: String
        public var dialect: Dialect
        public var tables: [String: String]
        /// The trained examples, oldest first.
        public var examples: [SourceKnowledge.Example]
        /// The glossary.
        public var glossary: [SourceKnowledge.Term]
        /// The instructions for the LLM, when set.
        public var instructions: String?

        /// The context of a source; nothing taught unless given.
        public init(
            sourceId: String,
            sourceName: String,
            dialect: Dialect,
            tables: [String: String],
            examples: [SourceKnowledge.Example] = [],
            glossary: [SourceKnowledge.Term] = [],
            instructions: String? = nil
        ) {
            self.sourceId = sourceId
            self.sourceName = sourceName
            self.dialect = dialect
            self.tables = tables
            self.examples = examples
            self.glossary = glossary
            self.instructions = instructions
        }

        enum CodingKeys: String, CodingKey {
            case sourceId = "source_id"
            case sourceName = "source_name"
            case dialect, tables, examples, glossary, instructions
        }
    }

    /// The cached context of the tenant's source (five-minute cache, dropped on schema events).
    public func getDatabaseContext(sourceId: String, tenant: Tenant) async throws -> DatabaseContext {
        let source = try await registry.get(sourceId, tenant: tenant)
        let records = try await contexts.trainedSchemas(sourceId: sourceId, tenant: tenant)
        let teaching = try await contexts.teaching(sourceId: sourceId, tenant: tenant)
        return DatabaseContext(
            sourceId: source.id,
            sourceName: source.name,
            dialect: source.dialect,
            tables: Dictionary(records.map { ($0.tableName, $0.businessContext) }, uniquingKeysWith: { $1 }),
            examples: teaching.examples.map { SourceKnowledge.Example(question: $0.question, sql: $0.sql) },
            glossary: teaching.glossary.map { SourceKnowledge.Term(term: $0.term, definition: $0.definition, sql: $0.sql) },
            instructions: teaching.instructions
        )
    }

    /// Answers `message` as a stream of events. Without `sourceId`, the source is the tenant's
    /// only one, or the one whose trained tables best match the message.
    ///
    /// The source and the generator are checked before the stream starts, so a request that
    /// cannot be answered fails as a whole; what fails later arrives as an `error` event.
    /// - Throws: `.notFound` for an unknown source, `.badRequest` or `.generatorUnavailable` for
    ///   the generator, `.badRequest` when the tenant has no trained source to pick.
    public func handleDatabaseQuery(
        message: String,
        sourceId: String?,
        tenant: Tenant,
        generator: String? = nil,
        maxTables: Int? = nil,
        logger: Logger
    ) async throws -> AsyncStream<ChatEvent> {
        _ = try pipeline.generator(named: generator)
        let session = try await resolveSource(sourceId, message: message, tenant: tenant)
        return AsyncStream { continuation in
            let task = Task {
                do {
                    let answer = try await pipeline.ask(
                        question: message,
                        session: session,
                        generator: generator,
                        maxTables: maxTables,
                        logger: logger
                    )
                    continuation.yield(ChatEvent(name: "sql", data: try Self.json(answer.generation)))
                    if let result = answer.result { continuation.yield(ChatEvent(name: "rows", data: try Self.json(result))) }
                    for try await token in answerText(question: message, answer: answer) {
                        continuation.yield(ChatEvent(name: "token", data: .object(["text": .string(token)])))
                    }
                    var done: [String: JSONValue] = ["source_id": .string(session.id)]
                    if let historyId = answer.historyId { done["history_id"] = .int(historyId) }
                    continuation.yield(ChatEvent(name: "done", data: .object(done)))
                } catch {
                    let message = (error as? ServiceError)?.message ?? "internal error"
                    let code = (error as? ServiceError)?.code.rawValue ?? ServiceError.Code.internalError.rawValue
                    continuation.yield(ChatEvent(name: "error", data: .object(["code": .string(code), "message": .string(message)])))
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// A plain-language summary of the answer, no LLM needed.
    public static func formatDatabaseResponse(question: String, answer: QueryAnswer) -> String {
        guard let result = answer.result else {
            return answer.generation.sql.isEmpty
                ? "I could not answer that from the trained tables. \(answer.generation.explanation)"
                : "Here is the SQL I would run: \(answer.generation.sql)"
        }
        guard result.success else { return "The query failed: \(result.error ?? "unknown error")." }
        let confidence = Int((answer.generation.confidence * 100).rounded())
        var text: String
        switch result.rowCount {
        case 0:
            text = "No rows match."
        case 1 where result.columns.count == 1:
            let value = result.data.first?[result.columns[0]]?.text ?? "NULL"
            text = "The answer is \(value)."
        case 1:
            text = "One row: " + describe(result.data[0], columns: result.columns) + "."
        default:
            let shown = result.data.prefix(3).map { describe($0, columns: result.columns) }
            text = "\(result.rowCount)\(result.truncated ? "+" : "") rows. First: " + shown.joined(separator: "; ") + "."
        }
        text += " (Tables: \(result.tableUsed.joined(separator: ", ")); confidence \(confidence)%.)"
        return text
    }

    // MARK: - Helpers

    private func answerText(question: String, answer: QueryAnswer) -> AsyncThrowingStream<String, any Error> {
        let fallback = Self.formatDatabaseResponse(question: question, answer: answer)
        guard let writer, let result = answer.result, result.success else { return Self.words(fallback) }
        let preview = result.data.prefix(20).map { Self.describe($0, columns: result.columns) }.joined(separator: "\n")
        let messages = [
            ChatMessage(role: .system, content: "You answer questions about query results in one or two short sentences. Use only the rows given."),
            ChatMessage(
                role: .user,
                content: "Question: \(question)\nSQL: \(answer.generation.sql)\nRows (\(result.rowCount)\(result.truncated ? "+" : "")):\n\(preview)"
            ),
        ]
        return writer.stream(messages, temperature: 0, maxTokens: 200)
    }

    /// A session on the named source, or on the one ``resolveSourceId(message:tenant:)`` picks.
    private func resolveSource(_ sourceId: String?, message: String, tenant: Tenant) async throws -> SourceSession {
        if let sourceId { return try await registry.open(sourceId, tenant: tenant) }
        return try await registry.open(try await resolveSourceId(message: message, tenant: tenant), tenant: tenant)
    }

    /// The tenant's only trained source, or the one whose trained tables best match `message`.
    private func resolveSourceId(message: String, tenant: Tenant) async throws -> String {
        let sources = try await registry.list(tenant: tenant).filter { !$0.trainedTables.isEmpty }
        guard !sources.isEmpty else { throw ServiceError(.badRequest, "no trained source; register a database and train some tables first") }
        if sources.count == 1 { return sources[0].id }
        let ids = Set(sources.map(\.id))
        if let best = try await vectors.searchRelevantTables(query: message, tenant: tenant, limit: 10).first(where: {
            ids.contains($0.metadata.sourceId)
        }) {
            return best.metadata.sourceId
        }
        return sources[0].id
    }

    /// Splits text into word tokens (each with its trailing space).
    static func words(_ text: String) -> AsyncThrowingStream<String, any Error> {
        AsyncThrowingStream { continuation in
            var current = ""
            for character in text {
                current.append(character)
                if character == " " {
                    continuation.yield(current)
                    current = ""
                }
            }
            if !current.isEmpty { continuation.yield(current) }
            continuation.finish()
        }
    }

    static func describe(_ row: [String: JSONValue], columns: [String]) -> String {
        columns.map { "\($0) \(row[$0]?.text ?? "NULL")" }.joined(separator: ", ")
    }

    static func json(_ value: some Encodable) throws -> JSONValue {
        try JSONDecoder.querent.decode(JSONValue.self, from: try JSONEncoder.querent.encode(value))
    }
}
