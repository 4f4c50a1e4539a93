import Foundation

/// Writes a readable paragraph about a table from its schema alone: names, types, keys,
/// relationships, comments and sample values. No LLM is needed.
public enum BusinessContextGenerator {
    /// The generated paragraph for `schema`.
    public static func generate(for schema: TableSchema) -> String {
        var sentences: [String] = []
        let subject = humanize(baseName(schema.tableName))
        let kind = schema.kind == .table ? "table" : schema.kind.rawValue.replacingOccurrences(of: "_", with: " ")
        var opening = "The \(kind) \(schema.tableName) holds \(singular(subject)) records"
        if let rows = schema.rowEstimate, rows >= 0 { opening += " (about \(rows) row\(rows == 1 ? "" : "s"))" }
        sentences.append(opening + ".")
        if let comment = schema.description, !comment.isEmpty { sentences.append(sentence(comment)) }

        let key = schema.primaryKey
        if key.count == 1 {
            sentences.append("Each row is identified by \(key[0]).")
        } else if key.count > 1 {
            sentences.append("Each row is identified by the combination of \(list(key)).")
        }

        for relationship in schema.relationships {
            let target = humanize(baseName(relationship.referencesTable))
            if relationship.referencesTable == schema.tableName {
                sentences.append(
                    "\(list(relationship.columns)) points to another \(singular(subject)) in the same table (\(relationship.summary(from: schema.tableName)))."
                )
            } else {
                sentences.append("Each row links to \(article(singular(target))) through \(relationship.summary(from: schema.tableName)).")
            }
        }

        let described = schema.columns.compactMap { column -> String? in
            guard let text = column.description, !text.isEmpty else { return nil }
            return "\(column.name): \(text.trimmingCharacters(in: .whitespacesAndNewlines))"
        }
        if !described.isEmpty { sentences.append("Column notes — " + described.joined(separator: "; ") + ".") }

        let keyColumns = Set(key + schema.relationships.flatMap(\.columns))
        let attributes = schema.columns.filter { !keyColumns.contains($0.name) }
        if !attributes.isEmpty {
            let shown = attributes.prefix(40).map { column -> String in
                var text = "\(column.name) (\(column.type)"
                if let examples = examples(for: column.name, in: schema), !examples.isEmpty {
                    text += ", e.g. " + examples.joined(separator: ", ")
                }
                return text + ")"
            }
            var line = "It records " + shown.joined(separator: ", ")
            if attributes.count > 40 { line += " and \(attributes.count - 40) more columns" }
            sentences.append(line + ".")
        }

        let uniques = schema.uniqueConstraints.map { list($0.columns) }
        if !uniques.isEmpty { sentences.append("Unique: " + uniques.joined(separator: "; ") + ".") }
        return sentences.joined(separator: " ")
    }

    /// The stored business context: the user's description first, then the generated paragraph.
    public static func combine(userDescription: String?, generated: String) -> String {
        guard let user = userDescription?.trimmingCharacters(in: .whitespacesAndNewlines), !user.isEmpty else { return generated }
        return sentence(user) + "\n\n" + generated
    }

    /// Splits an identifier into lower-case words on underscores, dashes and case changes:
    /// `OrderLineItems` → `order line items`.
    public static func humanize(_ identifier: String) -> String {
        words(in: identifier).joined(separator: " ")
    }

    /// The words of an identifier (see ``humanize(_:)``).
    public static func words(in identifier: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previous: Character?
        for character in identifier {
            if character == "_" || character == "-" || character == " " || character == "." {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else if character.isUppercase, let previous, previous.isLowercase || previous.isNumber {
                if !current.isEmpty { words.append(current) }
                current = String(character)
            } else {
                current.append(character)
            }
            previous = character
        }
        if !current.isEmpty { words.append(current) }
        return words.map { $0.lowercased() }
    }

    private static func baseName(_ tableName: String) -> String {
        tableName.split(separator: ".").last.map(String.init) ?? tableName
    }

    private static func examples(for column: String, in schema: TableSchema) -> [String]? {
        guard let rows = schema.sampleData else { return nil }
        var seen: [String] = []
        for row in rows {
            guard let value = row[column], value != .null else { continue }
            var text = value.text
            if text.count > 40 { text = String(text.prefix(37)) + "…" }
            if case .string = value { text = "'\(text)'" }
            if !seen.contains(text) { seen.append(text) }
        }
        return seen
    }

    /// `a product`, `an order`.
    private static func article(_ phrase: String) -> String {
        guard let first = phrase.first else { return phrase }
        return ("aeiou".contains(first) ? "an " : "a ") + phrase
    }

    private static func sentence(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let last = trimmed.last else { return trimmed }
        return ".!?".contains(last) ? trimmed : trimmed + "."
    }

    private static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items.last!
        }
    }

    private static func singular(_ phrase: String) -> String {
        guard var last = phrase.split(separator: " ").last.map(String.init) else { return phrase }
        let head = phrase.dropLast(last.count)
        if last.hasSuffix("ies") && last.count > 3 {
            last = String(last.dropLast(3)) + "y"
        } else if last.hasSuffix("sses") || last.hasSuffix("xes") || last.hasSuffix("ches") || last.hasSuffix("shes") {
            last = String(last.dropLast(2))
        } else if last.hasSuffix("s") && !last.hasSuffix("ss") && last.count > 2 {
            last = String(last.dropLast())
        }
        return head + last
    }
}
