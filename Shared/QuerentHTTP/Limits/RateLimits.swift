import Foundation
import Hummingbird
import QuerentCore
import Synchronization

/// The per-tenant request rates, a token bucket for each kind of costly request. Read from
/// the environment by every service and `querent serve`; a rate of 0 turns that limit off.
public struct RateLimits: Sendable, Equatable {
    /// A refill rate and the burst a full bucket allows.
    public struct Bucket: Sendable, Equatable {
        /// Requests per minute, sustained; 0 for no limit.
        public var perMinute: Int
        /// Requests a tenant may make at once after a quiet spell.
        public var burst: Int

        public init(perMinute: Int, burst: Int) {
            self.perMinute = perMinute
            self.burst = burst
        }
    }

    /// `POST …/query`, `POST …/sql` and `POST /api/v1/chat` (`QUERENT_RATE_QUERIES_PER_MINUTE`,
    /// default 300; `QUERENT_RATE_QUERIES_BURST`, default 60).
    public var queries = Bucket(perMinute: 300, burst: 60)
    /// `POST …/train` and `POST …/tables/{tableName}/train` (`QUERENT_RATE_TRAINING_PER_MINUTE`,
    /// default 60; `QUERENT_RATE_TRAINING_BURST`, default 20).
    public var training = Bucket(perMinute: 60, burst: 20)

    /// The defaults, each replaced by its environment variable when that holds a number ≥ 0.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        func value(_ name: String) -> Int? { environment[name].flatMap(Int.init).flatMap { $0 >= 0 ? $0 : nil } }
        queries.perMinute = value("QUERENT_RATE_QUERIES_PER_MINUTE") ?? queries.perMinute
        queries.burst = max(1, value("QUERENT_RATE_QUERIES_BURST") ?? queries.burst)
        training.perMinute = value("QUERENT_RATE_TRAINING_PER_MINUTE") ?? training.perMinute
        training.burst = max(1, value("QUERENT_RATE_TRAINING_BURST") ?? training.burst)
    }
}

/// Token buckets by key, refilled continuously. Idle full buckets are dropped when there are
/// many, so memory stays bounded by the tenants active in the last minutes.
public final class RateLimiter: Sendable {
    struct State {
        var tokens: Double
        var updated: Double
    }

    let rate: Double
    let burst: Double
    let now: @Sendable () -> Double
    let buckets = Mutex<[String: State]>([:])
    static let pruneAbove = 10_000

    /// - Parameters:
    ///   - bucket: the rate and burst.
    ///   - now: seconds on a monotonic clock (a test passes its own).
    public init(_ bucket: RateLimits.Bucket, now: @escaping @Sendable () -> Double = RateLimiter.monotonicSeconds) {
        rate = Double(bucket.perMinute) / 60
        burst = Double(bucket.burst)
        self.now = now
    }

    /// Takes a token for `key`.
    /// - Returns: nil when allowed; otherwise the seconds until a token is there.
    public func take(_ key: String) -> Int? {
        let now = now()
        let (rate, burst) = (self.rate, self.burst)
        return buckets.withLock { buckets in
            var state = buckets[key] ?? State(tokens: burst, updated: now)
            state.tokens = min(burst, state.tokens + (now - state.updated) * rate)
            state.updated = now
            defer {
                buckets[key] = state
                if buckets.count > Self.pruneAbove {
                    buckets = buckets.filter { $0.value.tokens + (now - $0.value.updated) * rate < burst }
                }
            }
            guard state.tokens >= 1 else { return max(1, Int(((1 - state.tokens) / rate).rounded(.up))) }
            state.tokens -= 1
            return nil
        }
    }

    /// Seconds since an arbitrary start, from the monotonic clock.
    public static func monotonicSeconds() -> Double {
        let elapsed = ContinuousClock().now - Self.origin
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    private static let origin = ContinuousClock().now
}

/// Applies ``RateLimits`` per tenant (user and agent) on the authenticated API: questions and
/// SQL (`POST …/query`, `…/sql`, `/api/v1/chat`) share one bucket, training requests another;
/// other routes are not limited. Over the limit: `429 too_many_requests` with `Retry-After`.
/// Buckets are per process: behind the gateway each trainer replica counts on its own.
public struct RateLimitMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    let queries: RateLimiter?
    let training: RateLimiter?

    public init(_ limits: RateLimits, now: @escaping @Sendable () -> Double = RateLimiter.monotonicSeconds) {
        queries = limits.queries.perMinute > 0 ? RateLimiter(limits.queries, now: now) : nil
        training = limits.training.perMinute > 0 ? RateLimiter(limits.training, now: now) : nil
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .post, let tenant = context.tenant else { return try await next(request, context) }
        let last = request.uri.path.split(separator: "/").last ?? ""
        let limiter: RateLimiter?
        switch last {
        case "query", "sql", "chat": limiter = queries
        case "train": limiter = training
        default: limiter = nil
        }
        if let limiter, let wait = limiter.take(Self.key(tenant)) {
            throw HTTPError(
                .tooManyRequests,
                headers: [.retryAfter: String(wait)],
                message: "too many requests for this tenant; retry in \(wait) s"
            )
        }
        return try await next(request, context)
    }

    /// Takes a token from `tenant`'s question bucket for a question asked another way (an MCP
    /// tool call): nil when allowed, else the seconds to wait.
    public func takeQuestion(for tenant: Tenant) -> Int? {
        queries?.take(Self.key(tenant))
    }

    static func key(_ tenant: Tenant) -> String { tenant.userId + "\u{0}" + tenant.agentId }
}
