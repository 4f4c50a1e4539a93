import Foundation
import Hummingbird
import QuerentApplication
import QuerentCore
import QuerentHTTP

/// Routes for a source's semantic model: read it with the user's edits applied, and edit it.
public struct SemanticModelController: Sendable {
    let service: SemanticModelService

    /// The routes over `service`.
    public init(service: SemanticModelService) {
        self.service = service
    }

    /// Registers `GET` and `PATCH /:sourceId/semantic-model` on `group`.
    public func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("/:sourceId/semantic-model", use: get)
        group.patch("/:sourceId/semantic-model", use: patch)
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> SemanticModel {
        try await service.model(sourceId: try context.sourceId(), tenant: try context.requireTenant())
    }

    @Sendable func patch(_ request: Request, context: AppRequestContext) async throws -> SemanticModel {
        let tenant = try context.requireTenant()
        let sourceId = try context.sourceId()
        let edits = try await request.decode(as: SemanticModelEdits.self, context: context)
        let model = try await service.edit(edits, sourceId: sourceId, tenant: tenant)
        context.logger.info("semantic model edited", metadata: ["source.id": .string(sourceId)])
        return model
    }
}

extension SemanticModel: ResponseEncodable {}
