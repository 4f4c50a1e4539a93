import Foundation
import Hummingbird
import QuerentApplication
import QuerentCore
import QuerentHTTP

/// Routes for training: queue jobs, read status, stream progress, untrain.
public struct TrainingController: Sendable {
    let coordinator: TrainingCoordinator
    /// How often an idle event stream sends a keep-alive comment.
    let keepAlive: Duration

    public init(coordinator: TrainingCoordinator, keepAlive: Duration = .seconds(15)) {
        self.coordinator = coordinator
        self.keepAlive = keepAlive
    }

    public func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("/:sourceId/tables/:tableName/train", use: trainTable)
        group.post("/:sourceId/train", use: trainMany)
        group.get("/:sourceId/tables/:tableName/training-status", use: status)
        group.get("/:sourceId/training-events", use: events)
        group.delete("/:sourceId/tables/:tableName/train", use: untrain)
    }

    struct JobAccepted: ResponseEncodable {
        var jobId: String
        var trainingType: TrainingType

        enum CodingKeys: String, CodingKey {
            case jobId = "job_id"
            case trainingType = "training_type"
        }
    }

    struct TrainManyRequest: Decodable {
        var tables: [String]
    }

    struct JobsAccepted: ResponseEncodable {
        struct Entry: Encodable {
            var table: String
            var jobId: String
            var trainingType: TrainingType

            enum CodingKeys: String, CodingKey {
                case table
                case jobId = "job_id"
                case trainingType = "training_type"
            }
        }
        var jobs: [Entry]
    }

    @Sendable func trainTable(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<JobAccepted> {
        let job = try await coordinator.train(
            sourceId: try context.sourceId(),
            tableName: try context.tableName(),
            tenant: try context.requireTenant()
        )
        context.logger.info("training queued", metadata: ["trainer.job.id": .string(job.jobId)])
        return EditedResponse(status: .accepted, response: JobAccepted(jobId: job.jobId, trainingType: job.trainingType))
    }

    @Sendable func trainMany(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<JobsAccepted> {
        let body = try await request.decode(as: TrainManyRequest.self, context: context)
        let jobs = try await coordinator.train(sourceId: try context.sourceId(), tables: body.tables, tenant: try context.requireTenant())
        return EditedResponse(
            status: .accepted,
            response: JobsAccepted(jobs: jobs.map { .init(table: $0.tableName, jobId: $0.jobId, trainingType: $0.trainingType) })
        )
    }

    @Sendable func status(_ request: Request, context: AppRequestContext) async throws -> TrainingStatus {
        try await coordinator.status(sourceId: try context.sourceId(), tableName: try context.tableName(), tenant: try context.requireTenant())
    }

    @Sendable func untrain(_ request: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        try await coordinator.untrain(
            sourceId: try context.sourceId(),
            tableName: try context.tableName(),
            tenant: try context.requireTenant(),
            logger: context.logger
        )
        return .noContent
    }

    /// Server-Sent Events: one `event: <channel>` / `data: <json>` message per event, with
    /// keep-alive comments while idle.
    @Sendable func events(_ request: Request, context: AppRequestContext) async throws -> Response {
        let stream = try await coordinator.events(sourceId: try context.sourceId(), tenant: try context.requireTenant())
        return EventStream.response(stream, connectedComment: true, keepAlive: keepAlive) { event in (event.channel.rawValue, event) }
    }
}

extension TrainingStatus: ResponseEncodable {}
