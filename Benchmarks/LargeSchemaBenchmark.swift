import Foundation
import Logging
import QuerentApplication
import QuerentCore
import QuerentGeneration
import QuerentRuntime
import QuerentTesting

/// `querent-bench large-schema [--spider DIR] [--url postgres://…] [--max-tables 10] [--split tune|test|all] [--limit N] [--synthetic 10000] [--report FILE] [--state DIR]`
///
/// Builds one Postgres database holding every schema of Spider's `tables.json` (876 tables in
/// 166 schemas, one Postgres schema per database, names lower-cased, empty tables, primary keys,
/// and the foreign keys Postgres can declare: a key to a single-column primary key of the same
/// type), trains every table through the real pipeline (built-in generator, hashing embedder),
/// then asks each `dev.json` question of that one source and prints:
/// - recall: the share of questions whose every gold table is among the tables offered;
/// - in schema: the share of generated statements that read only tables of the question's schema;
/// - tables offered on average, and retrieval latency p50 / p95.
///
/// `--split` picks the questions: `tune` (the databases in even positions of the sorted dev
/// database list), `test` (odd positions; never tuned on) or `all`. `--synthetic N` also times
/// retrieval over N generated tables (200 schemas, no Postgres) instead of the Spider run when
/// N > 0. `--state DIR` keeps the built database and trained metadata in DIR for later runs.
/// Prints numbers only; it asserts nothing.
enum LargeSchemaBenchmark {
    static let usage =
        "querent-bench large-schema [--spider DIR] [--url postgres://…] [--max-tables 10] [--split tune|test|all] [--limit N] [--synthetic 10000] [--report FILE] [--state DIR]"

    static func run(_ arguments: [String]) async throws {
        let options = BenchmarkArguments(arguments)
        let maxTables = options.int("--max-tables") ?? 10
        var logger = Logger(label: "querent-bench")
        logger.logLevel = .error
        if let synthetic = options.int("--synthetic"), synthetic > 0 {
            return try await SyntheticCatalog.run(tables: synthetic, maxTables: maxTables, logger: logger)
        }
        let directory = options.value("--spider") ?? "../shared/benchmarks/spider-dev"
        let catalog = try SpiderCatalog(tablesAt: directory + "/tables.json")
        var questions = try SpiderCatalog.questions(at: directory + "/dev.json", catalog: catalog)
        let databases = Array(Set(questions.map(\.database))).sorted()
        switch options.value("--split") ?? "tune" {
        case "tune": questions = questions.filter { databases.firstIndex(of: $0.database)!.isMultiple(of: 2) }
        case "test": questions = questions.filter { !databases.firstIndex(of: $0.database)!.isMultiple(of: 2) }
        case "all": break
        default: throw BenchmarkError("--split is tune, test or all")
        }
        if let limit = options.int("--limit") { questions = Array(questions.prefix(limit)) }
        guard let url = options.value("--url") ?? TestEnvironment.postgresURL else {
            throw BenchmarkError("no Postgres: pass --url or set QUERENT_TEST_POSTGRES_URL (eval \"$(bash deploy/local-stack.sh env)\")")
        }

        // With --state DIR, the built database and the trained metadata are kept in DIR and reused
        // by later runs (retrieval changes need no retraining).
        let state = options.value("--state")
        let scratch = state ?? FileManager.default.temporaryDirectory.appendingPathComponent("querent-bench-\(UUID().uuidString)").path
        let saved = state.flatMap { try? JSONDecoder().decode(SavedState.self, from: Data(contentsOf: URL(fileURLWithPath: $0 + "/state.json"))) }
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        var configuration = QuerentConfiguration(
            metadataURL: scratch + "/metadata.sqlite",
            secretKey: saved?.secretKey ?? CredentialCipher.generateKey()
        )
        configuration.generators = [BuiltinSQLGenerator()]
        configuration.embedder = HashingEmbedder()
        configuration.maxRetrievedTables = maxTables
        let dependencies = try await Dependencies.make(configuration, logger: logger)
        let tenant = Tenant(userId: "bench", agentId: "bench")
        let source: DatabaseSource
        var database: ScratchDatabase?
        if let saved, let stored = try await dependencies.store.source(id: saved.sourceId, tenant: tenant) {
            source = stored.source
            print("reusing the trained catalog in \(scratch)")
        } else {
            let created = try await ScratchDatabase.create(prefix: "bench_spider_all", adminURL: url)
            database = created
            let built = ContinuousClock.now
            try await created.execute(catalog.statements)
            print(
                "built \(catalog.tableCount) tables in \(catalog.schemas.count) schemas (\(catalog.declaredKeys) foreign keys declared, "
                    + "\(catalog.undeclaredKeys) not declarable) in \(format((ContinuousClock.now - built).seconds)) s"
            )
            source = try await dependencies.registry.create(
                name: "spider",
                dialect: .postgres,
                spec: ConnectionSpec(url: created.url),
                tenant: tenant
            )
            let trainingStarted = ContinuousClock.now
            let training = dependencies.trainingPipeline()
            for table in catalog.canonicalTables {
                try await training.run(TrainingJob(sourceId: source.id, tableName: table, tenant: tenant, trainingType: .newTable), logger: logger)
            }
            print("trained \(catalog.tableCount) tables in \(format((ContinuousClock.now - trainingStarted).seconds)) s")
            if let state {
                let saved = SavedState(sourceId: source.id, secretKey: configuration.secretKey, databaseName: created.name)
                try JSONEncoder().encode(saved).write(to: URL(fileURLWithPath: state + "/state.json"))
            }
        }

        let result = try await score(
            questions,
            dependencies: dependencies,
            source: source,
            tenant: tenant,
            maxTables: maxTables,
            catalog: catalog,
            logger: logger
        )
        result.print(split: options.value("--split") ?? "tune", maxTables: maxTables)
        if let path = options.value("--report") {
            try result.report(to: path)
            print("report: \(path)")
        }
        await dependencies.close()
        if state == nil {
            try? FileManager.default.removeItem(atPath: scratch)
            await database?.drop()
        } else if let database {
            print("kept database \(database.name) and the metadata in \(scratch); drop the database when done")
        }
    }

