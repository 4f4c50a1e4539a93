import Foundation

/// One entry of a source's table list.
public struct TableSummary: Codable, Sendable, Hashable {
    /// The canonical name, usable in routes (`orders`, `sales.orders`).
    public var name: String
    public var schema: String?
    public var kind: TableKind
    public var rowEstimate: Int64?
    public var trained: Bool

    public init(name: String, schema: String?, kind: TableKind, rowEstimate: Int64?, trained: Bool = false) {
        self.name = name
        self.schema = schema
        self.kind = kind
        self.rowEstimate = rowEstimate
        self.trained = trained
    }

    enum CodingKeys: String, CodingKey {
        case name, schema, kind
        case rowEstimate = "row_estimate"
        case trained
    }
}
