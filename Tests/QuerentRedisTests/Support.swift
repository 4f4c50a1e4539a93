import Foundation
import QuerentCore

/// A new job for queue tests.
func makeJob(_ table: String = "t1", source: String = "src-\(UUID().uuidString.prefix(8))") -> TrainingJob {
    TrainingJob(sourceId: source, tableName: table, tenant: Tenant(userId: "u1", agentId: "a1"), trainingType: .newTable)
}