    /// What `--state DIR` keeps between runs.
    struct SavedState: Codable {
        var sourceId: String
        var secretKey: String
        var databaseName: String
    }

    /// Asks every question (retrieval timed on its own, then the whole answer without execution).
    static func score(
        _ questions: [SpiderCatalog.Question],
        dependencies: Dependencies,
        source: DatabaseSource,
        tenant: Tenant,
        maxTables: Int,
        catalog: SpiderCatalog,
        logger: Logger
    ) async throws -> LargeSchemaResult {
        let retriever = dependencies.retriever()
        let pipeline = dependencies.queryPipeline()
        var result = LargeSchemaResult()
        for question in questions {
            let started = ContinuousClock.now
            let retrieved = try await retriever.retrieve(question: question.text, sourceId: source.id, tenant: tenant, maxTables: maxTables)
            result.latencies.append((ContinuousClock.now - started).seconds * 1_000)
            let offered = retrieved.map(\.schema.tableName)
            let sql = try await pipeline.ask(
                question: question.text,
                sourceId: source.id,
                tenant: tenant,
                execute: false,
                maxTables: maxTables,
                logger: logger
            )
            .generation.sql
            let schemas = catalog.schemas(readBy: sql)
            result.outcomes.append(
                LargeSchemaResult.Outcome(
                    database: question.database,
                    question: question.text,
                    gold: question.goldTables,
                    offered: offered,
                    reasons: retrieved.map(\.reason.rawValue),
                    sql: sql,
                    schemasRead: schemas.sorted()
                )
            )
        }
        return result
    }

    static func format(_ seconds: Double) -> String { String(format: "%.1f", seconds) }
}

/// What the large-schema run measured, per question and in total.
struct LargeSchemaResult {
    struct Outcome: Encodable {
        var database: String
        var question: String
        var gold: [String]
        var offered: [String]
        var reasons: [String]
        var sql: String
        var schemasRead: [String]

        var recalled: Bool { Set(gold).isSubset(of: Set(offered)) }
        var inSchema: Bool { schemasRead == [database] }
    }

    var outcomes: [Outcome] = []
    var latencies: [Double] = []

