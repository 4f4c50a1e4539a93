import Foundation
import QuerentExpectations
import QuerentHTTPClient
import QuerentSQLite
import QuerentTesting
import SampleDatabase
import Testing

@testable import QuerentCore
@testable import QuerentLLMGeneration

/// The LLM generator and the OpenAI-compatible chat model, against a fake
/// `/v1/chat/completions` on 127.0.0.1 (and, opt-in, a real local model).
@Suite struct LLMGeneratorTests {
    // MARK: - Fixtures

    static let customers = TableSchema(
        sourceId: "src",
        tableName: "customers",
        columns: [
            ColumnSchema(name: "id", type: "INTEGER", nullable: false, primaryKey: true),
            ColumnSchema(name: "name", type: "TEXT"),
            ColumnSchema(name: "country", type: "TEXT"),
        ],
        sampleData: [
            ["id": .int(1), "name": .string("Anna"), "country": .string("Germany")],
            ["id": .int(2), "name": .string("Bruno"), "country": .string("France")],
            ["id": .int(3), "name": .string("Carl"), "country": .string("Germany")],
        ],
        businessDescription: "People who bought from the shop."
    ).withValues(["country": ["France", "Germany", "Spain"]])

    static let orders = TableSchema(
        sourceId: "src",
        tableName: "orders",
        columns: [
            ColumnSchema(name: "id", type: "INTEGER", nullable: false, primaryKey: true),
            ColumnSchema(
                name: "customer_id",
                type: "INTEGER",
                foreignKey: ForeignKeyReference(referencesTable: "customers", referencesColumn: "id")
            ),
            ColumnSchema(name: "status", type: "TEXT"),
            ColumnSchema(name: "total", type: "REAL"),
            ColumnSchema(name: "created_at", type: "TEXT"),
        ],
        relationships: [Relationship(name: nil, columns: ["customer_id"], referencesTable: "customers", referencesColumns: ["id"])],
        sampleData: [
            ["id": .int(10), "customer_id": .int(1), "status": .string("delivered"), "total": .double(15.5), "created_at": .string("2024-03-01")],
            ["id": .int(11), "customer_id": .int(3), "status": .string("cancelled"), "total": .double(20), "created_at": .string("2024-04-12")],
        ]
    ).withValues(["status": ["cancelled", "delivered", "pending"]])

    static func request(
        _ question: String = "Total order amount per customer in Germany",
        dialect: Dialect = .sqlite,
        feedback: GenerationRequest.Feedback? = nil
    )
        -> GenerationRequest
    {
        GenerationRequest(
            question: question,
            dialect: dialect,
            tables: [
                RetrievedTable(schema: orders, businessContext: "The table orders holds order records.", score: 0.8),
                RetrievedTable(
                    schema: customers,
                    businessContext: "People who bought from the shop.\n\nThe table customers holds customer records.",
                    score: 0
                ),
            ],
            feedback: feedback
        )
    }

    static func configuration(port: Int, timeout: Duration = .seconds(30), maxAttempts: Int = 3) -> OpenAIChatModel.Configuration {
        .init(
            url: "http://127.0.0.1:\(port)/v1",
            model: "fake-coder",
            apiKey: "sk-test",
            timeout: timeout,
            maxAttempts: maxAttempts,
            retryDelay: .milliseconds(20)
        )
    }

    static let goodSQL = """
        SELECT c.name, SUM(o.total) AS total_amount
        FROM customers c
        JOIN orders o ON o.customer_id = c.id
        WHERE c.country = 'Germany'
        GROUP BY c.name
        """

    /// Runs `body` with a fresh fake server and a generator pointed at it.
    func withGenerator(
        timeout: Duration = .seconds(30),
        maxAttempts: Int = 3,
        _ body: @Sendable (FakeChatServer, LLMSQLGenerator, OpenAIChatModel) async throws -> Void
    ) async throws {
        let server = FakeChatServer()
        try await server.serve { port in
            let model = OpenAIChatModel(configuration: Self.configuration(port: port, timeout: timeout, maxAttempts: maxAttempts))
            try await body(server, LLMSQLGenerator(model: model), model)
        }
    }

