import Foundation
import QuerentCore

/// A ``SQLGenerator`` that asks a chat model (an OpenAI-compatible endpoint) for the SQL.
///
/// The prompt holds only the retrieved tables, with keys, join keys, trained value lists and
/// sample rows, plus the dialect's rules (see ``LLMPromptBuilder``). The SQL is cut out of the
/// reply wherever the model put it, checked against the schema it was given, and scored:
/// confidence drops when the reply needed repair, offered several different queries, or names
/// tables or columns the schema lacks. A reply that is not a read-only query is returned as
/// written, with confidence near zero and a safety warning, for the pipeline's safety gate to
/// refuse. When ``GenerationRequest/feedback`` is set, the previous SQL and its error go back
/// to the model with a request for a corrected query.
public struct LLMSQLGenerator: SQLGenerator {
    /// Prompt and reply limits, sized for small local models.
    public struct Options: Sendable, Hashable {
        /// The most tokens the model may write; a query rarely needs 200.
        public var maxTokens: Int
        /// The estimated prompt size the schema text is shrunk to fit.
        public var promptTokenBudget: Int
        /// Sample rows shown per table.
        public var sampleRows: Int
        /// Trained values listed per text column.
        public var valuesPerColumn: Int
        /// Characters of a table's description shown.
        public var descriptionCharacters: Int
        /// Characters of a previous attempt's error shown.
        public var feedbackCharacters: Int

        public init(
            maxTokens: Int = 384,
            promptTokenBudget: Int = 2_800,
            sampleRows: Int = 2,
            valuesPerColumn: Int = 8,
            descriptionCharacters: Int = 160,
            feedbackCharacters: Int = 400
        ) {
            self.maxTokens = maxTokens
            self.promptTokenBudget = promptTokenBudget
            self.sampleRows = sampleRows
            self.valuesPerColumn = valuesPerColumn
            self.descriptionCharacters = descriptionCharacters
            self.feedbackCharacters = feedbackCharacters
        }
    }

    public let name = "llm"
    /// The chat model asked for each query.
    public let model: any ChatModel
    public let options: Options

    public init(model: any ChatModel, options: Options = Options()) {
        self.model = model
        self.options = options
    }

    /// The messages sent to the model for `request`.
    public func messages(for request: GenerationRequest) -> [ChatMessage] {
        LLMPromptBuilder(options: options).messages(for: request)
    }

    /// Asks the model and turns its reply into a result.
    /// - Throws: the model's errors (``ServiceError`` `.unavailable` for the OpenAI adapter).
    public func generate(_ request: GenerationRequest) async throws -> SQLGenerationResult {
        guard !request.tables.isEmpty else {
            return SQLGenerationResult(
                sql: "",
                confidence: 0,
                explanation: "No trained table matched the question, so the model was not asked.",
                tableUsed: [],
                generator: name
            )
        }
        let reply = try await model.complete(messages(for: request), temperature: 0, maxTokens: options.maxTokens)
        return result(forReply: reply, request: request)
    }

    /// Extracts, checks and scores the SQL in a model's `reply` to `request`.
    public func result(forReply reply: String, request: GenerationRequest) -> SQLGenerationResult {
        let extraction = LLMReplyExtractor.extract(reply)
        let offered = request.tables.map(\.schema.tableName)
        guard !extraction.sql.isEmpty else {
            return SQLGenerationResult(
                sql: "",
                confidence: 0,
                explanation: "The model (\(model.model)) answered without SQL. It was offered \(Self.list(offered)).",
                tableUsed: [],
                safetyWarnings: ["the model's reply contained no SQL"],
                generator: name
            )
        }
        let pruned = LLMJoinPruner.prune(extraction.sql, tables: request.tables.map(\.schema))
        let sql = pruned.sql
        let check = LLMSchemaCheck(sql: sql, tables: request.tables.map(\.schema))
        let tableUsed = check.tablesRead + check.unknownTables
        var warnings: [String] = []
        var notes: [String] = []
        if !check.isReadOnlyQuery {
            let what = check.statement == "SELECT" || check.statement == "WITH" ? check.writeKeywords.joined(separator: ", ") : check.statement
            warnings.append("the model wrote a statement that is not a read-only query (\(what)); it must not run")
        }
        if !check.unknownTables.isEmpty {
            warnings.append("unknown table\(check.unknownTables.count == 1 ? "" : "s"): \(check.unknownTables.joined(separator: ", "))")
        }
        if !check.unknownColumns.isEmpty {
            warnings.append("unknown column\(check.unknownColumns.count == 1 ? "" : "s"): \(check.unknownColumns.joined(separator: ", "))")
        }
        if !extraction.repairs.isEmpty { notes.append("The reply needed repair: \(extraction.repairs.joined(separator: "; ")).") }
        if extraction.ambiguous { notes.append("The reply offered several different queries; the first was taken.") }
        if !pruned.dropped.isEmpty {
            notes.append("Dropped the join to \(Self.list(pruned.dropped)), which the query joined but never used (it would repeat rows).")
        }

        var explanation = "The model (\(model.model)) wrote this \(LLMPromptBuilder.dialectName(request.dialect)) query"
        explanation += tableUsed.isEmpty ? " without reading a table" : " over \(Self.list(tableUsed))"
        explanation += ", from the \(offered.count) table\(offered.count == 1 ? "" : "s") retrieved for the question (\(Self.list(offered)))."
        if let feedback = request.feedback {
            explanation += " It corrects a previous attempt that failed: \(LLMPromptBuilder.truncate(feedback.error, to: 200))"
        }
        if !notes.isEmpty { explanation += " " + notes.joined(separator: " ") }
        if !warnings.isEmpty { explanation += " Warnings: \(warnings.joined(separator: "; "))." }

        return SQLGenerationResult(
            sql: sql,
            confidence: confidence(check: check, extraction: extraction, corrected: request.feedback != nil),
            explanation: explanation,
            tableUsed: tableUsed,
            safetyWarnings: warnings.isEmpty ? nil : warnings,
            generator: name
        )
    }

    /// A heuristic confidence: a model's answer that came back clean and names only what the schema
    /// has starts at 0.75; each repair, ambiguity or unknown name lowers it.
    func confidence(check: LLMSchemaCheck, extraction: LLMReplyExtractor.Extraction, corrected: Bool) -> Double {
        guard check.isReadOnlyQuery else { return 0.02 }
        var confidence = 0.75
        confidence -= 0.1 * Double(extraction.repairs.count)
        if extraction.ambiguous { confidence -= 0.15 }
        if corrected { confidence -= 0.05 }
        if check.tablesRead.isEmpty { confidence = min(confidence, 0.3) }
        confidence -= 0.3 * Double(check.unknownColumns.count)
        if !check.unknownTables.isEmpty { confidence = min(confidence, 0.1) }
        return min(0.95, max(0.05, confidence))
    }

    private static func list(_ names: [String]) -> String {
        names.isEmpty ? "none" : names.joined(separator: ", ")
    }
}
