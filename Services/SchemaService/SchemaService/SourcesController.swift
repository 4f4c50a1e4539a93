import Foundation
import Hummingbird
import QuerentApplication
import QuerentCore
import QuerentHTTP

/// Routes for registering and managing a tenant's database sources.
public struct SourcesController: Sendable {
    let registry: SourceRegistry

    public init(registry: SourceRegistry) {
        self.registry = registry
    }

    public func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("/", use: create)
        group.post("/test-connection", use: testConnection)
        group.get("/", use: list)
        group.get("/:sourceId", use: get)
        group.delete("/:sourceId", use: delete)
    }

    struct CreateRequest: Decodable {
        var name: String
        var dialect: Dialect
        var connection: ConnectionSpec
    }

    struct TestRequest: Decodable {
        var dialect: Dialect
        var connection: ConnectionSpec
    }

    struct TestResponse: ResponseEncodable {
        var ok: Bool
        var tableCount: Int

        enum CodingKeys: String, CodingKey {
            case ok
            case tableCount = "table_count"
        }
    }

    struct SourceList: ResponseEncodable {
        var sources: [DatabaseSource]
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<DatabaseSource> {
        let tenant = try context.requireTenant()
        let body = try await request.decode(as: CreateRequest.self, context: context)
        let source = try await registry.create(name: body.name, dialect: body.dialect, spec: body.connection, tenant: tenant)
        context.logger.info("source created", metadata: ["source.id": .string(source.id), "source.dialect": .string(source.dialect.rawValue)])
        return EditedResponse(status: .created, headers: [.location: QuerentRouter.apiPath + "/" + source.id], response: source)
    }

    @Sendable func testConnection(_ request: Request, context: AppRequestContext) async throws -> TestResponse {
        _ = try context.requireTenant()
        let body = try await request.decode(as: TestRequest.self, context: context)
        return TestResponse(ok: true, tableCount: try await registry.testConnection(dialect: body.dialect, spec: body.connection))
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> SourceList {
        SourceList(sources: try await registry.list(tenant: try context.requireTenant()))
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> DatabaseSource {
        try await registry.get(try context.sourceId(), tenant: try context.requireTenant())
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        let sourceId = try context.sourceId()
        try await registry.delete(sourceId, tenant: try context.requireTenant())
        context.logger.info("source deleted", metadata: ["source.id": .string(sourceId)])
        return .noContent
    }
}

extension DatabaseSource: ResponseEncodable {}