    /// The ``ServiceError`` `body` throws; records an issue when it throws nothing or something else.
    func serviceError(_ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) async -> ServiceError? {
        do {
            try await body()
            Issue.record("expected an error", sourceLocation: sourceLocation)
        } catch let error as ServiceError {
            return error
        } catch {
            Issue.record("expected a ServiceError, got \(String(reflecting: error))", sourceLocation: sourceLocation)
        }
        return nil
    }

    // MARK: - Against the fake server

    @Test func aGoodReplyIsExtractedCheckedAndExplained() async throws {
        try await withGenerator { server, generator, _ in
            server.script([.content("Here is the query:\n```sql\n\(Self.goodSQL);\n```\nIt sums each German customer's orders.")])
            let result = try await generator.generate(Self.request())
            #expect(result.sql == Self.goodSQL)
            #expect(result.tableUsed == ["customers", "orders"])
            #expect(result.generator == "llm")
            #expect(result.safetyWarnings == nil)
            #expect(result.confidence >= 0.7, "a clean fenced answer over known columns: \(result.confidence)")
            #expect(result.explanation.contains("fake-coder") && result.explanation.contains("customers, orders"), "\(result.explanation)")

            let sent = try #require(server.received.first)
            #expect(server.received.count == 1)
            #expect(sent.authorization == "Bearer sk-test")
            #expect(sent.model == "fake-coder")
            #expect(sent.temperature == 0)
            #expect(sent.maxTokens == LLMSQLGenerator.Options().maxTokens)
            #expect(sent.stream == false)
            #expect(sent.messages.map(\.role) == [.system, .user])
        }
    }

    @Test func thePromptHoldsTheRetrievedTablesWithKeysJoinsValuesAndSamples() async throws {
        let messages = LLMSQLGenerator(model: UnusedChatModel()).messages(for: Self.request("How many cancelled orders?"))
        let system = messages[0].content
        let user = messages[1].content
        #expect(system.contains("SQLite") && system.contains("strftime") && system.contains("Never INSERT, UPDATE, DELETE"))
        #expect(system.contains("LIMIT"))
        #expect(user.contains("CREATE TABLE orders ("))
        #expect(user.contains("customer_id INTEGER REFERENCES customers(id)"))
        #expect(user.contains("id INTEGER PRIMARY KEY"))
        #expect(user.contains("-- orders.customer_id = customers.id"), "join hint")
        #expect(user.contains("status TEXT, -- values: 'cancelled', 'delivered', 'pending'"), "trained value hint:\n\(user)")
        #expect(user.contains("10 | 1 | delivered | 15.5 | 2024-03-01"), "sample row")
        #expect(user.contains("-- People who bought from the shop."), "the user's description")
        #expect(!user.contains("holds customer records"), "the generated context paragraph restates the schema and is left out")
        #expect(user.hasSuffix("Question: How many cancelled orders?"))
        #expect(!user.contains("products"), "only retrieved tables")
        #expect(LLMPromptBuilder.estimatedTokens(messages) < 700, "small prompt for a small model")
    }

