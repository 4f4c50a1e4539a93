import Foundation
import QuerentCore

/// One question of a Spider-format file.
struct EvalQuestion: Decodable {
    var dbId: String
    var question: String
    /// The gold SQL (SQLite, and every dialect without its own).
    var query: String
    /// The gold SQL for Postgres when it differs from ``query`` (dates, booleans).
    var queryPostgres: String?
    /// The gold SQL for MySQL/MariaDB when it differs from ``query`` (date functions).
    var queryMySQL: String?

    enum CodingKeys: String, CodingKey {
        case dbId = "db_id"
        case question, query
        case queryPostgres = "query_postgres"
        case queryMySQL = "query_mysql"
    }

    /// The gold SQL for `dialect`.
    func gold(for dialect: Dialect) -> String {
        switch dialect {
        case .sqlite: return query
        case .postgres: return queryPostgres ?? query
        case .mysql: return queryMySQL ?? query
        }
    }

    /// The lower-cased table names after FROM and JOIN in `sql`, bare or double-quoted
    /// (`"OrderLine"`), without the names of its common table expressions (`WITH t AS (…)`);
    /// gold SQL names its tables plainly, without schema.
    static func tables(in sql: String) -> Set<String> {
        names(#"(?i)\b(?:from|join)\s+(?:"([^"]+)"|([A-Za-z_][A-Za-z0-9_]*))"#, in: sql)
            .subtracting(names(#"(?i)(?:\bwith|,)\s+(?:"([^"]+)"|([A-Za-z_][A-Za-z0-9_]*))\s+as\s*\("#, in: sql))
    }

    /// The lower-cased first or second capture group of each match of `pattern`.
    private static func names(_ pattern: String, in sql: String) -> Set<String> {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(sql.startIndex..., in: sql)
        return Set(
            regex.matches(in: sql, range: range).compactMap { match in
                (Range(match.range(at: 1), in: sql) ?? Range(match.range(at: 2), in: sql)).map { sql[$0].lowercased() }
            }
        )
    }
}

/// How one question went.
struct EvalOutcome: Codable {
    var dbId: String
    var question: String
    var gold: String
    var pred: String
    var correct: Bool
    var confidence: Double
    var retrieved: [String]
    var retrievalHit: Bool
    var ms: Double
    var hardness: SpiderHardness
    var goldEmpty: Bool
    var error: String?

    enum CodingKeys: String, CodingKey {
        case dbId = "db_id"
        case question, gold, pred, correct, confidence, retrieved
        case retrievalHit = "retrieval_hit"
        case ms, hardness
        case goldEmpty = "gold_empty"
        case error
    }
}

/// The figures printed at the end and written to the report.
struct EvalSummary: Codable {
    var generator: String
    var dialect: String
    var k: Int
    var questions: Int
    var accuracy: Double
    var byDatabase: [String: Double]
    var byHardness: [String: Double]
    var retrievalRecall: Double
    var meanConfidenceRight: Double
    var meanConfidenceWrong: Double
    var latencyP50Ms: Double
    var latencyP95Ms: Double
    var emptyGold: Int

    enum CodingKeys: String, CodingKey {
        case generator, dialect, k, questions, accuracy
        case byDatabase = "by_database"
        case byHardness = "by_hardness"
        case retrievalRecall = "retrieval_recall"
        case meanConfidenceRight = "mean_confidence_right"
        case meanConfidenceWrong = "mean_confidence_wrong"
        case latencyP50Ms = "latency_p50_ms"
        case latencyP95Ms = "latency_p95_ms"
        case emptyGold = "empty_gold"
    }

    init(outcomes: [EvalOutcome], k: Int, generator: String, dialect: Dialect = .sqlite) {
        func rate(_ list: [EvalOutcome]) -> Double { list.isEmpty ? 0 : Double(list.filter(\.correct).count) / Double(list.count) }
        func mean(_ values: [Double]) -> Double { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) }
        self.generator = generator
        self.dialect = dialect.rawValue
        self.k = k
        questions = outcomes.count
        accuracy = rate(outcomes)
        byDatabase = Dictionary(grouping: outcomes, by: \.dbId).mapValues(rate)
        byHardness = Dictionary(grouping: outcomes, by: { $0.hardness.rawValue }).mapValues(rate)
        retrievalRecall = outcomes.isEmpty ? 0 : Double(outcomes.filter(\.retrievalHit).count) / Double(outcomes.count)
        meanConfidenceRight = mean(outcomes.filter(\.correct).map(\.confidence))
        meanConfidenceWrong = mean(outcomes.filter { !$0.correct }.map(\.confidence))
        let latencies = outcomes.map(\.ms).sorted()
        func percentile(_ p: Double) -> Double { latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
        latencyP50Ms = percentile(0.5)
        latencyP95Ms = percentile(0.95)
        emptyGold = outcomes.filter(\.goldEmpty).count
    }

    var text: String {
        func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
        var lines = [
            "",
            "generator \(generator), k=\(k)\(dialect == Dialect.sqlite.rawValue ? "" : ", " + dialect): \(questions) questions",
            "execution accuracy   \(percent(accuracy))",
            "retrieval recall@\(k)   \(percent(retrievalRecall))",
            String(format: "confidence           right %.2f, wrong %.2f", meanConfidenceRight, meanConfidenceWrong),
            String(format: "latency              p50 %.1f ms, p95 %.1f ms", latencyP50Ms, latencyP95Ms),
            "gold results empty   \(emptyGold) question(s) (an empty prediction matches them)",
            "by hardness:",
        ]
        for level in SpiderHardness.allCases {
            if let value = byHardness[level.rawValue] {
                lines.append("  \(level.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(percent(value))")
            }
        }
        lines.append("by database:")
        for (db, value) in byDatabase.sorted(by: { $0.key < $1.key }) {
            lines.append("  \(db.padding(toLength: 30, withPad: " ", startingAt: 0)) \(percent(value))")
        }
        return lines.joined(separator: "\n")
    }
}

struct EvalReport: Codable {
    var questions: [EvalOutcome]
    var summary: EvalSummary
}

/// A one-line progress bar on standard error.
final class ProgressBar {
    let total: Int

    init(total: Int) {
        self.total = total
    }

    func update(done: Int, label: String, correct: Int) {
        let width = 30
        let filled = total == 0 ? width : width * done / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let accuracy = done == 0 ? 0 : Double(correct) * 100 / Double(done)
        let line = "\r[\(bar)] \(done)/\(total)  \(label)  acc " + String(format: "%.1f%%   ", accuracy)
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
