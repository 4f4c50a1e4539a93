import Foundation
import QuerentCore

/// Compares query results the way text-to-SQL execution accuracy is scored: rows as a
/// multiset (in order when the gold SQL sorts), `1` equal to `1.0`, floats to 4 decimals.
public enum ResultComparer {
    /// Whether `predicted` matches `gold`.
    /// - Parameter ordered: compare row order too (the gold SQL has a top-level ORDER BY).
    public static func matches(predicted: [[JSONValue]], gold: [[JSONValue]], ordered: Bool) -> Bool {
        guard predicted.count == gold.count else { return false }
        let left = predicted.map(normalize)
        let right = gold.map(normalize)
        if ordered { return left == right }
        return multiset(left) == multiset(right)
    }

    /// A row as comparable text, column order kept.
    static func normalize(_ row: [JSONValue]) -> String {
        row.map(normalize).joined(separator: "\u{1F}")
    }

    static func normalize(_ value: JSONValue) -> String {
        switch value {
        case .null: return "NULL"
        case .bool(let value): return value ? "1" : "0"
        case .int(let value): return String(value)
        case .double(let value): return number(value)
        case .string(let value):
            // Numbers stored as text compare as numbers.
            if let number = Double(value), value.first.map({ $0.isNumber || $0 == "-" }) == true, !value.contains(" ") {
                return self.number(number)
            }
            return value
        case .array, .object: return value.text
        }
    }

    static func number(_ value: Double) -> String {
        guard value.isFinite else { return String(value) }
        let rounded = (value * 10_000).rounded() / 10_000
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
        return String(format: "%.4f", rounded)
    }

    private static func multiset(_ rows: [String]) -> [String: Int] {
        rows.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }

    /// Whether `sql` sorts its final result (a top-level `ORDER BY`, outside parentheses).
    public static func hasTopLevelOrderBy(_ sql: String) -> Bool {
        var depth = 0
        var quote: Character?
        var text = ""
        for character in sql {
            if let open = quote {
                if character == open { quote = nil }
                continue
            }
            switch character {
            case "'", "\"", "`": quote = character
            case "(": depth += 1
            case ")": depth = max(0, depth - 1)
            default: if depth == 0 { text.append(character) }
            }
        }
        return text.lowercased().range(of: #"order\s+by"#, options: .regularExpression) != nil
    }
}
