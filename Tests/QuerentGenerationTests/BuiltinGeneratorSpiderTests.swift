import Foundation
import QuerentApplication
import QuerentCore
import QuerentGeneration
import QuerentSQLite
import Testing

@testable import Querent

/// The built-in generator (no LLM) on the Spider dev subset: every database is introspected
/// the way training does it (all tables, value profiles of text columns with at most 20
/// distinct values, sample rows), every question is answered with all tables retrieved,
/// and the predicted and gold SQL are executed read-only on the SQLite file and compared
/// by ``ResultComparer`` (rows as a multiset, in order when the gold SQL sorts, 1 = 1.0,
/// floats to 4 decimals, empty = empty, a failing prediction is wrong).
///
/// By default it runs the fixed regression slice (every 5th question, 151 questions) and
/// fails when accuracy falls more than 2 points below the recorded figure.
/// `QUERENT_SPIDER_LIMIT=N` takes N evenly spaced questions instead (`all` for every one);
/// `QUERENT_SPIDER_DIR` points at another copy of the dataset; `QUERENT_SPIDER_VERBOSE=1`
/// prints every wrong answer; `QUERENT_SPIDER_DUMP=file.json` writes the trained schemas the
/// generator sees (for offline analysis).
@Suite("Built-in generator on Spider dev", .serialized)
struct BuiltinGeneratorSpiderTests {
    /// Execution accuracy recorded on the regression slice (every 5th question).
    static let recordedSliceAccuracy = 0.742
    /// Execution accuracy recorded on all 755 questions.
    static let recordedFullAccuracy = 0.709
    /// How far accuracy may fall below the recorded figure before the test fails.
    static let tolerance = 0.02

    static var datasetDirectory: String {
        if let directory = ProcessInfo.processInfo.environment["QUERENT_SPIDER_DIR"], !directory.isEmpty { return directory }
        // Tests/QuerentGenerationTests/<this file> → repository root → ../shared/benchmarks/spider-dev
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.deletingLastPathComponent().appendingPathComponent("shared/benchmarks/spider-dev").path
    }

    static var datasetAvailable: Bool {
        FileManager.default.fileExists(atPath: datasetDirectory + "/dev.json")
    }

    struct Question: Decodable {
        let db_id: String
        let question: String
        let query: String
    }

    /// One answered question.
    struct Outcome {
        var index: Int
        var database: String
        var question: String
        var gold: String
        var predicted: String
        var correct: Bool
        var confidence: Double
        var hardness: SpiderHardness
        var error: String?
    }

