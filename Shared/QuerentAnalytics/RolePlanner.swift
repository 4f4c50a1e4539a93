import Foundation
import QuerentCore
import QuerentDialects
import QuerentSchemaLinking

/// Questions about a self-reference by its role: "list the employees and their managers",
/// "who is Ana Silva's manager", "who reports to Marcus Weber", "who referred Tom Hughes".
/// The semantic model names the role of each self-referencing foreign key (`manager_id` →
/// manager); this planner writes the self-join in one of three directions.
package struct RolePlanner: Sendable {
    let index: SchemaIndex
    let model: SemanticModel
    let tokens: [QuestionToken]
    let link: SchemaLinker.Result
    let rules: DialectRules

    package init(index: SchemaIndex, model: SemanticModel, tokens: [QuestionToken], link: SchemaLinker.Result, dialect: Dialect) {
        self.index = index
        self.model = model
        self.tokens = tokens
        self.link = link
        rules = dialect.rules
    }

    /// Words after which a named person is the one referred to ("reports to X", "managed by X").
    static let towardWords: Set<String> = ["to", "under", "by", "for"]
    /// Verbs that speak of a reporting line without naming the role ("reports to", "works
    /// under", "managed by").
    static let reportingVerbs: Set<String> = [
        "report", "reports", "reporting", "reported", "managed", "supervised", "led", "works", "work", "working",
    ]

    /// The SQL, the tables it reads and what was understood; nil when the question names no
    /// role of a self-reference.
    package func plan() -> (sql: String, tables: [String], note: String)? {
        let words = tokens.map(\.lower)
        // Words inside a linked value ("the title Regional Sales Manager") name no role.
        let valueWords = Set(link.chosen.filter(\.isValue).flatMap { Array($0.range) })
        for relation in model.relationships where relation.table == relation.referencesTable && relation.columns.count == 1 {
            guard let role = relation.role else { continue }
            // the role ("referrer") and the column's own words ("referred")
            let roleWords =
                role.split(separator: " ").map(String.init)
                + SchemaIndex.identifierWords(relation.columns[0]).filter { !["id", "key", "fk", "by", "to", "of"].contains($0) }
            guard let table = index.tables.firstIndex(where: { $0.name == relation.table }),
                let foreign = index.columnIndex(table, named: relation.columns[0]),
                let key = index.columnIndex(table, named: relation.referencesColumns.first ?? ""),
                let rolePosition = words.indices.first(where: { position in
                    !valueWords.contains(position) && roleWords.contains { Lexicon.similarity(identifier: $0, question: words[position]) >= 0.85 }
                })
                    ?? words.indices.first(where: { position in
                        // "reports to", "works under", "managed by": a reporting line
                        Self.reportingVerbs.contains(words[position])
                            && (position + 1..<min(words.count, position + 3)).contains { Self.towardWords.contains(words[$0]) }
                    })
            else { continue }
            // a reporting verb alone ("customers who work for a company") speaks of this table's
            // rows only when the question names no other table
            let byVerb = !roleWords.contains { Lexicon.similarity(identifier: $0, question: words[rolePosition]) >= 0.85 }
            if byVerb, link.chosen.contains(where: { mention in mention.isTable && mention.tables.first.map { $0.table != table } == true }) {
                continue
            }
            // the people the question names, by their display columns ("contractors" is a
            // value of another column: a filter, not a person)
            let display = displayColumns(table)
            let named = link.chosen.filter { $0.isValue && $0.score >= 0.8 }.compactMap { mention -> (column: Int, value: String, position: Int)? in
                guard case .value(let t, let c, let value)? = mention.best?.target, t == table, display.contains(c) else { return nil }
                return (c, value, mention.range.lowerBound)
            }
            func shown(_ alias: String) -> String {
                let parts = display.map { alias + "." + rules.quoting.identifier(index.tables[table].columns[$0].name) }
                return parts.count > 1 ? rules.generation.joinedWithSpaces(parts) : parts[0]
            }
            let name = rules.tableReference(name: index.tables[table].name, schemaName: index.tables[table].schemaName)
            let join =
                "T1.\(rules.quoting.identifier(index.tables[table].columns[foreign].name)) = T2.\(rules.quoting.identifier(index.tables[table].columns[key].name))"
            let roleAlias = rules.quoting.identifier(role.replacingOccurrences(of: " ", with: "_"))
            // "how many employees does each manager have", "the number of people per manager":
            // the rows counted per role holder
            let counted =
                words.indices.contains { words[$0] == "how" && $0 + 1 < words.count && words[$0 + 1] == "many" }
                || words.indices.contains { words[$0] == "number" && $0 + 1 < words.count && words[$0 + 1] == "of" }
            // ("how many direct reports does each one have")
            let perHolder =
                (rolePosition > 0 && ["each", "every", "per"].contains(words[rolePosition - 1]))
                || words.indices.contains { words[$0] == "each" && $0 + 1 < words.count && ["one", "of", "have", "has"].contains(words[$0 + 1]) }
            if named.isEmpty, counted, perHolder {
                let key = "T2." + rules.quoting.identifier(index.tables[table].columns[key].name)
                let groups = [key] + display.map { "T2." + rules.quoting.identifier(index.tables[table].columns[$0].name) }
                let sql =
                    "SELECT \(shown("T2")) AS \(roleAlias), count(*) FROM \(name) AS T1 JOIN \(name) AS T2 ON \(join) GROUP BY "
                    + groups.joined(separator: ", ")
                return (sql, [index.tables[table].name], "\(index.tables[table].baseName) rows counted per \(role)")
            }
            // "employees who have a manager", "buyers referred by another buyer", "employees
            // without a manager": whether the role is filled at all
            var before = rolePosition - 1
            while before > 0, ["a", "an", "another", "any"].contains(words[before]) { before -= 1 }
            let possessed = before < rolePosition - 1 && ["have", "has", "had", "with", "without"].contains(words[before])
            // "referred by another buyer", "doesn't report to anybody"
            let anyone: Set<String> = ["a", "an", "another", "someone", "somebody", "anyone", "anybody", "nobody", "noone"]
            let byAnyone =
                rolePosition + 2 < words.count && Self.towardWords.contains(words[rolePosition + 1]) && anyone.contains(words[rolePosition + 2])
            if named.isEmpty, possessed || byAnyone {
                let negated =
                    words[max(0, before - 2)...before].contains { ["without", "no", "not", "never", "n't", "doesn", "don", "didn"].contains($0) }
                    || (byAnyone && words[rolePosition + 2] == "nobody")
                // "every employee who has a manager … and the person they report to": the pairs
                let pairs =
                    !negated && !counted && possessed
                    && (rolePosition + 2..<words.count).contains { position in
                        roleWords.contains { Lexicon.similarity(identifier: $0, question: words[position]) >= 0.85 }
                            || Self.reportingVerbs.contains(words[position])
                    }
                if pairs {
                    let entity = rules.quoting.identifier(
                        (model.entity(index.tables[table].name)?.label ?? "row").replacingOccurrences(of: " ", with: "_")
                    )
                    let sql = "SELECT \(shown("T1")) AS \(entity), \(shown("T2")) AS \(roleAlias) FROM \(name) AS T1 JOIN \(name) AS T2 ON \(join)"
                    return (sql, [index.tables[table].name], "each \(index.tables[table].baseName) that has a \(role), with the \(role)")
                }
                let column = "T1." + rules.quoting.identifier(index.tables[table].columns[foreign].name)
                let sql = "SELECT \(counted ? "count(*)" : shown("T1")) FROM \(name) AS T1 WHERE \(column) IS \(negated ? "NULL" : "NOT NULL")"
                return (sql, [index.tables[table].name], "\(index.tables[table].baseName) rows \(negated ? "without" : "with") a \(role)")
            }
            if named.isEmpty {
                // "the employees and their managers": every row with its role's row, if any
                guard words.contains(where: { ["their", "each", "every", "all", "with", "and"].contains($0) }) else { continue }
                let entity = rules.quoting.identifier(
                    (model.entity(index.tables[table].name)?.label ?? "row").replacingOccurrences(of: " ", with: "_")
                )
                // "… leaving out anyone without a manager", "skipping those who report to no one"
                let skipping =
                    words.contains { ["skipping", "skip", "excluding", "exclude", "omitting", "omit", "ignoring"].contains($0) }
                    || words.indices.contains { words[$0] == "out" && $0 > 0 && ["leaving", "leave", "left"].contains(words[$0 - 1]) }
                let sql =
                    "SELECT \(shown("T1")) AS \(entity), \(shown("T2")) AS \(roleAlias) FROM \(name) AS T1 \(skipping ? "" : "LEFT ")JOIN \(name) AS T2 ON \(join)"
                return (
                    sql, [index.tables[table].name],
                    "each \(index.tables[table].baseName) with its \(role)\(skipping ? " (only those with one)" : "")"
                )
            }
            // toward the named person ("reports to X"): rows whose role is X; otherwise X's role
            let first = named.map(\.position).min() ?? 0
            let toward = first > rolePosition ? words[rolePosition..<first].contains(where: Self.towardWords.contains) : false
            let subjectAlias = toward ? "T2" : "T1"
            let conditions = named.map {
                "\(subjectAlias).\(rules.quoting.identifier(index.tables[table].columns[$0.column].name)) = \(DialectRules.literal($0.value))"
            }
            let result = toward ? shown("T1") : shown("T2")
            let sql = "SELECT \(result) FROM \(name) AS T1 JOIN \(name) AS T2 ON \(join) WHERE " + conditions.joined(separator: " AND ")
            let note =
                toward
                ? "rows whose \(role) is \(named.map(\.value).joined(separator: " "))" : "the \(role) of \(named.map(\.value).joined(separator: " "))"
            return (sql, [index.tables[table].name], note)
        }
        return nil
    }

    func displayColumns(_ table: Int) -> [Int] {
        let display = model.entity(index.tables[table].name)?.display.compactMap { index.columnIndex(table, named: $0) } ?? []
        return display.isEmpty ? [index.labelColumn(of: table)] : display
    }
}
