import Foundation
import QuerentCore
import QuerentIO
import QuerentSQLite
import QuerentTesting
import Testing

/// The business benchmark (`querent-bench datasets`, Benchmarks/BusinessDatasets): generated into
/// a temporary directory by the built `querent-bench`, then checked without any generator:
/// every gold query runs on the SQLite files and returns rows exactly when the question does
/// not say `expect_empty`, the dev/test split is the fixed one, and the generation is
/// byte-for-byte deterministic. With Postgres or MySQL configured (or required), the command's
/// own check must pass too: every Postgres / MySQL gold query runs and returns the same rows as
/// SQLite; and `querent eval` scores questions on databases it loads into that server.
@Suite("Business benchmark datasets", .serialized)
struct BusinessDatasetTests {
    /// The databases in file order, with their fixed dev and test counts.
    static let split: [(db: String, dev: Int, test: Int)] = [
        ("saas_billing", 26, 39), ("hr_payroll", 26, 38), ("logistics", 26, 38), ("clinic", 26, 38), ("marketplace", 26, 38),
    ]

    struct Question: Decodable, Equatable {
        var question: String
        var query: String
        var queryPostgres: String?
        var queryMySQL: String?
        var dbId: String
        var expectEmpty: Bool?

        enum CodingKeys: String, CodingKey {
            case question, query
            case queryPostgres = "query_postgres"
            case queryMySQL = "query_mysql"
            case dbId = "db_id"
            case expectEmpty = "expect_empty"
        }
    }

    @Test func everyGoldQueryRunsOnSQLiteAndTheSplitIsFixed() async throws {
        let directory = try TemporaryDirectory(prefix: "querent-business")
        let run = try await Self.bench(["datasets", "--out", directory.path])
        #expect(run.status == 0, "querent-bench datasets failed:\n\(run.output)")
        let dev = try Self.questions(directory.url.appendingPathComponent("dev.json"))
        let test = try Self.questions(directory.url.appendingPathComponent("test.json"))
        #expect(dev.count == 130)
        #expect(test.count == 191)

        for (db, devCount, testCount) in Self.split {
            let source = PackageLayout.root.appendingPathComponent("Benchmarks/BusinessDatasets/questions/\(db).json")
            let all = try Self.questions(source)
            #expect(all.count >= 60, "\(db) has \(all.count) questions")
            #expect(all.allSatisfy { $0.dbId == db }, "\(db).json names another database")
            // Index i of a database's file is in dev when i % 5 is 0 or 2.
            let expectedDev = all.enumerated().filter { $0.offset % 5 == 0 || $0.offset % 5 == 2 }.map(\.element)
            let expectedTest = all.enumerated().filter { $0.offset % 5 != 0 && $0.offset % 5 != 2 }.map(\.element)
            #expect(dev.filter { $0.dbId == db } == expectedDev, "\(db): dev.json is not the fixed split")
            #expect(test.filter { $0.dbId == db } == expectedTest, "\(db): test.json is not the fixed split")
            #expect(expectedDev.count == devCount && expectedTest.count == testCount, "\(db): \(expectedDev.count) dev, \(expectedTest.count) test")

            let driver = try await SQLiteDriver.open(path: directory.path("database/\(db)/\(db).sqlite"))
            for question in all {
                do {
                    let rows = try await driver.execute(question.query, limits: QueryLimits(timeoutMilliseconds: 30_000, maxRows: 100_000)).rows
                    #expect(rows.isEmpty == (question.expectEmpty ?? false), "\(db): \(rows.count) rows for \(question.question)")
                } catch {
                    Issue.record("\(db): gold query failed: \(error)\n\(question.question)\n\(question.query)")
                }
            }
            await driver.close()
            for dialect in ["postgres", "mysql"] {
                let script = try String(contentsOfFile: directory.path("database/\(db)/\(db).\(dialect).sql"), encoding: .utf8)
                #expect(script.contains("CREATE TABLE") && script.contains("INSERT INTO"), "\(db).\(dialect).sql has no schema or rows")
            }
        }
    }

    @Test func generationIsDeterministic() async throws {
        let first = try TemporaryDirectory(prefix: "querent-business")
        let second = try TemporaryDirectory(prefix: "querent-business")
        for directory in [first, second] {
            let run = try await Self.bench(["datasets", "--out", directory.path])
            #expect(run.status == 0, "querent-bench datasets failed:\n\(run.output)")
        }
        for (db, _, _) in Self.split {
            for file in ["\(db).sqlite", "\(db).postgres.sql", "\(db).mysql.sql"] {
                let a = try Data(contentsOf: URL(fileURLWithPath: first.path("database/\(db)/\(file)")))
                let b = try Data(contentsOf: URL(fileURLWithPath: second.path("database/\(db)/\(file)")))
                #expect(a == b, "\(file) differs between two generations")
            }
        }
    }

