import Foundation

/// The text embedded for a trained table: its name (weighted by repetition), columns with
/// types, relationships, business context and value profile.
public enum SchemaDocument {
    /// The document for `schema` with its `businessContext`, one part per line; deterministic for equal inputs.
    public static func text(for schema: TableSchema, businessContext: String) -> String {
        let name = BusinessContextGenerator.humanize(schema.tableName)
        var lines = ["table \(schema.tableName): \(name). \(name). \(name)."]
        lines.append("columns: " + schema.columns.map { "\(BusinessContextGenerator.humanize($0.name)) (\($0.type))" }.joined(separator: ", "))
        if !schema.relationships.isEmpty {
            lines.append("relationships: " + schema.relationships.map { $0.summary(from: schema.tableName) }.joined(separator: "; "))
        }
        if let comment = schema.description { lines.append(comment) }
        lines.append(businessContext)
        if let profile = schema.valueProfile, !profile.isEmpty {
            lines.append("values: " + profile.keys.sorted().map { "\($0): \(profile[$0]!.joined(separator: ", "))" }.joined(separator: "; "))
        }
        return lines.joined(separator: "\n")
    }
}
