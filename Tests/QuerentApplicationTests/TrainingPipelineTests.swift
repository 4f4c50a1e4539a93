import Foundation
import Logging
import QuerentApplication
import QuerentCore
import QuerentTesting
import Testing

/// The training pipeline and worker over the embedded wiring: SQLite metadata, SQLite
/// customer databases, in-process queue and bus, hashing embedder.
@Suite struct TrainingPipelineTests {
    static let alice = Tenant(userId: "alice", agentId: "sales")

    @Test func progressEventsOfOneJobArriveInOrder() async throws {
        try await TrainingRig.with { rig in
            let source = try await rig.addSource(name: "shop", tenant: Self.alice, script: ShopFixture.script)
            let recorder = StreamRecorder(try await rig.coordinator.events(sourceId: source.id, tenant: Self.alice))
            defer { recorder.stop() }
            rig.startWorker()
            let job = try await rig.coordinator.train(sourceId: source.id, tableName: "customers", tenant: Self.alice)
            #expect(job.trainingType == .newTable)
            #expect(job.name == "train_table_schema")

            let events = try await recorder.wait("schema.trained for \(job.jobId)") { events in
                events.contains { $0.channel == .schemaTrained && $0.jobId == job.jobId }
            }.filter { $0.jobId == job.jobId }
            let progress = events.filter { $0.channel == .trainingProgress }
            #expect(progress.map(\.progress) == [0, 25, 50, 75, 90, 100])
            #expect(progress.map(\.stage) == [.started, .fetch, .analyze, .vectorize, .model, .complete])
            #expect(progress.map(\.state) == [.active, .active, .active, .active, .active, .completed])
            #expect(progress.allSatisfy { $0.tableName == "customers" && $0.attempt == 1 && $0.tenant == Self.alice })
            #expect(events.last?.channel == .schemaTrained, "schema.trained comes after the last progress event")

            let status = try await rig.coordinator.status(sourceId: source.id, tableName: "customers", tenant: Self.alice)
            #expect(status.state == .completed && status.progress == 100 && status.stage == .complete && status.attempts == 1)
            #expect(status.jobId == job.jobId)
            #expect(status.error == nil)
            let stored = try await rig.registry.get(source.id, tenant: Self.alice)
            #expect(stored.trainedTables == ["customers"])
            #expect(stored.lastSchemaUpdate != nil)
            #expect(try await rig.store.tableSchema(sourceId: source.id, tableName: "customers")?.isTrained == true)
        }
    }

    /// Table jobs of one source trained as a batch (one driver session, one bulk introspection,
    /// one setTrained): every table still reports its own stages in order, and a missing table
    /// fails alone, with the reason per-table introspection gives.
    @Test func aBatchTrainsItsTablesTogetherAndAMissingTableFailsAlone() async throws {
        try await TrainingRig.with { rig in
            let source = try await rig.addSource(name: "shop", tenant: Self.alice, script: ShopFixture.script)
            let recorder = StreamRecorder(try await rig.coordinator.events(sourceId: source.id, tenant: Self.alice))
            defer { recorder.stop() }
            let jobs = ["customers", "missing_table", "orders"].map {
                TrainingJob(sourceId: source.id, tableName: $0, tenant: Self.alice, trainingType: .newTable)
            }
            let failures = await rig.dependencies.trainingPipeline().run(tables: jobs, logger: quietLogger())
            #expect(Array(failures.keys) == [jobs[1].jobId])
            #expect((failures[jobs[1].jobId] as? ServiceError)?.code == .notFound)
            #expect(Set(try await rig.store.trainedTables(sourceId: source.id)) == ["customers", "orders"])
            #expect(try await rig.store.tableSchema(sourceId: source.id, tableName: "customers")?.schema.sampleData?.isEmpty == false)
            #expect(try await rig.vectorRowCount(source.id, "orders") == 1)

            let events = try await recorder.wait("both tables trained") { events in
                events.filter { $0.channel == .schemaTrained }.count == 2
            }
            for job in [jobs[0], jobs[2]] {
                let progress = events.filter { $0.jobId == job.jobId && $0.channel == .trainingProgress }
                #expect(progress.map(\.stage) == [.fetch, .analyze, .vectorize, .model, .complete])
                #expect(progress.map(\.progress) == [25, 50, 75, 90, 100])
            }
            #expect(events.allSatisfy { $0.jobId != jobs[1].jobId })
        }
    }

