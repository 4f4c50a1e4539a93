import Foundation
import QuerentCore
import QuerentSafety

/// Drops the inner joins a model wrote but never used.
///
/// Small models join every table they were shown ("the surface area of Asian countries" over
/// `country JOIN countrylanguage`), and an unused one-to-many join repeats rows, so sums and
/// lists come out wrong. A join is dropped only when the query is one plain SELECT (no
/// subquery, set operation, outer join, `*` or COUNT, whose meaning can depend on the repeated rows), the
/// join is `[INNER] JOIN table [AS alias] ON a.x = b.y`, and nothing outside its ON clause
/// names the joined table, its alias or one of its columns.
enum LLMJoinPruner {
    struct Result: Equatable {
        var sql: String
        /// The tables whose joins were dropped.
        var dropped: [String]
    }

    static func prune(_ sql: String, tables: [TableSchema]) -> Result {
        var sql = sql
        var dropped: [String] = []
        // one join at a time, from the last: dropping one can leave an earlier one unused
        while let join = unusedJoin(in: sql, tables: tables) {
            dropped.append(join.table)
            // the join goes with the whitespace before it; literals elsewhere stay as written
            var start = join.range.lowerBound
            while start > sql.startIndex, sql[sql.index(before: start)].isWhitespace { start = sql.index(before: start) }
            sql.replaceSubrange(start..<join.range.upperBound, with: "")
        }
        return Result(sql: sql, dropped: dropped)
    }

    private struct Join {
        var table: String
        var range: Range<String.Index>
    }

    private static let clauseEnds: Set<String> = [
        "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "NATURAL", "WHERE", "GROUP", "ORDER", "HAVING", "LIMIT", "UNION", "INTERSECT", "EXCEPT",
    ]

    private static func unusedJoin(in sql: String, tables: [TableSchema]) -> Join? {
        let tokens = SQLScanner.tokens(sql)
        let keywords = tokens.compactMap(\.keyword)
        guard keywords.filter({ $0 == "SELECT" }).count == 1, keywords.filter({ $0 == "FROM" }).count == 1,
            !keywords.contains(where: {
                ["UNION", "INTERSECT", "EXCEPT", "WITH", "COUNT", "USING", "NATURAL", "LEFT", "RIGHT", "FULL", "CROSS", "OUTER"].contains($0)
            }),
            !tokens.contains(where: { $0.isSymbol("*") }),
            let from = tokens.firstIndex(where: { $0.keyword == "FROM" })
        else { return nil }
        // the joins after FROM: [INNER] JOIN name [AS] [alias] ON left . col = right . col
        var joins: [(table: String, names: Set<String>, tokens: Range<Int>)] = []
        var position = from + 1
        func name(at index: Int) -> String? { tokens.indices.contains(index) && tokens[index].isName ? tokens[index].text : nil }
        guard name(at: position) != nil else { return nil }
        position += 1
        while position < tokens.count {
            guard let keyword = tokens[position].keyword else {
                position += 1
                continue
            }
            if keyword == "WHERE" || keyword == "GROUP" || keyword == "ORDER" || keyword == "HAVING" || keyword == "LIMIT" { break }
            guard keyword == "JOIN" || (keyword == "INNER" && tokens.indices.contains(position + 1) && tokens[position + 1].keyword == "JOIN") else {
                position += 1
                continue
            }
            let start = position
            position += keyword == "INNER" ? 2 : 1
            guard let table = name(at: position) else { return nil }
            var names: Set<String> = [table.lowercased()]
            position += 1
            if tokens.indices.contains(position), tokens[position].keyword == "AS" { position += 1 }
            if tokens.indices.contains(position), tokens[position].keyword != "ON", let alias = name(at: position) {
                names = [alias.lowercased()]
                position += 1
            }
            guard tokens.indices.contains(position), tokens[position].keyword == "ON" else { return nil }
            position += 1
            let condition = position
            while position < tokens.count, !(tokens[position].keyword.map(clauseEnds.contains) ?? false), !tokens[position].isSymbol(";") {
                position += 1
            }
            // exactly `a.x = b.y`
            let on = Array(tokens[condition..<position])
            guard on.count == 7, on[1].isSymbol("."), on[3].isSymbol("="), on[5].isSymbol("."),
                on.allSatisfy({ $0.kind != .string && $0.kind != .number })
            else { return nil }
            joins.append((table, names, start..<position))
        }
        for join in joins.reversed() {
            let table = join.table.lowercased()
            guard let schema = tables.first(where: { $0.tableName.lowercased() == table || $0.tableName.lowercased().hasSuffix("." + table) }) else {
                continue
            }
            let columns = Set(schema.columns.map { $0.name.lowercased() })
            var used = false
            for (index, token) in tokens.enumerated() where token.isName && !join.tokens.contains(index) {
                let key = token.text.lowercased()
                let qualifier = index > 0 && tokens[index - 1].isSymbol(".") ? tokens[index - 2].text.lowercased() : nil
                if join.names.contains(key), tokens.indices.contains(index + 1), tokens[index + 1].isSymbol(".") {
                    used = true
                    break
                }
                // an unqualified column the joined table has, or one qualified by its name
                if qualifier == nil, columns.contains(key) {
                    used = true
                    break
                }
            }
            if !used {
                return Join(
                    table: join.table,
                    range: tokens[join.tokens.lowerBound].range.lowerBound..<tokens[join.tokens.upperBound - 1].range.upperBound
                )
            }
        }
        return nil
    }
}
