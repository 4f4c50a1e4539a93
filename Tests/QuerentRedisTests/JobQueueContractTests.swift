import Foundation
import QuerentCore
import QuerentInProcess
import QuerentRedis
import QuerentTesting
import Testing

/// The queue implementations the contract runs against. Redis joins when it is configured,
/// or required (then a missing server fails the Redis cases).
enum QueueKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case inProcess
    case redis

    static var available: [QueueKind] { RedisTestEnvironment.enabled ? [.inProcess, .redis] : [.inProcess] }

    var testDescription: String { rawValue }

    /// Runs `body` with a fresh, empty queue of this kind (a Redis queue gets a unique name and
    /// its keys are deleted afterwards).
    func with(visibilityTimeout: Duration, _ body: (any JobQueue) async throws -> Void) async throws {
        switch self {
        case .inProcess:
            try await body(InProcessJobQueue(visibilityTimeout: visibilityTimeout))
        case .redis:
            let client = try RedisClient(url: try RedisTestEnvironment.requireURL())
            let name = RedisTestEnvironment.uniqueName("test-training-queue")
            let queue = RedisJobQueue(client: client, queueName: name, visibilityTimeout: visibilityTimeout)
            do {
                try await body(queue)
            } catch {
                _ = try? await client.command("DEL", name, name + ":delayed", name + ":dead")
                await client.close()
                throw error
            }
            _ = try? await client.command("DEL", name, name + ":delayed", name + ":dead")
            await client.close()
        }
    }
}