    @Test func trainingTheSameTableTwiceLeavesOneSchemaRowAndOneVector() async throws {
        try await TrainingRig.with { rig in
            let source = try await rig.addSource(name: "shop", tenant: Self.alice, script: ShopFixture.script)
            rig.startWorker()
            try await rig.trainAll(source, tables: ["orders"])
            // Trained now: a second request is a retrain.
            let again = try await rig.coordinator.train(sourceId: source.id, tableName: "orders", tenant: Self.alice)
            #expect(again.trainingType == .retrainTable)
            #expect(again.name == "retrain_table_schema")
            try await Polling.until("the retrain completes", timeout: .seconds(60)) {
                let status = try await rig.store.trainingStatus(sourceId: source.id, tableName: "orders")
                return status?.jobId == again.jobId && status?.state == .completed
            }
            // A redelivered job (at-least-once) runs the whole pipeline once more.
            try await rig.dependencies.trainingPipeline().run(again, logger: quietLogger())

            #expect(try await rig.schemaRowCount(source.id, "orders") == 1)
            #expect(try await rig.vectorRowCount(source.id, "orders") == 1)
            let vectors = try await rig.store.vectors(namespace: Self.alice.vectorNamespace)
            #expect(vectors.map(\.id) == ["db_\(source.id)_table_orders"])
            #expect(try await rig.store.tableSchemas(sourceId: source.id).map(\.schema.tableName) == ["orders"])
            #expect(try await rig.store.trainedTables(sourceId: source.id) == ["orders"])
            let matches = try await rig.vectors.searchRelevantTables(query: "orders", tenant: Self.alice, limit: 10)
            #expect(matches.map(\.metadata.tableName) == ["orders"])
        }
    }

    @Test func vectorMetadataFollowsTheContract() async throws {
        try await TrainingRig.with { rig in
            let source = try await rig.addSource(name: "shop", tenant: Self.alice, script: ShopFixture.script)
            rig.startWorker()
            try await rig.trainAll(source, tables: ["orders"])
            let vector = try #require(try await rig.store.vectors(namespace: "user_alice_agent_sales_db").first)
            #expect(vector.id == "db_\(source.id)_table_orders")
            #expect(vector.model == HashingEmbedder().model)
            #expect(vector.vector.count == HashingEmbedder().dimension)
            #expect(vector.metadata.sourceId == source.id)
            #expect(vector.metadata.tableName == "orders")
            #expect(vector.metadata.agentId == "sales")
            #expect(vector.metadata.columnNames == ["id", "customer_id", "total", "status", "ordered_at"])
            #expect(vector.metadata.dataTypes.count == 5)
            #expect(vector.metadata.relationships.contains { $0.contains("customers") }, "relationships: \(vector.metadata.relationships)")
            #expect(!vector.metadata.businessContext.isEmpty)
        }
    }

    @Test func jobForAMissingTableEndsInTheDeadLettersAndStatusShowsTheError() async throws {
        try await TrainingRig.with { rig in
            let source = try await rig.addSource(
                name: "shop",
                tenant: Self.alice,
                script: ShopFixture.script + "CREATE TABLE doomed (id INTEGER PRIMARY KEY);"
            )
            let recorder = StreamRecorder(try await rig.coordinator.events(sourceId: source.id, tenant: Self.alice))
            defer { recorder.stop() }
            // Queued while the table exists, then the table disappears before a trainer runs.
            let job = try await rig.coordinator.train(sourceId: source.id, tableName: "doomed", tenant: Self.alice)
            #expect(try await rig.coordinator.status(sourceId: source.id, tableName: "doomed", tenant: Self.alice).state == .queued)
            try SQLiteScriptFixture.write("DROP TABLE doomed;", to: rig.sourcePath(source))
            rig.startWorker()

            let letter = try await Polling.value("the job is dead-lettered", timeout: .seconds(60)) {
                try await rig.queue.deadLetters(limit: 10).first { $0.job.jobId == job.jobId }
            }
            #expect(letter.job.attempt == 3)
            #expect(letter.error.contains("doomed") && letter.error.contains("does not exist"), "error: \(letter.error)")
            let status = try await rig.waitForStatus(source, "doomed", .failed)
            #expect(status.error == letter.error)
            #expect(status.attempts == 3)
            #expect(status.stage == .failed)
            #expect(try await rig.queue.pendingCount() == 0)
            #expect(try await rig.schemaRowCount(source.id, "doomed") == 0)
            #expect(try await rig.store.trainedTables(sourceId: source.id).isEmpty)

            let failures = try await recorder.wait("three failed attempts") { events in
                events.filter { $0.jobId == job.jobId && $0.error != nil }.count >= 3
            }.filter { $0.jobId == job.jobId && $0.error != nil }
            #expect(failures.map(\.state) == [.queued, .queued, .failed], "attempts 1 and 2 are requeued, 3 fails")
            #expect(failures.map(\.attempt) == [1, 2, 3])
        }
    }

