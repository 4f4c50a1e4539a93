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

    @Test func aTokenWithoutExpIsRejected() throws {
        var claims = TestTokens.claims(for: tenant)
        claims["exp"] = nil
        let error = try #require(rejection(TestTokens.craft(claims: claims)))
        #expect(error.message.contains("'exp'"))
        claims["exp"] = .string("tomorrow")
        #expect(rejection(TestTokens.craft(claims: claims))?.code == .unauthorized)
    }

    /// `nbf` and `iat` allow a minute of clock skew; beyond it they are refused.
    @Test func notBeforeAndIssuedAtAllowSmallClockSkew() throws {
        let now = Date()
        for claim in ["nbf", "iat"] {
            var claims = TestTokens.claims(for: tenant, now: now)
            claims[claim] = .int(Int64(now.timeIntervalSince1970) + 30)
            #expect(try signer.verify(TestTokens.craft(claims: claims), now: now) == tenant, "\(claim) 30 s ahead")
            claims[claim] = .int(Int64(now.timeIntervalSince1970) + 120)
            #expect(rejection(TestTokens.craft(claims: claims), now: now)?.code == .unauthorized, "\(claim) 2 min ahead")
            claims[claim] = .string("soon")
            #expect(rejection(TestTokens.craft(claims: claims), now: now)?.code == .unauthorized, "\(claim) not a number")
        }
    }

    @Test func aCritHeaderIsRejected() throws {
        let token = TestTokens.craft(header: ["alg": .string("HS256"), "crit": .array([.string("exp")])], claims: TestTokens.claims(for: tenant))
        #expect(rejection(token)?.message.contains("crit") == true)
    }

    /// Rotation: tokens of the previous secret keep working while it is listed, by `kid` or
    /// without one; an unknown `kid` or a dropped secret does not.
    @Test func previousSecretsVerifyDuringRotation() throws {
        let old = TokenSigner(secret: "the-old-secret-0123456789abcdef")
        let rotated = TokenSigner(secret: "the-new-secret-0123456789abcdef", previousSecrets: ["the-old-secret-0123456789abcdef"])
        let oldToken = old.issue(for: tenant)
        #expect(try rotated.verify(oldToken) == tenant)
        #expect(try rotated.verify(rotated.issue(for: tenant)) == tenant)
        #expect(rotated.keyId != old.keyId)
        // Without a kid (a token minted elsewhere), every accepted secret is tried.
        let unkeyed = TestTokens.craft(claims: TestTokens.claims(for: tenant), signingSecret: "the-old-secret-0123456789abcdef")
        #expect(try rotated.verify(unkeyed) == tenant)
        // Once the old secret is dropped, its tokens fail.
        let dropped = TokenSigner(secret: "the-new-secret-0123456789abcdef")
        #expect(throws: ServiceError.self) { try dropped.verify(oldToken) }
        // A kid naming no accepted secret fails even with a valid MAC of the current one.
        let foreignKid = TestTokens.craft(
            header: ["alg": .string("HS256"), "kid": .string("0000000000000000")],
            claims: TestTokens.claims(for: tenant)
        )
        #expect(rejection(foreignKid)?.message.contains("key id") == true)
    }

    @Test func issuedTokensNameTheirKey() throws {
        let header = try #require(TestTokens.token(for: tenant).split(separator: ".").first)
        let json = try #require(
            Data(
                base64Encoded: String(header).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
                    + String(repeating: "=", count: (4 - header.count % 4) % 4)
            )
        )
        let fields = try JSONDecoder.querent.decode([String: JSONValue].self, from: json)
        #expect(fields["kid"] == .string(signer.keyId))
        #expect(fields["alg"] == .string("HS256"))
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
        // Its kid names a key this signer does not have.
        let error = try #require(rejection(TestTokens.forged(for: tenant)))
        #expect(error.code == .unauthorized)
        #expect(error.message.contains("key id"))
        // Without a kid, the signature itself fails.
        let unkeyed = TestTokens.craft(claims: TestTokens.claims(for: tenant), signingSecret: "not-the-test-secret-at-all-0123456789")
        #expect(rejection(unkeyed)?.message.contains("signature") == true)
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