    func print(split: String, maxTables: Int) {
        let count = max(1, outcomes.count)
        let recalled = outcomes.filter(\.recalled).count
        let answered = outcomes.filter { !$0.sql.isEmpty }
        let inSchema = answered.filter(\.inSchema).count
        let offered = Double(outcomes.map(\.offered.count).reduce(0, +)) / Double(count)
        let sorted = latencies.sorted()
        func percentile(_ p: Double) -> Double { sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
        Swift.print("split \(split), \(outcomes.count) questions, max_tables \(maxTables)")
        Swift.print(
            String(
                format: "every gold table offered: %.1f%% (%d), %.1f tables offered on average",
                100 * Double(recalled) / Double(count),
                recalled,
                offered
            )
        )
        Swift.print(
            String(
                format: "SQL inside the question's schema: %.1f%% (%d of %d with SQL; %d without SQL)",
                100 * Double(inSchema) / Double(max(1, answered.count)),
                inSchema,
                answered.count,
                outcomes.count - answered.count
            )
        )
        Swift.print(String(format: "retrieval latency p50 %.1f ms, p95 %.1f ms", percentile(0.5), percentile(0.95)))
        var byDatabase: [String: (Int, Int)] = [:]
        for outcome in outcomes {
            byDatabase[outcome.database, default: (0, 0)].0 += outcome.recalled ? 1 : 0
            byDatabase[outcome.database, default: (0, 0)].1 += 1
        }
        Swift.print(
            "recall by database: " + byDatabase.keys.sorted().map { "\($0) \(byDatabase[$0]!.0)/\(byDatabase[$0]!.1)" }.joined(separator: ", ")
        )
    }

    func report(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(outcomes).write(to: URL(fileURLWithPath: path))
    }
}

/// Spider's `tables.json` as one Postgres database: the DDL, the canonical table names, and the
/// gold tables of each `dev.json` question.
struct SpiderCatalog {
    struct Question {
        var database: String
        var text: String
        /// Canonical names (`schema.table`) of the tables the gold SQL reads.
        var goldTables: [String]
    }

    private struct Entry: Decodable {
        var db_id: String
        var table_names_original: [String]
        var column_names_original: [[ColumnPart]]
        var column_types: [String]
        var primary_keys: [KeyPart]
        var foreign_keys: [[Int]]
    }

    private enum ColumnPart: Decodable {
        case index(Int)
        case name(String)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let index = try? container.decode(Int.self) { self = .index(index) } else { self = .name(try container.decode(String.self)) }
        }
    }

    /// A primary key entry: one column, or (newer releases) the columns of a composite key.
    private enum KeyPart: Decodable {
        case one(Int)
        case many([Int])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let index = try? container.decode(Int.self) { self = .one(index) } else { self = .many(try container.decode([Int].self)) }
        }

