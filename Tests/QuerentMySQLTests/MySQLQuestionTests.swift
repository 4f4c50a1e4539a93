import Foundation
import QuerentApplication
import QuerentCore
import QuerentTesting
import Testing

/// A MySQL source through the whole question path (registry, training, retrieval, the built-in
/// generator writing MySQL, the safety gate, the driver, history), each answer checked against
/// SQL run directly on the server.
@Suite(.enabled(if: TestEnvironment.mysqlEnabled))
struct MySQLQuestionTests {
    struct Question {
        var text: String
        var expectedSQL: String
    }

    static let questions = [
        Question(text: "How many customers are there?", expectedSQL: "SELECT COUNT(*) FROM customers"),
        Question(text: "How many orders have the status paid?", expectedSQL: "SELECT COUNT(*) FROM orders WHERE status = 'paid'"),
        Question(text: "What is the total of the orders for each status?", expectedSQL: "SELECT status, SUM(total) FROM orders GROUP BY status"),
        Question(text: "How many customers are there in each country?", expectedSQL: "SELECT country, COUNT(*) FROM customers GROUP BY country"),
        // A mixed-case table: the SQL must quote it with backticks.
        Question(text: "How many sales reps are there?", expectedSQL: "SELECT COUNT(*) FROM `SalesReps`"),
    ]

    @Test func builtInAnswersOnMySQLMatchTheDirectResults() async throws {
        try await MySQLScratchDatabase.with(prefix: "questions", MySQLDriverTests.fixture) { database in
            let harness = try await QueryHarness()
            let tenant = QueryHarness.tenant
            let source = try await harness.register(.mysql, url: database.url, tables: ["customers", "orders", "order_items", "SalesReps"])
            #expect(Set(try await harness.store.trainedTables(sourceId: source)) == ["customers", "orders", "order_items", "SalesReps"])

            for question in Self.questions {
                let answer = try await harness.pipeline.ask(question: question.text, sourceId: source, tenant: tenant, logger: harness.logger)
                let sql = answer.generation.sql
                let result = try #require(answer.result, "\(question.text): no result (\(sql))")
                #expect(result.success, "\(question.text) → \(sql): \(result.error ?? "")")
                let expected = try await harness.direct(question.expectedSQL, sourceId: source)
                #expect(Self.normalized(result.data, columns: result.columns) == Self.normalized(expected), "\(question.text) → \(sql)")
                #expect(!sql.contains("\"") || sql.contains("`"), "MySQL SQL quotes with backticks: \(sql)")
            }
            let history = try await harness.pipeline.history(sourceId: source, tenant: tenant, before: nil, limit: 50)
            #expect(history.count == Self.questions.count)

            // The gate stands in front of the driver for hand-written SQL too.
            let refused = try await harness.pipeline.runSQL("SELECT SLEEP(1) FROM customers", sourceId: source, tenant: tenant)
            #expect(!refused.success)
            let other = try await harness.pipeline.runSQL("SELECT * FROM mysql.user", sourceId: source, tenant: tenant)
            #expect(!other.success)
        }
    }

    /// Rows as sorted lists of sorted cell texts (numbers rounded to cents).
    static func normalized(_ rows: QueryRows) -> [[String]] {
        rows.rows.map { $0.map(cell).sorted() }.sorted { $0.lexicographicallyPrecedes($1) }
    }

    static func normalized(_ data: [[String: JSONValue]], columns: [String]) -> [[String]] {
        data.map { row in columns.map { cell(row[$0] ?? .null) }.sorted() }.sorted { $0.lexicographicallyPrecedes($1) }
    }

    static func cell(_ value: JSONValue) -> String {
        switch value {
        case .int(let number): return String(number)
        case .double(let number):
            let cents = (number * 100).rounded() / 100
            return cents == cents.rounded() ? String(Int64(cents)) : String(cents)
        case .string(let text):
            if let number = Double(text) { return cell(.double(number)) }
            return text
        case .null: return "null"
        default: return "\(value)"
        }
    }
}
