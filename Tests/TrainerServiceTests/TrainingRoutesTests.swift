import Foundation
import Hummingbird
import HummingbirdTesting
import QuerentCore
import QuerentHTTP
import QuerentTesting
import Testing
import TrainerService

/// The training routes over the embedded wiring (in-process queue and bus, SQLite metadata),
/// as `querent serve` mounts them.
@Suite struct TrainingRoutesTests {
    static let alice = Tenant(userId: "alice", agentId: "sales")
    static let mallory = Tenant(userId: "mallory", agentId: "sales")
    static let api = QuerentRouter.apiPath

    func router(_ rig: TrainingRig) -> Router<AppRequestContext> {
        buildRouter(rig.dependencies, signer: TestTokens.signer)
    }

    func app(_ rig: TrainingRig) -> some ApplicationProtocol {
        Application(router: router(rig), logger: quietLogger())
    }

    func headers(_ tenant: Tenant, json: Bool = false) -> HTTPFields {
        var fields: HTTPFields = [.authorization: TestTokens.bearer(TestTokens.token(for: tenant))]
        if json { fields[.contentType] = "application/json" }
        return fields
    }

    func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(
            try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any],
            "body: \(String(buffer: response.body))"
        )
    }

    func errorCode(_ response: TestResponse) throws -> String? {
        (try json(response)["error"] as? [String: Any])?["code"] as? String
    }

    @Test func trainingOneTableIsAcceptedQueuedAndCompleted() async throws {
        try await TrainingRig.with { rig in
            let source = try await rig.addSource(name: "shop", tenant: Self.alice, script: ShopFixture.script)
            try await app(rig).test(.router) { client in
                let accepted = try await client.execute(
                    uri: "\(Self.api)/\(source.id)/tables/customers/train",
                    method: .post,
                    headers: headers(Self.alice)
                )
                #expect(accepted.status == .accepted)
                let body = try json(accepted)
                let jobId = try #require(body["job_id"] as? String)
                #expect(body["training_type"] as? String == "new_table")
                #expect(try await rig.queue.pendingCount() == 1)

                // No trainer runs yet: the job waits.
                let queued = try await client.execute(
                    uri: "\(Self.api)/\(source.id)/tables/customers/training-status",
                    method: .get,
                    headers: headers(Self.alice)
                )
                #expect(queued.status == .ok)
                let queuedBody = try json(queued)
                #expect(queuedBody["state"] as? String == "queued")
                #expect(queuedBody["progress"] as? Int == 0)
                #expect(queuedBody["job_id"] as? String == jobId)

                rig.startWorker()
                let completed = try await Polling.value("training-status says completed", timeout: .seconds(60)) { () -> [String: Any]? in
                    let response = try await client.execute(
                        uri: "\(Self.api)/\(source.id)/tables/customers/training-status",
                        method: .get,
                        headers: headers(Self.alice)
                    )
                    let body = try json(response)
                    return body["state"] as? String == "completed" ? body : nil
                }
                #expect(completed["progress"] as? Int == 100)
                #expect(completed["stage"] as? String == "complete")
                #expect(completed["attempts"] as? Int == 1)
                #expect(completed["job_id"] as? String == jobId)
                #expect(completed["error"] == nil || completed["error"] is NSNull)

                // Training it again is a retrain.
                let again = try await client.execute(
                    uri: "\(Self.api)/\(source.id)/tables/customers/train",
                    method: .post,
                    headers: headers(Self.alice)
                )
                #expect(again.status == .accepted)
                #expect(try json(again)["training_type"] as? String == "retrain_table")
            }
        }
    }

    @Test func unknownTablesAre404AndNothingIsQueued() async throws {
        try await TrainingRig.with { rig in
            let source = try await rig.addSource(name: "shop", tenant: Self.alice, script: ShopFixture.script)
            try await app(rig).test(.router) { client in
                let missing = try await client.execute(uri: "\(Self.api)/\(source.id)/tables/nope/train", method: .post, headers: headers(Self.alice))
                #expect(missing.status == .notFound)
                #expect(try errorCode(missing) == "not_found")

                // One unknown table in a batch refuses the whole batch.
                let batch = try await client.execute(
                    uri: "\(Self.api)/\(source.id)/train",
                    method: .post,
                    headers: headers(Self.alice, json: true),
                    body: ByteBuffer(string: #"{"tables": ["customers", "nope"]}"#)
                )
                #expect(batch.status == .notFound)

                let unknownSource = try await client.execute(
                    uri: "\(Self.api)/no-such-source/tables/customers/train",
                    method: .post,
                    headers: headers(Self.alice)
                )
                #expect(unknownSource.status == .notFound)

                #expect(try await rig.queue.pendingCount() == 0)
                let status = try await client.execute(
                    uri: "\(Self.api)/\(source.id)/tables/nope/training-status",
                    method: .get,
                    headers: headers(Self.alice)
                )
                #expect(status.status == .notFound)
                let neverQueued = try await client.execute(
                    uri: "\(Self.api)/\(source.id)/tables/customers/training-status",
                    method: .get,
                    headers: headers(Self.alice)
                )
                #expect(neverQueued.status == .notFound, "customers was never queued")
            }
        }
    }

    @Test func trainingManyTablesAtOnce() async throws {
        try await TrainingRig.with { rig in
            let source = try await rig.addSource(name: "shop", tenant: Self.alice, script: ShopFixture.script)
            try await app(rig).test(.router) { client in
                let accepted = try await client.execute(
                    uri: "\(Self.api)/\(source.id)/train",
                    method: .post,
                    headers: headers(Self.alice, json: true),
                    body: ByteBuffer(string: #"{"tables": ["customers", "orders", "customers"]}"#)
                )
                #expect(accepted.status == .accepted)
                let jobs = try #require(try json(accepted)["jobs"] as? [[String: Any]])
                #expect(jobs.compactMap { $0["table"] as? String } == ["customers", "orders"], "duplicates are queued once")
                #expect(Set(jobs.compactMap { $0["job_id"] as? String }).count == 2)
                #expect(try await rig.queue.pendingCount() == 2)

                let empty = try await client.execute(
                    uri: "\(Self.api)/\(source.id)/train",
                    method: .post,
                    headers: headers(Self.alice, json: true),
                    body: ByteBuffer(string: #"{"tables": []}"#)
                )
                #expect(empty.status == .badRequest)
                let malformed = try await client.execute(
                    uri: "\(Self.api)/\(source.id)/train",
                    method: .post,
                    headers: headers(Self.alice, json: true),
                    body: ByteBuffer(string: #"{"tables": "#)
                )
                #expect(malformed.status == .badRequest)
                #expect(try await rig.queue.pendingCount() == 2)

                rig.startWorker()
                for table in ["customers", "orders"] { try await rig.waitForStatus(source, table, .completed) }
                #expect(Set(try await rig.store.trainedTables(sourceId: source.id)) == ["customers", "orders"])
            }
        }
    }

    @Test func failedTrainingShowsStateFailedWithTheError() async throws {
        try await TrainingRig.with { rig in
            let source = try await rig.addSource(name: "shop", tenant: Self.alice, script: ShopFixture.script + "CREATE TABLE doomed (id INTEGER);")
            try await app(rig).test(.router) { client in
                let accepted = try await client.execute(
                    uri: "\(Self.api)/\(source.id)/tables/doomed/train",
                    method: .post,
                    headers: headers(Self.alice)
                )
                #expect(accepted.status == .accepted)
                try SQLiteScriptFixture.write("DROP TABLE doomed;", to: rig.sourcePath(source))
                rig.startWorker()
                let failed = try await Polling.value("training-status says failed", timeout: .seconds(60)) { () -> [String: Any]? in
                    let response = try await client.execute(
                        uri: "\(Self.api)/\(source.id)/tables/doomed/training-status",
                        method: .get,
                        headers: headers(Self.alice)
                    )
                    let body = try json(response)
                    return body["state"] as? String == "failed" ? body : nil
                }
                #expect(failed["attempts"] as? Int == 3)
                #expect((failed["error"] as? String)?.contains("does not exist") == true, "\(failed)")
            }
        }
    }

    @Test func untrainingRemovesTheTableAndItsVector() async throws {
        try await TrainingRig.with { rig in
            let source = try await rig.addSource(name: "shop", tenant: Self.alice, script: ShopFixture.script)
            rig.startWorker()
            try await rig.trainAll(source, tables: ["customers", "orders"])
            let recorder = StreamRecorder(try await rig.coordinator.events(sourceId: source.id, tenant: Self.alice))
            defer { recorder.stop() }
            try await app(rig).test(.router) { client in
                let deleted = try await client.execute(
                    uri: "\(Self.api)/\(source.id)/tables/customers/train",
                    method: .delete,
                    headers: headers(Self.alice)
                )
                #expect(deleted.status == .noContent)
                let ids = try await rig.store.vectors(namespace: Self.alice.vectorNamespace).map(\.id)
                #expect(ids == ["db_\(source.id)_table_orders"])
                #expect(try await rig.store.trainedTables(sourceId: source.id) == ["orders"])
                #expect(try await rig.store.tableSchema(sourceId: source.id, tableName: "customers")?.isTrained == false)
                let matches = try await rig.vectors.searchRelevantTables(query: "customers", tenant: Self.alice, limit: 10)
                #expect(matches.map(\.metadata.tableName) == ["orders"])
                try await recorder.wait("schema.untrained") { events in
                    events.contains { $0.channel == .schemaUntrained && $0.tableName == "customers" }
                }

                let again = try await client.execute(
                    uri: "\(Self.api)/\(source.id)/tables/customers/train",
                    method: .delete,
                    headers: headers(Self.alice)
                )
                #expect(again.status == .notFound, "customers is no longer trained")
            }
        }
    }

    @Test func anotherTenantGets404Everywhere() async throws {
        try await TrainingRig.with { rig in
            let source = try await rig.addSource(name: "shop", tenant: Self.alice, script: ShopFixture.script)
            rig.startWorker()
            try await rig.trainAll(source, tables: ["customers"])
            try await app(rig).test(.router) { client in
                let base = "\(Self.api)/\(source.id)"
                let train = try await client.execute(uri: "\(base)/tables/customers/train", method: .post, headers: headers(Self.mallory))
                #expect(train.status == .notFound)
                let many = try await client.execute(
                    uri: "\(base)/train",
                    method: .post,
                    headers: headers(Self.mallory, json: true),
                    body: ByteBuffer(string: #"{"tables": ["customers"]}"#)
                )
                #expect(many.status == .notFound)
                let status = try await client.execute(uri: "\(base)/tables/customers/training-status", method: .get, headers: headers(Self.mallory))
                #expect(status.status == .notFound)
                let events = try await client.execute(uri: "\(base)/training-events", method: .get, headers: headers(Self.mallory))
                #expect(events.status == .notFound)
                let untrain = try await client.execute(uri: "\(base)/tables/customers/train", method: .delete, headers: headers(Self.mallory))
                #expect(untrain.status == .notFound)
                // Same user, another agent: another tenant too.
                let otherAgent = try await client.execute(
                    uri: "\(base)/tables/customers/training-status",
                    method: .get,
                    headers: headers(Tenant(userId: "alice", agentId: "support"))
                )
                #expect(otherAgent.status == .notFound)

                let anonymous = try await client.execute(uri: "\(base)/tables/customers/train", method: .post)
                #expect(anonymous.status == .unauthorized)

                #expect(try await rig.queue.pendingCount() == 0)
                #expect(try await rig.store.trainedTables(sourceId: source.id) == ["customers"], "nothing changed")
                #expect(try await rig.store.vectors(namespace: Self.alice.vectorNamespace).count == 1)
            }
        }
    }

    @Test func trainingEventsStreamLiveProgressAsServerSentEvents() async throws {
        try await TrainingRig.with { rig in
            let source = try await rig.addSource(name: "shop", tenant: Self.alice, script: ShopFixture.script)
            let other = try await rig.addSource(name: "other", tenant: Self.alice, script: ShopFixture.script)
            rig.startWorker()
            try await withLiveServer(router(rig)) { port in
                try await Self.checkEventStream(port: port, rig: rig, source: source, other: other)
            }
        }
    }

    static func decodeEvents(_ lines: [String]) throws -> [QuerentEvent] {
        try lines.map { try JSONDecoder.querent.decode(QuerentEvent.self, from: Data($0.utf8)) }
    }

    static func checkEventStream(port: Int, rig: TrainingRig, source: DatabaseSource, other: DatabaseSource) async throws {
        let authorization = TestTokens.bearer(TestTokens.token(for: alice))
        let stream = try StreamingHTTPConnection(
            port: port,
            path: "\(api)/\(source.id)/training-events",
            headers: ["Authorization": authorization, "Accept": "text/event-stream"]
        )
        defer { stream.disconnect() }
        try await Polling.until("the event stream is open", timeout: .seconds(60), detail: { stream.text }) {
            stream.text.contains(": connected")
        }
        #expect(stream.text.hasPrefix("HTTP/1.1 200"))
        #expect(stream.text.lowercased().contains("content-type: text/event-stream"))

        // Another source's training must not appear in this stream.
        let otherJob = try await rig.coordinator.train(sourceId: other.id, tableName: "orders", tenant: alice)
        try await rig.waitForStatus(other, "orders", .completed)
        let job = try await rig.coordinator.train(sourceId: source.id, tableName: "customers", tenant: alice)
        let jobId = job.jobId

        let events = try await Polling.value("the stream delivers schema.trained", timeout: .seconds(60), detail: { stream.text }) {
            () -> [QuerentEvent]? in
            let events = try decodeEvents(stream.dataLines)
            return events.contains { $0.channel == .schemaTrained && $0.jobId == jobId } ? events : nil
        }
        #expect(!events.contains { $0.jobId == otherJob.jobId || $0.sourceId != source.id })
        let progress = events.filter { $0.channel == .trainingProgress && $0.jobId == jobId }
        #expect(progress.map(\.progress) == [0, 25, 50, 75, 90, 100])
        #expect(progress.map(\.stage) == [.started, .fetch, .analyze, .vectorize, .model, .complete])
        #expect(stream.text.contains("event: training.progress\n"))
        #expect(stream.text.contains("event: schema.trained\n"))
    }
}
