import Foundation
import QuerentApplication
import QuerentCore

/// One resource per trained table: its schema as JSON, at
/// `querent://sources/{sourceId}/tables/{table}/schema` (the table name percent-encoded).
struct MCPResources: Sendable {
    let backend: MCPBackend
    let tenant: Tenant

    static let scheme = "querent://sources/"
    static let mimeType = "application/json"
    static let template: JSONValue = .object([
        "uriTemplate": .string("querent://sources/{sourceId}/tables/{table}/schema"),
        "name": .string("table-schema"),
        "title": .string("Table schema"),
        "description": .string("A trained table's schema: columns, keys, relationships and business context."),
        "mimeType": .string(mimeType),
    ])

    static func uri(sourceId: String, table: String) -> String {
        "\(scheme)\(encode(sourceId))/tables/\(encode(table))/schema"
    }

    func list() async throws(JSONRPCError) -> [JSONValue] {
        do {
            var resources: [JSONValue] = []
            for source in try await backend.registry.list(tenant: tenant) where !source.trainedTables.isEmpty {
                for record in try await backend.contexts.trainedSchemas(sourceId: source.id, tenant: tenant) {
                    resources.append(
                        .object([
                            "uri": .string(Self.uri(sourceId: source.id, table: record.tableName)),
                            "name": .string("\(source.name).\(record.tableName)"),
                            "title": .string("Schema of \(record.tableName) (\(source.name))"),
                            "description": .string(String(record.businessContext.prefix(300))),
                            "mimeType": .string(Self.mimeType),
                        ])
                    )
                }
            }
            return resources
        } catch {
            throw JSONRPCError(JSONRPCError.internalError, "internal error: the resources could not be listed")
        }
    }

    /// The `contents` entry of a `resources/read`.
    /// - Throws: `-32002` for a URI that names no trained table of the tenant's.
    func read(_ uri: String) async throws(JSONRPCError) -> JSONValue {
        let notFound = JSONRPCError(JSONRPCError.resourceNotFound, "resource not found", data: .object(["uri": .string(uri)]))
        guard let (sourceId, table) = Self.parse(uri) else { throw notFound }
        do {
            // The cache does not check ownership: the registry does.
            _ = try await backend.registry.get(sourceId, tenant: tenant)
            let records = try await backend.contexts.trainedSchemas(sourceId: sourceId, tenant: tenant)
            guard records.contains(where: { $0.tableName == table }) else { throw notFound }
            // The catalog adds the joins inferred from the other trained tables, as the API shows them.
            let record = try await backend.catalog.describeTable(sourceId: sourceId, tableName: table, tenant: tenant)
            let text = String(decoding: try JSONEncoder.querent.encode(record), as: UTF8.self)
            return .object(["uri": .string(uri), "mimeType": .string(Self.mimeType), "text": .string(text)])
        } catch let error as JSONRPCError {
            throw error
        } catch let error as ServiceError where error.code == .notFound {
            throw notFound
        } catch {
            throw JSONRPCError(JSONRPCError.internalError, "internal error: the resource could not be read")
        }
    }

    static func parse(_ uri: String) -> (sourceId: String, table: String)? {
        guard uri.hasPrefix(scheme), uri.hasSuffix("/schema") else { return nil }
        let parts = uri.dropFirst(scheme.count).dropLast("/schema".count).split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[1] == "tables",
            let sourceId = parts[0].removingPercentEncoding, let table = parts[2].removingPercentEncoding,
            !sourceId.isEmpty, !table.isEmpty
        else { return nil }
        return (sourceId, table)
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    private static func encode(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: unreserved) ?? segment
    }
}
