import Foundation
import QuerentCore
import QuerentSchemaLinking

/// The columns a question asks to see, in order, from a closing instruction: "Show their full
/// name and salary.", "Give the origin warehouse, the destination city and the distance."
package struct RequestedColumns: Sendable {
    /// One thing asked for.
    package enum Item: Sendable, Hashable {
        /// How a row of a table is shown to a person (a full name, a name or title); nil is the
        /// row the question is about ("their full name").
        case display(table: Int?)
        /// A column.
        case column(table: Int, column: Int)
        /// The key of the row the question is about ("the id").
        case key
        /// The number of rows counted ("the number of shipments", "how many").
        case count
        /// The figure the question computes ("the amount", "the total").
        case figure
    }

    /// Verbs that open the instruction (general English).
    static let verbs: Set<String> = ["show", "give", "list", "include", "display", "return", "provide"]
    /// Words inside an item that say nothing about which column it is.
    static let skipped: Set<String> = [
        "me", "their", "its", "his", "her", "the", "each", "also", "both", "a", "an", "of", "them", "it", "for", "with", "plus",
    ]

    /// The items of the question's closing instruction, or nil when it has none or an item
    /// cannot be read.
    package static func find(tokens: [QuestionToken], link: SchemaLinker.Result, index: SchemaIndex) -> [Item]? {
        // the instruction starts a later sentence: "Which …? Show …"
        guard
            let verb = tokens.indices.first(where: { position in
                position > 0 && verbs.contains(tokens[position].lower) && [".", "?", "!", ";"].contains(tokens[position - 1].text)
            })
        else { return nil }
        var items: [[Int]] = [[]]
        for position in (verb + 1)..<tokens.count {
            let token = tokens[position]
            if [",", "&"].contains(token.text) || token.lower == "and" {
                if !(items.last ?? []).isEmpty { items.append([]) }
            } else if token.kind == .punctuation {
                break
            } else if !skipped.contains(token.lower) {
                items[items.count - 1].append(position)
            }
        }
        let found = items.filter { !$0.isEmpty }.map { item(of: $0, tokens: tokens, link: link, index: index) }
        guard !found.isEmpty, found.allSatisfy({ $0 != nil }) else { return nil }
        return found.compactMap { $0 }
    }

    /// What one comma-separated item asks for.
    static func item(of positions: [Int], tokens: [QuestionToken], link: SchemaLinker.Result, index: SchemaIndex) -> Item? {
        let words = positions.map { tokens[$0].lower }
        if words.contains("number") || words.contains("many") || words.contains("count") { return .count }
        if words.count == 1, ["amount", "total", "sum", "figure", "value"].contains(words[0]) { return .figure }
        if words.count == 1, ["id", "ids", "identifier"].contains(words[0]) { return .key }
        let mentions = link.chosen.filter { mention in mention.range.contains { positions.contains($0) } && !mention.isValue }
        // "full name", "names": the row itself, unless a table is named with it ("the client's name")
        if mentions.isEmpty || (mentions.allSatisfy { !$0.isTable } && words.allSatisfy { ["full", "name", "names"].contains($0) }) {
            return words.allSatisfy { ["full", "name", "names"].contains($0) } ? .display(table: nil) : nil
        }
        guard mentions.count == 1, let target = mentions[0].best?.target else { return nil }
        switch target {
        case .table(let table):
            // "salary" for a `salaries` table shown by its id: the column that holds the salary
            let stems = Set(positions.map { tokens[$0].stem })
            let holding = index.tables[table].columns.indices.filter { column in
                let details = index.tables[table].columns[column]
                return !details.isPrimaryKey && !details.isForeignKey
                    && SchemaIndex.identifierWords(details.name).contains { stems.contains(Lexicon.stem($0)) }
            }
            if index.tables[table].columns[index.labelColumn(of: table)].isPrimaryKey, holding.count == 1 {
                return .column(table: table, column: holding[0])
            }
            return .display(table: table)
        case .column(let table, let column): return .column(table: table, column: column)
        case .value: return nil
        }
    }
}
