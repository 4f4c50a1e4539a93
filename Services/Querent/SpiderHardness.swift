import Foundation

/// Spider's difficulty levels, computed from the gold SQL's shape as the official evaluation
/// does: counts of clause components (WHERE, GROUP BY, ORDER BY, LIMIT, JOIN, OR, LIKE), of
/// set operations and nesting, and of "other" features (several aggregates, select columns,
/// conditions or group keys).
public enum SpiderHardness: String, Codable, Sendable, CaseIterable {
    case easy, medium, hard, extra

    public init(sql: String) {
        let lower = " " + sql.lowercased().replacingOccurrences(of: "\n", with: " ") + " "
        func count(_ pattern: String) -> Int {
            (try? NSRegularExpression(pattern: pattern))?.numberOfMatches(in: lower, range: NSRange(lower.startIndex..., in: lower)) ?? 0
        }
        let nested = max(0, count(#"\(\s*select\b"#))
        let component1 =
            min(count(#"\bwhere\b"#), 1 + nested) + min(count(#"\bgroup\s+by\b"#), 1) + min(count(#"\border\s+by\b"#), 1)
            + min(count(#"\blimit\b"#), 1) + count(#"\bjoin\b"#) + count(#"\bor\b"#) + count(#"\blike\b"#)
        let component2 = count(#"\bexcept\b"#) + count(#"\bunion\b"#) + count(#"\bintersect\b"#) + nested
        let aggregates = count(#"\b(count|sum|avg|min|max)\s*\("#)
        let selectList = Self.selectColumnCount(lower)
        let conditions = count(#"\b(and)\b"#) + (count(#"\bwhere\b"#) > 0 ? 1 : 0)
        let groupKeys = Self.groupKeyCount(lower)
        var others = 0
        if aggregates > 1 { others += 1 }
        if selectList > 1 { others += 1 }
        if conditions > 1 { others += 1 }
        if groupKeys > 1 { others += 1 }

        if component1 <= 1 && others == 0 && component2 == 0 {
            self = .easy
        } else if (others <= 2 && component1 <= 1 && component2 == 0) || (component1 <= 2 && others < 2 && component2 == 0) {
            self = .medium
        } else if (others > 2 && component1 <= 2 && component2 == 0) || (component1 > 2 && component1 <= 3 && others <= 2 && component2 == 0)
            || (component1 <= 1 && others == 0 && component2 <= 1)
        {
            self = .hard
        } else {
            self = .extra
        }
    }

    private static func selectColumnCount(_ sql: String) -> Int {
        guard let select = sql.range(of: "select "), let from = sql.range(of: " from ", range: select.upperBound..<sql.endIndex) else { return 1 }
        return topLevelCommas(in: sql[select.upperBound..<from.lowerBound]) + 1
    }

    private static func groupKeyCount(_ sql: String) -> Int {
        guard let group = sql.range(of: "group by ") else { return 0 }
        var rest = sql[group.upperBound...]
        for stop in [" having ", " order by ", " limit ", ")"] {
            if let range = rest.range(of: stop) { rest = rest[..<range.lowerBound] }
        }
        return topLevelCommas(in: rest) + 1
    }

    private static func topLevelCommas(in text: Substring) -> Int {
        var depth = 0
        var commas = 0
        for character in text {
            if character == "(" { depth += 1 } else if character == ")" { depth -= 1 } else if character == ",", depth == 0 { commas += 1 }
        }
        return commas
    }
}
