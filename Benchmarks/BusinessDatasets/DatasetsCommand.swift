import Foundation
import QuerentApplication
import QuerentCore
import QuerentRuntime
import QuerentTesting

/// `querent-bench datasets --out DIR [--postgres URL] [--mysql URL] [--questions DIR]`
///
/// Writes the business benchmark as a Spider-format dataset directory:
/// `DIR/database/<db>/<db>.sqlite`, `DIR/database/<db>/<db>.postgres.sql` and
/// `<db>.mysql.sql` (DDL and INSERTs, one statement per `;`-terminated block, loadable with
/// `psql -f` / `mysql <`), `DIR/dev.json` and
/// `DIR/test.json` (the fixed split of ``BusinessDatasets/isDev(index:)``). Every gold query
/// runs on SQLite and must return rows unless its question says `expect_empty` (and then
/// must return none). With `--postgres` (an admin URL whose role may CREATE DATABASE), each
/// database is also loaded into a fresh Postgres database, every Postgres gold query runs
/// there, and both dialects must return the same rows (``ParityComparer``; in order when the
/// gold SQL has a top-level ORDER BY). `--mysql` (a MySQL/MariaDB admin URL whose user may
/// CREATE DATABASE) does the same with the MySQL gold. Prints one line per database; exits
/// non-zero on any failure.
enum DatasetsCommand {
    static let usage = "querent-bench datasets --out DIR [--postgres URL] [--mysql URL] [--questions DIR]"

    static let limits = QueryLimits(timeoutMilliseconds: 60_000, maxRows: 100_000)

    static func run(_ arguments: [String]) async throws {
        func value(_ name: String) -> String? {
            guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
            return arguments[index + 1]
        }
        guard let out = value("--out") else { throw BenchmarkError("usage: \(usage)") }
        let postgres = value("--postgres")
        let mysql = value("--mysql")
        let questionsDirectory = value("--questions").map { URL(fileURLWithPath: $0) } ?? BusinessDatasets.questionsDirectory
        let root = URL(fileURLWithPath: out)

        var dev: [BusinessQuestion] = []
        var test: [BusinessQuestion] = []
        var failures: [String] = []
        for (id, make) in BusinessDatasets.all {
            let database = make()
            let directory = root.appendingPathComponent("database/\(id)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let sqlitePath = directory.appendingPathComponent("\(id).sqlite").path
            for suffix in ["", "-journal", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: sqlitePath + suffix) }
            try SQLiteScriptFixture.write(database.sqliteScript, to: sqlitePath)
            try Data(database.postgresScript.utf8).write(to: directory.appendingPathComponent("\(id).postgres.sql"))
            try Data(database.mysqlScript.utf8).write(to: directory.appendingPathComponent("\(id).mysql.sql"))

            let questions = try BusinessQuestion.load(questionsDirectory.appendingPathComponent("\(id).json"))
            for (index, question) in questions.enumerated() {
                if question.dbId != id { failures.append("\(id) #\(index): db_id is \(question.dbId)") }
                if BusinessDatasets.isDev(index: index) { dev.append(question) } else { test.append(question) }
            }
            let devCount = questions.indices.filter(BusinessDatasets.isDev).count

            var line =
                "\(id.padding(toLength: 14, withPad: " ", startingAt: 0)) \(database.tables.count) tables \(database.rowCount) rows  "
                + "\(questions.count) questions (\(devCount) dev, \(questions.count - devCount) test)"
            let sqlite = try await DriverConnector().connect(dialect: .sqlite, spec: ConnectionSpec(path: sqlitePath))
            var sqliteRows: [[[JSONValue]]?] = []
            var empty = 0
            for (index, question) in questions.enumerated() {
                do {
                    let rows = try await sqlite.execute(question.query, limits: limits).rows
                    sqliteRows.append(rows)
                    if rows.isEmpty { empty += 1 }
                    if rows.isEmpty != (question.expectEmpty ?? false) {
                        failures.append(
                            "\(id) #\(index) sqlite: \(rows.count) rows, expect_empty \(question.expectEmpty ?? false): \(question.question)"
                        )
                    }
                } catch {
                    sqliteRows.append(nil)
                    failures.append("\(id) #\(index) sqlite: \(error)\n    \(question.question)\n    \(question.query)")
                }
            }
            await sqlite.close()
            line += "  sqlite \(sqliteRows.compactMap { $0 }.count) ran (\(empty) empty)"

            if let postgres {
                let scratch = try await ScratchDatabase.create(prefix: "biz_\(id)", adminURL: postgres)
                do {
                    try await scratch.execute(database.postgresStatements)
                    line += try await parity(.postgres, url: scratch.url, id: id, questions: questions, expected: sqliteRows, failures: &failures)
                } catch {
                    await scratch.drop()
                    throw error
                }
                await scratch.drop()
            }
            if let mysql {
                let scratch = try await MySQLScratchDatabase.create(prefix: "biz_\(id)", adminURL: mysql)
                do {
                    try await scratch.execute(database.mysqlStatements)
                    line += try await parity(.mysql, url: scratch.url, id: id, questions: questions, expected: sqliteRows, failures: &failures)
                } catch {
                    await scratch.drop()
                    throw error
                }
                await scratch.drop()
            }
            print(line)
        }
        try BusinessQuestion.write(dev, to: root.appendingPathComponent("dev.json"))
        try BusinessQuestion.write(test, to: root.appendingPathComponent("test.json"))
        print("wrote \(root.path): \(dev.count) dev and \(test.count) test questions")
        if !failures.isEmpty {
            print("\n\(failures.count) failure(s):")
            for failure in failures { print("- " + failure) }
            throw BenchmarkError("\(failures.count) gold check(s) failed")
        }
    }

    /// Runs every question's gold SQL of `dialect` on the database at `url` and compares its
    /// rows with SQLite's (`expected`, nil where SQLite failed); returns the summary for the line.
    private static func parity(
        _ dialect: Dialect,
        url: String,
        id: String,
        questions: [BusinessQuestion],
        expected: [[[JSONValue]]?],
        failures: inout [String]
    ) async throws -> String {
        let driver = try await DriverConnector().connect(dialect: dialect, spec: ConnectionSpec(url: url))
        var ran = 0
        var same = 0
        for (index, question) in questions.enumerated() {
            let gold = question.gold(dialect)
            do {
                let rows = try await driver.execute(gold, limits: limits).rows
                ran += 1
                guard let expected = expected[index] else { continue }
                let ordered = ResultComparer.hasTopLevelOrderBy(question.query) || ResultComparer.hasTopLevelOrderBy(gold)
                if ParityComparer.same(expected, rows, ordered: ordered) {
                    same += 1
                } else {
                    let (onlySQLite, onlyOther) = ParityComparer.difference(expected, rows)
                    failures.append(
                        "\(id) #\(index) \(dialect.rawValue) parity (\(expected.count) vs \(rows.count) rows\(ordered ? ", ordered" : "")): \(question.question)\n"
                            + "    only sqlite   \(onlySQLite.prefix(5))\n    only \(dialect.rawValue) \(onlyOther.prefix(5))\n    \(gold)"
                    )
                }
            } catch {
                failures.append("\(id) #\(index) \(dialect.rawValue): \(error)\n    \(question.question)\n    \(gold)")
            }
        }
        await driver.close()
        return "  \(dialect.rawValue) \(ran) ran, \(same) same rows"
    }
}
