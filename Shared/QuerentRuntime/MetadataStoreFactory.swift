import Foundation
import QuerentCore
import QuerentPostgres
import QuerentSQLStore
import QuerentSQLite

/// Opens the metadata store named by a URL (`QUERENT_METADATA_URL`).
public enum MetadataStoreFactory {
    /// - Parameter url: `postgres://…`/`postgresql://…` for Postgres; `sqlite:///path`, `file:path`
    ///   or a plain path for SQLite.
    /// - Throws: ``QuerentCore/ServiceError`` `.badRequest` for an unusable URL.
    public static func open(url: String) throws -> SQLMetadataStore {
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") || url.contains("dbname=") {
            return SQLMetadataStore(client: try PostgresClient(url: url))
        }
        var path = url
        for prefix in ["sqlite://", "file://", "file:"] where path.hasPrefix(prefix) {
            path = String(path.dropFirst(prefix.count))
            break
        }
        guard !path.isEmpty else { throw ServiceError(.badRequest, "QUERENT_METADATA_URL is empty") }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        return SQLMetadataStore(client: SQLiteClient(path: path))
    }
}
