import Foundation
import Logging
import QuerentApplication
import QuerentCore
import QuerentTesting
import Testing

/// The training stage `model`: every trained or untrained table derives the source's semantic
/// model again and stores it, leaving the user's edits alone.
@Suite struct SemanticModelTrainingTests {
    static let alice = Tenant(userId: "alice", agentId: "sales")

    @Test func trainingTablesTwoAtATimeStoresTheModelOfEveryTrainedTable() async throws {
        try await TrainingRig.with { rig in
            let source = try await rig.addSource(name: "shop", tenant: Self.alice, script: ShopFixture.script)
            #expect(try await rig.store.semanticModel(sourceId: source.id) == nil)
            rig.startWorker(concurrency: 2)
            try await rig.trainAll(source, tables: ShopFixture.tables)

            // Jobs finishing together each derive under the source's lock: the last one stored
            // holds every table.
            let stored = try #require(try await rig.store.semanticModel(sourceId: source.id))
            let model = try #require(stored.model)
            #expect(Set(model.entities.map(\.table)) == Set(ShopFixture.tables))
            #expect(model.sourceId == source.id)
            #expect(model.relationships.contains { $0.table == "orders" && $0.referencesTable == "customers" })
            #expect(stored.edits == SemanticModelEdits())
        }
    }

    @Test func untrainingDerivesTheModelAgainAndEditsSurviveRetraining() async throws {
        try await TrainingRig.with { rig in
            let source = try await rig.addSource(name: "shop", tenant: Self.alice, script: ShopFixture.script)
            rig.startWorker()
            try await rig.trainAll(source, tables: ["customers", "orders"])
            let service = SemanticModelService(registry: rig.registry)
            _ = try await service.edit(
                SemanticModelEdits(synonyms: ["customers": ["clients"]], hidden: ["customers": ["email"]]),
                sourceId: source.id,
                tenant: Self.alice
            )

            try await rig.coordinator.untrain(sourceId: source.id, tableName: "customers", tenant: Self.alice)
            let untrained = try #require(try await rig.store.semanticModel(sourceId: source.id))
            #expect(untrained.model?.entities.map(\.table) == ["orders"])
            #expect(untrained.edits.synonyms == ["customers": ["clients"]], "the edits of an untrained table are kept")
            #expect(try await service.model(sourceId: source.id, tenant: Self.alice).entity("customers") == nil)

            try await rig.trainAll(source, tables: ["customers"])
            let retrained = try await service.model(sourceId: source.id, tenant: Self.alice)
            #expect(retrained.entity("customers")?.synonyms == ["clients"])
            #expect(retrained.entity("customers")?.hidden == ["email"])
            // The stored derivation itself carries no edits.
            #expect(try await rig.store.semanticModel(sourceId: source.id)?.model?.entity("customers")?.synonyms == [])
        }
    }

    @Test func aTableTrainedWhileAnotherIsQueuedLeavesTheModelToItEvenWhenItFails() async throws {
        try await TrainingRig.with { rig in
            let source = try await rig.addSource(
                name: "shop",
                tenant: Self.alice,
                script: ShopFixture.script + "CREATE TABLE doomed (id INTEGER PRIMARY KEY);"
            )
            // Queued while the table exists, then it disappears: its job retries, then fails for good.
            let jobs = try await rig.coordinator.train(sourceId: source.id, tables: ["doomed", "customers"], tenant: Self.alice)
            try SQLiteScriptFixture.write("DROP TABLE doomed;", to: rig.sourcePath(source))
            let worker = rig.dependencies.trainingWorker(
                consumer: "one-at-a-time",
                concurrency: 1,
                policy: rig.policy,
                heartbeatInterval: .seconds(1),
                logger: rig.logs.logger(label: "one-at-a-time", level: .debug)
            )
            let running = Task { _ = try? await worker.run() }
            defer { running.cancel() }

            try await rig.waitForStatus(source, "customers", .completed)
            try await rig.waitForStatus(source, "doomed", .failed)
            let customersJob = try #require(jobs.last?.jobId)
            let deferred = rig.logs.entries.filter { $0.message == "semantic model left to a table still in training" }
            #expect(deferred.contains { $0.metadata["trainer.job.id"] == customersJob }, "customers trained while doomed was queued for a retry")
            // The failed job derived it in the end.
            try await Polling.until("the model holds customers", timeout: .seconds(10)) {
                try await rig.store.semanticModel(sourceId: source.id)?.model?.entities.map(\.table) == ["customers"]
            }
        }
    }

    @Test func aModelThatCannotBeDerivedIsLoggedAndTheTableStillTrains() async throws {
        try await TrainingRig.with { rig in
            let source = try await rig.addSource(name: "shop", tenant: Self.alice, script: ShopFixture.script)
            rig.startWorker()
            try await rig.trainAll(source, tables: ["orders"])
            // A trained schema the derivation cannot read.
            try await rig.store.client.query(
                "UPDATE database_table_schemas SET schema_data = '\"corrupt\"' WHERE source_id = $1 AND table_name = 'orders'",
                [.text(source.id)]
            )

            try await rig.trainAll(source, tables: ["customers"])
            let status = try #require(try await rig.store.trainingStatus(sourceId: source.id, tableName: "customers"))
            #expect(status.state == .completed && status.attempts == 1)
            #expect(try await rig.store.trainedTables(sourceId: source.id) == ["orders", "customers"])
            #expect(try await rig.store.semanticModel(sourceId: source.id)?.model?.entities.map(\.table) == ["orders"], "the last model stored stays")
            let warning = rig.logs.entries.first { $0.message == "semantic model not stored" }
            #expect(warning?.level == .warning)
            #expect(warning?.metadata["source.id"] == source.id)
        }
    }
}