/// One contract, every ``JobQueue``: at-least-once delivery, reclaim after the visibility
/// timeout unless heartbeated, retries with backoff, dead letters, release.
///
/// Timing checks are lower bounds ("not before the timeout"), which a busy machine cannot
/// break; "in time" is checked by outcome (a waiting claim returns the job, not nil) and hangs
/// by the suite's time limit.
@Suite(.timeLimit(.minutes(2)))
struct JobQueueContractTests {
    static let policy = JobRetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(300), maxDelay: .seconds(5))

    /// Claims until a job arrives (each claim waits `wait`), for at most `timeout`.
    func claimEventually(_ queue: any JobQueue, consumer: String, timeout: Duration = .seconds(30)) async throws -> ClaimedJob {
        try await Polling.value("\(consumer) claims a job", timeout: timeout, interval: .milliseconds(1)) {
            try await queue.claim(consumer: consumer, wait: .milliseconds(100))
        }
    }

    @Test(arguments: QueueKind.available)
    func enqueueClaimAcknowledge(_ kind: QueueKind) async throws {
        try await kind.with(visibilityTimeout: .seconds(30)) { queue in
            let job = makeJob("customers")
            try await queue.enqueue(job)
            #expect(try await queue.pendingCount() == 1)

            let claimed = try #require(try await queue.claim(consumer: "a", wait: .seconds(2)))
            #expect(claimed.job == job)
            #expect(claimed.job.attempt == 1)
            #expect(claimed.deliveries == 1)
            #expect(try await queue.pendingCount() == 1, "an unacknowledged job is still pending")
            // The job is in flight: nobody else gets it.
            #expect(try await queue.claim(consumer: "b", wait: .milliseconds(100)) == nil)

            try await queue.acknowledge(claimed)
            #expect(try await queue.pendingCount() == 0)
            #expect(try await queue.claim(consumer: "b", wait: .milliseconds(100)) == nil)
            #expect(try await queue.deadLetters(limit: 10).isEmpty)
        }
    }

    @Test(arguments: QueueKind.available)
    func jobsAreClaimedInOrderByDifferentConsumers(_ kind: QueueKind) async throws {
        try await kind.with(visibilityTimeout: .seconds(30)) { queue in
            let jobs = (1...3).map { makeJob("t\($0)") }
            for job in jobs { try await queue.enqueue(job) }
            let first = try #require(try await queue.claim(consumer: "a", wait: .seconds(1)))
            let second = try #require(try await queue.claim(consumer: "b", wait: .seconds(1)))
            let third = try #require(try await queue.claim(consumer: "a", wait: .seconds(1)))
            #expect([first, second, third].map(\.job.jobId) == jobs.map(\.jobId))
            #expect(Set([first, second, third].map(\.receipt)).count == 3)
            for claimed in [first, second, third] { try await queue.acknowledge(claimed) }
            #expect(try await queue.pendingCount() == 0)
        }
    }

    @Test(arguments: QueueKind.available)
    func aBatchClaimTakesUpToItsLimitInOrderAndEachJobIsSettledAlone(_ kind: QueueKind) async throws {
        try await kind.with(visibilityTimeout: .seconds(30)) { queue in
            let jobs = (1...5).map { makeJob("t\($0)") }
            for job in jobs { try await queue.enqueue(job) }
            let first = try await queue.claim(consumer: "a", wait: .seconds(1), limit: 3)
            #expect(first.map(\.job.jobId) == jobs.prefix(3).map(\.jobId))
            #expect(first.allSatisfy { $0.deliveries == 1 })
            let rest = try await queue.claim(consumer: "b", wait: .seconds(1), limit: 3)
            #expect(rest.map(\.job.jobId) == jobs.suffix(2).map(\.jobId))
            #expect(try await queue.claim(consumer: "c", wait: .milliseconds(100), limit: 3).isEmpty)

            try await queue.acknowledge(first[0])
            #expect(try await queue.fail(first[1], error: "boom", policy: JobRetryPolicy(maxAttempts: 1)) == .deadLetter)
            try await queue.release(first[2])
            for claimed in rest { try await queue.acknowledge(claimed) }
            #expect(try await queue.deadLetters(limit: 10).map(\.job.jobId) == [jobs[1].jobId])
            // Only the released job is claimable again.
            let again = try await queue.claim(consumer: "c", wait: .seconds(1), limit: 3)
            #expect(again.map(\.job.jobId) == [jobs[2].jobId])
            try await queue.acknowledge(again[0])
            #expect(try await queue.pendingCount() == 0)
        }
    }

    @Test(arguments: QueueKind.available)
    func claimReturnsNilAfterWaitingWhenEmpty(_ kind: QueueKind) async throws {
        try await kind.with(visibilityTimeout: .seconds(30)) { queue in
            let clock = ContinuousClock()
            let start = clock.now
            let claimed = try await queue.claim(consumer: "a", wait: .milliseconds(400))
            let elapsed = clock.now - start
            #expect(claimed == nil)
            #expect(elapsed >= .milliseconds(395), "claim should wait 400 ms, returned after \(elapsed)")
        }
    }

    @Test(arguments: QueueKind.available)
    func aWaitingClaimReceivesAJobEnqueuedMeanwhile(_ kind: QueueKind) async throws {
        try await kind.with(visibilityTimeout: .seconds(30)) { queue in
            async let claimed = queue.claim(consumer: "a", wait: .seconds(6))
            let job = makeJob()
            try await queue.enqueue(job)
            let result = try await claimed
            #expect(result?.job == job, "the waiting claim did not return the job enqueued meanwhile")
        }
    }

    @Test(arguments: QueueKind.available)
    func unacknowledgedJobIsReclaimedAfterTheVisibilityTimeout(_ kind: QueueKind) async throws {
        let visibility = Duration.milliseconds(500)
        try await kind.with(visibilityTimeout: visibility) { queue in
            let job = makeJob()
            try await queue.enqueue(job)
            let clock = ContinuousClock()
            // The visibility timeout runs from the delivery, which is after this instant.
            let claimedAt = clock.now
            let first = try #require(try await queue.claim(consumer: "dead-consumer", wait: .seconds(2)))

            // Consumer "a" stops (never acks, never heartbeats); "b" polls until it gets the job.
            let second = try await claimEventually(queue, consumer: "b")
            let waited = clock.now - claimedAt
            #expect(waited >= visibility - .milliseconds(5), "reclaimed after \(waited), before the visibility timeout")
            #expect(second.job == job)
            #expect(second.job.attempt == 1, "a reclaim is not a new attempt")
            #expect(second.deliveries >= 2)
            #expect(second.receipt == first.receipt)
            #expect(try await queue.pendingCount() == 1)

            try await queue.acknowledge(second)
            #expect(try await queue.pendingCount() == 0)
            #expect(try await queue.claim(consumer: "c", wait: .milliseconds(700)) == nil, "an acknowledged job is never delivered again")
        }
    }

    @Test(arguments: QueueKind.available)
    func aWaitingClaimReclaimsAJobWhoseConsumerWentSilent(_ kind: QueueKind) async throws {
        try await kind.with(visibilityTimeout: .milliseconds(500)) { queue in
            try await queue.enqueue(makeJob())
            _ = try #require(try await queue.claim(consumer: "dead-consumer", wait: .seconds(2)))
            // One claim that waits far longer than the visibility timeout must pick the job up
            // once it becomes reclaimable, not sleep through it and return nil.
            let reclaimed = try await queue.claim(consumer: "b", wait: .seconds(4))
            #expect(reclaimed != nil, "the job was not reclaimed during a 4 s wait (visibility 500 ms)")
        }
    }

    @Test(arguments: QueueKind.available)
    func heartbeatPreventsReclaim(_ kind: QueueKind) async throws {
        let visibility = Duration.milliseconds(800)
        try await kind.with(visibilityTimeout: visibility) { queue in
            try await queue.enqueue(makeJob())
            let clock = ContinuousClock()
            // The delivery happens after this instant: a loaded machine may resume this task
            // well after the claim, and that delay counts towards the visibility timeout.
            let beforeClaim = clock.now
            let claimed = try #require(try await queue.claim(consumer: "a", wait: .seconds(2)))
            // (start, end) of every heartbeat call, to tell a stalled test machine from a bug.
            let beats = Locked<[(ContinuousClock.Instant, ContinuousClock.Instant)]>([(beforeClaim, beforeClaim)])
            let heartbeat = Task {
                while !Task.isCancelled {
                    let start = clock.now
                    do {
                        try await queue.heartbeat(claimed, consumer: "a")
                    } catch let error as ServiceError where error.code == .conflict {
                        return  // Reclaimed; the gaps below tell whether legitimately.
                    }
                    let end = clock.now
                    beats.withLock { $0.append((start, end)) }
                    try await Task.sleep(for: .milliseconds(100))
                }
            }
            // For three visibility timeouts, "b" keeps trying and never gets the job.
            let until = clock.now + visibility * 3
            var stolen: ClaimedJob?
            while clock.now < until, stolen == nil {
                stolen = try await queue.claim(consumer: "b", wait: .milliseconds(100))
            }
            let stolenAt = clock.now
            heartbeat.cancel()
            let heartbeatResult = await heartbeat.result
            if case .failure(let error) = heartbeatResult, !(error is CancellationError) {
                Issue.record("heartbeat failed: \(error)")
            }
            if stolen != nil {
                // Legitimate only if some stretch without a heartbeat reached the timeout.
                let calls = beats.withLock { $0 }
                let longestGap = zip(calls, calls.dropFirst()).map { $1.1 - $0.0 }.max() ?? .zero
                let sinceLast = stolenAt - (calls.last?.0 ?? stolenAt)
                #expect(
                    max(longestGap, sinceLast) >= visibility,
                    "reclaimed although heartbeats came at most \(max(longestGap, sinceLast)) apart (visibility \(visibility))"
                )
            }

            // Without heartbeats it is reclaimed again.
            let reclaimed = try await claimEventually(queue, consumer: "b")
            #expect(reclaimed.receipt == claimed.receipt)
            try await queue.acknowledge(reclaimed)
        }
    }

    /// Fencing: once another consumer (or a later delivery to the same consumer) reclaimed a
    /// job, the first delivery can neither heartbeat, acknowledge, fail nor release it, and the
    /// job stays with its new holder.
    @Test(arguments: QueueKind.available)
    func aDeliveryThatWasReclaimedCannotBeSettled(_ kind: QueueKind) async throws {
        try await kind.with(visibilityTimeout: .milliseconds(300)) { queue in
            let job = makeJob()
            try await queue.enqueue(job)
            let lost = try #require(try await queue.claim(consumer: "a", wait: .seconds(2)))
            let holder = try await claimEventually(queue, consumer: "b")
            #expect(holder.receipt == lost.receipt && holder.consumer == "b")
            await #expect(throws: ServiceError.self) { try await queue.heartbeat(lost, consumer: "a") }
            let ack = await #expect(throws: ServiceError.self) { try await queue.acknowledge(lost) }
            #expect(ack?.code == .conflict)
            await #expect(throws: ServiceError.self) { try await queue.fail(lost, error: "stale", policy: JobRetryPolicy(maxAttempts: 1)) }
            await #expect(throws: ServiceError.self) { try await queue.release(lost) }
            // Nothing changed: no dead letter, no copy, and the holder settles it.
            #expect(try await queue.deadLetters(limit: 10).isEmpty)
            #expect(try await queue.pendingCount() == 1)
            try await queue.heartbeat(holder, consumer: "b")
            try await queue.acknowledge(holder)
            #expect(try await queue.pendingCount() == 0)
            #expect(try await queue.claim(consumer: "c", wait: .milliseconds(500)) == nil)
        }
    }

    /// Two slots of one trainer share its consumer name: a reclaim by the same name is a new
    /// delivery, and the older one is fenced by its delivery count.
    @Test(arguments: QueueKind.available)
    func aReclaimBySameConsumerFencesTheOlderDelivery(_ kind: QueueKind) async throws {
        try await kind.with(visibilityTimeout: .milliseconds(300)) { queue in
            try await queue.enqueue(makeJob())
            let older = try #require(try await queue.claim(consumer: "trainer-1", wait: .seconds(2)))
            let newer = try await claimEventually(queue, consumer: "trainer-1")
            #expect(newer.receipt == older.receipt && newer.deliveries > older.deliveries)
            await #expect(throws: ServiceError.self) { try await queue.acknowledge(older) }
            try await queue.acknowledge(newer)
            #expect(try await queue.pendingCount() == 0)
        }
    }

    @Test(arguments: QueueKind.available)
    func failedJobIsRetriedWithTheNextAttemptAfterTheBackoff(_ kind: QueueKind) async throws {
        try await kind.with(visibilityTimeout: .seconds(30)) { queue in
            let job = makeJob()
            try await queue.enqueue(job)
            let clock = ContinuousClock()
            let first = try #require(try await queue.claim(consumer: "a", wait: .seconds(2)))
            // The backoff runs from inside fail(), which is after this instant.
            let failedAt = clock.now
            let action = try await queue.fail(first, error: "boom 1", policy: Self.policy)
            #expect(action == .retry(attempt: 2, delay: .milliseconds(300)))
            #expect(try await queue.pendingCount() == 1, "a job waiting for its retry is pending")

            let retried = try await claimEventually(queue, consumer: "b")
            let waited = clock.now - failedAt
            #expect(waited >= .milliseconds(290), "retried after \(waited), before the 300 ms backoff")
            #expect(retried.job.jobId == job.jobId)
            #expect(retried.job.attempt == 2)
            #expect(retried.job.tableName == job.tableName && retried.job.tenant == job.tenant)
            try await queue.acknowledge(retried)
            #expect(try await queue.pendingCount() == 0)
            #expect(try await queue.deadLetters(limit: 10).isEmpty)
        }
    }

    @Test(arguments: QueueKind.available)
    func aWaitingClaimPicksUpARetryWhenItFallsDue(_ kind: QueueKind) async throws {
        try await kind.with(visibilityTimeout: .seconds(30)) { queue in
            try await queue.enqueue(makeJob())
            let first = try #require(try await queue.claim(consumer: "a", wait: .seconds(2)))
            try await queue.fail(first, error: "boom", policy: Self.policy)
            let retried = try await queue.claim(consumer: "a", wait: .seconds(4))
            #expect(retried?.job.attempt == 2, "the retry (due after 300 ms) was not claimed during a 4 s wait")
        }
    }

    @Test(arguments: QueueKind.available)
    func jobIsDeadLetteredAfterMaxAttemptsWithItsError(_ kind: QueueKind) async throws {
        let policy = JobRetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(20), maxDelay: .milliseconds(50))
        try await kind.with(visibilityTimeout: .seconds(30)) { queue in
            let job = makeJob("missing_table")
            try await queue.enqueue(job)
            var actions: [JobRetryPolicy.Action] = []
            for attempt in 1...3 {
                let claimed = try await claimEventually(queue, consumer: "a")
                #expect(claimed.job.attempt == attempt)
                actions.append(try await queue.fail(claimed, error: "table 'missing_table' does not exist (attempt \(attempt))", policy: policy))
            }
            #expect(actions == [.retry(attempt: 2, delay: .milliseconds(20)), .retry(attempt: 3, delay: .milliseconds(40)), .deadLetter])

            let letters = try await queue.deadLetters(limit: 10)
            let letter = try #require(letters.first { $0.job.jobId == job.jobId })
            #expect(letters.count == 1)
            #expect(letter.job.attempt == 3)
            #expect(letter.job.tableName == "missing_table")
            #expect(letter.error == "table 'missing_table' does not exist (attempt 3)")
            #expect(try await queue.pendingCount() == 0)
            #expect(try await queue.claim(consumer: "a", wait: .milliseconds(200)) == nil, "a dead letter is never delivered")
        }
    }

    @Test(arguments: QueueKind.available)
    func deadLettersAreReturnedNewestLastUpToTheLimit(_ kind: QueueKind) async throws {
        let once = JobRetryPolicy(maxAttempts: 1)
        try await kind.with(visibilityTimeout: .seconds(30)) { queue in
            let jobs = (1...3).map { makeJob("t\($0)") }
            for job in jobs {
                try await queue.enqueue(job)
                let claimed = try #require(try await queue.claim(consumer: "a", wait: .seconds(1)))
                #expect(try await queue.fail(claimed, error: "error \(job.tableName)", policy: once) == .deadLetter)
            }
            #expect(try await queue.deadLetters(limit: 10).map(\.job.jobId) == jobs.map(\.jobId))
            #expect(try await queue.deadLetters(limit: 2).map(\.job.jobId) == jobs.suffix(2).map(\.jobId))
            #expect(try await queue.deadLetters(limit: 10).map(\.error) == ["error t1", "error t2", "error t3"])
        }
    }

    @Test(arguments: QueueKind.available)
    func releasedJobIsClaimableAtOnceWithTheSameAttempt(_ kind: QueueKind) async throws {
        try await kind.with(visibilityTimeout: .seconds(30)) { queue in
            let job = makeJob()
            try await queue.enqueue(job)
            let claimed = try #require(try await queue.claim(consumer: "a", wait: .seconds(2)))
            try await queue.release(claimed)
            #expect(try await queue.pendingCount() == 1)
            // Well inside the 30 s visibility timeout: only a release makes this possible.
            let again = try #require(try await queue.claim(consumer: "b", wait: .seconds(2)))
            #expect(again.job == job)
            #expect(again.job.attempt == 1, "a release does not count as an attempt")

            // A retried job keeps its attempt number across a release too.
            try await queue.fail(again, error: "boom", policy: JobRetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(10)))
            let retried = try await claimEventually(queue, consumer: "b")
            #expect(retried.job.attempt == 2)
            try await queue.release(retried)
            let released = try #require(try await queue.claim(consumer: "c", wait: .seconds(2)))
            #expect(released.job.jobId == job.jobId)
            #expect(released.job.attempt == 2)
            try await queue.acknowledge(released)
            #expect(try await queue.pendingCount() == 0)
        }
    }

    @Test(arguments: QueueKind.available)
    func pendingCountCountsWaitingInFlightAndDelayedJobs(_ kind: QueueKind) async throws {
        try await kind.with(visibilityTimeout: .seconds(30)) { queue in
            #expect(try await queue.pendingCount() == 0)
            for index in 1...4 { try await queue.enqueue(makeJob("t\(index)")) }
            #expect(try await queue.pendingCount() == 4)
            let a = try #require(try await queue.claim(consumer: "a", wait: .seconds(1)))
            let b = try #require(try await queue.claim(consumer: "a", wait: .seconds(1)))
            let c = try #require(try await queue.claim(consumer: "a", wait: .seconds(1)))
            #expect(try await queue.pendingCount() == 4, "in-flight jobs are pending")
            try await queue.acknowledge(a)
            #expect(try await queue.pendingCount() == 3)
            try await queue.fail(b, error: "later", policy: JobRetryPolicy(maxAttempts: 3, baseDelay: .seconds(30)))
            #expect(try await queue.pendingCount() == 3, "a delayed retry is pending")
            try await queue.fail(c, error: "never", policy: JobRetryPolicy(maxAttempts: 1))
            #expect(try await queue.pendingCount() == 2, "a dead letter is not pending")
            try await queue.ping()
        }
    }
}
