import Foundation

/// What a source's trained tables mean to an analyst, derived from their schemas at training
/// time and adjustable by the user (``SemanticModelEdits``): the things the tables hold
/// (entities), the numbers worth adding up or averaging (measures), the ways to slice them
/// (dimensions), how the tables join, and where stored values live.
///
/// Generators read it to answer "revenue per category", "who", "how much in 2024" the way an
/// analyst means them; `GET /:sourceId/semantic-model` shows it.
public struct SemanticModel: Codable, Sendable, Hashable {
    /// The source the model describes.
    public var sourceId: String
    /// One entity per trained table.
    public var entities: [Entity]
    /// Numeric columns (and derived expressions) worth aggregating.
    public var measures: [Measure]
    /// Columns to group or filter by: categories, flags and dates.
    public var dimensions: [Dimension]
    /// The join graph: declared foreign keys and inferred ones, with roles for self-references.
    public var relationships: [Link]
    /// Conditions the source's glossary names ("active customer" → `customers.status = 'active'`).
    public var filters: [NamedFilter]

    /// A model of `entities`, `measures`, `dimensions`, `relationships` and named `filters`.
    public init(
        sourceId: String,
        entities: [Entity],
        measures: [Measure],
        dimensions: [Dimension],
        relationships: [Link],
        filters: [NamedFilter] = []
    ) {
        self.sourceId = sourceId
        self.entities = entities
        self.measures = measures
        self.dimensions = dimensions
        self.relationships = relationships
        self.filters = filters
    }

