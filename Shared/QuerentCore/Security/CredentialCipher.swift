import Crypto
import Foundation

/// Encrypts connection details at rest with AES-256-GCM.
///
/// The sealed box is bound to the source id (as authenticated data), so a ciphertext copied
/// onto another source does not open. Key rotation: it seals with the current key and opens
/// with it or any previous key (`QUERENT_PREVIOUS_SECRET_KEYS`) until `querent rekey` has
/// sealed everything again.
public struct CredentialCipher: Sendable {
    /// Raw key bytes; `SymmetricKey` itself is not `Sendable`.
    private let keyData: Data
    private let previousKeys: [Data]
    private var key: SymmetricKey { SymmetricKey(data: keyData) }

    /// Creates a cipher from `QUERENT_SECRET_KEY`-style text: 32 bytes in base64 or hex, or any
    /// passphrase of at least 16 characters (stretched with HKDF-SHA256); `previousSecrets` are
    /// earlier keys, for opening only.
    /// - Throws: ``ServiceError`` `.badRequest` when a key is too short.
    public init(secret: String, previousSecrets: [String] = []) throws {
        let current = try Self.keyBytes(secret)
        keyData = current
        previousKeys = try previousSecrets.map(Self.keyBytes).filter { $0 != current }
    }

    private static func keyBytes(_ secret: String) throws -> Data {
        let trimmed = secret.trimmingCharacters(in: .whitespacesAndNewlines)
        if let data = Data(base64Encoded: trimmed), data.count == 32 {
            return data
        } else if trimmed.count == 64, let data = Data(hexString: trimmed) {
            return data
        } else if trimmed.count >= 16 {
            return HKDF<SHA256>.deriveKey(
                inputKeyMaterial: SymmetricKey(data: Data(trimmed.utf8)),
                salt: Data("querent.credentials.v1".utf8),
                outputByteCount: 32
            ).withUnsafeBytes { Data($0) }
        } else {
            throw ServiceError(.badRequest, "QUERENT_SECRET_KEY must be 32 bytes (base64 or hex) or a passphrase of at least 16 characters")
        }
    }

    /// A new random key in base64, for first-run set-up.
    public static func generateKey() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
    }

    /// Seals `spec` for the source `sourceId`; returns base64 text.
    public func seal(_ spec: ConnectionSpec, sourceId: String) throws -> String {
        let plaintext = try JSONEncoder.querent.encode(spec)
        let box = try AES.GCM.seal(plaintext, using: key, authenticating: Data(sourceId.utf8))
        guard let combined = box.combined else { throw ServiceError(.internalError, "could not seal credentials") }
        return combined.base64EncodedString()
    }

    /// Opens what ``seal(_:sourceId:)`` produced, with the current key or a previous one.
    /// - Throws: ``ServiceError`` `.internalError` when no key opens it or the data was altered.
    public func open(_ sealed: String, sourceId: String) throws -> ConnectionSpec {
        try opened(sealed, sourceId: sourceId).spec
    }

    /// Opens `sealed` like ``open(_:sourceId:)`` and tells whether the current key sealed it.
    public func opened(_ sealed: String, sourceId: String) throws -> (spec: ConnectionSpec, current: Bool) {
        var failure: (any Error)?
        for (index, keyData) in ([keyData] + previousKeys).enumerated() {
            do {
                guard let data = Data(base64Encoded: sealed) else { throw ServiceError(.internalError, "stored credentials are not base64") }
                let box = try AES.GCM.SealedBox(combined: data)
                let plaintext = try AES.GCM.open(box, using: SymmetricKey(data: keyData), authenticating: Data(sourceId.utf8))
                return (try JSONDecoder.querent.decode(ConnectionSpec.self, from: plaintext), index == 0)
            } catch {
                failure = error
            }
        }
        throw ServiceError(
            .internalError,
            "stored credentials cannot be decrypted (was QUERENT_SECRET_KEY changed? list the old key in QUERENT_PREVIOUS_SECRET_KEYS)",
            underlying: failure
        )
    }
}
