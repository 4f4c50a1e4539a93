import ArgumentParser
import Foundation
import Logging
import QuerentCore
import QuerentRuntime
import QuerentSQLite

/// `querent eval`: execution accuracy on a Spider-format dataset through the real product
/// path: each database is registered as a source, trained through the training pipeline,
/// and every question is asked through the query pipeline.
///
/// With `--dialect postgres --postgres ADMIN_URL` (or `--dialect mysql --mysql ADMIN_URL`),
/// each database is loaded from its `database/<db_id>/<db_id>.postgres.sql` (`.mysql.sql`)
/// into a fresh database on that server (dropped at the end) and registered as a source of
/// that dialect; the gold SQL is `query_postgres` (`query_mysql`) when the question has one,
/// else `query`, run on that same database.
struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score the question-answering pipeline on a Spider-format dataset."
    )

    @Option(help: "Dataset directory: a questions JSON file and database/<db_id>/<db_id>.sqlite (or .postgres.sql, .mysql.sql).")
    var dataset: String

    @Option(
        help:
            "Dialect of the sources: sqlite (the .sqlite files), postgres (the .postgres.sql scripts, needs --postgres) or mysql (the .mysql.sql scripts, needs --mysql)."
    )
    var dialect: String = "sqlite"

    @Option(help: "Postgres admin URL (its role may CREATE DATABASE) for --dialect postgres: one fresh database per dataset database.")
    var postgres: String?

    @Option(help: "MySQL/MariaDB admin URL (its user may CREATE DATABASE) for --dialect mysql: one fresh database per dataset database.")
    var mysql: String?

    @Option(help: "Questions file, relative to the dataset directory (default dev.json).")
    var questions: String = "dev.json"

    @Option(help: "Only this database.")
    var db: String?

    @Option(help: "At most this many questions (taken in file order).")
    var limit: Int?

    @Option(help: "Take every Nth question (a fixed slice).")
    var every: Int = 1

    @Option(help: "Generator: builtin, llm or hybrid (the last two need QUERENT_LLM_URL, _MODEL, _API_KEY; hybrid reads QUERENT_HYBRID_THRESHOLD).")
    var generator: String = "builtin"

    @Option(help: "The most tables retrieval offers for a question, neighbours included (max_tables).")
    var k: Int = 10

    @Option(help: "Teach these question → SQL pairs (Spider format, relative to the dataset directory) as examples of their databases before asking.")
    var teach: String?

    @Option(help: "With --teach: at most this many examples per database (taken in file order).")
    var teachPerDb: Int?

    @Option(help: "Write every question's outcome and the summary as JSON here.")
    var report: String?

    func run() async throws {
        // The score and progress are the output: the per-statement audit lines (notice) are not.
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .warning
            return handler
        }
        var logger = Logger(label: "querent-eval")
        logger.logLevel = .error
        let root = URL(fileURLWithPath: dataset)
        let data = try Data(contentsOf: root.appendingPathComponent(questions))
        var items = try JSONDecoder().decode([EvalQuestion].self, from: data)
        if let db { items = items.filter { $0.dbId == db } }
        items = items.enumerated().filter { $0.offset % max(1, every) == 0 }.map(\.element)
        if let limit { items = Array(items.prefix(limit)) }
        guard !items.isEmpty else { throw ValidationError("no questions selected") }
        guard let dialect = Dialect(rawValue: dialect) else { throw ValidationError("--dialect must be sqlite, postgres or mysql") }
        let adminURL: String?
        switch dialect {
        case .sqlite: adminURL = nil
        case .postgres:
            guard let postgres else { throw ValidationError("--dialect postgres needs --postgres ADMIN_URL") }
            adminURL = postgres
        case .mysql:
            guard let mysql else { throw ValidationError("--dialect mysql needs --mysql ADMIN_URL") }
            adminURL = mysql
        }

        let work = FileManager.default.temporaryDirectory.appendingPathComponent("querent-eval-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let harness = try await EvalHarness(
            directory: work.path,
            generator: generator,
            maxTables: k,
            environment: ProcessInfo.processInfo.environment,
            logger: logger
        )

        var lessons: [String: [EvalQuestion]] = [:]
        if let teach {
            let taught = try JSONDecoder().decode([EvalQuestion].self, from: Data(contentsOf: root.appendingPathComponent(teach)))
            lessons = Dictionary(grouping: taught, by: \.dbId).mapValues { Array($0.prefix(teachPerDb ?? Int.max)) }
        }
        let outcomes: [EvalOutcome]
        do {
            outcomes = try await Self.evaluate(items, root: root, harness: harness, dialect: dialect, adminURL: adminURL, lessons: lessons)
        } catch {
            await harness.dependencies.close()
            throw error
        }
        await harness.dependencies.close()
        let summary = EvalSummary(outcomes: outcomes, k: k, generator: generator, dialect: dialect)
        print(summary.text)
        if let report {
            let document = EvalReport(questions: outcomes, summary: summary)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try encoder.encode(document).write(to: URL(fileURLWithPath: report))
            print("report written to \(report)")
        }
    }

    /// Registers and trains each database, then asks its questions.
    private static func evaluate(
        _ items: [EvalQuestion],
        root: URL,
        harness: EvalHarness,
        dialect: Dialect,
        adminURL: String?,
        lessons: [String: [EvalQuestion]]
    ) async throws -> [EvalOutcome] {
        var outcomes: [EvalOutcome] = []
        let progress = ProgressBar(total: items.count)
        let byDatabase = Dictionary(grouping: items, by: \.dbId)
        for dbId in byDatabase.keys.sorted() {
            let directory = root.appendingPathComponent("database/\(dbId)")
            let questions = byDatabase[dbId]!
            func ask(_ source: String) async throws {
                try await harness.teach(lessons[dbId] ?? [], sourceId: source, dialect: dialect)
                for item in questions {
                    outcomes.append(try await harness.evaluate(item, sourceId: source, dialect: dialect))
                    progress.update(done: outcomes.count, label: dbId, correct: outcomes.filter(\.correct).count)
                }
            }
            guard let adminURL, dialect != .sqlite else {
                let spec = ConnectionSpec(path: directory.appendingPathComponent("\(dbId).sqlite").path)
                try await ask(try await harness.register(dbId: dbId, dialect: .sqlite, spec: spec))
                continue
            }
            let script = directory.appendingPathComponent("\(dbId).\(dialect.rawValue).sql").path
            guard FileManager.default.fileExists(atPath: script) else { throw ValidationError("missing \(script)") }
            let database = try await makeEvalDatabase(dialect, adminURL: adminURL, label: dbId)
            var source: String?
            do {
                try await database.load(scriptAt: script)
                let registered = try await harness.register(dbId: dbId, dialect: dialect, spec: ConnectionSpec(url: database.url))
                source = registered
                try await ask(registered)
            } catch {
                if let source { await harness.unregister(source) }
                await database.drop()
                throw error
            }
            if let source { await harness.unregister(source) }
            await database.drop()
        }
        progress.finish()
        return outcomes
    }
}