    @Test(.enabled(if: TestEnvironment.postgresEnabled, "needs Postgres"))
    func goldQueriesReturnTheSameRowsOnPostgres() async throws {
        let url = try TestEnvironment.requirePostgresURL()
        let directory = try TemporaryDirectory(prefix: "querent-business")
        let run = try await Self.bench(["datasets", "--out", directory.path, "--postgres", url])
        #expect(run.status == 0, "querent-bench datasets --postgres failed:\n\(run.output)")
        for (db, dev, test) in Self.split {
            let total = dev + test
            let line = run.output.split(separator: "\n").first { $0.hasPrefix(db + " ") }.map(String.init) ?? ""
            #expect(line.contains("postgres \(total) ran, \(total) same rows"), "\(db): \(line)")
        }
    }

    @Test(.enabled(if: TestEnvironment.mysqlEnabled, "needs MySQL"))
    func goldQueriesReturnTheSameRowsOnMySQLAndEvalRunsThere() async throws {
        let url = try TestEnvironment.requireMySQLURL()
        let directory = try TemporaryDirectory(prefix: "querent-business")
        let run = try await Self.bench(["datasets", "--out", directory.path, "--mysql", url])
        #expect(run.status == 0, "querent-bench datasets --mysql failed:\n\(run.output)")
        for (db, dev, test) in Self.split {
            let total = dev + test
            let line = run.output.split(separator: "\n").first { $0.hasPrefix(db + " ") }.map(String.init) ?? ""
            #expect(line.contains("mysql \(total) ran, \(total) same rows"), "\(db): \(line)")
        }

        // querent eval loads the MySQL script into a database of its own, asks through the
        // product path, scores against the MySQL gold, and drops the database.
        let evalDatabases = "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE 'querent\\_eval\\_%' ORDER BY 1"
        let scratch = try await MySQLScratchDatabase.create(prefix: "evalcheck", adminURL: url)
        let before = try await scratch.query(evalDatabases)
        let report = directory.path("report.json")
        let eval = try await BlockingIO.run {
            try Self.run(
                try PackageLayout.executable("querent"),
                ["eval", "--dataset", directory.path, "--db", "clinic", "--limit", "12", "--dialect", "mysql", "--mysql", url, "--report", report]
            )
        }
        #expect(eval.status == 0, "querent eval --dialect mysql failed:\n\(eval.output.suffix(2000))")
        let outcomes = try JSONDecoder().decode(EvalReport.self, from: Data(contentsOf: URL(fileURLWithPath: report))).questions
        #expect(outcomes.count == 12)
        #expect(outcomes.allSatisfy { $0.dbId == "clinic" && !$0.pred.isEmpty && !$0.pred.contains("strftime") })
        #expect(outcomes.contains { $0.correct }, "no question answered on MySQL")
        let missing = try await BlockingIO.run {
            try Self.run(try PackageLayout.executable("querent"), ["eval", "--dataset", directory.path, "--dialect", "mysql"])
        }
        #expect(missing.status != 0 && missing.output.contains("--dialect mysql needs --mysql"), "\(missing.output)")

        let after = try await scratch.query(evalDatabases)
        await scratch.drop()
        #expect(after == before, "eval left databases behind: \(after)")
    }

    /// The parts of a `querent eval --report` file the tests read.
    struct EvalReport: Decodable {
        struct Outcome: Decodable {
            var dbId: String
            var pred: String
            var correct: Bool

            enum CodingKeys: String, CodingKey {
                case dbId = "db_id"
                case pred, correct
            }
        }
        var questions: [Outcome]
    }

    static func questions(_ url: URL) throws -> [Question] {
        try JSONDecoder().decode([Question].self, from: Data(contentsOf: url))
    }

    /// Runs the built `querent-bench` and returns its exit status and combined output. The wait
    /// runs on a blocking-I/O thread: a test must never hold one of the few threads of the shared
    /// concurrency pool for seconds (it starved the other suites' local servers).
    static func bench(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let executable = try PackageLayout.executable("querent-bench")
        return try await BlockingIO.run { try run(executable, arguments) }
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