    @Test func valueProfileHoldsLowCardinalityTextColumns() async throws {
        try await TrainingRig.with { rig in
            let source = try await rig.addSource(name: "shop", tenant: Self.alice, script: ShopFixture.script)
            rig.startWorker()
            try await rig.trainAll(source, tables: ["orders", "customers"])

            let orders = try #require(try await rig.store.tableSchema(sourceId: source.id, tableName: "orders")?.schema)
            let profile = try #require(orders.valueProfile)
            #expect(Set(profile["status"] ?? []) == Set(ShopFixture.statuses))
            #expect(profile["id"] == nil && profile["customer_id"] == nil, "keys are not profiled")
            #expect(profile["total"] == nil, "numbers are not profiled")

            let customers = try #require(try await rig.store.tableSchema(sourceId: source.id, tableName: "customers")?.schema)
            #expect(Set(customers.valueProfile?["city"] ?? []) == Set(ShopFixture.cities))
            #expect(customers.valueProfile?["email"] == nil, "40 distinct e-mails is not low cardinality")
            #expect(customers.valueProfile?["name"] == nil)
        }
    }

    @Test func placesAreProfiledUpToTheWideLimit() async throws {
        let script = """
            CREATE TABLE offices (id INTEGER PRIMARY KEY, country TEXT, note TEXT);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40)
            INSERT INTO offices (country, note) SELECT 'Country ' || i, 'note ' || i FROM n;
            """
        try await TrainingRig.with { rig in
            let source = try await rig.addSource(name: "offices", tenant: Self.alice, script: script)
            rig.startWorker()
            try await rig.trainAll(source, tables: ["offices"])
            let offices = try #require(try await rig.store.tableSchema(sourceId: source.id, tableName: "offices")?.schema)
            #expect(offices.valueProfile?["country"]?.count == 40, "40 countries are worth knowing")
            #expect(offices.valueProfile?["note"] == nil, "40 distinct notes are not")
        }
    }

    @Test func searchInOneNamespaceNeverReturnsAnotherTenantsTables() async throws {
        try await TrainingRig.with { rig in
            let tenants = [
                Tenant(userId: "alice", agentId: "sales"), Tenant(userId: "alice", agentId: "support"), Tenant(userId: "bob", agentId: "sales"),
            ]
            var sources: [Tenant: DatabaseSource] = [:]
            rig.startWorker()
            for tenant in tenants {
                let source = try await rig.addSource(name: "shop", tenant: tenant, script: ShopFixture.script)
                try await rig.trainAll(source, tables: ShopFixture.tables)
                sources[tenant] = source
            }
            for tenant in tenants {
                for query in ["customers in Paris", "cancelled orders", "employee salary", "products"] {
                    let matches = try await rig.vectors.searchRelevantTables(query: query, tenant: tenant, limit: 50)
                    #expect(matches.count == ShopFixture.tables.count, "\(tenant) sees \(matches.count) tables for '\(query)'")
                    #expect(matches.allSatisfy { $0.metadata.sourceId == sources[tenant]!.id && $0.metadata.agentId == tenant.agentId })
                }
            }
            // Untraining in one tenant leaves the others alone.
            try await rig.coordinator.untrain(sourceId: sources[tenants[0]]!.id, tableName: "customers", tenant: tenants[0])
            #expect(try await rig.vectors.searchRelevantTables(query: "customers", tenant: tenants[0], limit: 50).count == 3)
            #expect(try await rig.vectors.searchRelevantTables(query: "customers", tenant: tenants[1], limit: 50).count == 4)
        }
    }

