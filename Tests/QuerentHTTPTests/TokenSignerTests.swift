import Foundation
import QuerentCore
import QuerentHTTP
import QuerentTesting
import Testing

@Suite struct TokenSignerTests {
    let tenant = Tenant(userId: "user-1", agentId: "agent-7")
    let signer = TestTokens.signer

    private func rejection(_ token: String, now: Date = Date()) -> ServiceError? {
        do {
            _ = try signer.verify(token, now: now)
            return nil
        } catch let error as ServiceError {
            return error
        } catch {
            Issue.record("unexpected error type: \(error)")
            return nil
        }
    }

    @Test func validTokenYieldsItsTenant() throws {
        let token = TestTokens.token(for: tenant)
        #expect(token.split(separator: ".", omittingEmptySubsequences: false).count == 3)
        #expect(try signer.verify(token) == tenant)
    }

    @Test func tokenWithoutLifetimeNeverExpires() throws {
        let token = signer.issue(for: tenant, lifetime: nil)
        #expect(try signer.verify(token, now: Date().addingTimeInterval(100 * 365 * 86_400)) == tenant)
    }

    @Test func expiredTokenIsRejected() throws {
        let error = try #require(rejection(TestTokens.expired(for: tenant)))
        #expect(error.code == .unauthorized)
        #expect(error.message.contains("expired"))
    }

    @Test func tokenExpiresExactlyAtExp() throws {
        let issued = Date(timeIntervalSince1970: 1_700_000_000)
        let token = signer.issue(for: tenant, lifetime: 60, now: issued)
        #expect(try signer.verify(token, now: issued.addingTimeInterval(59)) == tenant)
        #expect(rejection(token, now: issued.addingTimeInterval(60))?.code == .unauthorized)
    }

    @Test func notYetValidTokenIsRejected() throws {
        var claims = TestTokens.claims(for: tenant)
        claims["nbf"] = .int(Int64(Date().timeIntervalSince1970) + 600)
        let error = try #require(rejection(TestTokens.craft(claims: claims)))
        #expect(error.code == .unauthorized)
        #expect(error.message.contains("not yet valid"))
    }

    @Test func tokenSignedWithAnotherSecretIsRejected() throws {
        let error = try #require(rejection(TestTokens.forged(for: tenant)))
        #expect(error.code == .unauthorized)
        #expect(error.message.contains("signature"))
    }

    @Test func tamperedPayloadIsRejected() throws {
        let parts = TestTokens.token(for: tenant).split(separator: ".").map(String.init)
        let otherClaims = TestTokens.claims(for: Tenant(userId: "mallory", agentId: tenant.agentId))
        let payload = TestTokens.base64URL(try JSONEncoder.querent.encode(otherClaims))
        let error = try #require(rejection([parts[0], payload, parts[2]].joined(separator: ".")))
        #expect(error.code == .unauthorized)
        #expect(error.message.contains("signature"))
    }

    @Test func algNoneIsRejected() throws {
        let error = try #require(rejection(TestTokens.unsigned(for: tenant)))
        #expect(error.code == .unauthorized)
        #expect(error.message.contains("HS256"))
        // Even with a valid HS256 MAC attached, a header that says `none` is refused.
        let claims = TestTokens.claims(for: tenant)
        let withMAC = TestTokens.craft(header: ["alg": .string("none")], claims: claims)
        #expect(rejection(withMAC)?.code == .unauthorized)
    }

    @Test(arguments: ["HS512", "RS256", "hs256", ""])
    func otherAlgorithmsAreRejected(alg: String) throws {
        let token = TestTokens.craft(header: ["alg": .string(alg), "typ": .string("JWT")], claims: TestTokens.claims(for: tenant))
        #expect(rejection(token)?.code == .unauthorized)
    }

    @Test func headerWithoutAlgIsRejected() throws {
        let token = TestTokens.craft(header: ["typ": .string("JWT")], claims: TestTokens.claims(for: tenant))
        #expect(rejection(token)?.code == .unauthorized)
    }

    @Test(arguments: ["sub", "agent_id"])
    func missingClaimIsRejected(claim: String) throws {
        var claims = TestTokens.claims(for: tenant)
        claims[claim] = nil
        let error = try #require(rejection(TestTokens.craft(claims: claims)))
        #expect(error.code == .unauthorized)
        #expect(error.message.contains("sub") && error.message.contains("agent_id"))
    }

    @Test(arguments: ["sub", "agent_id"])
    func emptyOrNonStringClaimIsRejected(claim: String) throws {
        var claims = TestTokens.claims(for: tenant)
        claims[claim] = .string("")
        #expect(rejection(TestTokens.craft(claims: claims))?.code == .unauthorized)
        claims[claim] = .int(42)
        #expect(rejection(TestTokens.craft(claims: claims))?.code == .unauthorized)
    }

    @Test(arguments: ["", "abc", "a.b", "a.b.c.d", "!!!.###.$$$", "eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.sig"])
    func malformedTokensAreRejected(token: String) throws {
        #expect(rejection(token)?.code == .unauthorized)
    }

    @Test func claimsArePreservedExactly() throws {
        let unusual = Tenant(userId: "üser with spaces/and+symbols", agentId: "agent=\"quoted\"")
        #expect(try signer.verify(signer.issue(for: unusual)) == unusual)
    }
}
