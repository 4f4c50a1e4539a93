import Foundation
import Logging
import QuerentApplication
import QuerentCore
import QuerentGeneration
import QuerentRuntime
import SampleDatabase

/// The embedded wiring over the trained SQLite sample in a scratch directory, as the query and
/// teaching benchmarks use it: the built-in generator, the hashing embedder, every sample table
/// trained through the real pipeline.
struct TrainedSample {
    let directory: String
    let dependencies: Dependencies
    let source: DatabaseSource
    let tenant = Tenant(userId: "bench", agentId: "bench")

    /// Builds it; call ``remove()`` when done.
    init(logger: Logger) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("querent-bench-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var configuration = QuerentConfiguration(metadataURL: directory + "/metadata.sqlite", secretKey: CredentialCipher.generateKey())
        configuration.generators = [BuiltinSQLGenerator()]
        configuration.embedder = HashingEmbedder()
        dependencies = try await Dependencies.make(configuration, logger: logger)
        _ = try SampleDatabase.generate(at: directory + "/sample.sqlite")
        source = try await dependencies.registry.create(
            name: "sample",
            dialect: .sqlite,
            spec: ConnectionSpec(path: directory + "/sample.sqlite"),
            tenant: tenant
        )
        let training = dependencies.trainingPipeline()
        for table in SampleDatabase.trainedTables {
            try await training.run(TrainingJob(sourceId: source.id, tableName: table, tenant: tenant, trainingType: .newTable), logger: logger)
        }
    }

    /// Closes the clients and deletes the scratch directory.
    func remove() async {
        await dependencies.close()
        try? FileManager.default.removeItem(atPath: directory)
    }
}