    @Test("execution accuracy on the Spider dev slice stays at the recorded figure", .enabled(if: datasetAvailable), .timeLimit(.minutes(20)))
    func spiderSlice() async throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.datasetDirectory + "/dev.json"))
        let questions = try JSONDecoder().decode([Question].self, from: data)
        let (selected, isDefaultSlice, isFull) = Self.selection(count: questions.count)

        var outcomes: [Outcome] = []
        let generator = BuiltinSQLGenerator()
        // QUERENT_SPIDER_DUMP=path writes the trained schemas the generator sees (for debugging)
        if let dump = ProcessInfo.processInfo.environment["QUERENT_SPIDER_DUMP"], !dump.isEmpty {
            var all: [String: [TableSchema]] = [:]
            var paths = Set(questions.map(\.db_id)).map { ($0, Self.datasetDirectory + "/database/\($0)/\($0).sqlite") }
            if let extra = ProcessInfo.processInfo.environment["QUERENT_SPIDER_DUMP_EXTRA"], !extra.isEmpty { paths.append(("sample", extra)) }
            for (database, path) in paths {
                let driver = try await SQLiteDriver.open(path: path)
                all[database] = try await Self.trainedTables(driver, sourceId: database).map(\.schema)
                await driver.close()
            }
            try JSONEncoder.querent.encode(all).write(to: URL(fileURLWithPath: dump))
        }
        let byDatabase = Dictionary(grouping: selected, by: { questions[$0].db_id })
        for database in byDatabase.keys.sorted() {
            let path = Self.datasetDirectory + "/database/\(database)/\(database).sqlite"
            let driver = try await SQLiteDriver.open(path: path)
            let tables = try await Self.trainedTables(driver, sourceId: database)
            for index in byDatabase[database]!.sorted() {
                let item = questions[index]
                let request = GenerationRequest(question: item.question, dialect: .sqlite, tables: tables)
                let result = try await generator.generate(request)
                let limits = QueryLimits(timeoutMilliseconds: 10_000, maxRows: 100_000)
                let gold = try await driver.execute(item.query, limits: limits)
                var correct = false
                var failure: String?
                if result.sql.isEmpty {
                    failure = "no SQL"
                } else {
                    do {
                        let predicted = try await driver.execute(result.sql, limits: limits)
                        correct = ResultComparer.matches(
                            predicted: predicted.rows,
                            gold: gold.rows,
                            ordered: ResultComparer.hasTopLevelOrderBy(item.query)
                        )
                    } catch {
                        failure = String(describing: error)
                    }
                }
                outcomes.append(
                    Outcome(
                        index: index,
                        database: database,
                        question: item.question,
                        gold: item.query,
                        predicted: result.sql,
                        correct: correct,
                        confidence: result.confidence,
                        hardness: SpiderHardness(sql: item.query),
                        error: failure
                    )
                )
            }
            await driver.close()
        }

        let accuracy = Self.report(outcomes)
        if isDefaultSlice {
            #expect(
                accuracy >= Self.recordedSliceAccuracy - Self.tolerance,
                "accuracy \(accuracy) fell below the recorded \(Self.recordedSliceAccuracy)"
            )
        } else if isFull {
            #expect(
                accuracy >= Self.recordedFullAccuracy - Self.tolerance,
                "accuracy \(accuracy) fell below the recorded \(Self.recordedFullAccuracy)"
            )
        }
        // right answers must be clearly more confident than wrong ones
        let right = outcomes.filter(\.correct).map(\.confidence)
        let wrong = outcomes.filter { !$0.correct }.map(\.confidence)
        if !right.isEmpty && !wrong.isEmpty {
            #expect(Self.mean(right) > Self.mean(wrong) + 0.1)
        }
    }

    // MARK: - Helpers

    /// The questions to run: the regression slice by default.
    static func selection(count: Int) -> (indices: [Int], defaultSlice: Bool, full: Bool) {
        let setting = ProcessInfo.processInfo.environment["QUERENT_SPIDER_LIMIT"]?.lowercased() ?? ""
        if setting == "all" || setting == "0" { return (Array(0..<count), false, true) }
        if let limit = Int(setting), limit > 0, limit < count {
            let step = max(1, count / limit)
            let indices = Array(stride(from: 0, to: count, by: step).prefix(limit))
            return (indices, step == 5 && limit >= 151, false)
        }
        if let limit = Int(setting), limit >= count { return (Array(0..<count), false, true) }
        return (Array(stride(from: 0, to: count, by: 5)), true, false)
    }

    /// Every table of the database as training would store it: schema, sample rows and the
    /// value profile (distinct values of non-key text columns with at most 20 of them).
    static func trainedTables(_ driver: SQLiteDriver, sourceId: String) async throws -> [RetrievedTable] {
        var tables: [RetrievedTable] = []
        for summary in try await driver.listTables() {
            var schema = try await driver.introspect(table: summary.name, sourceId: sourceId)
            if schema.kind == .table {
                let keys = Set(schema.primaryKey + schema.relationships.flatMap(\.columns))
                let candidates = schema.columns.filter { !keys.contains($0.name) && isTextual($0.type) }.prefix(30).map(\.name)
                if !candidates.isEmpty {
                    let profile = try await driver.distinctValues(table: schema.tableName, columns: Array(candidates), limit: 20)
                        .filter { !$0.value.isEmpty && $0.value.allSatisfy { $0.count <= 80 } }
                    schema.valueProfile = profile.isEmpty ? nil : profile
                }
            }
            tables.append(RetrievedTable(schema: schema, businessContext: BusinessContextGenerator.generate(for: schema), score: 1))
        }
        return tables
    }

    static func isTextual(_ type: String) -> Bool {
        let lower = type.lowercased()
        return lower.isEmpty || ["char", "text", "clob", "string", "enum", "citext", "name"].contains { lower.contains($0) }
    }

    static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }

    /// Prints accuracy overall, per database and per hardness, and confidence right vs wrong.
    static func report(_ outcomes: [Outcome]) -> Double {
        let total = outcomes.count
        let right = outcomes.filter(\.correct).count
        let accuracy = total == 0 ? 0 : Double(right) / Double(total)
        var lines: [String] = []
        lines.append(String(format: "Spider dev, built-in generator: %d/%d = %.1f%% execution accuracy", right, total, accuracy * 100))
        let databases = Dictionary(grouping: outcomes, by: \.database)
        for database in databases.keys.sorted() {
            let items = databases[database]!
            lines.append(
                String(
                    format: "  %-30@ %3d/%3d  %5.1f%%",
                    database as NSString,
                    items.filter(\.correct).count,
                    items.count,
                    100 * Double(items.filter(\.correct).count) / Double(items.count)
                )
            )
        }
        for hardness in SpiderHardness.allCases {
            let items = outcomes.filter { $0.hardness == hardness }
            guard !items.isEmpty else { continue }
            lines.append(
                String(
                    format: "  hardness %-8@ %3d/%3d  %5.1f%%",
                    hardness.rawValue as NSString,
                    items.filter(\.correct).count,
                    items.count,
                    100 * Double(items.filter(\.correct).count) / Double(items.count)
                )
            )
        }
        let confidentRight = mean(outcomes.filter(\.correct).map(\.confidence))
        let confidentWrong = mean(outcomes.filter { !$0.correct }.map(\.confidence))
        lines.append(String(format: "  mean confidence: right %.3f, wrong %.3f", confidentRight, confidentWrong))
        lines.append("  failed to execute: \(outcomes.filter { $0.error != nil }.count)")
        if ProcessInfo.processInfo.environment["QUERENT_SPIDER_VERBOSE"] == "1" {
            for outcome in outcomes where !outcome.correct {
                lines.append("#\(outcome.index) [\(outcome.database)] \(outcome.question)")
                lines.append("   gold: \(outcome.gold.split(whereSeparator: \.isWhitespace).joined(separator: " "))")
                lines.append("   pred: \(outcome.predicted)  (confidence \(outcome.confidence)\(outcome.error.map { ", error: \($0)" } ?? ""))")
            }
        }
        print(lines.joined(separator: "\n"))
        return accuracy
    }
}
