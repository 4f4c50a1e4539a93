import Foundation
import QuerentCore
import QuerentDialects
import QuerentSemantics

/// Builds the chat messages for one question: a short system prompt with the dialect's rules,
/// then the retrieved tables only, as compact `CREATE TABLE` text (what code models read best)
/// with keys, join keys, trained value lists, two or three sample rows and the user's own table
/// description, then the question. A failed previous attempt is replayed as the model's answer,
/// followed by the error and a request for a corrected query.
///
/// Small local models have small contexts (4096 tokens for the bundled 1.5B model), so the
/// schema text shrinks step by step (fewer sample rows and values, no descriptions, then the
/// least relevant tables) until the prompt fits ``LLMSQLGenerator/Options/promptTokenBudget``.
struct LLMPromptBuilder {
    var options: LLMSQLGenerator.Options

    /// How much of each table to show.
    struct Detail: Equatable {
        var sampleRows: Int
        var valuesPerColumn: Int
        var descriptionCharacters: Int
        var tableCount: Int
    }

    func messages(for request: GenerationRequest) -> [ChatMessage] {
        var detail = Detail(
            sampleRows: options.sampleRows,
            valuesPerColumn: options.valuesPerColumn,
            descriptionCharacters: options.descriptionCharacters,
            tableCount: request.tables.count
        )
        while true {
            let messages = messages(for: request, detail: detail)
            guard Self.estimatedTokens(messages) > options.promptTokenBudget, let smaller = Self.smaller(detail) else { return messages }
            detail = smaller
        }
    }

    /// The next, leaner level of detail, or `nil` when nothing more can go.
    static func smaller(_ detail: Detail) -> Detail? {
        var next = detail
        if detail.sampleRows > 1 {
            next.sampleRows = 1
        } else if detail.valuesPerColumn > 4 || detail.descriptionCharacters > 60 {
            next.valuesPerColumn = min(detail.valuesPerColumn, 4)
            next.descriptionCharacters = min(detail.descriptionCharacters, 60)
        } else if detail.sampleRows > 0 || detail.descriptionCharacters > 0 {
            next.sampleRows = 0
            next.descriptionCharacters = 0
        } else if detail.tableCount > 1 {
            next.tableCount -= 1
        } else {
            return nil
        }
        return next
    }

    /// What the source was taught, for the prompt: the glossary (term, meaning, SQL), the owners'
    /// instructions, and up to `examples` verified question → SQL pairs, closest first.
    static func teachingText(_ teaching: TeachingContext, examples: Int) -> String {
        var text = ""
        let terms = teaching.glossary.prefix(30).map { term in
            "-- \(term.term): \(term.definition.prefix(200))" + (term.sql.map { " = \($0.prefix(300))" } ?? "")
        }
        if !terms.isEmpty { text += "\n\n-- Glossary:\n" + terms.joined(separator: "\n") }
        if let instructions = teaching.instructions?.trimmingCharacters(in: .whitespacesAndNewlines), !instructions.isEmpty {
            text += "\n\nInstructions from the database's owners:\n" + instructions.prefix(2_000)
        }
        let pairs = teaching.examples.prefix(examples).filter { $0.example.sql.count <= 2_000 }
        if !pairs.isEmpty {
            text += "\n\nVerified examples (question and the SQL that answers it):"
            for pair in pairs { text += "\nQuestion: \(pair.example.question)\n```sql\n\(pair.example.sql)\n```" }
        }
        return text
    }

    /// A rough token count (about 3.3 characters per token for SQL and English).
    static func estimatedTokens(_ messages: [ChatMessage]) -> Int {
        messages.reduce(0) { $0 + ($1.content.utf8.count * 10 + 32) / 33 + 4 }
    }

