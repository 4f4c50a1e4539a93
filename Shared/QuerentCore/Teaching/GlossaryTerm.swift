import Foundation

/// A word of a source's business vocabulary (`POST /:sourceId/glossary`): what "revenue" or
/// "active customer" means there, in words and, optionally, as SQL.
///
/// The SQL is one of: an aggregate over a table's columns (`SUM(order_items.quantity *
/// order_items.unit_price)`), which becomes a measure; a condition (`customers.status =
/// 'active'`), which becomes a named filter; or a table or `table.column`, which gets the term as
/// a synonym. Terms feed the semantic model and the LLM prompt.
public struct GlossaryTerm: Codable, Sendable, Hashable {
    /// A lower-case UUID.
    public var id: String
    /// The source the term belongs to.
    public var sourceId: String
    /// The term, as the user writes it (unique per source, ignoring case).
    public var term: String
    /// What it means, in words.
    public var definition: String
    /// What it stands for in SQL, qualified by table names; nil for a definition in words only.
    public var sql: String?
    /// When it was stored.
    public var createdAt: Date

    /// A new term.
    public init(
        id: String = UUID().uuidString.lowercased(),
        sourceId: String,
        term: String,
        definition: String,
        sql: String? = nil,
        createdAt: Date = Date()
    ) {
        self.id = id
        self.sourceId = sourceId
        self.term = term
        self.definition = definition
        self.sql = sql
        self.createdAt = createdAt
    }

    /// The term's key for uniqueness and lookup: trimmed, lower case, single spaces.
    public static func key(_ term: String) -> String {
        term.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    enum CodingKeys: String, CodingKey {
        case id, term, definition, sql
        case sourceId = "source_id"
        case createdAt = "created_at"
    }
}
