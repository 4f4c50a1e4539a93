import Foundation
import QuerentCore
import Testing

@Suite struct CredentialCipherTests {
    let spec = ConnectionSpec(
        url: "postgres://app:Sup3r-Secret-pw@db.internal:5432/shop?sslmode=require",
        host: "db.internal",
        port: 5432,
        database: "shop",
        user: "app",
        password: "Sup3r-Secret-pw",
        sslmode: "require"
    )

    @Test func sealThenOpenRoundTrips() throws {
        let cipher = try CredentialCipher(secret: CredentialCipher.generateKey())
        let sealed = try cipher.seal(spec, sourceId: "source-1")
        #expect(try cipher.open(sealed, sourceId: "source-1") == spec)
    }

    /// Rotation: the new key seals, old sealed text still opens through the previous keys, and
    /// `opened` says which key it took; without the old key it does not open.
    @Test func previousKeysOpenWhatTheySealed() throws {
        let (old, new) = (CredentialCipher.generateKey(), CredentialCipher.generateKey())
        let sealedByOld = try CredentialCipher(secret: old).seal(spec, sourceId: "source-1")
        let rotated = try CredentialCipher(secret: new, previousSecrets: [old])
        let viaOld = try rotated.opened(sealedByOld, sourceId: "source-1")
        #expect(viaOld.spec == spec && !viaOld.current)
        let sealedByNew = try rotated.seal(spec, sourceId: "source-1")
        let viaNew = try rotated.opened(sealedByNew, sourceId: "source-1")
        #expect(viaNew.spec == spec && viaNew.current)
        #expect(throws: ServiceError.self) { try CredentialCipher(secret: old).open(sealedByNew, sourceId: "source-1") }
        let error = #expect(throws: ServiceError.self) { try CredentialCipher(secret: new).open(sealedByOld, sourceId: "source-1") }
        #expect(error?.message.contains("QUERENT_PREVIOUS_SECRET_KEYS") == true)
        #expect(throws: ServiceError.self) { try CredentialCipher(secret: new, previousSecrets: ["short"]) }
    }

    @Test func sealedTextHidesThePassword() throws {
        let cipher = try CredentialCipher(secret: CredentialCipher.generateKey())
        let sealed = try cipher.seal(spec, sourceId: "source-1")
        let decoded = Data(base64Encoded: sealed) ?? Data()
        #expect(!sealed.contains("Sup3r-Secret-pw"))
        #expect(!decoded.isEmpty)
        #expect(String(decoding: decoded, as: UTF8.self).contains("Sup3r") == false)
        #expect(String(decoding: decoded, as: UTF8.self).contains("db.internal") == false)
    }

    @Test func sealingTwiceUsesFreshNonces() throws {
        let cipher = try CredentialCipher(secret: CredentialCipher.generateKey())
        #expect(try cipher.seal(spec, sourceId: "s") != cipher.seal(spec, sourceId: "s"))
    }

    @Test func wrongKeyFails() throws {
        let sealed = try CredentialCipher(secret: CredentialCipher.generateKey()).seal(spec, sourceId: "source-1")
        let other = try CredentialCipher(secret: CredentialCipher.generateKey())
        let error = #expect(throws: ServiceError.self) { try other.open(sealed, sourceId: "source-1") }
        #expect(error?.code == .internalError)
        #expect(error?.message.contains("QUERENT_SECRET_KEY") == true)
        #expect(error.map { String(describing: $0) }?.contains("Sup3r") == false)
    }

    @Test func sealedBoxIsBoundToTheSourceId() throws {
        let cipher = try CredentialCipher(secret: CredentialCipher.generateKey())
        let sealed = try cipher.seal(spec, sourceId: "source-1")
        #expect(throws: ServiceError.self) { try cipher.open(sealed, sourceId: "source-2") }
        #expect(throws: ServiceError.self) { try cipher.open(sealed, sourceId: "") }
        #expect(try cipher.open(sealed, sourceId: "source-1") == spec)
    }

    @Test func alteredCiphertextFails() throws {
        let cipher = try CredentialCipher(secret: CredentialCipher.generateKey())
        var bytes = [UInt8](Data(base64Encoded: try cipher.seal(spec, sourceId: "s"))!)
        bytes[bytes.count / 2] ^= 0x01
        #expect(throws: ServiceError.self) { try cipher.open(Data(bytes).base64EncodedString(), sourceId: "s") }
        #expect(throws: ServiceError.self) { try cipher.open("not base64 at all!", sourceId: "s") }
        #expect(throws: ServiceError.self) { try cipher.open("", sourceId: "s") }
    }

    @Test func keyFormats() throws {
        let raw = Data((0..<32).map { UInt8($0) })
        let base64 = try CredentialCipher(secret: raw.base64EncodedString())
        let hex = try CredentialCipher(secret: raw.map { String(format: "%02x", $0) }.joined())
        // The same 32 bytes in base64 and in hex are the same key.
        #expect(try hex.open(base64.seal(spec, sourceId: "s"), sourceId: "s") == spec)
        // A passphrase is stretched deterministically; a different one is a different key.
        let passphrase = "correct horse battery staple"
        let first = try CredentialCipher(secret: passphrase)
        let second = try CredentialCipher(secret: "  \(passphrase)\n")
        #expect(try second.open(first.seal(spec, sourceId: "s"), sourceId: "s") == spec)
        let third = try CredentialCipher(secret: passphrase + "!")
        #expect(throws: ServiceError.self) { try third.open(first.seal(spec, sourceId: "s"), sourceId: "s") }
    }

    @Test(arguments: ["", "short", "fifteen-chars!!"])
    func shortKeysAreRefused(secret: String) throws {
        let error = #expect(throws: ServiceError.self) { try CredentialCipher(secret: secret) }
        #expect(error?.code == .badRequest)
    }
}