        var columns: [Int] {
            switch self {
            case .one(let index): return [index]
            case .many(let indexes): return indexes
            }
        }
    }

    private(set) var statements: [String] = []
    private(set) var canonicalTables: [String] = []
    private(set) var schemas: Set<String> = []
    private(set) var declaredKeys = 0
    private(set) var undeclaredKeys = 0
    /// Per database: the canonical name of each table index (nil for a duplicate name dropped).
    private var tableNames: [String: [String?]] = [:]

    var tableCount: Int { canonicalTables.count }

    init(tablesAt path: String) throws {
        let entries = try JSONDecoder().decode([Entry].self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        var foreignKeys: [String] = []
        for entry in entries {
            let schema = entry.db_id.lowercased()
            guard schemas.insert(schema).inserted else { continue }
            statements.append("CREATE SCHEMA \(Self.quote(schema))")
            var names: [String?] = []
            var columns: [[(name: String, type: String, index: Int)]] = Array(repeating: [], count: entry.table_names_original.count)
            for (index, column) in entry.column_names_original.enumerated() {
                guard case .index(let table) = column.first, table >= 0, case .name(let name) = column.last else { continue }
                let lowered = name.lowercased()
                if !columns[table].contains(where: { $0.name == lowered }) {
                    columns[table].append((lowered, Self.type(entry.column_types[index]), index))
                }
            }
            let keys = entry.primary_keys.map(\.columns)
            var primaryKey: [Int: [Int]] = [:]
            for key in keys {
                guard case .index(let table) = entry.column_names_original[key[0]].first else { continue }
                primaryKey[table, default: []] += key
            }
            for (table, original) in entry.table_names_original.enumerated() {
                let name = original.lowercased()
                guard !names.contains(name), !columns[table].isEmpty else {
                    names.append(nil)
                    continue
                }
                names.append(name)
                canonicalTables.append(schema + "." + name)
                var definitions = columns[table].map { "\(Self.quote($0.name)) \($0.type)" }
                let keyColumns = (primaryKey[table] ?? []).compactMap { index in columns[table].first { $0.index == index }?.name }
                if !keyColumns.isEmpty { definitions.append("PRIMARY KEY (" + keyColumns.map(Self.quote).joined(separator: ", ") + ")") }
                statements.append("CREATE TABLE \(Self.quote(schema)).\(Self.quote(name)) (" + definitions.joined(separator: ", ") + ")")
            }
            for pair in entry.foreign_keys where pair.count == 2 {
                guard case .index(let from) = entry.column_names_original[pair[0]].first,
                    case .index(let to) = entry.column_names_original[pair[1]].first,
                    let fromTable = names[from], let toTable = names[to],
                    let fromColumn = columns[from].first(where: { $0.index == pair[0] }),
                    let toColumn = columns[to].first(where: { $0.index == pair[1] })
                else { continue }
                // Declarable: the target is the whole primary key of its table and the types agree.
                guard primaryKey[to] == [pair[1]], fromColumn.type == toColumn.type else {
                    undeclaredKeys += 1
                    continue
                }
                declaredKeys += 1
                foreignKeys.append(
                    "ALTER TABLE \(Self.quote(schema)).\(Self.quote(fromTable)) ADD FOREIGN KEY (\(Self.quote(fromColumn.name))) "
                        + "REFERENCES \(Self.quote(schema)).\(Self.quote(toTable)) (\(Self.quote(toColumn.name)))"
                )
            }
            tableNames[schema] = names.map { $0.map { schema + "." + $0 } }
        }
        statements += foreignKeys
    }

    /// The dev questions of databases in the catalog, with the tables their gold SQL reads.
    static func questions(at path: String, catalog: SpiderCatalog) throws -> [Question] {
        let items = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [[String: Any]] ?? []
        return items.compactMap { item in
            guard let database = (item["db_id"] as? String)?.lowercased(), let text = item["question"] as? String,
                let names = catalog.tableNames[database]
            else { return nil }
            var indexes: Set<Int> = []
            collectTableUnits(item["sql"] as Any, into: &indexes)
            let gold = indexes.compactMap { $0 < names.count ? names[$0] : nil }
            return gold.isEmpty ? nil : Question(database: database, text: text, goldTables: gold.sorted())
        }
    }

    /// Every `["table_unit", index]` in Spider's parsed SQL, subqueries included.
    private static func collectTableUnits(_ node: Any, into indexes: inout Set<Int>) {
        if let array = node as? [Any] {
            if array.count == 2, array[0] as? String == "table_unit", let index = array[1] as? Int {
                indexes.insert(index)
                return
            }
            for element in array { collectTableUnits(element, into: &indexes) }
        } else if let object = node as? [String: Any] {
            for value in object.values { collectTableUnits(value, into: &indexes) }
        }
    }

    /// The catalog's schemas that `sql` names as the qualifier of a table (`schema.table`,
    /// quoted or not).
    func schemas(readBy sql: String) -> Set<String> {
        var found: Set<String> = []
        let characters = Array(sql)
        var index = 0
        var previous: String?
        while index < characters.count {
            let character = characters[index]
            if character == "'" {
                index += 1
                while index < characters.count, characters[index] != "'" { index += 1 }
                index += 1
                previous = nil
            } else if character == "\"" || character.isLetter || character == "_" {
                var word = ""
                if character == "\"" {
                    index += 1
                    while index < characters.count, characters[index] != "\"" {
                        word.append(characters[index])
                        index += 1
                    }
                    index += 1
                } else {
                    while index < characters.count, characters[index].isLetter || characters[index].isNumber || characters[index] == "_" {
                        word.append(characters[index])
                        index += 1
                    }
                }
                if let qualifier = previous, schemas.contains(qualifier.lowercased()) { found.insert(qualifier.lowercased()) }
                previous = index < characters.count && characters[index] == "." ? word : nil
                if previous != nil { index += 1 }
            } else {
                previous = nil
                index += 1
            }
        }
        return found
    }

    private static func type(_ spider: String) -> String {
        switch spider {
        case "number": return "numeric"
        case "time": return "timestamp"
        case "boolean": return "boolean"
        default: return "text"
        }
    }

    private static func quote(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
