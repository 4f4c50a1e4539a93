import Foundation
import Hummingbird
import QuerentApplication
import QuerentCore
import QuerentHTTP

/// Routes for what users teach a source: examples, glossary, instructions, and the whole as one
/// document.
public struct KnowledgeController: Sendable {
    let service: KnowledgeService

    /// The routes over `service`.
    public init(service: KnowledgeService) {
        self.service = service
    }

    /// Registers the teaching routes under `/:sourceId` on `group`.
    public func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("/:sourceId/examples", use: addExample)
        group.get("/:sourceId/examples", use: examples)
        group.delete("/:sourceId/examples/:exampleId", use: deleteExample)
        group.post("/:sourceId/glossary", use: addTerm)
        group.get("/:sourceId/glossary", use: glossary)
        group.delete("/:sourceId/glossary/:termId", use: deleteTerm)
        group.get("/:sourceId/instructions", use: instructions)
        group.put("/:sourceId/instructions", use: setInstructions)
        group.get("/:sourceId/knowledge", use: export)
        group.put("/:sourceId/knowledge", use: replace)
    }

    struct ExampleRequest: Decodable {
        var question: String
        var sql: String
    }

    struct ExampleList: ResponseEncodable {
        var examples: [TaughtExample]
    }

    struct TermRequest: Decodable {
        var term: String
        var definition: String
        var sql: String?
    }

    struct Glossary: ResponseEncodable {
        var glossary: [GlossaryTerm]
    }

    struct Instructions: Codable, ResponseEncodable {
        var instructions: String
    }

    @Sendable func addExample(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<TaughtExample> {
        let body = try await request.decode(as: ExampleRequest.self, context: context)
        let sourceId = try context.sourceId()
        let example = try await service.addExample(question: body.question, sql: body.sql, sourceId: sourceId, tenant: try context.requireTenant())
        context.logger.info("example taught", metadata: ["source.id": .string(sourceId), "example.id": .string(example.id)])
        return EditedResponse(status: .created, response: example)
    }

    @Sendable func examples(_ request: Request, context: AppRequestContext) async throws -> ExampleList {
        ExampleList(examples: try await service.examples(sourceId: try context.sourceId(), tenant: try context.requireTenant()))
    }

    @Sendable func deleteExample(_ request: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        let id = try context.parameters.require("exampleId")
        try await service.deleteExample(id: id, sourceId: try context.sourceId(), tenant: try context.requireTenant())
        return .noContent
    }

    @Sendable func addTerm(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<GlossaryTerm> {
        let body = try await request.decode(as: TermRequest.self, context: context)
        let term = try await service.addTerm(
            term: body.term,
            definition: body.definition,
            sql: body.sql,
            sourceId: try context.sourceId(),
            tenant: try context.requireTenant()
        )
        return EditedResponse(status: .created, response: term)
    }

    @Sendable func glossary(_ request: Request, context: AppRequestContext) async throws -> Glossary {
        Glossary(glossary: try await service.glossary(sourceId: try context.sourceId(), tenant: try context.requireTenant()))
    }

    @Sendable func deleteTerm(_ request: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        let id = try context.parameters.require("termId")
        try await service.deleteTerm(id: id, sourceId: try context.sourceId(), tenant: try context.requireTenant())
        return .noContent
    }

    @Sendable func instructions(_ request: Request, context: AppRequestContext) async throws -> Instructions {
        Instructions(instructions: try await service.instructions(sourceId: try context.sourceId(), tenant: try context.requireTenant()))
    }

    @Sendable func setInstructions(_ request: Request, context: AppRequestContext) async throws -> Instructions {
        let body = try await request.decode(as: Instructions.self, context: context)
        return Instructions(
            instructions: try await service.setInstructions(body.instructions, sourceId: try context.sourceId(), tenant: try context.requireTenant())
        )
    }

    @Sendable func export(_ request: Request, context: AppRequestContext) async throws -> SourceKnowledge {
        try await service.export(sourceId: try context.sourceId(), tenant: try context.requireTenant())
    }

    @Sendable func replace(_ request: Request, context: AppRequestContext) async throws -> SourceKnowledge {
        let document = try await request.decode(as: SourceKnowledge.self, context: context)
        return try await service.replace(with: document, sourceId: try context.sourceId(), tenant: try context.requireTenant())
    }
}

extension TaughtExample: ResponseEncodable {}
extension GlossaryTerm: ResponseEncodable {}
extension SourceKnowledge: ResponseEncodable {}
