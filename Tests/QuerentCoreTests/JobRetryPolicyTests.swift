import QuerentCore
import Testing

@Suite struct JobRetryPolicyTests {
    @Test func firstFailureRetriesAsAttemptTwoAfterTheBaseDelay() {
        let policy = JobRetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(250), maxDelay: .seconds(60))
        #expect(policy.action(afterFailedAttempt: 1) == .retry(attempt: 2, delay: .milliseconds(250)))
    }

    @Test func delaysDoubleForEachLaterAttempt() {
        let policy = JobRetryPolicy(maxAttempts: 6, baseDelay: .seconds(1), maxDelay: .seconds(60))
        #expect(policy.action(afterFailedAttempt: 1) == .retry(attempt: 2, delay: .seconds(1)))
        #expect(policy.action(afterFailedAttempt: 2) == .retry(attempt: 3, delay: .seconds(2)))
        #expect(policy.action(afterFailedAttempt: 3) == .retry(attempt: 4, delay: .seconds(4)))
        #expect(policy.action(afterFailedAttempt: 4) == .retry(attempt: 5, delay: .seconds(8)))
    }

    @Test func delayIsCappedAtMaxDelay() {
        let policy = JobRetryPolicy(maxAttempts: 100, baseDelay: .seconds(1), maxDelay: .seconds(5))
        #expect(policy.action(afterFailedAttempt: 3) == .retry(attempt: 4, delay: .seconds(4)))
        #expect(policy.action(afterFailedAttempt: 4) == .retry(attempt: 5, delay: .seconds(5)))
        #expect(policy.action(afterFailedAttempt: 10) == .retry(attempt: 11, delay: .seconds(5)))
        // Far past any sane exponent: still capped, no overflow trap.
        #expect(policy.action(afterFailedAttempt: 80) == .retry(attempt: 81, delay: .seconds(5)))
    }

    @Test func deadLettersAfterMaxAttempts() {
        let policy = JobRetryPolicy(maxAttempts: 3, baseDelay: .seconds(1))
        #expect(policy.action(afterFailedAttempt: 2) == .retry(attempt: 3, delay: .seconds(2)))
        #expect(policy.action(afterFailedAttempt: 3) == .deadLetter)
        #expect(policy.action(afterFailedAttempt: 4) == .deadLetter)
    }

    @Test func defaultsToThreeAttempts() {
        let policy = JobRetryPolicy()
        #expect(policy.maxAttempts == 3)
        #expect(policy.action(afterFailedAttempt: 1) == .retry(attempt: 2, delay: .seconds(1)))
        #expect(policy.action(afterFailedAttempt: 2) == .retry(attempt: 3, delay: .seconds(2)))
        #expect(policy.action(afterFailedAttempt: 3) == .deadLetter)
    }

    @Test func atLeastOneAttempt() {
        let policy = JobRetryPolicy(maxAttempts: 0)
        #expect(policy.maxAttempts == 1)
        #expect(policy.action(afterFailedAttempt: 1) == .deadLetter)
    }
}