    func messages(for request: GenerationRequest, detail: Detail) -> [ChatMessage] {
        let tables = Array(request.tables.prefix(detail.tableCount)).map(\.schema)
        var user = "Database schema (\(Self.dialectName(request.dialect))):\n"
        user += request.tables.prefix(detail.tableCount).map { schemaText($0, among: tables, dialect: request.dialect, detail: detail) }.joined(
            separator: "\n\n"
        )
        let joins = Self.joinHints(tables, dialect: request.dialect)
        if !joins.isEmpty { user += "\n\n-- Join keys:\n" + joins.map { "-- \($0)" }.joined(separator: "\n") }
        let semantics = Self.semanticHints(
            request.semanticModel ?? SemanticModelBuilder.derive(sourceId: "", tables: tables),
            shown: tables,
            dialect: request.dialect
        )
        if !semantics.isEmpty { user += "\n\n-- Meaning:\n" + semantics.map { "-- \($0)" }.joined(separator: "\n") }
        if let teaching = request.teaching { user += Self.teachingText(teaching, examples: detail.tableCount > 1 ? 3 : 1) }
        user += "\n\nQuestion: \(request.question.trimmingCharacters(in: .whitespacesAndNewlines))"
        var messages = [ChatMessage(role: .system, content: Self.systemPrompt(request.dialect)), ChatMessage(role: .user, content: user)]
        if let feedback = request.feedback {
            messages.append(ChatMessage(role: .assistant, content: "```sql\n\(feedback.sql.trimmingCharacters(in: .whitespacesAndNewlines))\n```"))
            messages.append(
                ChatMessage(
                    role: .user,
                    content: "That query failed: \(Self.truncate(feedback.error, to: options.feedbackCharacters))\n"
                        + Self.columnHints(sql: feedback.sql, tables: request.tables.map(\.schema)).map { $0 + "\n" }.joined()
                        + "Write a corrected query for the same question, using only the tables and columns in the schema. "
                        + "Answer with the SQL in one ```sql block."
                )
            )
        }
        return messages
    }

    /// What the semantic model says about the shown tables that a schema does not: how a
    /// measure is computed and aggregated ("revenue = SUM(order_items.unit_price *
    /// order_items.quantity)"), its unit, how a person is named, and what a self-reference means.
    static func semanticHints(_ model: SemanticModel, shown: [TableSchema], dialect: Dialect) -> [String] {
        let names = Set(shown.map { $0.tableName.lowercased() })
        var hints: [String] = []
        for measure in model.measures
        where names.contains(measure.table.lowercased()) && (!measure.isColumn || !measure.synonyms.isEmpty || measure.unit != nil) {
            let table = quoteTable(named: measure.table, in: shown, dialect: dialect)
            var parts: [String] = []
            for (offset, term) in measure.expression.terms.enumerated() {
                if offset > 0 { parts.append(measure.expression.operators[offset - 1]) }
                parts.append(term.column.map { table + "." + quote($0, dialect: dialect) } ?? term.number.map { DialectRules.number($0) } ?? "")
            }
            var hint = "\(measure.synonyms.first ?? measure.name) = \(measure.aggregation.rawValue.uppercased())(\(parts.joined(separator: " ")))"
            if let unit = measure.unit { hint += ", in \(unit)" }
            hints.append(hint)
        }
        for entity in model.entities where names.contains(entity.table.lowercased()) && entity.isPerson && entity.display.count > 1 {
            let table = quoteTable(named: entity.table, in: shown, dialect: dialect)
            hints.append(
                "a \(entity.label)'s full name = "
                    + dialect.rules.generation.joinedWithSpaces(entity.display.map { table + "." + quote($0, dialect: dialect) })
            )
        }
        for link in model.relationships where names.contains(link.table.lowercased()) && link.role != nil && link.columns.count == 1 {
            hints.append(
                "\(quoteTable(named: link.table, in: shown, dialect: dialect)).\(quote(link.columns[0], dialect: dialect)) points to the row's \(link.role!)"
            )
        }
        return Array(hints.prefix(12))
    }

    /// Where the columns a failed query could not find really are: "`Course` is a column of
    /// course, not of course_arrange". Small models most often fail by taking a column from the
    /// wrong table, and repeat the mistake when told only that the column does not exist.
    static func columnHints(sql: String, tables: [TableSchema]) -> [String] {
        let check = LLMSchemaCheck(sql: sql, tables: tables)
        return check.unknownColumns.prefix(4).map { reference in
            let parts = reference.split(separator: ".")
            let column = String(parts.last ?? "")
            let owners = tables.filter { table in table.columns.contains { $0.name.lowercased() == column.lowercased() } }
            if owners.isEmpty {
                let used = tables.filter { check.tablesRead.contains($0.tableName) }
                let listing = used.prefix(3).map { table in "\(table.tableName)(\(table.columns.prefix(20).map(\.name).joined(separator: ", ")))" }
                return "No table has a column named \(column)."
                    + (listing.isEmpty ? "" : " The tables used have: " + listing.joined(separator: "; ") + ".")
            }
            let names = owners.prefix(3).map { table in
                "\(table.tableName).\(table.columns.first { $0.name.lowercased() == column.lowercased() }!.name)"
            }
            let join = owners.count == 1 && !check.tablesRead.contains(owners[0].tableName) ? " Join \(owners[0].tableName) to use it." : ""
            return "\(reference) does not exist; the column is \(names.joined(separator: " or ")).\(join)"
        }
    }

