import Foundation
import QuerentCore

/// The ``QuerentCore/JobQueue`` on Redis Streams.
///
/// - Jobs are entries `{job: <json>}` of the stream named after the queue, read by the
///   consumer group `trainers` with `XREADGROUP` (at-least-once: an entry stays pending until
///   `XACK`).
/// - A consumer that stops heartbeating (`XCLAIM … JUSTID`) for the visibility timeout loses
///   its entries to `XAUTOCLAIM` by the others. Heartbeat, acknowledge, fail and release are Lua
///   scripts that first check, with `XPENDING`, that the caller still holds the delivery (the
///   same consumer and delivery count), so a consumer that lost a job cannot settle it.
/// - Retries wait in the sorted set `<queue>:delayed` (score: due time) and are moved back to
///   the stream by a Lua script; exhausted jobs go to the stream `<queue>:dead`.
public struct RedisJobQueue: JobQueue {
    public let client: RedisClient
    public let stream: String
    public let group: String
    let visibilityTimeout: Duration

    public var deadLetterStream: String { stream + ":dead" }
    var delayedSet: String { stream + ":delayed" }

    public init(
        client: RedisClient,
        queueName: String = TrainingJob.queueName,
        group: String = "trainers",
        visibilityTimeout: Duration = .seconds(30)
    ) {
        self.client = client
        self.stream = queueName
        self.group = group
        self.visibilityTimeout = visibilityTimeout
    }

    static let promoteScript = """
        local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, 100)
        for _, job in ipairs(due) do
            redis.call('ZREM', KEYS[1], job)
            redis.call('XADD', KEYS[2], '*', 'job', job)
        end
        return #due
        """

    public func enqueue(_ job: TrainingJob) async throws {
        let payload = try Self.encode(job)
        try await client.command("XADD", stream, "*", "job", payload)
    }

    public func claim(consumer: String, wait: Duration) async throws -> ClaimedJob? {
        try await claim(consumer: consumer, wait: wait, limit: 1).first
    }

    /// Up to `limit` jobs in one read: entries of silent consumers first (`XAUTOCLAIM … COUNT`),
    /// else new entries (`XREADGROUP … COUNT`).
    public func claim(consumer: String, wait: Duration, limit: Int) async throws -> [ClaimedJob] {
        let clock = ContinuousClock()
        let giveUp = clock.now + wait
        while true {
            // Block in slices, so a retry falling due or a job becoming reclaimable during a
            // long wait is picked up then, not only when the whole wait is over.
            let remaining = max(giveUp - clock.now, .milliseconds(1))
            let claimed = try await claimOnce(consumer: consumer, block: min(remaining, Self.pollSlice(visibilityTimeout)), limit: max(1, limit))
            if !claimed.isEmpty { return claimed }
            try Task.checkCancellation()
            guard clock.now < giveUp else { return [] }
        }
    }

    /// The longest single blocking read inside ``claim(consumer:wait:limit:)``.
    static func pollSlice(_ visibilityTimeout: Duration) -> Duration {
        min(max(visibilityTimeout / 4, .milliseconds(50)), .milliseconds(250))
    }

    /// Promotes due retries, reclaims up to `limit` entries of silent consumers, or reads up to
    /// `limit` new entries (blocking up to `block`).
    private func claimOnce(consumer: String, block: Duration, limit: Int) async throws -> [ClaimedJob] {
        let (stream, group, delayed) = (self.stream, self.group, delayedSet)
        let idle = String(visibilityTimeout.wholeMilliseconds)
        let block = String(max(1, block.wholeMilliseconds))
        let count = String(limit)
        let (entries, deliveries) = try await client.withConnection { connection -> ([RedisReply], [String: Int]) in
            try Self.ensureGroup(connection, stream: stream, group: group)
            try connection.command(["EVAL", Self.promoteScript, "2", delayed, stream, String(Self.nowMilliseconds())])
            // Reclaim entries whose consumer went silent. XAUTOCLAIM answers [cursor, [entries], deleted].
            let reclaimed = try connection.command(["XAUTOCLAIM", stream, group, consumer, idle, "0-0", "COUNT", count])
            if let entries = reclaimed.array?.dropFirst().first?.array, !entries.isEmpty {
                // Their delivery counts, which fence the calls of the consumers that lost them:
                // XPENDING over the reclaimed range answers [[id, consumer, idle, deliveries]].
                let ids = entries.compactMap { $0.array?.first?.text }
                guard let first = ids.first, let last = ids.last else { return (entries, [:]) }
                let pending = try connection.command(["XPENDING", stream, group, first, last, String(ids.count * 4), consumer])
                var counts: [String: Int] = [:]
                for row in pending.array ?? [] {
                    guard let fields = row.array, fields.count == 4, let id = fields[0].text, let n = fields[3].integer else { continue }
                    counts[id] = Int(n)
                }
                return (entries, counts)
            }
            // XREADGROUP answers [[stream, [entries]]], or nil after the block; a new entry's first delivery.
            let read = try connection.command(["XREADGROUP", "GROUP", group, consumer, "COUNT", count, "BLOCK", block, "STREAMS", stream, ">"])
            return (read.array?.first?.array?.last?.array ?? [], [:])
        }
        var claimed: [ClaimedJob] = []
        for entry in entries {
            guard let parts = entry.array, parts.count == 2, let id = parts[0].text else { continue }
            guard let fields = parts[1].array, let payload = Self.field("job", in: fields), let job = try? Self.decode(payload) else {
                // An entry that is not a job (deleted payload, foreign writer): drop it rather than loop on it.
                try await client.withConnection {
                    try $0.command(["XACK", stream, group, id])
                    try $0.command(["XDEL", stream, id])
                }
                continue
            }
            claimed.append(ClaimedJob(job: job, receipt: id, deliveries: deliveries[id] ?? 1, consumer: consumer))
        }
        return claimed
    }

