import Foundation
import QuerentApplication
import QuerentCore
import QuerentGeneration
import QuerentSQLite
import QuerentTesting
import SampleDatabase
import Testing

/// The sample questions (``QuerentTesting/SampleQuestions``) on the bundled sample database:
/// the built-in generator's SQL is executed and compared with the gold SQL by result rows
/// (``ResultComparer``); at least 90% must match.
@Suite("Built-in generator on the sample database", .serialized)
struct SampleQuestionsTests {
    @Test("the built-in generator answers at least 90% of the sample questions correctly")
    func sampleQuestions() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("querent-sample-questions-\(UUID().uuidString)")
        let path = directory.appendingPathComponent("sample.sqlite").path
        _ = try SampleDatabase.generate(at: path)
        defer { try? FileManager.default.removeItem(at: directory) }
        if let copy = ProcessInfo.processInfo.environment["QUERENT_SAMPLE_DB_COPY"], !copy.isEmpty {
            try? FileManager.default.removeItem(atPath: copy)
            try FileManager.default.copyItem(atPath: path, toPath: copy)
        }
        let driver = try await SQLiteDriver.open(path: path)
        let tables = try await BuiltinGeneratorSpiderTests.trainedTables(driver, sourceId: "sample")
        #expect(Set(tables.map(\.schema.tableName)).isSuperset(of: SampleDatabase.trainedTables))

        let generator = BuiltinSQLGenerator()
        var correct = 0
        var failures: [String] = []
        var confidences: (right: [Double], wrong: [Double]) = ([], [])
        for item in SampleQuestions.cases {
            let result = try await generator.generate(GenerationRequest(question: item.question, dialect: .sqlite, tables: tables))
            let limits = QueryLimits(timeoutMilliseconds: 10_000, maxRows: 100_000)
            let gold = try await driver.execute(item.gold, limits: limits)
            var matched = false
            if !result.sql.isEmpty, let predicted = try? await driver.execute(result.sql, limits: limits) {
                matched = ResultComparer.matches(predicted: predicted.rows, gold: gold.rows, ordered: ResultComparer.hasTopLevelOrderBy(item.gold))
            }
            if matched {
                correct += 1
                confidences.right.append(result.confidence)
            } else {
                confidences.wrong.append(result.confidence)
                failures.append(
                    "\(item.question)\n   gold: \(item.gold)\n   pred: \(result.sql) (confidence \(result.confidence))\n   \(result.explanation)"
                )
            }
        }
        await driver.close()
        let accuracy = Double(correct) / Double(SampleQuestions.cases.count)
        print(String(format: "Sample database, built-in generator: %d/%d = %.1f%%", correct, SampleQuestions.cases.count, accuracy * 100))
        print(
            String(
                format: "  mean confidence: right %.3f, wrong %.3f",
                BuiltinGeneratorSpiderTests.mean(confidences.right),
                BuiltinGeneratorSpiderTests.mean(confidences.wrong)
            )
        )
        for failure in failures { print(failure) }
        #expect(SampleQuestions.cases.count >= 40)
        #expect(accuracy >= 0.9, "\(correct)/\(SampleQuestions.cases.count) sample questions answered correctly")
    }
}