    // MARK: - System prompt

    static func dialectName(_ dialect: Dialect) -> String {
        dialect.rules.displayName
    }

    static func systemPrompt(_ dialect: Dialect) -> String {
        let dialectRules = dialect.rules.generation.promptGuidance
        return """
            You write one \(dialectName(dialect)) query that answers a question about the database described by the user.
            Rules:
            - Write a single read-only SELECT (WITH ... SELECT is fine). Never INSERT, UPDATE, DELETE, DROP, ALTER or CREATE.
            - Use only the tables and columns in the schema. Join tables on the listed join keys, \
            and only when the question needs a column of the joined table.
            - Select only the columns the question asks for, in the order it names them.
            - Compare text with the exact values listed in the schema comments.
            - For "the most", "highest", "top 3" and the like, use ORDER BY ... LIMIT; add no LIMIT otherwise.
            - For rows that must match both of two conditions on different rows ("both A and B"), use INTERSECT; \
            for "A but not B", EXCEPT.
            \(dialectRules)
            Answer with the SQL in one ```sql block and nothing else.
            """
    }

    // MARK: - Schema text

    /// One table as `CREATE TABLE` text with comments for descriptions, values and sample rows.
    func schemaText(_ table: RetrievedTable, among shown: [TableSchema], dialect: Dialect, detail: Detail) -> String {
        let schema = table.schema
        let shownNames = Set(shown.map { $0.tableName.lowercased() })
        var lines: [String] = []
        if detail.descriptionCharacters > 0, let description = Self.description(of: table) {
            lines.append("-- \(Self.truncate(description, to: detail.descriptionCharacters))")
        }
        lines.append("CREATE TABLE \(Self.quoteTable(schema, dialect: dialect)) (")

        var definitions: [String] = []
        var comments: [String?] = []
        let key = schema.primaryKey
        for column in schema.columns {
            var definition = "  " + Self.quote(column.name, dialect: dialect)
            if !column.type.isEmpty { definition += " " + column.type.uppercased() }
            if key == [column.name] { definition += " PRIMARY KEY" }
            if let reference = column.foreignKey, shownNames.contains(reference.referencesTable.lowercased()) {
                definition +=
                    " REFERENCES \(Self.quoteTable(named: reference.referencesTable, in: shown, dialect: dialect))(\(Self.quote(reference.referencesColumn, dialect: dialect)))"
            }
            definitions.append(definition)
            var notes: [String] = []
            if detail.descriptionCharacters > 0, let text = column.description?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty {
                notes.append(Self.truncate(text, to: min(detail.descriptionCharacters, 60)))
            }
            if let values = valueHint(schema.valueProfile?[column.name], limit: detail.valuesPerColumn) { notes.append(values) }
            comments.append(notes.isEmpty ? nil : notes.joined(separator: "; "))
        }
        if key.count > 1 {
            definitions.append("  PRIMARY KEY (\(key.map { Self.quote($0, dialect: dialect) }.joined(separator: ", ")))")
            comments.append(nil)
        }
        for relationship in schema.relationships
        where relationship.columns.count > 1 && shownNames.contains(relationship.referencesTable.lowercased()) {
            let columns = relationship.columns.map { Self.quote($0, dialect: dialect) }.joined(separator: ", ")
            let targets = relationship.referencesColumns.map { Self.quote($0, dialect: dialect) }.joined(separator: ", ")
            definitions.append(
                "  FOREIGN KEY (\(columns)) REFERENCES \(Self.quoteTable(named: relationship.referencesTable, in: shown, dialect: dialect))(\(targets))"
            )
            comments.append(nil)
        }
        for (index, definition) in definitions.enumerated() {
            let separator = index == definitions.count - 1 ? "" : ","
            lines.append(definition + separator + (comments[index].map { " -- \($0)" } ?? ""))
        }
        lines.append(");")
        if let rows = sampleRows(schema, count: detail.sampleRows) { lines.append(rows) }
        return lines.joined(separator: "\n")
    }