    /// The guard of every call on a delivery: ARGV[1] group, ARGV[2] entry id, ARGV[3] consumer,
    /// ARGV[4] delivery count; unless the consumer still holds that delivery, nothing happens.
    static let heldGuard = """
        local p = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[2], ARGV[2], 1)
        if #p == 0 or p[1][2] ~= ARGV[3] or tonumber(p[1][4]) ~= tonumber(ARGV[4]) then return 0 end

        """

    /// Resets the idle time (JUSTID: the delivery count stays).
    static let heartbeatScript =
        heldGuard + """
            redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[3], 0, ARGV[2], 'JUSTID')
            return 1
            """

    /// Settles the delivery: ARGV[5] `done`, `retry` (ZADD KEYS[2] ARGV[6] ARGV[7]), `dead`
    /// (XADD KEYS[2] letter ARGV[7]) or `release` (XADD KEYS[1] job ARGV[7]); then XACK and XDEL.
    static let settleScript =
        heldGuard + """
            if ARGV[5] == 'retry' then
                redis.call('ZADD', KEYS[2], ARGV[6], ARGV[7])
            elseif ARGV[5] == 'dead' then
                redis.call('XADD', KEYS[2], '*', 'letter', ARGV[7])
            elseif ARGV[5] == 'release' then
                redis.call('XADD', KEYS[1], '*', 'job', ARGV[7])
            end
            redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
            redis.call('XDEL', KEYS[1], ARGV[2])
            return 1
            """

    /// Runs `script` on `claimed`'s delivery.
    /// - Throws: ``QuerentCore/ClaimedJob/lost(_:)`` when its consumer no longer holds it.
    private func held(_ claimed: ClaimedJob, _ script: String, key: String? = nil, _ extra: [String] = []) async throws {
        let keys = [stream, key ?? stream]
        let arguments = [group, claimed.receipt, claimed.consumer, String(claimed.deliveries)] + extra
        let reply = try await client.withConnection { connection in
            try connection.command(["EVAL", script, "2"] + keys + arguments)
        }
        guard reply.integer == 1 else { throw ClaimedJob.lost(claimed) }
    }

    public func heartbeat(_ claimed: ClaimedJob, consumer: String) async throws {
        var claimed = claimed
        claimed.consumer = consumer
        try await held(claimed, Self.heartbeatScript)
    }

    public func acknowledge(_ claimed: ClaimedJob) async throws {
        try await held(claimed, Self.settleScript, ["done"])
    }

    public func fail(_ claimed: ClaimedJob, error: String, policy: JobRetryPolicy) async throws -> JobRetryPolicy.Action {
        let action = policy.action(afterFailedAttempt: claimed.job.attempt)
        switch action {
        case .retry(let attempt, let delay):
            var job = claimed.job
            job.attempt = attempt
            let due = String(Self.nowMilliseconds() + delay.wholeMilliseconds)
            try await held(claimed, Self.settleScript, key: delayedSet, ["retry", due, try Self.encode(job)])
        case .deadLetter:
            let letter = String(decoding: try JSONEncoder.querent.encode(DeadLetter(job: claimed.job, error: error)), as: UTF8.self)
            try await held(claimed, Self.settleScript, key: deadLetterStream, ["dead", "", letter])
        }
        return action
    }

    public func release(_ claimed: ClaimedJob) async throws {
        try await held(claimed, Self.settleScript, ["release", "", try Self.encode(claimed.job)])
    }

    public func deadLetters(limit: Int) async throws -> [DeadLetter] {
        let reply = try await client.command("XREVRANGE", deadLetterStream, "+", "-", "COUNT", String(max(1, limit)))
        let letters = (reply.array ?? []).compactMap { entry -> DeadLetter? in
            guard let fields = entry.array?.last?.array, let text = Self.field("letter", in: fields) else { return nil }
            return try? JSONDecoder.querent.decode(DeadLetter.self, from: Data(text.utf8))
        }
        return letters.reversed()
    }

    public func pendingCount() async throws -> Int {
        let (stream, delayed) = (self.stream, delayedSet)
        return try await client.withConnection { connection in
            let waiting = try connection.command(["XLEN", stream]).integer ?? 0
            let later = try connection.command(["ZCARD", delayed]).integer ?? 0
            return Int(waiting + later)
        }
    }

    public func ping() async throws {
        try await client.command("PING")
    }

    // MARK: - Helpers

    /// Creates the consumer group (and the stream) unless it exists; after a Redis restart
    /// without persistence it is created again.
    static func ensureGroup(_ connection: RedisConnection, stream: String, group: String) throws {
        do {
            try connection.command(["XGROUP", "CREATE", stream, group, "0", "MKSTREAM"])
        } catch let error as RedisError where error.isReplyError && error.message.hasPrefix("BUSYGROUP") {
            return
        }
    }

    static func field(_ name: String, in fields: [RedisReply]) -> String? {
        var index = 0
        while index + 1 < fields.count {
            if fields[index].text == name { return fields[index + 1].text }
            index += 2
        }
        return nil
    }

    static func encode(_ job: TrainingJob) throws -> String {
        String(decoding: try JSONEncoder.querent.encode(job), as: UTF8.self)
    }

    static func decode(_ text: String) throws -> TrainingJob {
        try JSONDecoder.querent.decode(TrainingJob.self, from: Data(text.utf8))
    }

    static func nowMilliseconds() -> Int64 {
        Int64(Date().timeIntervalSince1970 * 1_000)
    }
}