    @Test func postgresPromptsUsePostgresRulesAndQuoting() {
        var mixed = Self.customers
        mixed.tableName = "Client Accounts"
        mixed.columns.append(ColumnSchema(name: "SignupDate", type: "timestamp with time zone"))
        let request = GenerationRequest(question: "q", dialect: .postgres, tables: [RetrievedTable(schema: mixed, businessContext: "", score: 1)])
        let messages = LLMSQLGenerator(model: UnusedChatModel()).messages(for: request)
        #expect(
            messages[0].content.contains("PostgreSQL") && messages[0].content.contains("EXTRACT(YEAR FROM col)")
                && messages[0].content.contains("ILIKE")
        )
        #expect(!messages[0].content.contains("strftime"))
        #expect(messages[1].content.contains("CREATE TABLE \"Client Accounts\" ("))
        #expect(messages[1].content.contains("\"SignupDate\" TIMESTAMP WITH TIME ZONE"))
    }

    @Test func aDeleteIsReturnedButMarkedUnsafe() async throws {
        try await withGenerator { server, generator, _ in
            server.script([
                .content("```sql\nDELETE FROM orders WHERE status = 'cancelled';\n```"),
                .content("```sql\nWITH gone AS (DELETE FROM orders RETURNING id) SELECT count(*) FROM gone\n```"),
            ])
            let delete = try await generator.generate(Self.request("Remove cancelled orders"))
            #expect(delete.sql == "DELETE FROM orders WHERE status = 'cancelled'")
            #expect(!delete.sql.uppercased().hasPrefix("SELECT"))
            #expect(delete.confidence < 0.1)
            #expect(
                delete.safetyWarnings?.contains { $0.contains("not a read-only query (DELETE)") } == true,
                "\(String(describing: delete.safetyWarnings))"
            )

            let hidden = try await generator.generate(Self.request("Remove cancelled orders"))
            #expect(hidden.sql.hasPrefix("WITH gone AS (DELETE"))
            #expect(hidden.confidence < 0.1)
            #expect(hidden.safetyWarnings?.contains { $0.contains("DELETE") } == true, "\(String(describing: hidden.safetyWarnings))")
        }
    }

    @Test func anUnknownColumnIsFlaggedThenTheErrorGoesBackToTheModel() async throws {
        try await withGenerator { server, generator, _ in
            let wrong = "SELECT c.nme, SUM(o.amount) FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.nme"
            server.script([.content("```sql\n\(wrong)\n```"), .content("Sorry, here is the fix:\n```sql\n\(Self.goodSQL)\n```")])
            let first = try await generator.generate(Self.request())
            #expect(first.sql == wrong)
            #expect(first.confidence < 0.3, "unknown columns: \(first.confidence)")
            #expect(first.safetyWarnings?.contains("unknown columns: c.nme, o.amount") == true, "\(String(describing: first.safetyWarnings))")

            let error = "no such column: c.nme"
            let second = try await generator.generate(Self.request(feedback: .init(sql: first.sql, error: error)))
            #expect(second.sql == Self.goodSQL)
            #expect(second.safetyWarnings == nil)
            #expect(second.confidence > first.confidence + 0.3)
            #expect(second.explanation.contains(error))

            let retry = try #require(server.received.last)
            #expect(server.received.count == 2)
            #expect(retry.messages.map(\.role) == [.system, .user, .assistant, .user])
            #expect(retry.messages[2].content.contains(wrong), "the previous SQL went back to the model")
            #expect(retry.messages[3].content.contains("That query failed: \(error)"), "the error went back to the model")
            #expect(retry.messages[3].content.contains("corrected query"))
        }
    }

    @Test func aSlowReplyTimesOutWithinTheConfiguredTimeout() async throws {
        // Generous margins: the suite runs on a loaded 2-core machine, where a 400 ms limit can
        // expire before the fake server even reads the request.
        try await withGenerator(timeout: .milliseconds(1_500), maxAttempts: 3) { server, generator, model in
            // Every answer is slow, so a request that reaches the server late still meets a delay.
            server.script(Array(repeating: .delay(.seconds(20), content: "```sql\nSELECT 1\n```"), count: 4))
            // The reply would succeed after 20 s: a "timed out" error proves the client gave up
            // first. No wall-clock bound: the blocking pool that runs the transfer is shared with
            // the other suites and may start it late on a loaded machine (26 s was seen).
            let error = await serviceError { _ = try await generator.generate(Self.request()) }
            #expect(error?.code == .unavailable)
            #expect(error?.message.contains("timed out") == true, "\(String(describing: error))")
            #expect(server.received.count <= 1, "a timed-out generation is not queued again")

            server.script(Array(repeating: .delay(.seconds(20), content: "SELECT 1"), count: 4))
            let streamError = await serviceError {
                for try await _ in model.stream([ChatMessage(role: .user, content: "hi")], temperature: 0, maxTokens: 8) {}
            }
            #expect(streamError?.message.contains("timed out") == true, "\(String(describing: streamError))")
        }
    }

    @Test func malformedRepliesAreClearErrors() async throws {
        try await withGenerator { server, generator, _ in
            server.script([.raw("this is not json")])
            let garbage = await serviceError { _ = try await generator.generate(Self.request()) }
            #expect(garbage?.code == .unavailable)
            #expect(garbage?.message.contains("malformed JSON: this is not json") == true, "\(String(describing: garbage))")

            server.script([.raw(#"{"id": "x", "object": "chat.completion"}"#)])
            let noChoices = await serviceError { _ = try await generator.generate(Self.request()) }
            #expect(noChoices?.message.contains("no choices") == true, "\(String(describing: noChoices))")

            server.script([.raw(#"{"choices": [{"index": 0, "finish_reason": "stop"}]}"#)])
            let noContent = await serviceError { _ = try await generator.generate(Self.request()) }
            #expect(noContent?.message.contains("without message content") == true, "\(String(describing: noContent))")

            server.script([.content("I cannot answer that with the tables given.")])
            let prose = try await generator.generate(Self.request())
            #expect(prose.sql.isEmpty)
            #expect(prose.confidence == 0)
            #expect(prose.safetyWarnings == ["the model's reply contained no SQL"])
            #expect(server.received.count == 4, "malformed answers are not retried")
        }
    }

    @Test func clientErrorsAreNotRetriedAndCarryTheServersMessage() async throws {
        try await withGenerator { server, generator, _ in
            server.script([.status(400, message: "Requested tokens (5000) exceed context window of 4096")])
            let error = await serviceError { _ = try await generator.generate(Self.request()) }
            #expect(error?.code == .unavailable)
            #expect(error?.message == "chat completions endpoint answered 400: Requested tokens (5000) exceed context window of 4096")
            #expect(server.received.count == 1)
        }
    }

    @Test func serverErrorsAreRetriedWithBackoffUntilSuccess() async throws {
        try await withGenerator(maxAttempts: 3) { server, generator, _ in
            server.script([.status(500, message: "overloaded"), .status(429, message: "slow down"), .content("```sql\n\(Self.goodSQL)\n```")])
            let result = try await generator.generate(Self.request())
            #expect(result.sql == Self.goodSQL)
            #expect(server.received.count == 3)

            server.script([.status(503, message: "down"), .status(502, message: "still down"), .status(503, message: "down at the third try")])
            let error = await serviceError { _ = try await generator.generate(Self.request()) }
            #expect(error?.message == "chat completions endpoint answered 503: down at the third try")
            #expect(server.received.count == 6)
        }
    }

    @Test func nothingListeningIsUnavailable() async throws {
        let port = try FreePort.allocate()
        let model = OpenAIChatModel(configuration: Self.configuration(port: port, maxAttempts: 2))
        let error = await serviceError { _ = try await model.complete([ChatMessage(role: .user, content: "hi")], temperature: 0, maxTokens: 8) }
        #expect(error?.code == .unavailable)
        #expect(error?.message.contains("unreachable") == true, "\(String(describing: error))")
    }

    @Test func tokensStreamInOrderAsTheyAreGenerated() async throws {
        try await withGenerator { server, _, model in
            let tokens = ["SELECT", " name", " FROM", " customers", " WHERE", " country", " = 'Espa", "ña'"]
            server.script([.gatedStream(tokens)])
            var received: [String] = []
            // The server sends token n+1 only after the test acknowledged token n: had the client
            // buffered the body, the server would give up waiting and the stream would be cut short.
            for try await token in model.stream([ChatMessage(role: .user, content: "names in Spain")], temperature: 0, maxTokens: 64) {
                received.append(token)
                server.acknowledge()
            }
            #expect(received == tokens)
            #expect(!server.gateTimedOutOnce, "every token reached the client before the next was sent")
            #expect(server.received.last?.stream == true)

            server.script([.content("```sql\nSELECT 1\n```")])
            var text = ""
            for try await token in model.stream([ChatMessage(role: .user, content: "one")], temperature: 0, maxTokens: 16) { text += token }
            #expect(text == "```sql\nSELECT 1\n```", "reassembled from events split mid-line")
        }
    }

    @Test func aStreamRetriesBeforeItsFirstTokenAndReportsErrors() async throws {
        try await withGenerator(maxAttempts: 2) { server, _, model in
            server.script([.status(503, message: "loading model"), .content("SELECT 42")])
            var text = ""
            for try await token in model.stream([ChatMessage(role: .user, content: "x")], temperature: 0, maxTokens: 16) { text += token }
            #expect(text == "SELECT 42")
            #expect(server.received.count == 2)

            server.script([.status(401, message: "invalid api key")])
            let error = await serviceError {
                for try await _ in model.stream([ChatMessage(role: .user, content: "x")], temperature: 0, maxTokens: 16) {}
            }
            #expect(error?.message == "chat completions endpoint answered 401: invalid api key")
            #expect(server.received.count == 3)

            server.script([.raw(#"{"choices": [{"message": {"role": "assistant", "content": "SELECT 7"}}]}"#)])
            var plain = ""
            for try await token in model.stream([ChatMessage(role: .user, content: "x")], temperature: 0, maxTokens: 16) { plain += token }
            #expect(plain == "SELECT 7", "a server that ignores stream: true still answers")
        }
    }

    // MARK: - Without a server

    @Test func withoutTablesTheModelIsNotAsked() async throws {
        let result = try await LLMSQLGenerator(model: UnusedChatModel()).generate(
            GenerationRequest(question: "anything", dialect: .sqlite, tables: [])
        )
        #expect(result.sql.isEmpty)
        #expect(result.confidence == 0)
        #expect(result.explanation.contains("No trained table"))
    }

    struct ExtractionCase: Sendable, CustomTestStringConvertible {
        var name: String
        var reply: String
        var sql: String
        var repaired: Bool = false
        var ambiguous: Bool = false
        var testDescription: String { name }
    }

    static let extractionCases: [ExtractionCase] = [
        .init(name: "fenced", reply: "```sql\nSELECT name FROM customers;\n```", sql: "SELECT name FROM customers"),
        .init(name: "fence without language", reply: "```\nSELECT name FROM customers\n```", sql: "SELECT name FROM customers"),
        .init(name: "plain", reply: "SELECT name FROM customers;", sql: "SELECT name FROM customers"),
        .init(name: "plain, several semicolons", reply: "SELECT name FROM customers;;\n", sql: "SELECT name FROM customers"),
        .init(
            name: "leading prose",
            reply: "To answer this, we read the customers table:\nSELECT name\nFROM customers\nWHERE country = 'Spain'",
            sql: "SELECT name\nFROM customers\nWHERE country = 'Spain'",
            repaired: true
        ),
        .init(
            name: "trailing explanation",
            reply: "SELECT name FROM customers\nThis query returns the name of every customer.",
            sql: "SELECT name FROM customers",
            repaired: true
        ),
        .init(
            name: "inline in a sentence",
            reply: "The answer is SELECT COUNT(*) FROM orders WHERE status = 'pending'; which counts them.",
            sql: "SELECT COUNT(*) FROM orders WHERE status = 'pending'",
            repaired: true
        ),
        .init(name: "inline code", reply: "Use `SELECT id FROM orders` here.", sql: "SELECT id FROM orders", repaired: true),
        .init(
            name: "first SELECT block wins",
            reply: "```text\nThe schema\n```\n```sql\nSELECT id FROM orders\n```\nor\n```sql\nSELECT id FROM orders ORDER BY id\n```",
            sql: "SELECT id FROM orders",
            ambiguous: true
        ),
        .init(name: "repeated block is not ambiguous", reply: "```sql\nSELECT 1\n```\nAgain:\n```sql\nselect  1;\n```", sql: "SELECT 1"),
        .init(name: "unclosed fence", reply: "```sql\nSELECT name FROM customers WHERE", sql: "SELECT name FROM customers WHERE", repaired: true),
        .init(name: "second statement dropped", reply: "```sql\nSELECT 1; DROP TABLE orders;\n```", sql: "SELECT 1", repaired: true),
        .init(name: "semicolon in a string", reply: "```sql\nSELECT 'a;b' AS x FROM orders;\n```", sql: "SELECT 'a;b' AS x FROM orders"),
        .init(
            name: "WITH query",
            reply: "```sql\nWITH big AS (SELECT * FROM orders WHERE total > 100)\nSELECT count(*) FROM big\n```",
            sql: "WITH big AS (SELECT * FROM orders WHERE total > 100)\nSELECT count(*) FROM big"
        ),
        .init(name: "no SQL", reply: "I am not sure which table holds that.", sql: ""),
    ]

    @Test(arguments: extractionCases) func theSQLIsCutOutOfTheReply(_ example: ExtractionCase) {
        let extraction = LLMReplyExtractor.extract(example.reply)
        #expect(extraction.sql == example.sql)
        #expect(extraction.repairs.isEmpty == !example.repaired, "\(extraction.repairs)")
        #expect(extraction.ambiguous == example.ambiguous)
    }

    static let cleanQueries = [
        "SELECT c.name, COUNT(*) AS n FROM customers AS c JOIN orders o ON o.customer_id = c.id GROUP BY c.name ORDER BY n DESC LIMIT 1",
        "SELECT name FROM customers WHERE id NOT IN (SELECT customer_id FROM orders)",
        "WITH totals (cid, amount) AS (SELECT customer_id, SUM(total) FROM orders GROUP BY customer_id) SELECT cid, amount FROM totals WHERE amount > 10",
        "SELECT strftime('%Y', created_at) AS year, count(*) total FROM orders GROUP BY year",
        "SELECT EXTRACT(YEAR FROM created_at), CAST(total AS INTEGER) FROM orders WHERE created_at >= DATE '2024-01-01'",
        "SELECT t.n FROM (SELECT count(*) n FROM orders) AS t",
        "SELECT CASE WHEN total > 10 THEN 'big' ELSE 'small' END size, \"status\" FROM orders o WHERE o.status IS NOT NULL",
        "SELECT customers.name FROM customers, orders WHERE orders.customer_id = customers.id AND orders.total::numeric > 1",
        "SELECT o.* FROM orders o WHERE o.total IS DISTINCT FROM 3 ORDER BY o.id",
    ]

    @Test(arguments: cleanQueries) func correctQueriesNameNothingUnknown(_ sql: String) {
        let check = LLMSchemaCheck(sql: sql, tables: [Self.customers, Self.orders])
        #expect(check.isReadOnlyQuery)
        #expect(check.unknownColumns.isEmpty && check.unknownTables.isEmpty, "\(check)")
        #expect(!check.tablesRead.isEmpty)
    }

    @Test func unknownNamesAreFound() {
        let check = LLMSchemaCheck(
            sql: "SELECT p.title, c.nickname, email FROM products p JOIN customers c ON c.id = p.owner WHERE \"Paris\" = c.country",
            tables: [Self.customers, Self.orders]
        )
        #expect(check.unknownTables == ["products"])
        #expect(check.unknownColumns == ["c.nickname", "email", "Paris"])
        #expect(check.tablesRead == ["customers"])
        let select = LLMSchemaCheck(sql: "SELECT * INTO backup FROM orders", tables: [Self.orders])
        #expect(!select.isReadOnlyQuery && select.writeKeywords == ["INTO"])
    }

    @Test func correctionsSayWhereAMissedColumnReallyIs() {
        // the column exists, but in a table the query did not join
        let other = LLMPromptBuilder.columnHints(sql: "SELECT c.name, c.status FROM customers c", tables: [Self.customers, Self.orders])
        #expect(other == ["c.status does not exist; the column is orders.status. Join orders to use it."])
        // the column exists nowhere: list what the tables read do have
        let nowhere = LLMPromptBuilder.columnHints(sql: "SELECT nickname FROM customers", tables: [Self.customers, Self.orders])
        #expect(nowhere == ["No table has a column named nickname. The tables used have: customers(id, name, country)."])
        #expect(LLMPromptBuilder.columnHints(sql: "SELECT name FROM customers", tables: [Self.customers]).isEmpty)
    }

    @Test func largeSchemasAreShrunkToFitTheBudget() {
        let wide = (0..<12).map { index in
            TableSchema(
                sourceId: "src",
                tableName: "table_\(index)",
                columns: (0..<40).map {
                    ColumnSchema(name: "column_\($0)_with_a_long_descriptive_name", type: "TEXT", description: "A column comment that is quite long")
                },
                sampleData: (0..<3).map { _ in
                    Dictionary(
                        uniqueKeysWithValues: (0..<40).map {
                            ("column_\($0)_with_a_long_descriptive_name", JSONValue.string(String(repeating: "x", count: 50)))
                        }
                    )
                }
            )
        }
        let request = GenerationRequest(
            question: "q",
            dialect: .sqlite,
            tables: wide.map { RetrievedTable(schema: $0, businessContext: "", score: 0.5) }
        )
        let options = LLMSQLGenerator.Options()
        let messages = LLMSQLGenerator(model: UnusedChatModel(), options: options).messages(for: request)
        #expect(LLMPromptBuilder.estimatedTokens(messages) <= options.promptTokenBudget)
        #expect(messages[1].content.contains("CREATE TABLE table_0 ("), "the most relevant table stays")
        #expect(!messages[1].content.contains("CREATE TABLE table_11 ("), "the least relevant goes first")
        #expect(messages[1].content.hasSuffix("Question: q"))
    }

    // MARK: - A real model (opt-in)

    /// Runs when `QUERENT_LLM_URL` points at an OpenAI-compatible server, e.g.
    /// `bash ../shared/tools/local-llm/serve.sh` → `QUERENT_LLM_URL=http://127.0.0.1:8765/v1`.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["QUERENT_LLM_URL"] != nil, "set QUERENT_LLM_URL to run against a real model"))
    func aRealModelAnswersOverTheSampleDatabase() async throws {
        let environment = ProcessInfo.processInfo.environment
        var configuration = try #require(OpenAIChatModel.Configuration.fromEnvironment(environment))
        configuration.timeout = .seconds(300)
        let model = OpenAIChatModel(configuration: configuration)
        let directory = try TemporaryDirectory()
        _ = try SampleDatabase.generate(at: directory.path("sample.sqlite"))
        let driver = try await SQLiteDriver.open(path: directory.path("sample.sqlite"))
        var tables: [RetrievedTable] = []
        for name in ["customers", "orders"] {
            var schema = try await driver.introspect(table: name, sourceId: "sample")
            let textColumns = schema.columns.filter { $0.type.uppercased().contains("TEXT") }.map(\.name)
            schema.valueProfile = try await driver.distinctValues(table: name, columns: textColumns, limit: 20)
            tables.append(RetrievedTable(schema: schema, businessContext: "", score: 0.5))
        }
        let generator = LLMSQLGenerator(model: model)
        var request = GenerationRequest(question: "How many orders did customers from Germany place?", dialect: .sqlite, tables: tables)
        var result = try await generator.generate(request)
        var rows: QueryRows?
        for _ in 0..<2 where rows == nil {
            do {
                rows = try await driver.execute(result.sql, limits: .standard)
            } catch {
                request.feedback = .init(sql: result.sql, error: String(describing: error))
                result = try await generator.generate(request)
            }
        }
        print(
            "real model: \(result.sql) (confidence \(result.confidence), prompt ≈ \(LLMPromptBuilder.estimatedTokens(generator.messages(for: request))) tokens)"
        )
        #expect(result.sql.uppercased().hasPrefix("SELECT"), "\(result.sql)")
        #expect(result.tableUsed.contains("orders"), "\(result.tableUsed)")
        #expect(rows?.rows.count == 1, "\(result.sql) → \(String(describing: rows))")

        var tokens: [String] = []
        for try await token in model.stream(
            [ChatMessage(role: .user, content: "Count from 1 to 10, separated by commas.")],
            temperature: 0,
            maxTokens: 64
        ) {
            tokens.append(token)
        }
        #expect(tokens.count > 3, "a real server streams token by token: \(tokens)")
        await driver.close()
    }
}

extension TableSchema {
    /// The schema with a trained value profile.
    fileprivate func withValues(_ profile: [String: [String]]) -> TableSchema {
        var schema = self
        schema.valueProfile = profile
        return schema
    }
}

/// A chat model for tests that must not reach one.
private struct UnusedChatModel: ChatModel {
    let model = "unused"

    func complete(_ messages: [ChatMessage], temperature: Double, maxTokens: Int) async throws -> String {
        Issue.record("the model was asked")
        return ""
    }

    func stream(_ messages: [ChatMessage], temperature: Double, maxTokens: Int) -> AsyncThrowingStream<String, any Error> {
        Issue.record("the model was asked")
        return AsyncThrowingStream { $0.finish() }
    }
}