    /// `user_{userId}_agent_{agentId}_db` is ambiguous when an id contains `_agent_`: the
    /// tenants (`x_agent_y`, `z`) and (`x`, `y_agent_z`) share a namespace string.
    @Test func tenantsWhoseNamespaceStringsCollideStillDoNotSeeEachOther() async throws {
        try await TrainingRig.with { rig in
            let first = Tenant(userId: "x_agent_y", agentId: "z")
            let second = Tenant(userId: "x", agentId: "y_agent_z")
            #expect(first.vectorNamespace == second.vectorNamespace, "precondition: the namespace strings collide")
            rig.startWorker()
            let firstSource = try await rig.addSource(name: "shop", tenant: first, script: ShopFixture.script)
            try await rig.trainAll(firstSource, tables: ["customers"])
            let secondSource = try await rig.addSource(name: "shop", tenant: second, script: ShopFixture.script)
            try await rig.trainAll(secondSource, tables: ["orders"])

            let seenByFirst = try await rig.vectors.searchRelevantTables(query: "customers orders", tenant: first, limit: 10)
            let seenBySecond = try await rig.vectors.searchRelevantTables(query: "customers orders", tenant: second, limit: 10)
            #expect(seenByFirst.map(\.metadata.sourceId) == [firstSource.id])
            #expect(seenBySecond.map(\.metadata.sourceId) == [secondSource.id])

            // Deleting every vector of one tenant leaves the other's.
            try await rig.vectors.deleteAgentVectors(tenant: first)
            #expect(try await rig.vectors.searchRelevantTables(query: "customers orders", tenant: first, limit: 10).isEmpty)
            #expect(
                try await rig.vectors.searchRelevantTables(query: "customers orders", tenant: second, limit: 10).map(\.metadata.sourceId) == [
                    secondSource.id
                ]
            )
        }
    }

    @Test func searchRanksTheObviouslyRelevantTableFirst() async throws {
        try await TrainingRig.with { rig in
            let source = try await rig.addSource(name: "shop", tenant: Self.alice, script: ShopFixture.script)
            rig.startWorker()
            try await rig.trainAll(source, tables: ShopFixture.tables)
            let expectations = [
                "customers in Paris": "customers",
                "How many cancelled orders are there?": "orders",
                "products by category and price": "products",
                "which employee has the highest salary": "employees",
            ]
            for (question, table) in expectations {
                let matches = try await rig.vectors.searchRelevantTables(query: question, tenant: Self.alice, limit: 4)
                #expect(matches.first?.metadata.tableName == table, "'\(question)' ranked \(matches.map(\.metadata.tableName))")
                #expect(zip(matches, matches.dropFirst()).allSatisfy { $0.score >= $1.score }, "matches are best first")
            }
            #expect(try await rig.vectors.searchRelevantTables(query: "customers", tenant: Self.alice, limit: 2).count == 2)
        }
    }

    @Test func aCancelledWorkerHandsItsJobBack() async throws {
        try await TrainingRig.with { rig in
            let source = try await rig.addSource(name: "shop", tenant: Self.alice, script: ShopFixture.script)
            let worker = rig.dependencies.trainingWorker(
                consumer: "slow",
                concurrency: 1,
                policy: rig.policy,
                heartbeatInterval: .seconds(1),
                stageDelay: .seconds(30),
                logger: quietLogger()
            )
            let task = Task { try? await worker.run() }
            let job = try await rig.coordinator.train(sourceId: source.id, tableName: "customers", tenant: Self.alice)
            try await Polling.until("the job is in flight", timeout: .seconds(60)) {
                try await rig.store.trainingStatus(sourceId: source.id, tableName: "customers")?.stage == .fetch
            }
            task.cancel()
            await task.value

            #expect(try await rig.queue.pendingCount() == 1)
            let handedBack = try #require(try await rig.queue.claim(consumer: "other", wait: .seconds(2)), "the job was not released")
            #expect(handedBack.job.jobId == job.jobId)
            #expect(handedBack.job.attempt == 1, "an interrupted job does not use up an attempt")
            #expect(try await rig.queue.deadLetters(limit: 10).isEmpty)
        }
    }
}
