import Foundation
import QuerentApplication
import QuerentCore
import QuerentTesting
import SampleDatabase
import Testing

/// The sample questions on a MySQL copy of the sample database (``MySQLSampleDatabase``),
/// through the whole question path: registry, training, retrieval, the built-in generator
/// writing MySQL, the gate and the driver. Each answer's SQL and the MySQL gold run on the
/// server and are compared by result rows; the bar is the one the SQLite sample holds (90%).
@Suite(.enabled(if: TestEnvironment.mysqlEnabled))
struct MySQLSampleQuestionsTests {
    @Test func builtInAnswersTheSampleQuestionsOnMySQL() async throws {
        let directory = try TemporaryDirectory(prefix: "querent-mysql-sample")
        let path = directory.path("sample.sqlite")
        _ = try SampleDatabase.generate(at: path)
        let statements = try await MySQLSampleDatabase.statements(copyingRowsFrom: path)
        try await MySQLScratchDatabase.with(prefix: "sample", statements) { database in
            let harness = try await QueryHarness()
            let tenant = QueryHarness.tenant
            let source = try await harness.register(.mysql, url: database.url, tables: SampleDatabase.trainedTables)
            #expect(Set(try await harness.store.trainedTables(sourceId: source)) == Set(SampleDatabase.trainedTables))

            var correct = 0
            var failures: [String] = []
            for item in SampleQuestions.cases {
                let gold: QueryRows
                do {
                    gold = try await harness.direct(item.gold(for: .mysql), sourceId: source)
                } catch {
                    Issue.record("gold SQL failed on MySQL: \(error)\n\(item.gold(for: .mysql))")
                    continue
                }
                let answer = try await harness.pipeline.ask(question: item.question, sourceId: source, tenant: tenant, logger: harness.logger)
                let sql = answer.generation.sql
                var matched = false
                if answer.result?.success == true, let predicted = try? await harness.direct(sql, sourceId: source) {
                    let ordered = ResultComparer.hasTopLevelOrderBy(item.gold)
                    matched = ResultComparer.matches(predicted: predicted.rows, gold: gold.rows, ordered: ordered)
                }
                if matched {
                    correct += 1
                } else {
                    failures.append("\(item.question)\n   gold: \(item.gold(for: .mysql))\n   pred: \(sql)\n   \(answer.result?.error ?? "")")
                }
            }
            let accuracy = Double(correct) / Double(SampleQuestions.cases.count)
            print(
                String(format: "Sample database on MySQL, built-in generator: %d/%d = %.1f%%", correct, SampleQuestions.cases.count, accuracy * 100)
            )
            for failure in failures { print(failure) }
            #expect(accuracy >= 0.9, "\(correct)/\(SampleQuestions.cases.count) sample questions answered correctly on MySQL")
        }
    }
}
