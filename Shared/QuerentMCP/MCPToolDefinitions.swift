import QuerentCore

/// JSON Schema fragments, written as ``QuerentCore/JSONValue``.
enum Schema {
    static func object(_ properties: [String: JSONValue], required: [String] = [], additional: Bool = false) -> JSONValue {
        .object([
            "type": .string("object"),
            "properties": .object(properties),
            "required": .array(required.map(JSONValue.string)),
            "additionalProperties": .bool(additional),
        ])
    }

    static func type(_ name: String, _ description: String? = nil) -> JSONValue {
        var object: [String: JSONValue] = ["type": .string(name)]
        if let description { object["description"] = .string(description) }
        return .object(object)
    }

    static func array(of items: JSONValue, _ description: String? = nil) -> JSONValue {
        var object: [String: JSONValue] = ["type": .string("array"), "items": items]
        if let description { object["description"] = .string(description) }
        return .object(object)
    }

    static let anyObject: JSONValue = .object(["type": .string("object")])
    static let source = type("string", "The source's id or name (list_sources).")
    static let rows: [String: JSONValue] = [
        "columns": array(of: type("string")),
        "rows": array(of: anyObject, "One object per row, keyed by column."),
        "row_count": type("integer"),
        "truncated": type("boolean", "True when the row cap cut the result."),
        "execution_time_ms": type("number"),
    ]
}

extension MCPTools {
    /// The `tools/list` entries: name, title, description, `inputSchema` and `outputSchema`.
    static let definitions: [JSONValue] = [
        tool(
            "list_sources",
            title: "List sources",
            description: "The databases registered for this user, with the tables trained for questions.",
            input: Schema.object([:]),
            output: Schema.object(
                [
                    "sources": Schema.array(
                        of: Schema.object(
                            [
                                "id": Schema.type("string"), "name": Schema.type("string"), "dialect": Schema.type("string"),
                                "trained_tables": Schema.array(of: Schema.type("string")),
                            ],
                            required: ["id", "name", "dialect", "trained_tables"]
                        )
                    )
                ],
                required: ["sources"]
            )
        ),
        tool(
            "list_tables",
            title: "List tables",
            description: "A source's tables and views, each flagged trained or not.",
            input: Schema.object(["source": Schema.source], required: ["source"]),
            output: Schema.object(
                ["source_id": Schema.type("string"), "tables": Schema.array(of: Schema.anyObject, "{name, schema, kind, row_estimate, trained}")],
                required: ["source_id", "tables"],
                additional: true
            )
        ),
        tool(
            "describe_table",
            title: "Describe a table",
            description: "A table's columns, keys, relationships and business context.",
            input: Schema.object(["source": Schema.source, "table": Schema.type("string", "The table's name.")], required: ["source", "table"]),
            output: Schema.object(
                [
                    "source_id": Schema.type("string"), "table_name": Schema.type("string"), "schema_data": Schema.anyObject,
                    "business_context": Schema.type("string"), "is_trained": Schema.type("boolean"),
                ],
                required: ["source_id", "table_name", "schema_data"],
                additional: true
            )
        ),
        tool(
            "ask",
            title: "Ask a question",
            description:
                "Answers a plain-language question: generates read-only SQL over the trained tables and runs it. Without 'source', the best-matching trained source is used.",
            input: Schema.object(
                [
                    "question": Schema.type("string", "The question, 1 to 2,000 characters."),
                    "source": Schema.source,
                    "execute": Schema.type("boolean", "Run the SQL (default true); false only generates it."),
                ],
                required: ["question"]
            ),
            output: Schema.object(
                Schema.rows.merging([
                    "source_id": Schema.type("string"), "sql": Schema.type("string"), "explanation": Schema.type("string"),
                    "confidence": Schema.type("number", "0 to 1."), "tables_used": Schema.array(of: Schema.type("string")),
                    "executed": Schema.type("boolean"), "history_id": Schema.type("integer"),
                ]) { $1 },
                required: ["source_id", "sql", "explanation", "confidence", "executed"]
            )
        ),
        tool(
            "run_sql",
            title: "Run SQL",
            description:
                "Runs one read-only SELECT over the source's trained tables, through the same safety gate, row cap and timeout as generated SQL. A refused statement is a tool error with the reason.",
            input: Schema.object(["source": Schema.source, "sql": Schema.type("string", "One SELECT statement.")], required: ["source", "sql"]),
            output: Schema.object(
                Schema.rows.merging([
                    "source_id": Schema.type("string"), "sql": Schema.type("string"), "tables_used": Schema.array(of: Schema.type("string")),
                ]) {
                    $1
                },
                required: ["source_id", "sql", "columns", "rows", "row_count"]
            )
        ),
    ]

    private static func tool(_ name: String, title: String, description: String, input: JSONValue, output: JSONValue) -> JSONValue {
        .object([
            "name": .string(name),
            "title": .string(title),
            "description": .string(description),
            "inputSchema": input,
            "outputSchema": output,
            "annotations": .object(["readOnlyHint": .bool(true), "openWorldHint": .bool(false)]),
        ])
    }
}
