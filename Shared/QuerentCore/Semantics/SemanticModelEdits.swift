import Foundation

/// A user's adjustments to a source's semantic model (`PATCH /:sourceId/semantic-model`). They
/// are stored apart from the derived model and applied on top of every derivation, so they
/// survive retraining. Every field is optional; a `PATCH` merges into the stored edits.
public struct SemanticModelEdits: Codable, Sendable, Hashable {
    /// Extra words for entities (by table) and for measures and dimensions (by `table.column`
    /// or a measure's `table.name`): `{"customers": ["clients"], "payments.amount": ["revenue"]}`.
    public var synonyms: [String: [String]]?
    /// Measures to add or change, matched by table and name.
    public var measures: [MeasureEdit]?
    /// The columns that show a row of a table to a person, by table.
    public var display: [String: [String]]?
    /// Columns generated answers must not show, by table.
    public var hidden: [String: [String]]?

    /// A change to one measure, or a new one when no measure of that table has the name.
    public struct MeasureEdit: Codable, Sendable, Hashable {
        /// The measure's table.
        public var table: String
        /// The measure's name.
        public var name: String
        /// A new expression (`quantity * unit_price`), checked against the table's columns.
        public var expression: String?
        /// A new default aggregation.
        public var aggregation: SemanticModel.Aggregation?
        /// A new unit (for durations).
        public var unit: String?

        /// An edit of the measure `name` of `table`.
        public init(table: String, name: String, expression: String? = nil, aggregation: SemanticModel.Aggregation? = nil, unit: String? = nil) {
            self.table = table
            self.name = name
            self.expression = expression
            self.aggregation = aggregation
            self.unit = unit
        }
    }

    /// No edits.
    public init(
        synonyms: [String: [String]]? = nil,
        measures: [MeasureEdit]? = nil,
        display: [String: [String]]? = nil,
        hidden: [String: [String]]? = nil
    ) {
        self.synonyms = synonyms
        self.measures = measures
        self.display = display
        self.hidden = hidden
    }

    /// These edits with `newer`'s fields laid over them: synonyms, display and hidden columns
    /// replace per key; measure edits replace per table and name.
    public func merging(_ newer: SemanticModelEdits) -> SemanticModelEdits {
        var merged = self
        if let synonyms = newer.synonyms { merged.synonyms = (self.synonyms ?? [:]).merging(synonyms) { $1 } }
        if let display = newer.display { merged.display = (self.display ?? [:]).merging(display) { $1 } }
        if let hidden = newer.hidden { merged.hidden = (self.hidden ?? [:]).merging(hidden) { $1 } }
        if let measures = newer.measures {
            var all = self.measures ?? []
            for edit in measures {
                all.removeAll { $0.table.lowercased() == edit.table.lowercased() && $0.name.lowercased() == edit.name.lowercased() }
                all.append(edit)
            }
            merged.measures = all
        }
        return merged
    }

    /// Checks every edit against `model` and the tables' columns.
    /// - Throws: ``ServiceError`` `.unprocessable` naming an unknown table or column, or a measure
    ///   expression that is not columns and numbers joined by `+ - *`; `.badRequest` for an empty
    ///   display list or a synonym of the wrong length.
    public func validate(against model: SemanticModel, columns: [String: [String]]) throws {
        func columnsOf(_ table: String) throws -> [String] {
            guard let found = columns.first(where: { $0.key.lowercased() == table.lowercased() }) else {
                throw ServiceError(.unprocessable, "unknown table '\(table)': only trained tables have a semantic model")
            }
            return found.value
        }
        func check(_ column: String, of table: String) throws {
            guard try columnsOf(table).contains(where: { $0.lowercased() == column.lowercased() }) else {
                throw ServiceError(.unprocessable, "unknown column '\(column)' of table '\(table)'")
            }
        }
        for (key, words) in synonyms ?? [:] {
            if !columns.keys.contains(where: { $0.lowercased() == key.lowercased() }) {
                // `table.column` or `table.measure`; the table may itself be `schema.table`.
                guard let dot = key.lastIndex(of: ".") else {
                    _ = try columnsOf(key)
                    continue
                }
                let table = String(key[..<dot])
                let name = String(key[key.index(after: dot)...])
                let isMeasure = model.measures.contains { $0.table.lowercased() == table.lowercased() && $0.name.lowercased() == name.lowercased() }
                if !isMeasure { try check(name, of: table) }
            }
            guard words.allSatisfy({ !$0.trimmingCharacters(in: .whitespaces).isEmpty && $0.count <= 100 }) else {
                throw ServiceError(.badRequest, "synonyms of '\(key)' must be 1 to 100 characters each")
            }
        }
        for (table, list) in (display ?? [:]).merging(hidden ?? [:], uniquingKeysWith: { $0 + $1 }) {
            for column in list { try check(column, of: table) }
        }
        for (table, list) in display ?? [:] where list.isEmpty {
            throw ServiceError(.badRequest, "display columns of '\(table)' must not be empty")
        }
        for edit in measures ?? [] {
            _ = try columnsOf(edit.table)
            if let text = edit.expression {
                let expression = try MeasureExpressionParser.parse(text)
                for column in expression.columns { try check(column, of: edit.table) }
            }
        }
    }

