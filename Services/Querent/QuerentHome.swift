import Foundation
import QuerentCore
import QuerentRuntime

/// The embedded Querent's state directory (`QUERENT_HOME`, default `./.querent`): the SQLite
/// metadata store, the sample database and the generated secrets.
struct QuerentHome {
    let path: String

    init(path: String?) {
        let given = path ?? ProcessInfo.processInfo.environment["QUERENT_HOME"] ?? "./.querent"
        self.path = URL(fileURLWithPath: given).standardizedFileURL.path
    }

    var metadataPath: String { path + "/metadata.sqlite" }
    var samplePath: String { path + "/sample.sqlite" }

    func create() throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    /// The credential encryption key: `QUERENT_SECRET_KEY`, else `secret.key` in the home,
    /// generated on first use with mode 0600.
    /// The configuration of the embedded processes over this home: SQLite metadata, its secret
    /// key, in-process messaging, SQLite sources limited by `QUERENT_SQLITE_DIRS` and never the
    /// home's own metadata file.
    func configuration(environment: [String: String]) throws -> QuerentConfiguration {
        var configuration = QuerentConfiguration(
            metadataURL: metadataPath,
            secretKey: try secretKey(),
            messaging: .inProcess,
            environment: environment
        )
        let directories = environment["QUERENT_SQLITE_DIRS"]?.split(separator: ":").map(String.init).filter { !$0.isEmpty }
        configuration.sqliteDirectories = directories?.isEmpty == false ? directories : nil
        configuration.deniedSQLitePaths = [metadataPath]
        return configuration
    }

    func secretKey() throws -> String {
        try secret(environment: "QUERENT_SECRET_KEY", file: "secret.key")
    }

    /// The token signing secret: `QUERENT_JWT_SECRET`, else `jwt.secret` in the home.
    func jwtSecret() throws -> String {
        try secret(environment: "QUERENT_JWT_SECRET", file: "jwt.secret")
    }

    private func secret(environment name: String, file: String) throws -> String {
        if let value = ProcessInfo.processInfo.environment[name], !value.isEmpty { return value }
        let filePath = path + "/" + file
        if let existing = try? String(contentsOfFile: filePath, encoding: .utf8) {
            return existing.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        try create()
        let value = CredentialCipher.generateKey()
        guard FileManager.default.createFile(atPath: filePath, contents: Data(value.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw ServiceError(.internalError, "cannot write \(filePath)")
        }
        return value
    }
}
