import Foundation
import QuerentCore
import QuerentRedis
import QuerentTesting
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `trainer-service` processes sharing the `database-schema-training` queue on a real Redis,
/// with real Postgres metadata and customer databases. Each test has its own redis-server,
/// its own databases and its own processes; the tests run one at a time (each starts
/// several processes on a two-core machine).
@Suite(.serialized, .enabled(if: RedisTestEnvironment.postgresAndRedisEnabled))
struct TrainerClusterTests {
    @Test func threeTrainersTrainTwoHundredTablesExactlyOnce() async throws {
        try await TrainerCluster.with(tableCount: 200) { cluster in
            for name in ["trainer-a", "trainer-b", "trainer-c"] { try await cluster.startTrainer(name) }
            let jobs = try await cluster.coordinator.train(sourceId: cluster.source.id, tables: cluster.tables, tenant: TrainerCluster.tenant)
            #expect(jobs.count == 200)
            #expect(Set(jobs.map(\.jobId)).count == 200)

            try await cluster.waitUntilTrained(cluster.tables, timeout: .seconds(120))
            try await cluster.expectTrainedExactlyOnce(cluster.tables)

            // The replicas shared the work (a job may run twice only if a trainer stalled past
            // the visibility timeout; the exactly-once checks above hold either way).
            let counts = cluster.trainedCounts()
            #expect(counts.values.allSatisfy { $0 > 0 }, "every trainer trained something: \(counts)")
            #expect(counts.values.reduce(0, +) >= 200, "jobs trained per trainer: \(counts)")
            for process in cluster.harness.all { #expect(process.isRunning, "\(process.name) is still running") }

            // Training status of an arbitrary table, through a trainer's HTTP API.
            let (status, body) = try await cluster.api(cluster.harness.all[1], "GET", "/tables/t_123/training-status")
            #expect(status == 200)
            #expect(body["state"] as? String == "completed")
            #expect(body["progress"] as? Int == 100)
        }
    }

    @Test func aJobOfAKilledTrainerIsReclaimedAndCompletedByAnother() async throws {
        try await TrainerCluster.with(tableCount: 3) { cluster in
            // The doomed trainer is alone at first and slow (1.5 s per stage), so it holds a job.
            let doomed = try await cluster.startTrainer(
                "trainer-doomed",
                environment: ["QUERENT_TRAINER_STAGE_DELAY_MS": "1500", "QUERENT_TRAINER_CONCURRENCY": "1"]
            )
            let jobs = try await cluster.coordinator.train(sourceId: cluster.source.id, tables: cluster.tables, tenant: TrainerCluster.tenant)
            let inFlight = try await Polling.value("the doomed trainer has a job in flight", timeout: .seconds(30), detail: { doomed.logTail() }) {
                () -> TrainingStatus? in
                for table in cluster.tables {
                    if let status = try await cluster.status(table), status.state == .active { return status }
                }
                return nil
            }

            doomed.signal(SIGKILL)
            let exit = try await doomed.waitForExit(timeout: .seconds(10))
            #expect(exit.reason == .uncaughtSignal && exit.status == SIGKILL)
            #expect(try await cluster.status(inFlight.tableName)?.state == .active, "the killed job was left in flight")

            let rescuer = try await cluster.startTrainer("trainer-rescuer")
            try await cluster.waitUntilTrained(cluster.tables, timeout: .seconds(60))
            try await cluster.expectTrainedExactlyOnce(cluster.tables)

            let rescued = try #require(try await cluster.status(inFlight.tableName))
            #expect(rescued.jobId == inFlight.jobId)
            #expect(rescued.state == .completed)
            #expect(rescued.attempts == 1, "a reclaim after a crash is not a failed attempt")
            #expect(rescuer.output().contains(inFlight.jobId), "the rescuer ran the reclaimed job \(inFlight.jobId)")
            #expect(!doomed.output().contains("table trained"), "the killed trainer finished nothing")
            #expect(Set(jobs.map(\.jobId)).contains(inFlight.jobId))
        }
    }

    @Test func aTrainerStoppedWithSIGTERMFinishesItsJobAndLosesNothing() async throws {
        try await TrainerCluster.with(tableCount: 3) { cluster in
            let leaving = try await cluster.startTrainer(
                "trainer-leaving",
                environment: ["QUERENT_TRAINER_STAGE_DELAY_MS": "700", "QUERENT_TRAINER_CONCURRENCY": "1"]
            )
            _ = try await cluster.coordinator.train(sourceId: cluster.source.id, tables: cluster.tables, tenant: TrainerCluster.tenant)
            let inFlight = try await Polling.value("the trainer has a job in flight", timeout: .seconds(30), detail: { leaving.logTail() }) {
                () -> TrainingStatus? in
                for table in cluster.tables {
                    if let status = try await cluster.status(table), status.state == .active { return status }
                }
                return nil
            }

            leaving.signal(SIGTERM)
            let exit = try await leaving.waitForExit(timeout: .seconds(30))
            #expect(exit.reason == .exit && exit.status == 0, "graceful shutdown exits 0, got \(exit)")
            // The job in flight was finished (or handed back), never abandoned until a reclaim.
            let after = try #require(try await cluster.status(inFlight.tableName))
            let handedBack = try await cluster.queue.pendingCount() == cluster.tables.count - (after.state == .completed ? 1 : 0)
            #expect(after.state == .completed || handedBack, "in-flight job after SIGTERM: \(after)")

            let successor = try await cluster.startTrainer("trainer-successor")
            // The successor finishes the rest: everything ends trained exactly once, one attempt each.
            try await cluster.waitUntilTrained(cluster.tables, timeout: .seconds(60))
            try await cluster.expectTrainedExactlyOnce(cluster.tables)
            for table in cluster.tables {
                #expect(try await cluster.status(table)?.attempts == 1, "\(table) needed no retry")
            }
            #expect(successor.isRunning)
        }
    }

    @Test func trainersRecoverFromARedisRestartAndLoseNothing() async throws {
        try await TrainerCluster.with(tableCount: 200) { cluster in
            let trainers = [
                try await cluster.startTrainer("trainer-a", environment: ["QUERENT_TRAINER_STAGE_DELAY_MS": "50"]),
                try await cluster.startTrainer("trainer-b", environment: ["QUERENT_TRAINER_STAGE_DELAY_MS": "50"]),
            ]
            _ = try await cluster.coordinator.train(sourceId: cluster.source.id, tables: cluster.tables, tenant: TrainerCluster.tenant)
            try await Polling.until("some tables are trained", timeout: .seconds(60), interval: .milliseconds(50)) {
                try await cluster.store.trainedTables(sourceId: cluster.source.id).count >= 5
            }
            let trainedBefore = try await cluster.store.trainedTables(sourceId: cluster.source.id).count
            #expect(trainedBefore < cluster.tables.count, "the restart must happen during the run (\(trainedBefore) trained already)")

            try await cluster.redis.shutdown()
            // The trainers notice: their readiness check fails while Redis is down.
            for trainer in trainers {
                try await Polling.until("\(trainer.name) reports Redis unavailable", timeout: .seconds(20), interval: .milliseconds(100)) {
                    try await cluster.readiness(trainer) == 503
                }
            }
            try await cluster.redis.start()

            try await cluster.waitUntilTrained(cluster.tables, timeout: .seconds(180))
            try await cluster.expectTrainedExactlyOnce(cluster.tables)
            // None twice: the trainers' logs of completed jobs name each table once.
            let completions = cluster.completedTables()
            let twice = Dictionary(grouping: completions, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
            #expect(completions.count == cluster.tables.count && twice.isEmpty, "\(completions.count) completions; trained twice: \(twice)")
            for trainer in trainers {
                #expect(trainer.isRunning, "\(trainer.name) survived the restart")
                try await cluster.waitUntilReady(trainer, timeout: .seconds(20))
            }
        }
    }

    @Test func aJobThatAlwaysFailsIsDeadLetteredAfterThreeAttempts() async throws {
        try await TrainerCluster.with(tableCount: 2) { cluster in
            let trainer = try await cluster.startTrainer("trainer-a")

            // The API refuses an unknown table before queueing anything.
            let refused = try await cluster.api(trainer, "POST", "/tables/no_such_table/train")
            #expect(refused.status == 404)
            #expect(try await cluster.queue.pendingCount() == 0)

            // A job for it can still reach the queue (the table was dropped after queueing).
            let job = TrainingJob(sourceId: cluster.source.id, tableName: "no_such_table", tenant: TrainerCluster.tenant, trainingType: .newTable)
            try await cluster.queue.enqueue(job)
            let letter = try await Polling.value("the job is dead-lettered", timeout: .seconds(60), detail: { trainer.logTail() }) {
                try await cluster.queue.deadLetters(limit: 10).first { $0.job.jobId == job.jobId }
            }
            #expect(letter.job.attempt == 3)
            #expect(letter.error.contains("no_such_table") && letter.error.contains("does not exist"), "\(letter.error)")
            #expect(try await cluster.queue.pendingCount() == 0)

            // The dead letter is in the Redis stream `<queue>:dead`.
            let stream = try await cluster.redisClient.command("XLEN", TrainingJob.queueName + ":dead")
            #expect(stream.integer == 1)

            let (status, body) = try await cluster.api(trainer, "GET", "/tables/no_such_table/training-status")
            #expect(status == 200)
            #expect(body["state"] as? String == "failed")
            #expect(body["attempts"] as? Int == 3)
            #expect((body["error"] as? String)?.contains("does not exist") == true, "\(body)")
            #expect(try await cluster.store.trainedTables(sourceId: cluster.source.id).isEmpty)
        }
    }
}
