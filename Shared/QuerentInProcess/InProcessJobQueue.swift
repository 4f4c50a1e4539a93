import Foundation
import QuerentCore

/// A ``JobQueue`` inside one process, with the Redis queue's semantics: claimed jobs are
/// reclaimed after the visibility timeout unless heartbeated, failures are retried after the
/// policy's backoff, exhausted jobs become dead letters.
public actor InProcessJobQueue: JobQueue {
    private struct InFlight {
        var claimed: ClaimedJob
        var consumer: String
        var deadline: ContinuousClock.Instant
    }

    private let visibilityTimeout: Duration
    private var ready: [ClaimedJob] = []
    private var delayed: [(due: ContinuousClock.Instant, job: ClaimedJob)] = []
    private var inFlight: [String: InFlight] = [:]
    private var dead: [DeadLetter] = []
    private var waiters: [UUID: CheckedContinuation<Void, Never>] = [:]
    private var nextReceipt = 0

    /// - Parameter visibilityTimeout: how long a claimed job may go without a heartbeat before
    ///   another consumer may reclaim it.
    public init(visibilityTimeout: Duration = .seconds(30)) {
        self.visibilityTimeout = visibilityTimeout
    }

    public func enqueue(_ job: TrainingJob) {
        nextReceipt += 1
        ready.append(ClaimedJob(job: job, receipt: String(nextReceipt), deliveries: 0))
        wakeAll()
    }

    public func claim(consumer: String, wait: Duration) async throws -> ClaimedJob? {
        let clock = ContinuousClock()
        let giveUp = clock.now + wait
        while true {
            promote(now: clock.now)
            if var next = ready.first {
                ready.removeFirst()
                next.deliveries += 1
                next.consumer = consumer
                inFlight[next.receipt] = InFlight(claimed: next, consumer: consumer, deadline: clock.now + visibilityTimeout)
                return next
            }
            try Task.checkCancellation()
            let now = clock.now
            guard now < giveUp else { return nil }
            // Sleep until something may become claimable: a new job, a retry or a reclaim.
            let nextDue = ([giveUp] + delayed.map(\.due) + inFlight.values.map(\.deadline)).min()!
            await waitForWork(until: max(nextDue, now + .milliseconds(1)))
        }
    }

    /// One ``claim(consumer:wait:)`` waiting up to `wait`, then the jobs ready at once.
    public func claim(consumer: String, wait: Duration, limit: Int) async throws -> [ClaimedJob] {
        guard let first = try await claim(consumer: consumer, wait: wait) else { return [] }
        var claimed = [first]
        while claimed.count < limit, let next = try await claim(consumer: consumer, wait: .zero) { claimed.append(next) }
        return claimed
    }

    public func heartbeat(_ claimed: ClaimedJob, consumer: String) throws {
        guard var entry = inFlight[claimed.receipt], entry.consumer == consumer, entry.claimed.deliveries == claimed.deliveries else {
            throw ClaimedJob.lost(claimed)
        }
        entry.deadline = ContinuousClock.now + visibilityTimeout
        inFlight[claimed.receipt] = entry
    }

    public func acknowledge(_ claimed: ClaimedJob) throws {
        try take(claimed)
    }

    public func fail(_ claimed: ClaimedJob, error: String, policy: JobRetryPolicy) throws -> JobRetryPolicy.Action {
        try take(claimed)
        let action = policy.action(afterFailedAttempt: claimed.job.attempt)
        switch action {
        case .retry(let attempt, let delay):
            var job = claimed.job
            job.attempt = attempt
            nextReceipt += 1
            delayed.append((ContinuousClock.now + delay, ClaimedJob(job: job, receipt: String(nextReceipt), deliveries: 0)))
            wakeAll()
        case .deadLetter:
            dead.append(DeadLetter(job: claimed.job, error: error))
        }
        return action
    }

    public func release(_ claimed: ClaimedJob) throws {
        try take(claimed)
        ready.insert(ClaimedJob(job: claimed.job, receipt: claimed.receipt, deliveries: claimed.deliveries), at: 0)
        wakeAll()
    }

    public func deadLetters(limit: Int) -> [DeadLetter] {
        Array(dead.suffix(limit))
    }

    public func pendingCount() -> Int {
        ready.count + delayed.count + inFlight.count
    }

    public func ping() {}

    /// Removes `claimed` from the in-flight set if its consumer still holds this delivery.
    private func take(_ claimed: ClaimedJob) throws {
        guard let entry = inFlight[claimed.receipt], entry.consumer == claimed.consumer, entry.claimed.deliveries == claimed.deliveries else {
            throw ClaimedJob.lost(claimed)
        }
        inFlight[claimed.receipt] = nil
    }

    /// Moves due retries and expired claims back to the ready list.
    private func promote(now: ContinuousClock.Instant) {
        let due = delayed.filter { $0.due <= now }
        delayed.removeAll { $0.due <= now }
        ready.append(contentsOf: due.map(\.job))
        for (receipt, entry) in inFlight where entry.deadline <= now {
            inFlight[receipt] = nil
            ready.append(entry.claimed)
        }
    }

    private func waitForWork(until deadline: ContinuousClock.Instant) async {
        let id = UUID()
        let timer = Task { [weak self] in
            try? await Task.sleep(until: deadline, clock: .continuous)
            await self?.wake(id)
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                waiters[id] = continuation
            }
        } onCancel: {
            Task { await self.wake(id) }
        }
        timer.cancel()
    }

    private func wake(_ id: UUID) {
        waiters.removeValue(forKey: id)?.resume()
    }

    private func wakeAll() {
        let all = waiters
        waiters.removeAll()
        for continuation in all.values { continuation.resume() }
    }
}
