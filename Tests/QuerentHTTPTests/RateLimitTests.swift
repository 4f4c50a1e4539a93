import Foundation
import Hummingbird
import HummingbirdTesting
import QuerentCore
import QuerentHTTP
import QuerentTesting
import Synchronization
import Testing

/// Per-tenant token buckets, on a clock the test moves.
@Suite struct RateLimitTests {
    final class TestClock: Sendable {
        let seconds = Mutex(1_000.0)
        func advance(_ by: Double) { seconds.withLock { $0 += by } }
        var now: @Sendable () -> Double { { [self] in seconds.withLock { $0 } } }
    }

    @Test func aBucketAllowsItsBurstThenRefillsAtItsRate() {
        let clock = TestClock()
        let limiter = RateLimiter(RateLimits.Bucket(perMinute: 60, burst: 3), now: clock.now)
        #expect((0..<3).map { _ in limiter.take("a") } == [nil, nil, nil])
        #expect(limiter.take("a") == 1)
        // Another key has its own bucket.
        #expect(limiter.take("b") == nil)
        clock.advance(0.5)
        #expect(limiter.take("a") == 1, "half a token is not a token")
        clock.advance(0.5)
        #expect(limiter.take("a") == nil)
        // A long quiet spell refills to the burst, not beyond.
        clock.advance(3_600)
        #expect((0..<4).map { _ in limiter.take("a") } == [nil, nil, nil, 1])
    }

    @Test func retryAfterCoversTheWaitAtSlowRates() {
        let clock = TestClock()
        let limiter = RateLimiter(RateLimits.Bucket(perMinute: 2, burst: 1), now: clock.now)
        #expect(limiter.take("a") == nil)
        #expect(limiter.take("a") == 30)
        clock.advance(29)
        #expect(limiter.take("a") == 1)
        clock.advance(1)
        #expect(limiter.take("a") == nil)
    }

    @Test func limitsComeFromTheEnvironment() {
        let limits = RateLimits(environment: ["QUERENT_RATE_QUERIES_PER_MINUTE": "0", "QUERENT_RATE_TRAINING_BURST": "5"])
        #expect(limits.queries.perMinute == 0)
        #expect(limits.training == RateLimits.Bucket(perMinute: 60, burst: 5))
        #expect(RateLimits(environment: ["QUERENT_RATE_QUERIES_BURST": "-3"]).queries.burst == 60)
    }

    static func application(_ rates: RateLimits, clock: TestClock) -> some ApplicationProtocol {
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: ErrorMiddleware())
        let api = router.group("api").add(middleware: AuthMiddleware(signer: TestTokens.signer))
            .add(middleware: RateLimitMiddleware(rates, now: clock.now))
        api.post("s/:id/query") { _, _ in HTTPResponse.Status.ok }
        api.post("s/:id/sql") { _, _ in HTTPResponse.Status.ok }
        api.get("s/:id/tables") { _, _ in HTTPResponse.Status.ok }
        api.post("s/:id/tables/:table/train") { _, _ in HTTPResponse.Status.accepted }
        return Application(router: router)
    }

    static func headers(_ tenant: Tenant) -> HTTPFields {
        [.authorization: TestTokens.bearer(TestTokens.token(for: tenant))]
    }

    @Test func questionsAndSQLShareABucketPerTenantAndAnswer429WithRetryAfter() async throws {
        var rates = RateLimits(environment: [:])
        rates.queries = RateLimits.Bucket(perMinute: 6, burst: 2)
        rates.training = RateLimits.Bucket(perMinute: 6, burst: 1)
        let clock = TestClock()
        let alice = Self.headers(Tenant(userId: "alice", agentId: "a1"))
        let aliceOtherAgent = Self.headers(Tenant(userId: "alice", agentId: "a2"))
        try await Self.application(rates, clock: clock).test(.router) { client in
            #expect(try await client.execute(uri: "/api/s/1/query", method: .post, headers: alice).status == .ok)
            #expect(try await client.execute(uri: "/api/s/1/sql", method: .post, headers: alice).status == .ok)
            let limited = try await client.execute(uri: "/api/s/2/query", method: .post, headers: alice)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.retryAfter] == "10")
            #expect(String(buffer: limited.body).contains(#""code":"too_many_requests""#))
            // Reads, another agent of the same user, and training have their own allowance.
            #expect(try await client.execute(uri: "/api/s/1/tables", method: .get, headers: alice).status == .ok)
            #expect(try await client.execute(uri: "/api/s/1/query", method: .post, headers: aliceOtherAgent).status == .ok)
            #expect(try await client.execute(uri: "/api/s/1/tables/t/train", method: .post, headers: alice).status == .accepted)
            #expect(try await client.execute(uri: "/api/s/1/tables/u/train", method: .post, headers: alice).status == .tooManyRequests)
            // Without a valid token the request is refused before it counts.
            #expect(try await client.execute(uri: "/api/s/1/query", method: .post).status == .unauthorized)
            clock.advance(10)
            #expect(try await client.execute(uri: "/api/s/1/query", method: .post, headers: alice).status == .ok)
        }
    }

    @Test func aRateOfZeroTurnsTheLimitOff() async throws {
        var rates = RateLimits(environment: [:])
        rates.queries = RateLimits.Bucket(perMinute: 0, burst: 1)
        let alice = Self.headers(Tenant(userId: "alice", agentId: "a1"))
        try await Self.application(rates, clock: TestClock()).test(.router) { client in
            for _ in 0..<20 {
                let reply = try await client.execute(uri: "/api/s/1/query", method: .post, headers: alice)
                #expect(reply.status == .ok)
            }
        }
    }
}
