import Foundation
import QuerentCore

/// Re-seals every source's connection details with the current credential key, after
/// `QUERENT_SECRET_KEY` changed and the old key went to `QUERENT_PREVIOUS_SECRET_KEYS`
/// (`querent rekey`). Safe to run while services serve: each source is replaced only if its
/// sealed text is still the one read (compare and set), and running it again changes nothing.
public struct CredentialRotation: Sendable {
    let store: any MetadataStore
    let cipher: CredentialCipher

    /// - Parameter cipher: the current key, with the previous ones it may find.
    public init(store: any MetadataStore, cipher: CredentialCipher) {
        self.store = store
        self.cipher = cipher
    }

    /// What a run did, by source id.
    public struct Report: Sendable, Equatable {
        /// Sealed again with the current key.
        public var resealed: [String] = []
        /// Already sealed with the current key.
        public var current: [String] = []
        /// Opened by no key given (or changed while the run read it): left as they were.
        public var unreadable: [String] = []
    }

    /// Re-seals what a previous key sealed.
    public func run() async throws -> Report {
        var report = Report()
        for (sourceId, sealed) in try await store.sealedConnections().sorted(by: { $0.key < $1.key }) {
            guard let (spec, current) = try? cipher.opened(sealed, sourceId: sourceId) else {
                report.unreadable.append(sourceId)
                continue
            }
            if current {
                report.current.append(sourceId)
            } else if try await store.replaceSealedConnection(sourceId: sourceId, old: sealed, new: try cipher.seal(spec, sourceId: sourceId)) {
                report.resealed.append(sourceId)
            } else {
                report.unreadable.append(sourceId)
            }
        }
        return report
    }
}