    /// `model` with these edits applied; edits naming tables or columns the model no longer has
    /// are skipped (the table may have been untrained since).
    public func applied(to model: SemanticModel) -> SemanticModel {
        var model = model
        for index in model.entities.indices {
            let table = model.entities[index].table.lowercased()
            if let words = value(synonyms, table) { model.entities[index].synonyms = words }
            if let columns = value(display, table), !columns.isEmpty { model.entities[index].display = columns }
            if let columns = value(hidden, table) { model.entities[index].hidden = columns }
        }
        for edit in measures ?? [] {
            let expression = edit.expression.flatMap { try? MeasureExpressionParser.parse($0) }
            if let index = model.measures.firstIndex(where: {
                $0.table.lowercased() == edit.table.lowercased() && $0.name.lowercased() == edit.name.lowercased()
            }) {
                if let expression { model.measures[index].expression = expression }
                if let aggregation = edit.aggregation { model.measures[index].aggregation = aggregation }
                if let unit = edit.unit { model.measures[index].unit = unit }
            } else if let expression, model.entity(edit.table) != nil {
                model.measures.append(
                    SemanticModel.Measure(
                        name: edit.name,
                        table: model.entity(edit.table)!.table,
                        expression: expression,
                        aggregation: edit.aggregation ?? .sum,
                        kind: .number,
                        unit: edit.unit
                    )
                )
            }
        }
        for index in model.measures.indices {
            let measure = model.measures[index]
            if let words = value(synonyms, measure.table.lowercased() + "." + measure.name.lowercased()) { model.measures[index].synonyms = words }
        }
        for index in model.dimensions.indices {
            let dimension = model.dimensions[index]
            if let words = value(synonyms, dimension.table.lowercased() + "." + dimension.column.lowercased()) {
                model.dimensions[index].synonyms = words
            }
        }
        return model
    }

    private func value(_ map: [String: [String]]?, _ key: String) -> [String]? {
        map?.first { $0.key.lowercased() == key }?.value
    }
}

/// Parses a measure expression: column names and numbers joined by `+`, `-` and `*`
/// (`quantity * unit_price * (1 - discount)` is not accepted: no parentheses).
public enum MeasureExpressionParser {
    /// - Throws: ``ServiceError`` `.unprocessable` for anything else.
    public static func parse(_ text: String) throws -> SemanticModel.MeasureExpression {
        var terms: [SemanticModel.MeasureExpression.Term] = []
        var operators: [String] = []
        var expectTerm = true
        var index = text.startIndex
        func fail() -> ServiceError {
            ServiceError(.unprocessable, "a measure expression is column names and numbers joined by +, - and * (got '\(text)')")
        }
        while index < text.endIndex {
            let character = text[index]
            if character.isWhitespace {
                index = text.index(after: index)
                continue
            }
            if expectTerm {
                var end = index
                while end < text.endIndex, text[end].isLetter || text[end].isNumber || text[end] == "_" || text[end] == "." {
                    end = text.index(after: end)
                }
                guard end > index else { throw fail() }
                let word = String(text[index..<end])
                if let number = Double(word) {
                    terms.append(.number(number))
                } else if word.first?.isLetter == true || word.first == "_" {
                    terms.append(.column(word))
                } else {
                    throw fail()
                }
                index = end
                expectTerm = false
            } else {
                guard "+-*".contains(character) else { throw fail() }
                operators.append(String(character))
                index = text.index(after: index)
                expectTerm = true
            }
        }
        guard !terms.isEmpty, !expectTerm, terms.count <= 8 else { throw fail() }
        return SemanticModel.MeasureExpression(terms: terms, operators: operators)
    }
}