    /// Decodes a model; `filters` may be absent (models stored before glossaries existed).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        sourceId = try container.decode(String.self, forKey: .sourceId)
        entities = try container.decode([Entity].self, forKey: .entities)
        measures = try container.decode([Measure].self, forKey: .measures)
        dimensions = try container.decode([Dimension].self, forKey: .dimensions)
        relationships = try container.decode([Link].self, forKey: .relationships)
        filters = try container.decodeIfPresent([NamedFilter].self, forKey: .filters) ?? []
    }

    /// A condition on one table that a glossary term names: the term (and its words) in a
    /// question adds `condition` to the answer's filters.
    public struct NamedFilter: Codable, Sendable, Hashable {
        /// The glossary term ("active customer").
        public var term: String
        /// The table the condition is on.
        public var table: String
        /// The condition, with columns qualified by ``table`` (`customers.status = 'active'`).
        public var condition: String

        /// The filter `term` on `table`.
        public init(term: String, table: String, condition: String) {
            self.term = term
            self.table = table
            self.condition = condition
        }
    }

    /// The entity of `table` (canonical name, compared ignoring case).
    public func entity(_ table: String) -> Entity? {
        entities.first { $0.table == table } ?? entities.first { $0.table.lowercased() == table.lowercased() }
    }

    /// The measures of `table`.
    public func measures(of table: String) -> [Measure] {
        measures.filter { $0.table.lowercased() == table.lowercased() }
    }

    /// The dimensions of `table`.
    public func dimensions(of table: String) -> [Dimension] {
        dimensions.filter { $0.table.lowercased() == table.lowercased() }
    }

    /// A table's meaning: a readable label, how one row is shown, and what kind of thing it is.
    public struct Entity: Codable, Sendable, Hashable {
        /// The table's canonical name.
        public var table: String
        /// A readable singular label ("order item" for `order_items`).
        public var label: String
        /// The columns that show one row to a person, in order (first and last name for people,
        /// a name or title otherwise); empty when the table has none.
        public var display: [String]
        /// The primary-key columns.
        public var key: [String]
        /// True for people (customers, employees, patients…): "who" questions name them by
        /// their ``display`` columns.
        public var isPerson: Bool
        /// True for a table that only links two others (many-to-many).
        public var isBridge: Bool
        /// Other words for the entity ("client" for customers), from the user's edits.
        public var synonyms: [String]
        /// Columns the user hid from generated answers.
        public var hidden: [String]
        /// Nullable date columns that mark the end of a row's life (`termination_date`,
        /// `effective_to`, `ended_on`): a current row ("current employees", "still active")
        /// has them all NULL.
        public var currentWhenNull: [String]

        /// An entity with every field given.
        public init(
            table: String,
            label: String,
            display: [String],
            key: [String],
            isPerson: Bool,
            isBridge: Bool,
            synonyms: [String] = [],
            hidden: [String] = [],
            currentWhenNull: [String] = []
        ) {
            self.table = table
            self.label = label
            self.display = display
            self.key = key
            self.isPerson = isPerson
            self.isBridge = isBridge
            self.synonyms = synonyms
            self.hidden = hidden
            self.currentWhenNull = currentWhenNull
        }

        /// Decodes an entity; models stored before a field existed get its default.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            table = try container.decode(String.self, forKey: .table)
            label = try container.decode(String.self, forKey: .label)
            display = try container.decode([String].self, forKey: .display)
            key = try container.decode([String].self, forKey: .key)
            isPerson = try container.decode(Bool.self, forKey: .isPerson)
            isBridge = try container.decode(Bool.self, forKey: .isBridge)
            synonyms = try container.decodeIfPresent([String].self, forKey: .synonyms) ?? []
            hidden = try container.decodeIfPresent([String].self, forKey: .hidden) ?? []
            currentWhenNull = try container.decodeIfPresent([String].self, forKey: .currentWhenNull) ?? []
        }

        enum CodingKeys: String, CodingKey {
            case table, label, display, key, synonyms, hidden
            case isPerson = "is_person"
            case isBridge = "is_bridge"
            case currentWhenNull = "current_when_null"
        }
    }

    /// How a measure is aggregated by default.
    public enum Aggregation: String, Codable, Sendable, Hashable, CaseIterable {
        case sum, avg, min, max, count
    }

    /// What a measure counts.
    public enum MeasureKind: String, Codable, Sendable, Hashable {
        /// Money that adds up: amounts, totals, revenue, costs, salaries.
        case amount
        /// A price per unit: averaged, never summed, unless multiplied by a quantity.
        case price
        /// A number of units.
        case quantity
        /// A length of time (``Measure/unit`` says which).
        case duration
        /// A rating, score, age or other value that is averaged.
        case score
        /// Any other number.
        case number
    }

    /// A number worth aggregating: a column or an expression over one table's columns.
    public struct Measure: Codable, Sendable, Hashable {
        /// The measure's name: the column name, or a derived name ("line_total").
        public var name: String
        /// The table the measure's columns belong to.
        public var table: String
        /// The expression over the table's columns, as column names joined by `*`, `-`, `+` and
        /// literals (`quantity * unit_price`); a single column name for a plain measure.
        public var expression: MeasureExpression
        /// The aggregation used when a question names the measure without one.
        public var aggregation: Aggregation
        /// What the number counts.
        public var kind: MeasureKind
        /// The unit of a duration (`seconds`, `minutes`, `milliseconds`…) or nil.
        public var unit: String?
        /// Words a question may use for the measure ("revenue", "sales").
        public var synonyms: [String]

        /// A measure with every field given.
        public init(
            name: String,
            table: String,
            expression: MeasureExpression,
            aggregation: Aggregation,
            kind: MeasureKind,
            unit: String? = nil,
            synonyms: [String] = []
        ) {
            self.name = name
            self.table = table
            self.expression = expression
            self.aggregation = aggregation
            self.kind = kind
            self.unit = unit
            self.synonyms = synonyms
        }

        /// True when the measure is a column of its own (not derived).
        public var isColumn: Bool { expression.terms.count == 1 && expression.terms[0].column != nil }
    }

    /// An arithmetic expression over one table's columns: terms joined by operators, evaluated
    /// left to right with `*` binding tighter than `+` and `-`, as SQL does.
    public struct MeasureExpression: Codable, Sendable, Hashable {
        /// One operand: a column of the measure's table or a number.
        public struct Term: Codable, Sendable, Hashable {
            /// The column, when the term is a column.
            public var column: String?
            /// The number, when the term is a literal.
            public var number: Double?

            /// A column term.
            public static func column(_ name: String) -> Term { Term(column: name, number: nil) }
            /// A literal term.
            public static func number(_ value: Double) -> Term { Term(column: nil, number: value) }
        }

        /// The operands, in order.
        public var terms: [Term]
        /// The operators between consecutive terms (`*`, `+`, `-`), one fewer than ``terms``.
        public var operators: [String]

        /// An expression of `terms` joined by `operators`.
        public init(terms: [Term], operators: [String]) {
            self.terms = terms
            self.operators = operators
        }

        /// A single column.
        public static func column(_ name: String) -> MeasureExpression { MeasureExpression(terms: [.column(name)], operators: []) }

        /// The columns the expression reads.
        public var columns: [String] { terms.compactMap(\.column) }
    }

    /// How a dimension slices rows.
    public enum DimensionKind: String, Codable, Sendable, Hashable {
        /// A text or code column with few distinct values (status, category name, country).
        case categorical
        /// A yes/no column.
        case boolean
        /// A date or timestamp: grouped by a time grain.
        case time
    }

    /// A time grain of a date dimension.
    public enum TimeGrain: String, Codable, Sendable, Hashable, CaseIterable {
        case day, week, month, quarter, year
    }

    /// A column to group or filter by.
    public struct Dimension: Codable, Sendable, Hashable {
        /// The table of the column.
        public var table: String
        /// The column.
        public var column: String
        /// Categorical, boolean or time.
        public var kind: DimensionKind
        /// The grains a time dimension can be grouped by (empty otherwise).
        public var grains: [TimeGrain]
        /// Words a question may use for the dimension.
        public var synonyms: [String]

        /// A dimension with every field given.
        public init(table: String, column: String, kind: DimensionKind, grains: [TimeGrain] = [], synonyms: [String] = []) {
            self.table = table
            self.column = column
            self.kind = kind
            self.grains = grains
            self.synonyms = synonyms
        }
    }

    /// One join between two tables.
    public struct Link: Codable, Sendable, Hashable {
        /// The referencing table.
        public var table: String
        /// Its columns.
        public var columns: [String]
        /// The referenced table.
        public var referencesTable: String
        /// The referenced columns.
        public var referencesColumns: [String]
        /// What the referenced row is to the referencing one, when the link is a self-reference
        /// or one of several links to the same table ("manager" for `employees.reports_to`).
        public var role: String?
        /// True when no foreign key is declared and the join was inferred from names and types.
        public var inferred: Bool

        /// A link with every field given.
        public init(
            table: String,
            columns: [String],
            referencesTable: String,
            referencesColumns: [String],
            role: String? = nil,
            inferred: Bool = false
        ) {
            self.table = table
            self.columns = columns
            self.referencesTable = referencesTable
            self.referencesColumns = referencesColumns
            self.role = role
            self.inferred = inferred
        }

        enum CodingKeys: String, CodingKey {
            case table, columns, role, inferred
            case referencesTable = "references_table"
            case referencesColumns = "references_columns"
        }
    }

    enum CodingKeys: String, CodingKey {
        case entities, measures, dimensions, relationships, filters
        case sourceId = "source_id"
    }
}
