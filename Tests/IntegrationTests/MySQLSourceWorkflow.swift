import Foundation
import QuerentCore
import QuerentTesting
import Testing

/// A MySQL source through every route of the three services behind the gateway: connection
/// test, registration, tables, schema (mixed-case and Unicode names), sample rows, business
/// context, training through the trainers, semantic model, questions checked against SQL run
/// directly, hand-written and hostile SQL, history, feedback and examples, the context, the
/// chat stream, and deletion. The customer database is a fresh database on the test MariaDB;
/// its fingerprint must not change.
enum MySQLSourceWorkflow {
    static let statements = [
        "CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL, city VARCHAR(100) NOT NULL)",
        """
        CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NOT NULL, status VARCHAR(20) NOT NULL,
          total DECIMAL(10,2) NOT NULL, placed_on DATE NOT NULL, FOREIGN KEY (customer_id) REFERENCES customers (id))
        """,
        "CREATE TABLE `SalesReps` (`RepId` INT PRIMARY KEY, `FullName` VARCHAR(100) NOT NULL, `Région` VARCHAR(50) NOT NULL)",
        "INSERT INTO customers VALUES (1, 'Ada', 'Paris'), (2, 'Björn', 'Malmö'), (3, 'Chloé', 'Paris'), (4, 'Dmitri', 'Berlin')",
        """
        INSERT INTO orders VALUES (1, 1, 'paid', 120.50, '2024-01-03'), (2, 1, 'paid', 80.00, '2024-02-11'),
          (3, 2, 'cancelled', 40.00, '2024-02-20'), (4, 3, 'paid', 200.00, '2024-03-05'), (5, 4, 'pending', 15.25, '2024-03-09')
        """,
        "INSERT INTO `SalesReps` VALUES (1, 'Eve Martin', 'Île-de-France'), (2, 'Frank Ode', 'Nord')",
    ]

    static let questions: [DatabaseSchemaWorkflowTests.Question] = [
        .init(text: "How many customers are there?", expectedSQL: "SELECT count(*) FROM customers"),
        .init(text: "How many customers live in Paris?", expectedSQL: "SELECT count(*) FROM customers WHERE city = 'Paris'"),
        .init(text: "What is the total of the orders for each status?", expectedSQL: "SELECT status, sum(total) FROM orders GROUP BY status"),
    ]

    static func run(_ stack: WorkflowStack, api: WorkflowClient) async throws {
        let database = try await MySQLScratchDatabase.create(prefix: "workflow", adminURL: try TestEnvironment.requireMySQLURL())
        do {
            try await database.execute(statements)
            try await workflow(stack, api: api, database: database)
            await database.drop()
        } catch {
            await database.drop()
            throw error
        }
    }

