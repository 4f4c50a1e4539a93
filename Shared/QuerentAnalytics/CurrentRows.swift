import Foundation
import QuerentCore
import QuerentSchemaLinking

/// "current employees", "contractors who still work for us": rows that have not ended. A table
/// whose entity records an ending (``SemanticModel/Entity/currentWhenNull``: `termination_date`,
/// `effective_to`) is current where those columns are NULL.
package struct CurrentRows: Sendable {
    /// Words that ask for rows that have not ended (general English).
    static let cues: Set<String> = ["current", "currently", "still", "presently", "ongoing", "nowadays"]

    let index: SchemaIndex
    let model: SemanticModel

    package init(index: SchemaIndex, model: SemanticModel) {
        self.index = index
        self.model = model
    }

    /// The positions of the words asking for current rows; empty when the question asks for none.
    /// A word that is part of a column's name ("current" with `current_address_id`) names that
    /// column, not current rows.
    package func cues(in tokens: [QuestionToken]) -> [Int] {
        tokens.filter { token in
            token.kind == .word && Self.cues.contains(token.lower)
                && !index.tables.contains { table in
                    table.columns.contains {
                        SchemaIndex.identifierWords($0.name).contains { $0.count > 3 && token.lower.hasPrefix(Lexicon.stem($0)) }
                    }
                }
        }.map(\.index)
    }

    /// The positions of the words asking for rows that have ended: "former employees", "who
    /// have left the company", "no longer with us"; empty when the question asks for none.
    package func endedCues(in tokens: [QuestionToken]) -> [Int] {
        let english = QuestionEnglish.standard
        let formerWords = english.words("ended_row_words")
        let leaving = english.words("leaving_verbs")
        func word(_ position: Int) -> String { tokens.indices.contains(position) ? tokens[position].lower : "" }
        return tokens.indices.filter { position in
            let current = word(position)
            if formerWords.contains(current) { return true }
            if current == "longer", word(position - 1) == "no" { return true }
            // "have left", "who quit", "left the company"
            return leaving.contains(current) && (["have", "has", "had", "who", "that"].contains(word(position - 1)) || word(position + 1) == "the")
        }
    }

    /// The end-date columns, as (table, column) positions, that current rows of `tables` leave NULL.
    package func endColumns(of tables: [Int]) -> [(table: Int, column: Int)] {
        var result: [(table: Int, column: Int)] = []
        for table in tables {
            guard let entity = model.entity(index.tables[table].name) else { continue }
            for name in entity.currentWhenNull {
                guard let column = index.columnIndex(table, named: name) else { continue }
                result.append((table, column))
            }
        }
        return result
    }
}