    /// The user's description of the table, else its database comment. The generated business
    /// context paragraph is left out: it restates the columns and keys the schema text already shows.
    static func description(of table: RetrievedTable) -> String? {
        let candidates = [table.schema.businessDescription, userParagraph(of: table.businessContext), table.schema.description]
        let texts = candidates.compactMap { $0?.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        guard let first = texts.first else { return nil }
        return first.replacingOccurrences(of: "\n", with: " ")
    }

    /// The user-written first paragraph of a stored business context
    /// (``BusinessContextGenerator/combine(userDescription:generated:)`` puts it before the generated one).
    private static func userParagraph(of context: String) -> String? {
        guard let separator = context.range(of: "\n\n") else { return nil }
        return String(context[..<separator.lowerBound])
    }

    /// `values: 'a', 'b', 'c'` from the trained value profile, with `…` when cut.
    func valueHint(_ values: [String]?, limit: Int) -> String? {
        guard let values, !values.isEmpty, limit > 0 else { return nil }
        let shown = values.prefix(limit).map { "'" + Self.truncate($0, to: 40).replacingOccurrences(of: "'", with: "''") + "'" }
        return "values: " + shown.joined(separator: ", ") + (values.count > limit ? ", …" : "")
    }

    /// Up to `count` sample rows in a comment, values cut to 30 characters.
    func sampleRows(_ schema: TableSchema, count: Int) -> String? {
        guard count > 0, let rows = schema.sampleData?.prefix(count), !rows.isEmpty else { return nil }
        let columns = schema.columns.map(\.name)
        var lines = ["/* \(rows.count) example row\(rows.count == 1 ? "" : "s"):", columns.joined(separator: " | ")]
        for row in rows {
            lines.append(
                columns.map { Self.truncate(row[$0]?.text ?? "NULL", to: 30).replacingOccurrences(of: "\n", with: " ") }.joined(separator: " | ")
            )
        }
        return lines.joined(separator: "\n") + "\n*/"
    }

    /// `orders.customer_id = customers.id` for every foreign key between two shown tables.
    static func joinHints(_ tables: [TableSchema], dialect: Dialect) -> [String] {
        let names = Set(tables.map { $0.tableName.lowercased() })
        var hints: [String] = []
        for table in tables {
            var relationships = table.relationships
            for column in table.columns {
                if let reference = column.foreignKey, !relationships.contains(where: { $0.columns == [column.name] }) {
                    relationships.append(
                        Relationship(
                            name: nil,
                            columns: [column.name],
                            referencesTable: reference.referencesTable,
                            referencesColumns: [reference.referencesColumn]
                        )
                    )
                }
            }
            let source = quoteTable(table, dialect: dialect)
            for relationship in relationships where names.contains(relationship.referencesTable.lowercased()) {
                let target = quoteTable(named: relationship.referencesTable, in: tables, dialect: dialect)
                let pairs = zip(relationship.columns, relationship.referencesColumns).map {
                    "\(source).\(quote($0, dialect: dialect)) = \(target).\(quote($1, dialect: dialect))"
                }
                let hint = pairs.joined(separator: " AND ")
                if !pairs.isEmpty, !hints.contains(hint) { hints.append(hint) }
            }
        }
        return hints
    }

    // MARK: - Quoting

    /// Words that must be quoted as identifiers in both dialects.
    private static let reservedWords: Set<String> = [
        "all", "and", "as", "asc", "by", "case", "check", "column", "constraint", "create", "default", "desc", "distinct", "else",
        "end", "foreign", "from", "group", "having", "in", "index", "into", "is", "join", "limit", "not", "null", "offset", "on",
        "or", "order", "primary", "references", "select", "table", "then", "to", "union", "unique", "user", "using", "values",
        "when", "where", "with",
    ]

    /// An identifier as the dialect needs it written: bare when it can be, double-quoted otherwise.
    static func quote(_ name: String, dialect: Dialect) -> String {
        let quoting = dialect.rules.quoting
        return quoting.isPlain(name) && !reservedWords.contains(name.lowercased()) ? name : quoting.quoted(name)
    }

    /// A shown table's name, quoted part by part when it carries a schema (`sales.orders`).
    static func quoteTable(named name: String, in shown: [TableSchema], dialect: Dialect) -> String {
        guard let schema = shown.first(where: { $0.tableName.lowercased() == name.lowercased() }) else { return quote(name, dialect: dialect) }
        return quoteTable(schema, dialect: dialect)
    }

    static func quoteTable(_ schema: TableSchema, dialect: Dialect) -> String {
        if let schemaName = schema.schemaName, schema.tableName.hasPrefix(schemaName + ".") {
            return quote(schemaName, dialect: dialect) + "." + quote(String(schema.tableName.dropFirst(schemaName.count + 1)), dialect: dialect)
        }
        return quote(schema.tableName, dialect: dialect)
    }

    static func truncate(_ text: String, to limit: Int) -> String {
        let flat = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return flat.count <= limit ? flat : String(flat.prefix(max(0, limit - 1))) + "…"
    }
}
