import Crypto
import Foundation

/// Encrypts connection details at rest with AES-256-GCM.
///
/// The sealed box is bound to the source id (as authenticated data), so a ciphertext copied
/// onto another source does not open.
public struct CredentialCipher: Sendable {
    /// Raw key bytes; `SymmetricKey` itself is not `Sendable`.
    private let keyData: Data
    private var key: SymmetricKey { SymmetricKey(data: keyData) }

    /// Creates a cipher from `QUERENT_SECRET_KEY`-style text: 32 bytes in base64 or hex, or any
    /// passphrase of at least 16 characters (stretched with HKDF-SHA256).
    /// - Throws: ``ServiceError`` `.badRequest` when the key is too short.
    public init(secret: String) throws {
        let trimmed = secret.trimmingCharacters(in: .whitespacesAndNewlines)
        if let data = Data(base64Encoded: trimmed), data.count == 32 {
            keyData = data
        } else if trimmed.count == 64, let data = Data(hexString: trimmed) {
            keyData = data
        } else if trimmed.count >= 16 {
            keyData = HKDF<SHA256>.deriveKey(
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

    /// Opens what ``seal(_:sourceId:)`` produced.
    /// - Throws: ``ServiceError`` `.internalError` when the key is wrong or the data was altered.
    public func open(_ sealed: String, sourceId: String) throws -> ConnectionSpec {
        do {
            guard let data = Data(base64Encoded: sealed) else { throw ServiceError(.internalError, "stored credentials are not base64") }
            let box = try AES.GCM.SealedBox(combined: data)
            let plaintext = try AES.GCM.open(box, using: key, authenticating: Data(sourceId.utf8))
            return try JSONDecoder.querent.decode(ConnectionSpec.self, from: plaintext)
        } catch {
            throw ServiceError(.internalError, "stored credentials cannot be decrypted (was QUERENT_SECRET_KEY changed?)", underlying: error)
        }
    }
}
