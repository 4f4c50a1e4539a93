import Foundation
import Hummingbird
import QuerentApplication
import QuerentCore
import QuerentHTTP

/// Routes for a source's tables: listing, schemas, samples, business context, trained tables.
public struct TablesController: Sendable {
    let catalog: SchemaCatalog

    public init(catalog: SchemaCatalog) {
        self.catalog = catalog
    }

    public func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("/:sourceId/tables", use: list)
        group.get("/:sourceId/tables/:tableName/schema", use: schema)
        group.get("/:sourceId/tables/:tableName/sample", use: sample)
        group.put("/:sourceId/tables/:tableName/context", use: setContext)
        group.get("/:sourceId/trained-tables", use: trainedTables)
    }

    struct TableList: ResponseEncodable {
        var tables: [TableSummary]
    }

    /// A stored schema with its business context and training state.
    struct SchemaResponse: ResponseEncodable {
        var schema: TableSchema
        var businessContext: String
        var isTrained: Bool
        var updatedAt: Date

        init(_ record: TableSchemaRecord) {
            schema = record.schema
            businessContext = record.businessContext
            isTrained = record.isTrained
            updatedAt = record.updatedAt
        }

        enum CodingKeys: String, CodingKey {
            case schema
            case businessContext = "business_context"
            case isTrained = "is_trained"
            case updatedAt = "updated_at"
        }
    }

    struct ContextRequest: Decodable {
        var businessDescription: String

        enum CodingKeys: String, CodingKey {
            case businessDescription = "business_description"
        }
    }

    struct SampleResponse: ResponseEncodable {
        var rows: [[String: JSONValue]]
    }

    struct TrainedTables: ResponseEncodable {
        var trainedTables: [String]

        enum CodingKeys: String, CodingKey {
            case trainedTables = "trained_tables"
        }
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> TableList {
        TableList(tables: try await catalog.listTables(sourceId: try context.sourceId(), tenant: try context.requireTenant()))
    }

    @Sendable func schema(_ request: Request, context: AppRequestContext) async throws -> SchemaResponse {
        let refresh = try request.uri.queryParameters.flag("refresh")
        let record = try await catalog.describeTable(
            sourceId: try context.sourceId(),
            tableName: try context.tableName(),
            tenant: try context.requireTenant(),
            refresh: refresh
        )
        return SchemaResponse(record)
    }

    @Sendable func sample(_ request: Request, context: AppRequestContext) async throws -> SampleResponse {
        let limitText = request.uri.queryParameters.get("limit") ?? "3"
        guard let limit = Int(limitText), (0...100).contains(limit) else {
            throw ServiceError(.badRequest, "limit must be an integer from 0 to 100")
        }
        let rows = try await catalog.getTableSampleData(
            sourceId: try context.sourceId(),
            tableName: try context.tableName(),
            tenant: try context.requireTenant(),
            limit: limit
        )
        return SampleResponse(rows: rows)
    }

    @Sendable func setContext(_ request: Request, context: AppRequestContext) async throws -> SchemaResponse {
        let body = try await request.decode(as: ContextRequest.self, context: context)
        let record = try await catalog.setBusinessDescription(
            sourceId: try context.sourceId(),
            tableName: try context.tableName(),
            description: body.businessDescription,
            tenant: try context.requireTenant()
        )
        return SchemaResponse(record)
    }

    @Sendable func trainedTables(_ request: Request, context: AppRequestContext) async throws -> TrainedTables {
        TrainedTables(trainedTables: try await catalog.trainedTables(sourceId: try context.sourceId(), tenant: try context.requireTenant()))
    }
}
