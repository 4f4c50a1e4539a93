import Foundation
import QuerentApplication
import QuerentCore
import QuerentTesting
import Testing

/// `querent rekey`'s use case over a real metadata store.
@Suite struct CredentialRotationTests {
    @Test func sourcesSealedWithTheOldKeyAreResealedOnceAndStillOpen() async throws {
        let harness = try await QueryHarness()
        let first = try await harness.registerSample(training: [])
        let second = try await harness.registerSample(training: [], tenant: Tenant(userId: "bob", agentId: "b1"))
        let oldKey = harness.dependencies.configuration.secretKey
        let newKey = CredentialCipher.generateKey()
        let before = try await harness.store.sealedConnections()
        #expect(Set(before.keys) == [first, second])

        let rotation = CredentialRotation(store: harness.store, cipher: try CredentialCipher(secret: newKey, previousSecrets: [oldKey]))
        let report = try await rotation.run()
        #expect(report.resealed == [first, second].sorted())
        #expect(report.current.isEmpty && report.unreadable.isEmpty)
        // The new key alone opens every source now, to the same details; the old one no longer does.
        let after = try await harness.store.sealedConnections()
        let newOnly = try CredentialCipher(secret: newKey)
        for id in [first, second] {
            #expect(after[id] != before[id])
            #expect(try newOnly.open(after[id] ?? "", sourceId: id) == (try CredentialCipher(secret: oldKey).open(before[id] ?? "", sourceId: id)))
            #expect(throws: ServiceError.self) { try CredentialCipher(secret: oldKey).open(after[id] ?? "", sourceId: id) }
        }
        // Again: nothing to do.
        let again = try await rotation.run()
        #expect(again.current == [first, second].sorted() && again.resealed.isEmpty)
        // A key that opens nothing reports every source unreadable and changes nothing.
        let lost = try await CredentialRotation(store: harness.store, cipher: try CredentialCipher(secret: CredentialCipher.generateKey())).run()
        #expect(lost.unreadable == [first, second].sorted())
        #expect(try await harness.store.sealedConnections() == after)
    }

    /// Compare and set: a connection changed since it was read is not overwritten.
    @Test func aConnectionChangedMeanwhileIsNotOverwritten() async throws {
        let harness = try await QueryHarness()
        let id = try await harness.registerSample(training: [])
        let sealed = try #require(try await harness.store.sealedConnections()[id])
        #expect(try await harness.store.replaceSealedConnection(sourceId: id, old: "not-what-is-stored", new: "x") == false)
        #expect(try await harness.store.replaceSealedConnection(sourceId: "no-such-source", old: sealed, new: "x") == false)
        #expect(try await harness.store.sealedConnections()[id] == sealed)
    }
}
