import Foundation
import QuerentCore

extension SQLMetadataStore {
    public func saveTrainingStatus(_ status: TrainingStatus) async throws {
        try await client.query(
            """
            INSERT INTO training_jobs (source_id, table_name, job_id, state, progress, stage, attempts, error, updated_at)
            SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9 WHERE EXISTS (SELECT 1 FROM sources WHERE id = $1)
            ON CONFLICT (source_id, table_name) DO UPDATE SET
                job_id = excluded.job_id, state = excluded.state, progress = excluded.progress, stage = excluded.stage,
                attempts = excluded.attempts, error = excluded.error, updated_at = excluded.updated_at
            """,
            [
                .text(status.sourceId), .text(status.tableName), .text(status.jobId), .text(status.state.rawValue),
                .int(Int64(status.progress)), .text(status.stage.rawValue), .int(Int64(status.attempts)),
                status.error.map(SQLBind.text) ?? .null, .text(Timestamp.format(status.updatedAt)),
            ]
        )
    }

    public func trainingStatus(sourceId: String, tableName: String) async throws -> TrainingStatus? {
        guard
            let row = try await client.query(
                "SELECT job_id, state, progress, stage, attempts, error, \(timestamp("updated_at")) FROM training_jobs WHERE source_id = $1 AND table_name = $2",
                [.text(sourceId), .text(tableName)]
            ).first
        else { return nil }
        return TrainingStatus(
            jobId: row.string("job_id") ?? "",
            sourceId: sourceId,
            tableName: tableName,
            state: row.string("state").flatMap(TrainingState.init) ?? .queued,
            progress: Int(row.int("progress") ?? 0),
            stage: row.string("stage").flatMap(TrainingStage.init) ?? .queued,
            attempts: Int(row.int("attempts") ?? 0),
            error: row.string("error"),
            updatedAt: row.string("updated_at").flatMap(Timestamp.parse) ?? Date(timeIntervalSince1970: 0)
        )
    }
}