    private static func workflow(_ stack: WorkflowStack, api: WorkflowClient, database: MySQLScratchDatabase) async throws {
        let before = try await database.fingerprint()

        // Connection test: the right URL answers its table count; a wrong password is a 422.
        let tested = try await api.expect(
            200,
            "POST",
            "/test-connection",
            json: .object(["dialect": .string("mysql"), "connection": .string(database.url)])
        )
        #expect(tested.field("ok")?.bool == true && tested.field("table_count")?.number == 3, "\(tested)")
        var wrong = URLComponents(string: database.url)!
        wrong.password = "not-the-password"
        let refused = try await api.call(
            "POST",
            "/test-connection",
            json: .object(["dialect": .string("mysql"), "connection": .string(wrong.string!)])
        )
        #expect(refused.status == 422 && !refused.text.contains("not-the-password"), "wrong password: \(refused.status) \(refused.text)")

        // Register it; the summary never shows the password.
        let source = try await api.expect(
            201,
            "POST",
            "/",
            json: .object(["name": .string("mysql shop"), "dialect": .string("mysql"), "connection": .string(database.url)])
        )
        let sourceId = try #require(source.field("id")?.string)
        #expect(source.field("dialect")?.string == "mysql")
        #expect(source.field("connection_summary")?.string?.contains("querent:querent") == false, "\(source)")
        #expect(try await api.expect(200, "GET", "/\(sourceId)").field("id")?.string == sourceId)

        let tables = try await api.expect(200, "GET", "/\(sourceId)/tables")
        let names = Set((tables.field("tables")?.elements ?? []).compactMap { $0.field("name")?.string })
        #expect(names == ["customers", "orders", "SalesReps"], "\(names)")

        // The mixed-case table and its Unicode column, as stored.
        let reps = try await api.expect(200, "GET", "/\(sourceId)/tables/SalesReps/schema?refresh=true")
        let repColumns = (reps.field("schema")?.field("columns")?.elements ?? []).compactMap { $0.field("name")?.string }
        #expect(repColumns == ["RepId", "FullName", "Région"], "\(reps)")
        let orders = try await api.expect(200, "GET", "/\(sourceId)/tables/orders/schema")
        let references = (orders.field("schema")?.field("relationships")?.elements ?? []).compactMap { $0.field("references_table")?.string }
        #expect(references == ["customers"])
        let sample = try await api.expect(200, "GET", "/\(sourceId)/tables/SalesReps/sample")
        #expect(sample.field("rows")?.elements?.count == 2, "\(sample)")
        let described = try await api.expect(
            200,
            "PUT",
            "/\(sourceId)/tables/orders/context",
            json: .object(["business_description": .string("Each checkout of a customer, with its status.")])
        )
        #expect(described.field("business_context")?.string?.hasPrefix("Each checkout of a customer, with its status.") == true, "\(described)")

        // Train all three through the queue and the trainers.
        let train = try await api.expect(
            202,
            "POST",
            "/\(sourceId)/train",
            json: .object(["tables": .array([.string("customers"), .string("orders"), .string("SalesReps")])])
        )
        #expect(train.field("jobs")?.elements?.count == 3)
        try await Polling.until("the MySQL tables are trained", timeout: .seconds(90), interval: .milliseconds(200)) {
            let trained = try await api.expect(200, "GET", "/\(sourceId)/trained-tables")
            return (trained.field("trained_tables")?.elements ?? []).count == 3
        }
        let model = try await api.expect(200, "GET", "/\(sourceId)/semantic-model")
        let entities = (model.field("entities")?.elements ?? []).compactMap { $0.field("table")?.string }
        #expect(Set(entities).isSuperset(of: ["customers", "orders"]), "\(model)")

        // Questions, answered in MySQL and checked against SQL run directly.
        var historyIds: [String] = []
        for question in questions {
            let answer = try await api.expect(
                200,
                "POST",
                "/\(sourceId)/query",
                json: .object(["question": .string(question.text), "execute": .bool(true), "generator": .string("builtin")])
            )
            let sql = answer.field("generation")?.field("sql")?.string ?? ""
            let result = try #require(answer.field("result"), "\(question.text): \(answer)")
            #expect(result.field("success")?.bool == true, "\(question.text) → \(sql): \(result)")
            let want = try await directRows(database, question.expectedSQL)
            #expect(DatabaseSchemaWorkflowTests.rowValues(result.field("data")) == want, "\(question.text) → \(sql)")
            if let id = answer.field("history_id")?.number { historyIds.append(String(Int64(id))) }
        }
        try #require(historyIds.count == questions.count, "every answer names its history entry")

        // Hand-written SQL: backticks run; hostile MySQL is refused before the server sees it.
        let direct = try await api.expect(
            200,
            "POST",
            "/\(sourceId)/sql",
            json: .object(["sql": .string("SELECT `FullName` FROM `SalesReps` ORDER BY `RepId`")])
        )
        #expect(direct.field("success")?.bool == true && direct.field("row_count")?.number == 2, "\(direct)")
        for hostile in [
            "SELECT SLEEP(5) FROM customers", "SELECT * FROM mysql.user", "SELECT 1 /*!50000 , SLEEP(5) */",
            "SELECT * FROM customers INTO OUTFILE '/tmp/querent-out'", "DELETE FROM orders", "SELECT * FROM orders FOR UPDATE",
        ] {
            let reply = try await api.call("POST", "/\(sourceId)/sql", json: .object(["sql": .string(hostile)]))
            #expect(DatabaseSchemaWorkflowTests.isRefusal(reply, table: ""), "\(hostile): \(reply.status) \(reply.text)")
        }

        // History, feedback and examples.
        let history = try await api.expect(200, "GET", "/\(sourceId)/query-history?limit=50")
        #expect((history.field("history")?.elements ?? []).count >= questions.count + 1, "\(history)")
        let voted = try await api.expect(
            200,
            "POST",
            "/\(sourceId)/query-history/\(historyIds[1])/feedback",
            json: .object(["verdict": .string("up")])
        )
        let votedExample = try #require(voted.field("feedback")?.field("example_id")?.string, "\(voted)")
        let example = try await api.expect(
            201,
            "POST",
            "/\(sourceId)/examples",
            json: .object([
                "question": .string("Which reps work in Nord?"), "sql": .string("SELECT `FullName` FROM `SalesReps` WHERE `Région` = 'Nord'"),
            ])
        )
        let exampleId = try #require(example.field("id")?.string)
        let badExample = try await api.call(
            "POST",
            "/\(sourceId)/examples",
            json: .object(["question": .string("Drop it"), "sql": .string("DROP TABLE customers")])
        )
        #expect(badExample.status == 422 && badExample.text.contains("unsafe_query"), "\(badExample.status) \(badExample.text)")
        let examples = try await api.expect(200, "GET", "/\(sourceId)/examples")
        #expect(Set((examples.field("examples")?.elements ?? []).compactMap { $0.field("id")?.string }) == [votedExample, exampleId])
        #expect(try await api.call("DELETE", "/\(sourceId)/examples/\(exampleId)").status == 204)
        let context = try await api.expect(200, "GET", "/\(sourceId)/context")
        #expect(context.text.contains("SalesReps"), "the context names the trained tables: \(context.text.prefix(300))")

        // The chat streams a MySQL answer.
        let chat = try await DatabaseSchemaWorkflowTests.chat(api: api, gateway: stack.gatewayURL, message: questions[1].text, sourceId: sourceId)
        #expect(chat.first?.event == "sql" && chat.last?.event == "done", "chat events: \(chat.map(\.event))")
        let want = try await directRows(database, questions[1].expectedSQL)
        #expect(DatabaseSchemaWorkflowTests.rowValues(chat.first { $0.event == "rows" }?.data.field("data")) == want)

        // Nothing the routes did changed the customer database; deleting the source forgets it.
        #expect(try await database.fingerprint() == before)
        #expect(try await api.call("DELETE", "/\(sourceId)").status == 204)
        #expect(try await api.call("GET", "/\(sourceId)").status == 404)
    }

    /// The rows `sql` gives on the customer database, in ``DatabaseSchemaWorkflowTests/rowValues(_:)``'s form.
    private static func directRows(_ database: MySQLScratchDatabase, _ sql: String) async throws -> [[String]] {
        try await database.query(sql).map { $0.map(\.normalizedText).sorted() }.sorted { $0.lexicographicallyPrecedes($1) }
    }
}
