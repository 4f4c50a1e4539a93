import ArgumentParser
import Foundation
import Logging
import QuerentApplication
import QuerentCore
import QuerentRuntime

/// `querent rekey`: re-seals every source's stored credentials with the current key.
struct RekeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rekey",
        abstract: "Re-encrypt every source's stored credentials with the current QUERENT_SECRET_KEY.",
        discussion: """
            Rotating the credential key: set QUERENT_SECRET_KEY to the new key and list the old one in \
            QUERENT_PREVIOUS_SECRET_KEYS (comma-separated) for every service, then run, with the same \
            QUERENT_METADATA_URL:

              QUERENT_METADATA_URL=postgres://… QUERENT_SECRET_KEY=<new> QUERENT_PREVIOUS_SECRET_KEYS=<old> querent rekey

            Services keep working meanwhile; running it again changes nothing. Once it reports no \
            unreadable source, drop QUERENT_PREVIOUS_SECRET_KEYS. Exits non-zero when a source could not \
            be opened with any key given.
            """
    )

    func run() async throws {
        let configuration = try QuerentConfiguration(requiresRedis: false)
        let cipher = try CredentialCipher(secret: configuration.secretKey, previousSecrets: configuration.previousSecretKeys)
        var logger = Logger(label: "querent-rekey")
        logger.logLevel = .warning
        let dependencies = try await Dependencies.make(configuration, logger: logger)
        let report: CredentialRotation.Report
        do {
            report = try await CredentialRotation(store: dependencies.store, cipher: cipher).run()
        } catch {
            await dependencies.close()
            throw error
        }
        await dependencies.close()
        print("re-encrypted \(report.resealed.count), already current \(report.current.count), unreadable \(report.unreadable.count)")
        for id in report.unreadable { print("  unreadable: source \(id)") }
        if !report.unreadable.isEmpty { throw ExitCode.failure }
    }
}
