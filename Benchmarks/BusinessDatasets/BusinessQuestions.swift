import Foundation
import QuerentApplication
import QuerentCore

/// The five databases, in the fixed order of the dataset files.
enum BusinessDatasets {
    static let all: [(id: String, make: @Sendable () -> BusinessDatabase)] = [
        (SaaSBillingDataset.id, SaaSBillingDataset.make),
        (HRPayrollDataset.id, HRPayrollDataset.make),
        (LogisticsDataset.id, LogisticsDataset.make),
        (ClinicDataset.id, ClinicDataset.make),
        (MarketplaceDataset.id, MarketplaceDataset.make),
    ]

    /// `Benchmarks/BusinessDatasets/questions`, next to this file.
    static var questionsDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("questions")
    }

    /// The fixed split, never to change: within each database's file, the question at
    /// 0-based index `i` is in dev when `i % 5` is 0 or 2, else in test (40% / 60%).
    static func isDev(index: Int) -> Bool { index % 5 == 0 || index % 5 == 2 }
}

/// One question in Spider format, with the Postgres and MySQL gold when it differs.
struct BusinessQuestion: Codable {
    var question: String
    /// The gold SQL for SQLite (and for Postgres or MySQL when their own is nil).
    var query: String
    var queryPostgres: String?
    /// The gold SQL for MySQL/MariaDB (sessions in ``QuerentMySQL/MySQLDriver/sessionSQLMode``:
    /// double quotes are identifiers, `||` concatenates) when it differs from ``query``.
    var queryMySQL: String?
    var dbId: String
    /// The gold result is empty on purpose (the question expects no rows).
    var expectEmpty: Bool?

    enum CodingKeys: String, CodingKey {
        case question, query
        case queryPostgres = "query_postgres"
        case queryMySQL = "query_mysql"
        case dbId = "db_id"
        case expectEmpty = "expect_empty"
    }

    /// The gold SQL for `dialect`.
    func gold(_ dialect: Dialect) -> String {
        switch dialect {
        case .sqlite: return query
        case .postgres: return queryPostgres ?? query
        case .mysql: return queryMySQL ?? query
        }
    }

    static func load(_ url: URL) throws -> [BusinessQuestion] {
        try JSONDecoder().decode([BusinessQuestion].self, from: Data(contentsOf: url))
    }

    static func write(_ questions: [BusinessQuestion], to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(questions).write(to: url)
    }
}

/// Rows of the two dialects, compared as multisets (or in order) of stringified values:
/// numbers rounded to 2 decimals, booleans as 0/1, `T` in timestamps as a space.
enum ParityComparer {
    static func rows(_ rows: [[JSONValue]]) -> [String] {
        rows.map { $0.map(value).joined(separator: " | ") }
    }

    static func value(_ value: JSONValue) -> String {
        switch value {
        case .null: return "NULL"
        case .bool(let flag): return flag ? "1" : "0"
        case .int(let number): return String(number)
        case .double(let number): return self.number(number)
        case .string(let text):
            if let number = Double(text), text.first.map({ $0.isNumber || $0 == "-" }) == true, !text.contains(" ") {
                return self.number(number)
            }
            if text.count == 19, text.dropFirst(10).first == "T", text.dropFirst(4).first == "-" {
                return text.replacingOccurrences(of: "T", with: " ")
            }
            return text
        case .array, .object: return value.text
        }
    }

    /// Rounded half away from zero to 2 decimals. The nudge of 1e-5 hundredths makes a binary
    /// double just below a half (SQLite's 5399.4649999…) round like the exact decimal
    /// (Postgres numeric 5399.465).
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return String(value) }
        let scaled = value * 100
        let rounded = (scaled + (scaled < 0 ? -1e-5 : 1e-5)).rounded() / 100
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
        let cents = Int64((abs(rounded) * 100).rounded())
        return (rounded < 0 ? "-" : "") + String(cents / 100) + "." + pad(Int(cents % 100), 2)
    }

    /// The rows of each side missing from the other (as multisets; both empty when only the order differs).
    static func difference(_ left: [[JSONValue]], _ right: [[JSONValue]]) -> ([String], [String]) {
        var counts: [String: Int] = [:]
        for row in rows(left) { counts[row, default: 0] += 1 }
        for row in rows(right) { counts[row, default: 0] -= 1 }
        let onlyLeft = counts.filter { $0.value > 0 }.flatMap { Array(repeating: $0.key, count: $0.value) }.sorted()
        let onlyRight = counts.filter { $0.value < 0 }.flatMap { Array(repeating: $0.key, count: -$0.value) }.sorted()
        return (onlyLeft, onlyRight)
    }

    static func same(_ left: [[JSONValue]], _ right: [[JSONValue]], ordered: Bool) -> Bool {
        let a = rows(left)
        let b = rows(right)
        return ordered ? a == b : a.sorted() == b.sorted()
    }
}
